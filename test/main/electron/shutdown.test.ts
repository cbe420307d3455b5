import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShutdown } from '../../../main/electron/shutdown.ts';
import { startupFailureText } from '../../../main/electron/startup-error.ts';

const quitEvent = () => ({ preventDefault: vi.fn() });

describe('createShutdown', () => {
  afterEach(() => vi.useRealTimers());

  it('holds the first quit, stops the core, then exits 0', async () => {
    const order: string[] = [];
    let release!: () => void;
    const stop = vi.fn(() => new Promise<void>((r) => (release = r)).then(() => void order.push('stopped')));
    const exit = vi.fn((code: number) => void order.push(`exit ${code}`));
    const s = createShutdown({ stop, exit });

    const first = quitEvent();
    s.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(s.state).toBe('stopping');
    expect(exit).not.toHaveBeenCalled();

    // A second Cmd+Q while the store flushes must not cut it short.
    const second = quitEvent();
    s.onBeforeQuit(second);
    expect(second.preventDefault).toHaveBeenCalled();

    release();
    await s.run();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['stopped', 'exit 0']);
    expect(s.state).toBe('done');

    const late = quitEvent();
    s.onBeforeQuit(late);
    expect(late.preventDefault).not.toHaveBeenCalled();
  });

  it('signals and quit share one stop', async () => {
    const stop = vi.fn(async () => undefined);
    const exit = vi.fn();
    const s = createShutdown({ stop, exit });
    await Promise.all([s.run(), s.run(), (s.onBeforeQuit(quitEvent()), s.run())]);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('exits 1 and reports when stop fails', async () => {
    const onError = vi.fn();
    const exit = vi.fn();
    const s = createShutdown({ stop: async () => Promise.reject(new Error('disk full')), exit, onError });
    await s.run();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits anyway when stop hangs past the timeout', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const onError = vi.fn();
    const s = createShutdown({ stop: () => new Promise(() => undefined), exit, onError, timeoutMs: 5000 });
    const done = s.run();
    await vi.advanceTimersByTimeAsync(4999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/5000 ms/);
  });
});

describe('startupFailureText', () => {
  it('names the cause and the log folder', () => {
    const t = startupFailureText(new Error('port 8787 is in use'), '/home/op/.config/Showsite Console/logs');
    expect(t.message).toMatch(/could not start/);
    expect(t.detail).toContain('port 8787 is in use');
    expect(t.detail).toContain('/home/op/.config/Showsite Console/logs');
  });

  it('copes with non-Error throws', () => {
    expect(startupFailureText('database locked', '/logs').detail).toContain('database locked');
    expect(startupFailureText(new Error(''), '/logs').detail).toContain('Unknown error.');
  });
});

describe('createShutdown exit codes', () => {
  it('exits with the requested code after a clean stop (startup failure → 1)', async () => {
    const exit = vi.fn();
    await createShutdown({ stop: async () => undefined, exit }).run(1);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
