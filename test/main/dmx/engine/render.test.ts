import { describe, expect, it } from 'vitest';
import { DmxEngine } from '../../../../main/dmx/engine/index.ts';

// To see whether render recomputed a universe, scribble on its output buffer: a universe render skips keeps
// the scribble; one it recomputes gets the merged value back (and is reported changed).
const scribble = (e: DmxEngine, u: number) => {
  e.output(u)[511] = 99;
};
const scribbled = (e: DmxEngine, u: number) => e.output(u)[511] === 99;

describe('render: changed universes only', () => {
  it('reports exactly the universes whose output changed, and sets the flags for that render only', () => {
    const e = new DmxEngine({ universes: 8 });
    expect(e.render(0)).toEqual([]); // all dark, as the buffers already are
    e.setChannels(3, { '1': 10 }, 1);
    e.setInputFrame('in', 5, [0, 20], 1);
    expect(e.render(1)).toEqual([3, 5]);
    expect(Array.from(e.changed)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0]);
    expect(e.render(2)).toEqual([]);
    expect(e.changed.every((v) => v === 0)).toBe(true);
  });

  it('does not recompute a universe nothing touched, nor one whose source re-sent the same frame', () => {
    const e = new DmxEngine({ universes: 4 });
    e.setInputFrame('in', 2, [1, 2, 3], 0);
    e.render(0);
    scribble(e, 1);
    scribble(e, 2);
    e.setInputFrame('in', 2, [1, 2, 3], 10);
    expect(e.render(10)).toEqual([]);
    expect(scribbled(e, 1) && scribbled(e, 2)).toBe(true);
    e.setInputFrame('in', 2, [1, 2, 4], 20);
    expect(e.render(20)).toEqual([2]);
    expect(scribbled(e, 2)).toBe(false);
    expect(scribbled(e, 1)).toBe(true);
  });

  it('recomputes a fading universe every render until one render after the fade ends, then stops', () => {
    const e = new DmxEngine({ universes: 4 });
    e.go('pb', { id: 'A', values: { '2': { '1': 100 } } }, 100, 0);
    e.render(0);
    scribble(e, 1);
    for (const t of [10, 50, 90]) {
      scribble(e, 2);
      expect(e.render(t)).toContain(2);
      expect(scribbled(e, 2)).toBe(false);
    }
    expect(e.render(100)).toEqual([2]); // the fade's last step
    expect(e.output(2)[0]).toBe(100);
    scribble(e, 2);
    expect(e.render(110)).toEqual([]);
    expect(scribbled(e, 2) && scribbled(e, 1)).toBe(true);
  });

  it('a grand master change or a timed blackout recomputes every universe', () => {
    const e = new DmxEngine({ universes: 3 });
    e.setChannels(1, { '1': 200 }, 0);
    e.render(0);
    scribble(e, 3);
    e.setGrandMaster(0.5);
    expect(e.render(1)).toEqual([1, 3]);
    expect(e.output(1)[0]).toBe(100);
    e.setBlackout(true, 10, 100);
    scribble(e, 3);
    expect(e.render(60)).toEqual([1, 3]);
    expect(e.render(110)).toEqual([1]); // reached 0
    scribble(e, 3);
    expect(e.render(120)).toEqual([]);
    expect(scribbled(e, 3)).toBe(true);
  });
});

describe('universes and buffers', () => {
  it('numbers universes 1..N (N from the options, 64 by default)', () => {
    expect(new DmxEngine().universeCount).toBe(64);
    const e = new DmxEngine({ universes: 128 });
    expect(e.output(128)).toHaveLength(512);
    expect(() => e.output(129)).toThrow(RangeError);
    expect(() => e.output(0)).toThrow(RangeError);
    expect(e.setChannels(129, { '1': 1 }, 0)).toMatchObject({ ok: false });
    expect(() => new DmxEngine({ universes: 0 })).toThrow(RangeError);
  });

  it('exposes the same live buffer every time, backed by a caller’s SharedArrayBuffer if given', () => {
    const shared = new SharedArrayBuffer(4 * 512);
    const e = new DmxEngine({ universes: 4, outputBuffer: shared });
    const u2 = e.output(2);
    expect(e.output(2)).toBe(u2);
    e.setChannels(2, { '1': 42, '512': 7 }, 0);
    e.render(0);
    const view = new Uint8Array(shared);
    expect([view[512], view[1023]]).toEqual([42, 7]);
    expect(u2[0]).toBe(42);
    expect(() => new DmxEngine({ universes: 4, outputBuffer: new ArrayBuffer(100) })).toThrow(RangeError);
  });
});

