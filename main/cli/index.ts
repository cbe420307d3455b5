#!/usr/bin/env node
// `showsite <command>`: serve (the headless core + UI) and decode (BLE advertisements, for debugging gateways).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { decodeCommand } from './decode.ts';
import { serveCommand } from './serve.ts';

const usage = `Usage: showsite <command> [options]

Commands:
  serve     run the console headless and serve it to browsers (showsite serve --help)
  decode    decode a Govee BLE advertisement or a capture file (showsite decode --help)

Options:
  -h, --help        this text
  -v, --version     print the version
`;

/** Walk up from this file to the package root (works from main/cli/ and from dist/core/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

async function main(argv: string[]): Promise<number> {
  const root = packageRoot();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const [command, ...rest] = argv;
  if (command === '-v' || command === '--version') {
    console.log(version);
    return 0;
  }
  if (command === 'serve') return serveCommand(rest, { root, version });
  if (command === 'decode') return printed(await decodeCommand(rest, { readFile: (path) => readFile(path, 'utf8') }));
  if (command === undefined || command === '-h' || command === '--help') {
    (command ? console.log : console.error)(usage);
    return command ? 0 : 2;
  }
  console.error(`showsite: unknown command "${command}"\n\n${usage}`);
  return 2;
}

/** Write a command's output and wait until it is flushed (process.exit would cut a piped stdout short). */
async function printed(out: { code: number; stdout: string; stderr: string }): Promise<number> {
  const write = (stream: NodeJS.WriteStream, text: string) => new Promise<void>((resolve) => (text === '' ? resolve() : stream.write(text, () => resolve())));
  await write(process.stdout, out.stdout);
  await write(process.stderr, out.stderr);
  return out.code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`showsite: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
