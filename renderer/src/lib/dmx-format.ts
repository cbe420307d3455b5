import { DMX_TIME_MAX_MS } from '../../../preload/contract/dmx.ts';
import { nbsp } from './format.ts';

/**
 * Words and numbers of the DMX screens: fade times, levels, Port-Addresses. Operators type times in
 * seconds ("3", "2.5", "1:30"); the contract takes whole milliseconds.
 */

/** 0 → "0 s", 2500 → "2.5 s", 90 000 → "1:30 min"; never more than one decimal. */
export function formatFade(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return `0${nbsp}s`;
  if (ms < 60_000) {
    const s = Math.round(ms / 100) / 10;
    return `${s}${nbsp}s`;
  }
  const total = Math.round(ms / 1000);
  const min = Math.floor(total / 60);
  const sec = total % 60;
  return `${min}:${String(sec).padStart(2, '0')}${nbsp}min`;
}

/** Seconds for an input box: 2500 → "2.5", 0 → "0". */
export function secondsText(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const timeHelp = 'Enter seconds, e.g. 3, 2.5 or 1:30';

/**
 * A time as typed → whole milliseconds. Accepts "3", "2.5", "2,5", "3s", "500ms", "1:30" (min:s);
 * 0 up to an hour (the contract's limit).
 */
export function parseSeconds(input: string): Parsed<number> {
  const t = input.trim().toLowerCase().replace(',', '.').replace(/\s+/g, '');
  if (t === '') return { ok: false, message: timeHelp };
  let ms: number;
  const clock = /^(\d+):([0-5]?\d(?:\.\d+)?)$/.exec(t);
  const millis = /^(\d+(?:\.\d+)?)ms$/.exec(t);
  const secs = /^(\d+(?:\.\d*)?|\.\d+)(?:s|sec)?$/.exec(t);
  if (clock) ms = (Number(clock[1]) * 60 + Number(clock[2])) * 1000;
  else if (millis) ms = Number(millis[1]);
  else if (secs) ms = Number(secs[1]) * 1000;
  else return { ok: false, message: timeHelp };
  ms = Math.round(ms);
  if (!Number.isFinite(ms)) return { ok: false, message: timeHelp };
  if (ms > DMX_TIME_MAX_MS) return { ok: false, message: 'Times go up to an hour (3600 s)' };
  return { ok: true, value: ms };
}

/** A DMX value as typed: a whole number 0–255. */
export function parseDmxValue(input: string): Parsed<number> {
  const t = input.trim();
  if (!/^\d{1,3}$/.test(t)) return { ok: false, message: 'DMX values are whole numbers 0–255' };
  const v = Number(t);
  return v <= 255 ? { ok: true, value: v } : { ok: false, message: 'DMX values are whole numbers 0–255' };
}

/** A whole number in [min, max] as typed, with the message to show otherwise. */
export function parseWhole(input: string, min: number, max: number, what: string): Parsed<number> {
  const t = input.trim();
  const message = `${what} is a whole number ${min}–${max}`;
  if (!/^\d+$/.test(t)) return { ok: false, message };
  const v = Number(t);
  return v >= min && v <= max ? { ok: true, value: v } : { ok: false, message };
}

/** 0..1 → "75 %" (whole percent, as on a fader). */
export function formatLevel(level: number): string {
  return `${Math.round(Math.min(1, Math.max(0, level)) * 100)}${nbsp}%`;
}

/** DMX 0–255 → percent as lighting desks show it: 255 → 100, 128 → 50, 1 → 0. */
export function dmxPercent(value: number): number {
  return Math.round((Math.min(255, Math.max(0, value)) / 255) * 100);
}

/** Port-Address 0–32767 → "net:sub:universe" (Art-Net 4: 7 + 4 + 4 bits). 17 → "0:1:1". */
export function formatPortAddress(portAddress: number): string {
  return `${portAddress >> 8}:${(portAddress >> 4) & 0xf}:${portAddress & 0xf}`;
}

const portAddressHelp = 'Give net:sub-net:universe (e.g. 0:0:1) or a number 0–32767';

/** "0:1:1" (net 0–127, sub-net 0–15, universe 0–15) or "17" → 17. */
export function parsePortAddress(input: string): Parsed<number> {
  const t = input.trim();
  const parts = /^(\d{1,3}):(\d{1,2}):(\d{1,2})$/.exec(t);
  if (parts) {
    const [net, sub, uni] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (net > 127) return { ok: false, message: 'The net is 0–127' };
    if (sub > 15) return { ok: false, message: 'The sub-net is 0–15' };
    if (uni > 15) return { ok: false, message: 'The universe in a Port-Address is 0–15' };
    return { ok: true, value: (net << 8) | (sub << 4) | uni };
  }
  if (/^\d+$/.test(t)) {
    const v = Number(t);
    return v <= 32767 ? { ok: true, value: v } : { ok: false, message: 'Port-Addresses are 0–32767' };
  }
  return { ok: false, message: portAddressHelp };
}

/** ms → "0.3 s" / "12 s" / "4 min" for "last frame" and "last reply" ages; null → "never". */
export function formatFrameAge(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'never';
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}${nbsp}s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)}${nbsp}s`;
  return `${Math.round(ms / 60_000)}${nbsp}min`;
}

/** Countdown to an auto-follow: 2340 → "2.3 s" (one decimal under a minute). */
export function formatCountdown(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}${nbsp}s`;
  return formatFade(ms);
}