describe('preMasterOutput (recording a scene from the stage)', () => {
  it('is the merge before grand master and blackout, mid-fade values included, as a copy', () => {
    const e = new DmxEngine({ universes: 2 });
    e.setPatch([{ id: 'm', name: 'Mover', universe: 2, address: 3, channels: ['pan', 'pan'], fine: [[0, 1]] }]);
    e.setChannels(2, { '1': 200, '3': 0x12, '4': 0x34 }, 0);
    e.go('pb', { id: 'A', values: { '2': { '2': 100 } } }, 1000, 0);
    e.setGrandMaster(0.5);
    e.setBlackout(true, 0);
    e.render(500);
    expect(e.output(2)[0]).toBe(0);
    const snap = e.preMasterOutput(2, 500);
    expect(Array.from(snap.subarray(0, 4))).toEqual([200, 50, 0x12, 0x34]);
    snap[0] = 1;
    expect(e.preMasterOutput(2, 500)[0]).toBe(200);
    expect(() => e.preMasterOutput(3, 0)).toThrow(RangeError);
  });
});

describe('a broken clock', () => {
  it('a NaN time ends fades and timed blackouts instead of leaving them running', () => {
    const e = new DmxEngine({ universes: 1 });
    e.go('pb', { id: 'A', values: { '1': { '1': 100 } } }, 1000, 0);
    e.setBlackout(true, 0, 1000);
    expect(() => e.render(NaN)).not.toThrow();
    expect(e.output(1)[0]).toBe(0); // blacked out, fade finished at 100
    e.setBlackout(false, 5, 0);
    expect(e.render(10)).toEqual([1]);
    expect(e.output(1)[0]).toBe(100);
    expect(e.render(20)).toEqual([]);
  });
});

describe('inputs are refused whole, never half-applied', () => {
  it('setChannels refuses bad channels or values and changes nothing', () => {
    const e = new DmxEngine({ universes: 1 });
    const bads: Record<string, number>[] = [{ '0': 1 }, { '513': 1 }, { x: 1 }, { '1': 256 }, { '1': -1 }, { '1': 1.5 }, { '01': 3 }];
    for (const bad of bads) {
      expect(e.setChannels(1, { '2': 9, ...bad }, 0), JSON.stringify(bad)).toMatchObject({ ok: false });
    }
    expect(e.render(0)).toEqual([]);
  });

  it('go refuses an unusable look and a negative fade; input frames longer than 512 are refused', () => {
    const e = new DmxEngine({ universes: 2 });
    expect(e.go('pb', { id: 'x', values: { '3': { '1': 1 } } }, 0, 0)).toMatchObject({ ok: false });
    expect(e.go('pb', { id: 'x', values: { '1': { '1': 300 } } }, 0, 0)).toMatchObject({ ok: false });
    expect(e.go('pb', { id: 'x', values: { '1': { '1': 3 } } }, -1, 0)).toMatchObject({ ok: false });
    expect(e.setInputFrame('in', 1, new Uint8Array(513), 0)).toMatchObject({ ok: false });
    expect(e.render(0)).toEqual([]);
  });

  it('a layer id keeps its kind', () => {
    const e = new DmxEngine({ universes: 1 });
    e.go('pb', { id: 'x', values: {} }, 0, 0);
    expect(e.setInputFrame('pb', 1, [1], 0)).toEqual({ ok: false, error: '"pb" is already a playback layer (wanted input)' });
    expect(e.go('manual', { id: 'x', values: {} }, 0, 0)).toMatchObject({ ok: false });
  });

  it('setPatch refuses a patch with problems and keeps the old one', () => {
    const e = new DmxEngine({ universes: 2 });
    e.setChannels(1, { '1': 200 }, 0);
    e.setGrandMaster(0.5);
    e.render(0);
    expect(e.output(1)[0]).toBe(100); // unpatched = intensity: scaled
    const r = e.setPatch([
      { id: 'a', name: 'A', universe: 1, address: 1, channels: ['pan', 'tilt'] },
      { id: 'b', name: 'B', universe: 1, address: 2, channels: ['pan'] },
      { id: 'c', name: 'C', universe: 3, address: 1, channels: ['pan'] },
    ]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/overlaps.*universe 3 is outside 1–2/);
    e.render(1);
    expect(e.output(1)[0]).toBe(100);
    expect(e.setPatch([{ id: 'a', name: 'A', universe: 1, address: 1, channels: ['pan'] }])).toEqual({ ok: true });
    e.render(2);
    expect(e.output(1)[0]).toBe(200); // now pan: not scaled
  });
});
