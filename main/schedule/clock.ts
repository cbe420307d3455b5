import type { ScheduleClock, ScheduleTimeSource } from '../../preload/contract/schedule-api.ts';
import { addDays, epochToLocal, localToEpoch } from './time.ts';

/**
 * The running order's clock: this computer's, or Art-Net timecode (PROTOCOLS.md §2.5) read as the time of
 * day in the venue's zone. Pure: the caller passes the system time and the newest timecode it received.
 */

/** The newest ArtTimeCode as the DMX engine reports it (`dmx.status.timecode`), and when we got that report. */
export interface TimecodeSample {
  /** `HH:MM:SS:FF`. */
  text: string;
  /** 'Film 24' | 'EBU 25' | 'DF 29.97' | 'SMPTE 30' (or the raw type number). */
  type: string;
  /** Age of the frame when the engine reported it. */
  ageMs: number;
  /** System time the report arrived. */
  receivedAt: number;
}

/** Frames per second of a timecode type label; drop-frame 29.97 counts frames 0–29 like 30. */
export function timecodeFps(type: string): number {
  // The engine names the four ArtTimeCode types; a bare Type number (0–3) is read the same way.
  if (/^\d$/.test(type)) return [24, 25, 30, 30][Number(type)] ?? 30;
  const m = /(\d+(?:\.\d+)?)\s*$/.exec(type);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(n) || n < 20 || n > 120) return 30;
  return Math.ceil(n);
}

/** `HH:MM:SS:FF` → ms after midnight (frames as a fraction of a second), or null when it is not a time of day. */
export function timecodeMsOfDay(text: string, type: string): number | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(text);
  if (!m) return null;
  const [h, min, s, f] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const fps = timecodeFps(type);
  if (h > 23 || min > 59 || s > 59 || f >= fps) return null;
  return ((h * 60 + min) * 60 + s) * 1000 + Math.floor((f * 1000) / fps);
}

/**
 * The instant a time of day names in `zone`: of the occurrences on the day before, the day of and the day
 * after `near`, the one closest to it (so a clock just past midnight and timecode just before it agree).
 */
export function timeOfDayNear(msOfDay: number, near: number, zone: string): number {
  const { date } = epochToLocal(near, zone);
  const minutes = Math.floor(msOfDay / 60_000);
  const rest = msOfDay - minutes * 60_000;
  let best = Number.NaN;
  for (const d of [addDays(date, -1), date, addDays(date, 1)]) {
    const t = localToEpoch(d, minutes, zone) + rest;
    if (Number.isNaN(best) || Math.abs(t - near) < Math.abs(best - near)) best = t;
  }
  return best;
}

/**
 * The clock at system time `systemNow`. With timecode as the source and a fresh frame, "now" is that
 * frame's time of day plus how old it is; with none for `lossMs`, it is lost and the computer's clock
 * stands in (the loss is flagged, never hidden).
 */
export function scheduleClock(source: ScheduleTimeSource, sample: TimecodeSample | null, systemNow: number, zone: string, lossMs: number): ScheduleClock {
  const age = sample ? Math.max(0, sample.ageMs + (systemNow - sample.receivedAt)) : null;
  const msOfDay = sample ? timecodeMsOfDay(sample.text, sample.type) : null;
  const fresh = sample !== null && age !== null && age <= lossMs && msOfDay !== null;
  const timecode = fresh ? { text: sample.text, type: sample.type, ageMs: Math.round(age) } : null;
  if (source === 'system') return { source, now: systemNow, timecode, lost: false, lostForMs: null };
  if (!fresh) return { source, now: systemNow, timecode: null, lost: true, lostForMs: age === null ? null : Math.round(age) };
  return { source, now: Math.round(timeOfDayNear(msOfDay + age, systemNow, zone)), timecode, lost: false, lostForMs: null };
}
