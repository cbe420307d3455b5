import { ScheduleSettings, type ScheduleTimeSource } from '../../../preload/contract/index.ts';
import { changedKeys, checkSection, typedNumber, type SectionCheck } from './section-draft.ts';

/**
 * Settings → Schedule as the form holds it: numbers as typed, so "1" on the way to "15" is not a number
 * yet. Checking runs the contract's own schema, so the operator reads the same sentence the core would
 * answer with, keyed like the core's issue paths ("schedule.warnMarginMin").
 */

export interface ScheduleSettingsDraft {
  /** IANA name; '' = the console computer's zone. */
  zone: string;
  warnMarginMin: string;
  dangerMarginMin: string;
  /** HH:MM */
  dayStartsAt: string;
  timeSource: ScheduleTimeSource;
  timecodeLossMs: string;
  cueToleranceS: string;
}

const numberKeys = ['warnMarginMin', 'dangerMarginMin', 'timecodeLossMs', 'cueToleranceS'] as const;

export function toScheduleDraft(s: ScheduleSettings): ScheduleSettingsDraft {
  return {
    zone: s.zone,
    warnMarginMin: String(s.warnMarginMin),
    dangerMarginMin: String(s.dangerMarginMin),
    dayStartsAt: s.dayStartsAt,
    timeSource: s.timeSource,
    timecodeLossMs: String(s.timecodeLossMs),
    cueToleranceS: String(s.cueToleranceS),
  };
}

export type ScheduleDraftResult = SectionCheck<ScheduleSettings>;

/** The draft checked by the contract: the settings, or one message per field (the first the schema gives). */
export function fromScheduleDraft(d: ScheduleSettingsDraft): ScheduleDraftResult {
  const candidate: Record<string, unknown> = { zone: d.zone.trim(), dayStartsAt: d.dayStartsAt.trim(), timeSource: d.timeSource };
  for (const k of numberKeys) candidate[k] = typedNumber(d[k]);
  return checkSection(ScheduleSettings, 'schedule', candidate);
}

/** Only the keys that differ from what is stored: the `schedule` part of a settings.update. */
export function schedulePatch(value: ScheduleSettings, saved: ScheduleSettings): Partial<ScheduleSettings> {
  return changedKeys(value, saved);
}

/** IANA zones this browser knows, for the zone box's suggestions ("UTC" first: Chromium lists only "Etc/UTC"-style names). */
export function knownZones(): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // An engine without the list: the box still takes any name, the core checks it.
  }
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}
