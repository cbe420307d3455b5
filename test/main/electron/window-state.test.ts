import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  debounce,
  defaultWindowState,
  fitToDisplays,
  loadWindowState,
  minWindowSize,
  parseWindowState,
  saveWindowState,
  windowStateFile,
  type Rect,
} from '../../../main/electron/window-state.ts';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 }; // primary, taskbar excluded
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a valid file', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1400,"height":900,"maximized":true}')).toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: true });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{"x":1,'],
    ['wrong types', '{"width":"big","height":900,"maximized":false}'],
    ['absurd size', '{"width":5,"height":900,"maximized":false}'],
    ['fractional', '{"width":1000.5,"height":900,"maximized":false}'],
    ['array', '[]'],
    ['null', 'null'],
  ])('%s → defaults', (_label, text) => {
    expect(parseWindowState(text)).toEqual(defaultWindowState);
  });

  it('returns a copy, so callers cannot corrupt the defaults', () => {
    const s = parseWindowState(undefined);
    s.width = 1;
    expect(defaultWindowState.width).toBe(1280);
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is fully visible', () => {
    const s = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [laptop, rightMonitor])).toEqual(s);
  });

  it('keeps a window on a secondary display', () => {
    const s = { x: 2200, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitToDisplays(s, [laptop, rightMonitor])).toEqual(s);
  });

  it('centres a window whose monitor was unplugged on the primary display', () => {
    const s = { x: 2200, y: 100, width: 1600, height: 1000, maximized: false };
    const fitted = fitToDisplays(s, [laptop]);
    expect(fitted).toEqual({ x: 160, y: 20, width: 1600, height: 1000, maximized: false });
  });

  it('pulls a half off-screen window fully inside the display it mostly covers', () => {
    const fitted = fitToDisplays({ x: -500, y: 900, width: 1200, height: 800, maximized: false }, [laptop, rightMonitor]);
    expect(fitted).toEqual({ x: 0, y: 240, width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than the work area', () => {
    const fitted = fitToDisplays({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, [laptop]);
    expect(fitted).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('honours negative coordinates of a display left of the primary', () => {
    const left: Rect = { x: -1280, y: 0, width: 1280, height: 1024 };
    const s = { x: -1200, y: 50, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(s, [laptop, left])).toEqual(s);
  });

  it('without a saved position lets the OS centre, but still caps the size', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(fitToDisplays({ width: 1280, height: 800, maximized: false }, [small])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('does not go below the minimum size when the display allows it', () => {
    const fitted = fitToDisplays({ x: 0, y: 0, width: 200, height: 150, maximized: false }, [laptop]);
    expect(fitted).toMatchObject({ width: minWindowSize.width, height: minWindowSize.height });
  });

  it('returns the state unchanged when no display is known', () => {
    const s = { x: 5, y: 5, width: 900, height: 600, maximized: false };
    expect(fitToDisplays(s, [])).toEqual(s);
  });
});

describe('load/save', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'showsite-ws-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through <userData>/window-state.json', () => {
    const file = windowStateFile(dir);
    expect(file).toBe(path.join(dir, 'window-state.json'));
    const s = { x: 12, y: 34, width: 1111, height: 777, maximized: true };
    saveWindowState(file, s);
    expect(loadWindowState(file)).toEqual(s);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(s);
  });

  it('a missing or corrupt file gives defaults, never a throw', () => {
    const file = windowStateFile(dir);
    expect(loadWindowState(file)).toEqual(defaultWindowState);
    writeFileSync(file, '\u0000garbage');
    expect(loadWindowState(file)).toEqual(defaultWindowState);
  });

  it('creates the folder if needed', () => {
    const file = windowStateFile(path.join(dir, 'nested', 'userData'));
    saveWindowState(file, defaultWindowState);
    expect(loadWindowState(file)).toEqual(defaultWindowState);
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the last call', () => {
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d();
    vi.advanceTimersByTime(300);
    d();
    vi.advanceTimersByTime(499);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending call now; cancel drops it', () => {
    const fn = vi.fn();
    const d = debounce(fn, 500);
    d();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
