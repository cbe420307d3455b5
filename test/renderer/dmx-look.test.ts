import { describe, expect, it } from 'vitest';
import type { DmxFixture, DmxLookValues } from '../../preload/contract/index.ts';
import {
  controlValue,
  fixtureControls,
  fixtureInLook,
  hexToRgb,
  includeFixture,
  lookFromStage,
  lookGet,
  lookPatch,
  lookSet,
  lookSize,
  rgbAddresses,
  rgbToHex,
  setControl,
  universesToLoad,
  unpatchedEntries,
} from '../../renderer/src/lib/dmx-look.ts';

const par: DmxFixture = { id: 'par', name: 'Par', universe: 1, address: 1, channels: ['intensity', 'red', 'green', 'blue'] };
const mover: DmxFixture = { id: 'mh', name: 'Mover', universe: 2, address: 101, channels: ['pan', 'pan', 'tilt', 'tilt', 'intensity'], fine: [[0, 1], [2, 3]] };

describe('editing a look without touching the original', () => {
  it('sets, reads and removes channels; an emptied universe goes', () => {
    const a: DmxLookValues = { '1': { '5': 10 } };
    const b = lookSet(a, 1, 6, 200);
    expect(a).toEqual({ '1': { '5': 10 } });
    expect(b).toEqual({ '1': { '5': 10, '6': 200 } });
    expect(lookGet(b, 1, 6)).toBe(200);
    expect(lookGet(b, 2, 6)).toBeUndefined();
    expect(lookSet(lookSet(b, 1, 5, undefined), 1, 6, undefined)).toEqual({});
    expect(lookSize(b)).toBe(2);
  });

  it('clamps and rounds values to DMX', () => {
    expect(lookPatch({}, [{ universe: 3, channel: 1, value: 300 }, { universe: 3, channel: 2, value: -5 }, { universe: 3, channel: 3, value: 12.6 }])).toEqual({ '3': { '1': 255, '2': 0, '3': 13 } });
  });
});

describe('fixtures in the editor', () => {
  it('a 16-bit pair is one control; its fine channel has none', () => {
    expect(fixtureControls(mover)).toEqual([
      { kind: 'pair', type: 'pan', index: 0, address: 101, fineAddress: 102 },
      { kind: 'pair', type: 'tilt', index: 2, address: 103, fineAddress: 104 },
      { kind: 'byte', type: 'intensity', index: 4, address: 105 },
    ]);
  });

  it('a pair reads and writes coarse × 256 + fine', () => {
    const [pan] = fixtureControls(mover);
    const v = setControl({}, 2, pan!, 0x8040); // 32832: coarse 0x80 = 128, fine 0x40 = 64
    expect(v).toEqual({ '2': { '101': 128, '102': 64 } });
    expect(controlValue(v, 2, pan!)).toBe(32832);
    expect(controlValue({}, 2, pan!)).toBeUndefined();
    expect(setControl({}, 2, pan!, 70000)).toEqual({ '2': { '101': 255, '102': 255 } });
  });

  it('including a fixture adds all its channels (0 unless given); excluding removes them', () => {
    const v = includeFixture({ '1': { '9': 50 } }, par, true, (a) => (a === 2 ? 77 : undefined));
    expect(v).toEqual({ '1': { '1': 0, '2': 77, '3': 0, '4': 0, '9': 50 } });
    expect(fixtureInLook(v, par)).toBe(true);
    const out = includeFixture(v, par, false);
    expect(out).toEqual({ '1': { '9': 50 } });
    expect(fixtureInLook(out, par)).toBe(false);
  });

  it('including keeps values the look already had', () => {
    expect(includeFixture({ '1': { '3': 99 } }, par, true)).toEqual({ '1': { '1': 0, '2': 0, '3': 99, '4': 0 } });
  });

  it('the colour picker needs red, green and blue', () => {
    expect(rgbAddresses(par)).toEqual({ red: 2, green: 3, blue: 4 });
    expect(rgbAddresses(mover)).toBeNull();
    expect(rgbAddresses({ ...par, channels: ['red', 'green', 'white'] })).toBeNull();
  });

  it('hex colours map to and from three DMX values', () => {
    expect(rgbToHex(255, 128, 0)).toBe('#ff8000');
    expect(rgbToHex(0, 0, 0)).toBe('#000000');
    expect(hexToRgb('#FF8000')).toEqual([255, 128, 0]);
    expect(hexToRgb('#0a0b0c')).toEqual([10, 11, 12]);
    expect(hexToRgb('red')).toBeNull();
    expect(hexToRgb('#fff')).toBeNull();
  });
});

describe('raw rows and loading from the stage', () => {
  it('lists the channels no fixture covers, sorted', () => {
    const v: DmxLookValues = { '2': { '7': 1, '101': 5 }, '1': { '20': 100, '2': 9 } };
    expect(unpatchedEntries(v, [par, mover])).toEqual([
      { universe: 1, channel: 20, value: 100 },
      { universe: 2, channel: 7, value: 1 },
    ]);
  });

  it('takes non-zero channels, all channels of fixtures already in the scene, and keeps universes not read', () => {
    const current: DmxLookValues = { '1': { '1': 10 }, '5': { '1': 42 } };
    const frame = new Array<number>(512).fill(0);
    frame[1] = 200; // ch 2 (par red)
    frame[29] = 30; // ch 30 (raw)
    const next = lookFromStage(current, [par], new Map([[1, frame]]));
    expect(next).toEqual({ '1': { '1': 0, '2': 200, '3': 0, '4': 0, '30': 30 }, '5': { '1': 42 } });
  });

  it('reads the patch universes and those the scene uses, else the fallback', () => {
    expect(universesToLoad({ '3': { '1': 1 } }, [par, mover], 1)).toEqual([1, 2, 3]);
    expect(universesToLoad({}, [], 4)).toEqual([4]);
  });
});
