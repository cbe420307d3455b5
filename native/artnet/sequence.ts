// ArtDmx Sequence (offset 12). PROTOCOLS.md §2.2: 1..255 per Port-Address, wrapping 255 -> 1;
// 0 = sequencing disabled. §2.8 quirk: OLA starts at 0 and wraps 255 -> 0, so a receiver must not
// treat 0 (or 0 after 255) as an error.

import { PORT_ADDRESS_MAX } from './port-address.ts';

/** The number to send after `previous`: 1..255, wrapping 255 -> 1 and never 0 ("disabled"). */
export function nextArtNetSequence(previous: number): number {
  return previous >= 255 || previous < 1 ? 1 : previous + 1;
}

/**
 * Receive-side ordering check: false only for a packet that is older than (or a duplicate of) the
 * last one accepted from the same source and Port-Address.
 *
 * Art-Net defines no window, so we use sACN's rule (E1.31 §6.7.2, OLA DMPE131Inflator
 * SEQUENCE_DIFF_THRESHOLD = -20): discard when the signed 8-bit difference is in (-20, 0].
 * 0 on either side means "sequencing disabled" and is always accepted — that also covers OLA's
 * 255 -> 0 -> 1 wrap (§2.8 quirk). A sender that restarts at 1 is back in step after at most 19
 * packets, as with sACN.
 */
export function acceptArtNetSequence(last: number, received: number): boolean {
  if (last === 0 || received === 0) return true;
  const diff = ((received - last) << 24) >> 24; // signed 8-bit difference
  return !(diff <= 0 && diff > -20);
}

/**
 * Per-Port-Address send counters (one byte each, 32 KiB). The first packet for an address
 * carries 1. Not shared: each output owns one.
 */
export class ArtNetSequencer {
  private readonly counters = new Uint8Array(PORT_ADDRESS_MAX + 1);

  /** Advances and returns the Sequence for the next ArtDmx to `portAddress` (0..32767). */
  next(portAddress: number): number {
    const index = portAddress & PORT_ADDRESS_MAX;
    const value = nextArtNetSequence(this.counters[index] ?? 0);
    this.counters[index] = value;
    return value;
  }

  /** Forgets an address, so its next packet carries 1 again. */
  reset(portAddress: number): void {
    this.counters[portAddress & PORT_ADDRESS_MAX] = 0;
  }
}
