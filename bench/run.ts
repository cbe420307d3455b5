// Runs every bench/*.bench.ts and prints one JSON object. Asserts nothing: figures are for people.
//   npm run bench                  all of them
//   npm run bench -- dmx ble       only the modules whose file name contains one of these words
// Each module's default export is an async function returning its figures. The result is also written
// to test-results/bench-<time>.json, and the previous run's figures are printed beside it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const filters = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const outDir = 'test-results';
mkdirSync(outDir, { recursive: true });
const previousFile = readdirSync(outDir).filter((f) => /^bench-.*\.json$/.test(f)).sort().at(-1);
const previous = previousFile ? (JSON.parse(readFileSync(join(outDir, previousFile), 'utf8')) as Record<string, unknown>) : undefined;

const result: Record<string, unknown> = { machine: { node: process.versions.node, platform: `${process.platform}-${process.arch}`, at: new Date().toISOString() } };
for (const file of modules) {
  const name = file.replace(/\.bench\.ts$/, '');
  const started = performance.now();
  try {
    const mod = (await import(join(dir, file))) as { default: () => Promise<Record<string, unknown>> };
    result[name] = await mod.default();
  } catch (error) {
    result[name] = { error: (error as Error).message };
  }
  console.error(`bench ${name}: ${Math.round(performance.now() - started)} ms`);
}
writeFileSync(join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
console.log(JSON.stringify({ ...result, previous: previous && { at: (previous.machine as { at?: string } | undefined)?.at, file: previousFile } }, null, 2));
process.exit(0);
