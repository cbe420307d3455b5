// Window bounds remembered across launches. Pure logic plus tiny file I/O; a bad file never stops the app.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const minWindowSize = { width: 800, height: 560 } as const;

const dimension = z.number().int().min(100).max(100_000);
const coordinate = z.number().int().min(-100_000).max(100_000);

export const WindowState = z.object({
  /** Absent = let the OS centre the window. */
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: dimension,
  height: dimension,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };

export const windowStateFile = (userDataDir: string) => path.join(userDataDir, 'window-state.json');

/** Anything unreadable (missing, not JSON, wrong shape) means "defaults". */
export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return { ...defaultWindowState };
  try {
    const parsed = WindowState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...defaultWindowState };
  } catch {
    return { ...defaultWindowState };
  }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Makes a saved state fit the displays present now (a monitor may have been unplugged):
 * the window goes to the display it overlaps most and is clamped inside its work area;
 * if it overlaps none it is centred on the primary display. Size never exceeds the work area.
 * `workAreas[0]` is the primary display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const sizeFor = (area: Rect) => ({
    width: clamp(state.width, Math.min(minWindowSize.width, area.width), area.width),
    height: clamp(state.height, Math.min(minWindowSize.height, area.height), area.height),
  });
  if (state.x === undefined || state.y === undefined) {
    return { width: sizeFor(primary).width, height: sizeFor(primary).height, maximized: state.maximized };
  }
  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const a = overlapArea(rect, area);
    if (a > bestArea) {
      best = area;
      bestArea = a;
    }
  }
  const target = best ?? primary;
  const { width, height } = sizeFor(target);
  if (!best) {
    return {
      x: Math.round(target.x + (target.width - width) / 2),
      y: Math.round(target.y + (target.height - height) / 2),
      width,
      height,
      maximized: state.maximized,
    };
  }
  return {
    x: clamp(state.x, target.x, target.x + target.width - width),
    y: clamp(state.y, target.y, target.y + target.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}

export function loadWindowState(file: string): WindowState {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  return parseWindowState(text);
}

/** Write-then-rename, so a crash mid-write leaves the previous file rather than half a JSON. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}

/** Runs `fn` once `delayMs` after the last call; `flush` runs a pending call now. */
export function debounce(fn: () => void, delayMs: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    fn();
  };
  const debounced = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  debounced.flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
