/**
 * Which serial ports may be an Enttec DMX USB Pro, best first. Pure: a port listing in, candidates out.
 *
 * PROTOCOLS.md §3.3: the USB Pro is an FTDI 0403:6001 (so is the Open DMX USB: the ids cannot tell them
 * apart, only the widget's answer to a label 10/3 request can). The DMX demo server's widgets use 0x6010
 * and 0x0400 as well, so those rank next. A port whose ids are unknown (the /dev scan on a system without
 * udev) is tried only when its name says USB-serial; nothing else is ever probed: opening an Arduino
 * resets it, and bytes written to a stranger's device are not ours to write.
 */
import type { SerialPortEntry } from '../serial/list.ts';

export const FTDI_VENDOR = '0403';
export const FTDI_FT232_PRODUCT = '6001';

export interface EnttecCandidate {
  /** The path to open (the stable by-id path when there is one). */
  path: string;
  entry: SerialPortEntry;
  /** 3 = FTDI 0403:6001; 2 = the demo server's ids; 1 = ids unknown, a USB-serial name. */
  score: number;
}

/** How much a port looks like an Enttec USB Pro (0 = not a candidate). */
export function enttecScore(p: SerialPortEntry): number {
  const { vendorId: v, productId: pid } = p;
  if (v === FTDI_VENDOR && pid === FTDI_FT232_PRODUCT) return 3;
  if ((v === FTDI_VENDOR && pid === '6010') || v === '0400' || pid === '0400') return 2;
  if (v === null && /(ttyUSB\d+|cu\.usbserial|usb-(FTDI|ENTTEC))/i.test(`${p.path} ${p.stablePath ?? ''}`)) return 1;
  return 0;
}

/** Candidates best first (then by path); ports in `exclude` (a DMX text input's port, by either path) are left alone. */
export function enttecCandidates(ports: readonly SerialPortEntry[], exclude: readonly string[] = []): EnttecCandidate[] {
  const skip = new Set(exclude);
  return ports
    .filter((p) => !skip.has(p.path) && !(p.stablePath !== null && skip.has(p.stablePath)))
    .map((entry) => ({ path: entry.stablePath ?? entry.path, entry, score: enttecScore(entry) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
