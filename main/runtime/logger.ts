import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

export interface LoggerOptions {
  /** Folder for showsite.log (JSON lines); omitted = console only. */
  dir?: string;
  /** Lowest level written to the file. */
  level?: LogLevel;
  console?: boolean;
  /** Lowest level printed on the console (default: same as level). */
  consoleLevel?: LogLevel;
  /** Rotate when the file passes this size; keep `keep` old files (.1 newest). */
  maxBytes?: number;
  keep?: number;
}

/** Structured logs: one JSON object per line in a rotating file, and a short human line on the console. */
export function createLogger(options: LoggerOptions): Logger {
  const level = rank[options.level ?? 'info'];
  const consoleLevel = rank[options.consoleLevel ?? options.level ?? 'info'];
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const file = options.dir ? join(options.dir, 'showsite.log') : undefined;
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  let size = file ? fileSize(file) : 0;

  const rotate = (path: string) => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) tryRename(`${path}.${i}`, `${path}.${i + 1}`);
    tryRename(path, `${path}.1`);
    size = 0;
  };

  const write = (lvl: LogLevel, component: string, msg: string, fields?: Record<string, unknown>) => {
    const toFile = file !== undefined && rank[lvl] >= level;
    const toConsole = options.console && rank[lvl] >= consoleLevel;
    if (!toFile && !toConsole) return;
    const ts = new Date();
    if (toFile) {
      const line = `${safeJson({ ts: ts.toISOString(), level: lvl, component, msg, ...fields })}\n`;
      try {
        const bytes = Buffer.byteLength(line);
        if (size + bytes > maxBytes) rotate(file);
        appendFileSync(file, line);
        size += bytes;
      } catch {
        // A full disk must not take the show down; the console line below still goes out.
      }
    }
    if (toConsole) {
      const extra = fields && Object.keys(fields).length ? ` ${safeJson(fields)}` : '';
      const out = `${ts.toISOString().slice(11, 19)} ${lvl.padEnd(5)} [${component}] ${msg}${extra}`;
      if (rank[lvl] >= rank.warn) console.error(out);
      else console.log(out);
    }
  };

  const make = (component: string): Logger => ({
    debug: (m, f) => write('debug', component, m, f),
    info: (m, f) => write('info', component, m, f),
    warn: (m, f) => write('warn', component, m, f),
    error: (m, f) => write('error', component, m, f),
    child: (name) => make(`${component}.${name}`),
  });
  return make('core');
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function tryRename(from: string, to: string) {
  try {
    renameSync(from, to);
  } catch {
    // missing older file: nothing to shift
  }
}

function safeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : typeof v === 'bigint' ? v.toString() : v));
}
