import { describe, expect, it } from 'vitest';
import { DmxPatch, type DmxFixture } from '../../preload/contract/index.ts';
import { formatFinePairs, fromFixtureDrafts, newFixtureId, nextFreeAddress, parseFinePairs, toFixtureDrafts } from '../../renderer/src/lib/dmx-patch-draft.ts';

const patch: DmxFixture[] = [
  { id: 'par', name: 'Par', universe: 1, address: 1, channels: ['intensity', 'red', 'green', 'blue'] },
  { id: 'mh', name: 'Mover', universe: 1, address: 10, channels: ['pan', 'pan', 'tilt', 'tilt'], fine: [[0, 1], [2, 3]] },
];

describe('patch editor drafts', () => {
  it('a stored patch survives the round trip through the editor unchanged', () => {
    const { patch: back, errors } = fromFixtureDrafts(toFixtureDrafts(patch), 64);
    expect(errors).toEqual({});
    expect(back).toEqual(patch);
    expect(DmxPatch.safeParse(back).success).toBe(true);
  });

  it('16-bit pairs are written with channel positions counted from 1', () => {
    expect(formatFinePairs([[0, 1], [2, 3]])).toBe('1+2, 3+4');
    expect(parseFinePairs('1+2, 3+4', 4)).toEqual({ ok: true, value: [[0, 1], [2, 3]] });
    expect(parseFinePairs(' 1 + 2 ; 3/4 ', 4)).toEqual({ ok: true, value: [[0, 1], [2, 3]] });
    expect(parseFinePairs('1+2 3+4', 4)).toEqual({ ok: true, value: [[0, 1], [2, 3]] });
    expect(parseFinePairs('', 4)).toEqual({ ok: true, value: [] });
  });

  it('refuses pairs outside the fixture and text that is not pairs', () => {
    expect(parseFinePairs('4+5', 4)).toEqual({ ok: false, message: 'Pair 4+5: this fixture has channels 1–4' });
    expect(parseFinePairs('1-2', 4).ok).toBe(false);
    expect(parseFinePairs('0+1', 4).ok).toBe(false);
  });

  it('typing mistakes are keyed like the core’s issue paths', () => {
    const drafts = toFixtureDrafts(patch);
    drafts[1] = { ...drafts[1]!, address: '510', universe: '0', name: ' ', fine: 'x' };
    const { errors } = fromFixtureDrafts(drafts, 64);
    expect(errors['patch.1.universe']).toBe('The universe is a whole number 1–64');
    expect(errors['patch.1.channels']).toBe('The fixture would end at address 513, past 512');
    expect(errors['patch.1.name']).toBe('Give the fixture a name');
    expect(errors['patch.1.fine']).toMatch(/coarse\+fine/);
    expect(Object.keys(errors).every((k) => k.startsWith('patch.1.'))).toBe(true);
  });

  it('overlaps are left for the core to judge (it names both fixtures)', () => {
    const drafts = toFixtureDrafts(patch);
    drafts[1] = { ...drafts[1]!, address: '3' };
    const { patch: p, errors } = fromFixtureDrafts(drafts, 64);
    expect(errors).toEqual({});
    const parsed = DmxPatch.safeParse(p);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('"Mover" overlaps "Par" at 1.3');
  });

  it('new fixtures get a free id and the first free address after the others', () => {
    const drafts = toFixtureDrafts(patch);
    expect(newFixtureId([{ id: 'fx-3' }, { id: 'x' }])).toBe('fx-4');
    expect(newFixtureId(drafts)).toBe('fx-3');
    expect(nextFreeAddress(drafts, 1)).toBe(14);
    expect(nextFreeAddress(drafts, 2)).toBe(1);
  });
});
