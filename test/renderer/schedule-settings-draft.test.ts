import { describe, expect, it } from 'vitest';
import { settingsSections } from '../../preload/contract/index.ts';
import { fromScheduleDraft, knownZones, schedulePatch, toScheduleDraft, type ScheduleSettingsDraft } from '../../renderer/src/lib/schedule-settings-draft.ts';

const defaults = settingsSections.schedule.defaults;
const draft = (change: Partial<ScheduleSettingsDraft> = {}): ScheduleSettingsDraft => ({ ...toScheduleDraft(defaults), ...change });

describe('Settings → Schedule draft', () => {
  it('the stored settings survive the form unchanged, and nothing is sent for them', () => {
    const stored = { ...defaults, zone: 'Europe/London', warnMarginMin: 45, dangerMarginMin: 10, timeSource: 'artnet-timecode' as const, timecodeLossMs: 1500, cueToleranceS: 30, dayStartsAt: '05:30' };
    const r = fromScheduleDraft(toScheduleDraft(stored));
    expect(r).toEqual({ ok: true, value: stored, errors: {} });
    expect(schedulePatch(stored, stored)).toEqual({});
  });

  it('the numbers are shown as text and read back from how they are typed (spaces, a decimal comma)', () => {
    expect(toScheduleDraft(defaults)).toMatchObject({ warnMarginMin: '30', dangerMarginMin: '0', timecodeLossMs: '2000', cueToleranceS: '5' });
    const r = fromScheduleDraft(draft({ warnMarginMin: ' 20 ', zone: '  America/New_York ', timecodeLossMs: '2500,0' }));
    expect(r.ok && r.value).toMatchObject({ warnMarginMin: 20, zone: 'America/New_York', timecodeLossMs: 2500 });
  });

  it('sends only the keys that changed', () => {
    const r = fromScheduleDraft(draft({ warnMarginMin: '20', timeSource: 'artnet-timecode' }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const patch = schedulePatch(r.value, defaults);
    expect(patch).toEqual({ warnMarginMin: 20, timeSource: 'artnet-timecode' });
    // What the core makes of the patch is a valid section.
    expect(settingsSections.schedule.schema.safeParse({ ...defaults, ...patch }).success).toBe(true);
  });

  it('typing mistakes get the contract’s sentence, keyed like the core’s issue paths', () => {
    const r = fromScheduleDraft(draft({ warnMarginMin: 'ten', dangerMarginMin: '-5', zone: 'Mars/Olympus_Mons', dayStartsAt: '13:00', timecodeLossMs: '100', cueToleranceS: '' }));
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual({
      'schedule.warnMarginMin': 'the warning margin is a number of minutes',
      'schedule.dangerMarginMin': 'the danger margin cannot be negative',
      'schedule.zone': expect.stringMatching(/^unknown time zone: use an IANA name such as Europe\/London/),
      'schedule.dayStartsAt': 'the day starts at a time from 00:00 to 12:59 (HH:MM)',
      'schedule.timecodeLossMs': 'timecode counts as lost after at least 200 ms',
      'schedule.cueToleranceS': 'the cue tolerance is a number of seconds',
    });
  });

  it('fractions are refused where the contract wants whole units', () => {
    expect(fromScheduleDraft(draft({ warnMarginMin: '2,5' })).errors).toEqual({ 'schedule.warnMarginMin': 'the warning margin is whole minutes' });
    expect(fromScheduleDraft(draft({ cueToleranceS: '1.5' })).errors).toEqual({ 'schedule.cueToleranceS': 'use whole seconds' });
  });

  it('a danger margin wider than the warning margin is refused on the warning margin', () => {
    const r = fromScheduleDraft(draft({ warnMarginMin: '10', dangerMarginMin: '15' }));
    expect(r.errors).toEqual({ 'schedule.warnMarginMin': 'the warning margin must be at least the danger margin (the warning comes first)' });
    expect(fromScheduleDraft(draft({ warnMarginMin: '15', dangerMarginMin: '15' })).ok).toBe(true);
  });

  it('an empty zone is this computer’s zone; the suggestions put UTC first and hold real IANA names', () => {
    expect(fromScheduleDraft(draft({ zone: '' })).ok).toBe(true);
    const zones = knownZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/London');
    expect(new Set(zones).size).toBe(zones.length);
    for (const z of zones.slice(0, 50)) expect(fromScheduleDraft(draft({ zone: z })).ok).toBe(true);
  });
});
