// The shared DMX shapes (preload/contract/dmx.ts) the UI, store and engine agree on.
import { describe, expect, it } from 'vitest';
import { DmxCueList, DmxFixture, DmxPatch, DmxScene, DmxUniverseValues } from '../../../../preload/contract/dmx.ts';

const par = { id: 'par1', name: 'Par 1', universe: 1, address: 1, channels: ['red', 'green', 'blue'] };

describe('DmxFixture / DmxPatch', () => {
  it('accepts a fixture with a 16-bit pair', () => {
    const mover = { id: 'm', name: 'Mover', universe: 2, address: 500, channels: ['pan', 'pan', 'tilt', 'tilt', 'intensity'], fine: [[0, 1], [2, 3]] };
    expect(DmxFixture.safeParse(mover).success).toBe(true);
  });

  it('refuses a fixture that runs past channel 512, bad pairs, unknown types and extra keys', () => {
    expect(DmxFixture.safeParse({ ...par, address: 511 }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, fine: [[0, 3]] }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, fine: [[1, 1]] }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, fine: [[0, 1], [1, 2]] }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, channels: ['zoom'] }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, address: 0 }).success).toBe(false);
    expect(DmxFixture.safeParse({ ...par, colour: 'red' }).success).toBe(false);
  });

  it('refuses overlapping fixtures and repeated ids, but not the same address in another universe', () => {
    expect(DmxPatch.safeParse([par, { ...par, id: 'par2', address: 3 }]).success).toBe(false);
    expect(DmxPatch.safeParse([par, { ...par, address: 4 }]).success).toBe(false);
    expect(DmxPatch.safeParse([par, { ...par, id: 'par2', universe: 2 }, { ...par, id: 'par3', address: 4 }]).success).toBe(true);
  });
});

describe('DmxScene', () => {
  const scene = { id: 's1', name: 'Walk-in', colour: '#ff8800', fadeMs: 3000, values: { '1': { '1': 255, '512': 0 } } };
  it('accepts universe → channel → value maps', () => {
    expect(DmxScene.parse(scene)).toEqual(scene);
  });
  it('refuses channel keys outside 1–512, values outside 0–255, negative fades, bad colours', () => {
    for (const values of [{ '1': { '0': 1 } }, { '1': { '513': 1 } }, { '1': { '01': 1 } }, { '1': { a: 1 } }, { '0': { '1': 1 } }, { '1': { '1': 256 } }, { '1': { '1': 1.5 } }])
      expect(DmxScene.safeParse({ ...scene, values }).success, JSON.stringify(values)).toBe(false);
    expect(DmxScene.safeParse({ ...scene, fadeMs: -1 }).success).toBe(false);
    expect(DmxScene.safeParse({ ...scene, colour: 'orange' }).success).toBe(false);
  });
  it('the HTTP body {"channels": …} shape is DmxUniverseValues', () => {
    expect(DmxUniverseValues.safeParse({ '1': 255, '2': 128 }).success).toBe(true);
    expect(DmxUniverseValues.safeParse({ '1': '255' }).success).toBe(false);
  });
});

describe('DmxCueList', () => {
  it('accepts cues with optional fade and follow, refuses repeated cue ids', () => {
    const list = { id: 'c', name: 'Chase', loop: true, cues: [{ id: 'a', sceneId: 's1', followMs: 500 }, { id: 'b', sceneId: 's2', fadeMs: 0 }] };
    expect(DmxCueList.safeParse(list).success).toBe(true);
    expect(DmxCueList.safeParse({ ...list, cues: [list.cues[0], list.cues[0]] }).success).toBe(false);
    expect(DmxCueList.safeParse({ ...list, cues: [{ id: 'a', sceneId: 's1', followMs: -1 }] }).success).toBe(false);
  });
});
