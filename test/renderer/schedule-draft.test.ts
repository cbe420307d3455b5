import { describe, expect, it } from 'vitest';
import { EntryInput, EntryPatchInput, CueInput } from '../../preload/contract/index.ts';
import { cueDraftOf, cueFromDraft, draftOf, dropTarget, emptyCueDraft, emptyDraft, entryFromDraft, moveTarget, normaliseClock, patchFromDraft } from '../../renderer/src/lib/schedule-draft.ts';

describe('entry form', () => {
  it('a set from the form is what schedule.add accepts', () => {
    const r = entryFromDraft({ ...emptyDraft('set'), title: ' Band ', start: '9:05', duration: '45', changeover: '15' });
    expect(r).toEqual({ ok: true, value: { type: 'set', title: 'Band', plannedStart: '09:05', plannedDurationMin: 45, changeoverAfterMin: 15, notes: '', colour: null, cues: [] } });
    expect(EntryInput.safeParse(r.ok && r.value).success).toBe(true);
  });

  it('says what is wrong beside each field', () => {
    const r = entryFromDraft({ ...emptyDraft('set'), title: '', start: '25:99', duration: 'long', changeover: '-5', colour: 'red' });
    expect(r.ok).toBe(false);
    expect(Object.keys((r as { errors: object }).errors).sort()).toEqual(['changeover', 'colour', 'duration', 'start', 'title']);
  });

  it('a set given by its end, a delay block, a curfew', () => {
    expect(entryFromDraft({ ...emptyDraft('set'), title: 'Late', start: '23:30', lengthBy: 'end', end: '25:00' })).toMatchObject({ ok: true, value: { plannedEnd: '25:00' } });
    expect(entryFromDraft({ ...emptyDraft('delay'), minutes: '-10' })).toEqual({ ok: true, value: { type: 'delay', title: '', minutes: -10, notes: '' } });
    expect(entryFromDraft({ ...emptyDraft('curfew'), start: '23:00' })).toMatchObject({ ok: true, value: { type: 'curfew', title: 'Curfew', plannedStart: '23:00' } });
  });

  it('editing: the form starts from the entry, and switching a set to an end drops its duration (null)', () => {
    const set = { id: 'a', type: 'set' as const, title: 'Band', plannedStart: '19:00', plannedDurationMin: 60, changeoverAfterMin: 10, notes: 'n', colour: '#112233', actualStart: null, actualEnd: null, cues: [] };
    const d = draftOf(set);
    expect(d).toMatchObject({ title: 'Band', start: '19:00', lengthBy: 'duration', duration: '60', changeover: '10', colour: '#112233' });
    const patch = patchFromDraft({ ...d, lengthBy: 'end', end: '20:15' });
    expect(patch).toEqual({ ok: true, value: { title: 'Band', plannedStart: '19:00', plannedDurationMin: null, plannedEnd: '20:15', changeoverAfterMin: 10, notes: 'n', colour: '#112233' } });
    expect(EntryPatchInput.safeParse(patch.ok && patch.value).success).toBe(true);
  });

  it('clocks: padded, up to 47:59, nothing else', () => {
    expect(['1:30', '01:30', '25:30', '19.45', ' 7:05 ', '48:00', '12:60', '1230', ''].map(normaliseClock)).toEqual(['01:30', '01:30', '25:30', '19:45', '07:05', null, null, null, null]);
  });
});

describe('cue form', () => {
  it('builds each kind of cue the contract accepts, and round-trips it', () => {
    const cases = [
      { ...emptyCueDraft(), trigger: 'onStart' as const, action: 'scene.go' as const, sceneId: 's1' },
      { ...emptyCueDraft(), trigger: 'onEnd' as const, action: 'cuelist.go' as const, cueListId: 'l1' },
      { ...emptyCueDraft(), trigger: 'beforeStart' as const, minutes: '10', action: 'mqtt.publish' as const, topic: 'stage/house', payload: 'on', retain: true },
      { ...emptyCueDraft(), action: 'alert' as const, message: 'Doors', severity: 'warn' as const },
    ];
    for (const d of cases) {
      const r = cueFromDraft(d);
      expect(r.ok).toBe(true);
      const cue = { id: 'x', ...(r as { value: object }).value };
      expect(CueInput.safeParse(cue).success).toBe(true);
      expect(cueFromDraft(cueDraftOf(cue as never))).toEqual(r);
    }
  });

  it('refuses an unchosen scene, a wildcard topic, an empty alert, bad minutes', () => {
    expect(cueFromDraft({ ...emptyCueDraft(), action: 'scene.go' })).toEqual({ ok: false, error: 'choose the scene' });
    expect(cueFromDraft({ ...emptyCueDraft(), action: 'mqtt.publish', topic: 'stage/#' }).ok).toBe(false);
    expect(cueFromDraft({ ...emptyCueDraft(), action: 'alert', message: '  ' }).ok).toBe(false);
    expect(cueFromDraft({ ...emptyCueDraft(), trigger: 'beforeStart', minutes: 'ten', sceneId: 's' }).ok).toBe(false);
  });
});

describe('reordering', () => {
  it('keyboard: one place up or down, clamped; nothing at the ends', () => {
    expect(moveTarget(2, -1, 5)).toBe(1);
    expect(moveTarget(2, 1, 5)).toBe(3);
    expect(moveTarget(0, -1, 5)).toBeNull();
    expect(moveTarget(4, 1, 5)).toBeNull();
    expect(moveTarget(3, -3, 5)).toBe(0);
    expect(moveTarget(1, 5, 5)).toBe(4);
  });

  it('drag: dropping on the upper or lower half of a row, counted after the row is taken out', () => {
    // [A B C D]: drag A (0) onto C's lower half → after C → index 2 once A is out.
    expect(dropTarget(0, 2, true)).toBe(2);
    expect(dropTarget(0, 2, false)).toBe(1);
    // drag D (3) onto A's upper half → first.
    expect(dropTarget(3, 0, false)).toBe(0);
    expect(dropTarget(3, 0, true)).toBe(1);
    // onto itself, or just below the row above it: no move.
    expect(dropTarget(2, 2, false)).toBeNull();
    expect(dropTarget(2, 1, true)).toBeNull();
  });
});
