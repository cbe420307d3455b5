import { describe, expect, it, vi } from 'vitest';
import type { CallOutcome } from '../../../preload/contract/api.ts';
import type { EventMessage } from '../../../preload/contract/events.ts';
import type { EventSink, Session } from '../../../main/api/session.ts';
import { createIpcSink, nullSink } from '../../../main/electron/event-sink.ts';
import { createCallHandler, isTrustedCaller, type CallerInfo } from '../../../main/electron/ipc-call.ts';
import { WindowSessions } from '../../../main/electron/window-sessions.ts';

const fromApp: CallerInfo = { sender: { id: 1 }, senderFrame: { url: 'app://showsite/index.html' } };

function fakeSession(answer: (method: string, params: unknown) => Promise<CallOutcome> = async () => ({ result: 'ok' })) {
  return { call: vi.fn(answer), close: vi.fn() } satisfies Session;
}

describe('isTrustedCaller', () => {
  it('trusts only frames on our app origin', () => {
    expect(isTrustedCaller(fromApp)).toBe(true);
    expect(isTrustedCaller({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(isTrustedCaller({ sender: { id: 1 }, senderFrame: { url: 'file:///tmp/x.html' } })).toBe(false);
    expect(isTrustedCaller({ sender: { id: 1 }, senderFrame: { url: 'app://other/index.html' } })).toBe(false);
    expect(isTrustedCaller({ sender: { id: 1 }, senderFrame: null })).toBe(false);
  });
});

describe('createCallHandler', () => {
  it('passes method and params to the window’s session and returns its outcome', async () => {
    const session = fakeSession(async () => ({ result: { version: '0.1.0' } }));
    const handle = createCallHandler((id) => (id === 1 ? session : undefined));
    await expect(handle(fromApp, 'system.health', { a: 1 })).resolves.toEqual({ result: { version: '0.1.0' } });
    expect(session.call).toHaveBeenCalledWith('system.health', { a: 1 });
  });

  it('answers forbidden to a foreign frame without touching the core', async () => {
    const session = fakeSession();
    const handle = createCallHandler(() => session);
    const outcome = await handle({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, 'settings.get', {});
    expect(outcome).toMatchObject({ error: { code: 'forbidden' } });
    expect(session.call).not.toHaveBeenCalled();
  });

  it('rejects a method that is not a sensible string', async () => {
    const session = fakeSession();
    const handle = createCallHandler(() => session);
    for (const method of [42, undefined, null, { toString: () => 'x' }, '', 'x'.repeat(101)]) {
      expect(await handle(fromApp, method, {})).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(session.call).not.toHaveBeenCalled();
  });

  it('answers unavailable when the window has no session', async () => {
    const handle = createCallHandler(() => undefined);
    expect(await handle(fromApp, 'settings.get', {})).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('turns a throwing session into an internal error instead of a rejection', async () => {
    const handle = createCallHandler(() => fakeSession(async () => Promise.reject(new Error('boom'))));
    expect(await handle(fromApp, 'settings.get', {})).toEqual({ error: { code: 'internal', message: 'boom' } });
  });
});

describe('createIpcSink', () => {
  const batch: EventMessage[] = [{ topic: 'alerts', data: { id: 1 } } as unknown as EventMessage];

  it('sends batches on showsite:event while the window lives', () => {
    const target = { send: vi.fn(), isDestroyed: vi.fn(() => false) };
    const sink = createIpcSink(target);
    expect(sink.ready()).toBe(true);
    sink.deliver(batch);
    expect(target.send).toHaveBeenCalledWith('showsite:event', batch);
  });

  it('is not ready and sends nothing once the window is destroyed', () => {
    const target = { send: vi.fn(), isDestroyed: vi.fn(() => true) };
    const sink = createIpcSink(target);
    expect(sink.ready()).toBe(false);
    sink.deliver(batch);
    expect(target.send).not.toHaveBeenCalled();
  });

  it('skips empty batches; the null sink swallows everything', () => {
    const target = { send: vi.fn(), isDestroyed: () => false };
    createIpcSink(target).deliver([]);
    expect(target.send).not.toHaveBeenCalled();
    expect(nullSink.ready()).toBe(true);
    expect(() => nullSink.deliver(batch)).not.toThrow();
  });
});

describe('WindowSessions', () => {
  const target = { send: () => undefined, isDestroyed: () => false };

  it('opens one session per window, wired to that window’s sink', () => {
    const sinks: EventSink[] = [];
    const sessions = new WindowSessions((sink) => {
      sinks.push(sink);
      return fakeSession();
    });
    const a = sessions.attach(1, target);
    const b = sessions.attach(2, { send: vi.fn(), isDestroyed: () => true });
    expect(sessions.get(1)).toBe(a);
    expect(sessions.get(2)).toBe(b);
    expect(sinks[1]?.ready()).toBe(false);
    expect(sessions.size).toBe(2);
  });

  it('closes the previous session when a window re-attaches (reload)', () => {
    const opened: ReturnType<typeof fakeSession>[] = [];
    const sessions = new WindowSessions(() => {
      const s = fakeSession();
      opened.push(s);
      return s;
    });
    sessions.attach(1, target);
    sessions.attach(1, target);
    expect(opened[0]?.close).toHaveBeenCalledTimes(1);
    expect(opened[1]?.close).not.toHaveBeenCalled();
    expect(sessions.get(1)).toBe(opened[1]);
  });

  it('detach and closeAll close each session once', () => {
    const opened: ReturnType<typeof fakeSession>[] = [];
    const sessions = new WindowSessions(() => {
      const s = fakeSession();
      opened.push(s);
      return s;
    });
    sessions.attach(1, target);
    sessions.attach(2, target);
    sessions.detach(1);
    sessions.detach(1);
    sessions.closeAll();
    expect(opened.map((s) => s.close.mock.calls.length)).toEqual([1, 1]);
    expect(sessions.get(2)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });
});
