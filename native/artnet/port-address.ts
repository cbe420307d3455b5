// Art-Net 15-bit Port-Address = Net (bits 14-8) | Sub-Net (bits 7-4) | Universe (bits 3-0).
// PROTOCOLS.md §2.2; OLA README table: Net 1, Sub-Net 15, Universe 15 -> 511.

export const PORT_ADDRESS_MAX = 32767;

export interface PortAddressParts {
  /** 0..127 */
  net: number;
  /** 0..15 */
  subNet: number;
  /** 0..15 */
  universe: number;
}

const inRange = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;

export function isPortAddress(value: number): boolean {
  return inRange(value, PORT_ADDRESS_MAX);
}

/** Joins Net/Sub-Net/Universe into a Port-Address. Throws RangeError on out-of-range parts. */
export function portAddress(net: number, subNet: number, universe: number): number {
  if (!inRange(net, 127)) throw new RangeError(`Art-Net Net must be 0..127, got ${net}`);
  if (!inRange(subNet, 15)) throw new RangeError(`Art-Net Sub-Net must be 0..15, got ${subNet}`);
  if (!inRange(universe, 15)) throw new RangeError(`Art-Net Universe must be 0..15, got ${universe}`);
  return (net << 8) | (subNet << 4) | universe;
}

/** Splits a Port-Address (0..32767) into its parts. Throws RangeError otherwise. */
export function splitPortAddress(address: number): PortAddressParts {
  if (!isPortAddress(address)) throw new RangeError(`Art-Net Port-Address must be 0..32767, got ${address}`);
  return { net: address >> 8, subNet: (address >> 4) & 0x0f, universe: address & 0x0f };
}

/** "Net:Sub-Net:Universe" as consoles show it, e.g. 0x0423 -> "4:2:3". */
export function formatPortAddress(address: number): string {
  const { net, subNet, universe } = splitPortAddress(address);
  return `${net}:${subNet}:${universe}`;
}
