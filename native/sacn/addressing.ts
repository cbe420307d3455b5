// sACN addressing, CIDs and sequence numbers.

import { SACN_DISCOVERY_UNIVERSE, SACN_MAX_UNIVERSE } from './layout.ts';

/**
 * The multicast group of a universe: 239.255.<hi>.<lo> (OLA E131Sender::UniverseIP). Valid for
 * 1..63999 and for the discovery universe 64214 (-> 239.255.250.214). Throws RangeError otherwise.
 */
export function multicastAddress(universe: number): string {
  const ok = Number.isInteger(universe) && ((universe >= 1 && universe <= SACN_MAX_UNIVERSE) || universe === SACN_DISCOVERY_UNIVERSE);
  if (!ok) throw new RangeError(`sACN universe must be 1..63999 (or 64214 for discovery), got ${universe}`);
  return `239.255.${universe >> 8}.${universe & 0xff}`;
}

const hex2 = (v: number) => v.toString(16).padStart(2, '0');

/** A CID as the usual UUID text, e.g. "ef07c8dd-0064-4401-a3a2-459ef8e6143e". */
export function cidToString(cid: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex2(cid[i] ?? 0);
  }
  return s;
}

/** Parses UUID text (dashes optional) into a 16-byte CID. Throws RangeError otherwise. */
export function parseCid(text: string): Uint8Array {
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`not a UUID: ${text}`);
  const cid = new Uint8Array(16);
  for (let i = 0; i < 16; i++) cid[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return cid;
}

/** sACN sequence numbers use all of 0..255 and wrap 255 -> 0. */
export const nextSacnSequence = (previous: number): number => (previous + 1) & 0xff;

/**
 * E1.31 §6.7.2 (as OLA DMPE131Inflator implements it): with d = received - last as a signed
 * 8-bit number, a packet is out of order — discard it — when -20 < d <= 0. Everything else,
 * including a big backwards jump (a restarted source), is accepted.
 */
export function acceptSacnSequence(last: number, received: number): boolean {
  const d = ((received - last) << 24) >> 24;
  return !(d <= 0 && d > -20);
}
