import { describe, expect, it } from 'vitest';
import { createLatestSender } from '../../renderer/src/lib/latest-sender.ts';

/** A send whose calls the test finishes one by one. */
function controlledSend() {
  const calls: { value: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const send = (value: number) => new Promise<void>((resolve, reject) => calls.push({ value, resolve, reject }));
  return { calls, send };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latest sender (a fader being dragged)', () => {
  it('one call in flight; values meanwhile collapse to the newest', async () => {
    const { calls, send } = controlledSend();
    const s = createLatestSender(send);
    s.push(1);
    s.push(2);
    s.push(3);
    s.push(4);
    expect(calls.map((c) => c.value)).toEqual([1]);
    expect(s.busy()).toBe(true);
    calls[0]!.resolve();
    await tick();
    expect(calls.map((c) => c.value)).toEqual([1, 4]);
    calls[1]!.resolve();
    await tick();
    expect(calls).toHaveLength(2);
    expect(s.busy()).toBe(false);
  });

  it('a failed call is reported and the next value still goes', async () => {
    const { calls, send } = controlledSend();
    const errors: unknown[] = [];
    const s = createLatestSender(send, (e) => errors.push(e));
    s.push(1);
    s.push(2);
    calls[0]!.reject(new Error('refused'));
    await tick();
    expect(errors).toHaveLength(1);
    expect(calls.map((c) => c.value)).toEqual([1, 2]);
  });
});
