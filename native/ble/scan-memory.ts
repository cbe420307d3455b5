// What a scanner remembers per device between packets: its local name and service UUIDs. A Govee
// sensor sends its name in one packet (often the scan response) and its readings in another, and a
// company-0x0001 payload is only identifiable WITH the name, so each packet is decoded with the name
// and UUIDs last heard from the same address. Manufacturer and service data are never carried over:
// a packet's readings are its own, so an old value is never decoded again with a new timestamp.
// No I/O, no clock; bounded.
import type { Advertisement } from './advertisement.ts';

interface Remembered {
  name?: string;
  serviceUuids: string[];
}

export class ScanMemory {
  private readonly byKey = new Map<string, Remembered>();
  private readonly max: number;

  /** `max`: devices remembered; the least recently heard is forgotten first. */
  constructor(max = 4096) {
    this.max = max;
  }

  /**
   * The packet as the decoders should see it: its own fields, plus the name and UUIDs remembered for
   * `key` (the MAC, or the platform's peripheral id where the OS hides MACs). Updates the memory. The
   * packet is not modified; a new object is returned only when something was added.
   */
  merge(key: string | undefined, packet: Advertisement): Advertisement {
    if (key === undefined) return packet;
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = { serviceUuids: [] };
      if (this.byKey.size >= this.max) this.byKey.delete(this.byKey.keys().next().value!);
    } else this.byKey.delete(key); // re-inserted below: Map order = least recently heard first
    this.byKey.set(key, r);

    if (packet.name !== undefined && packet.name !== '') r.name = packet.name;
    for (const u of packet.serviceUuids) if (!r.serviceUuids.includes(u) && r.serviceUuids.length < 16) r.serviceUuids.push(u);

    const needsName = packet.name === undefined && r.name !== undefined;
    const missingUuids = r.serviceUuids.filter((u) => !packet.serviceUuids.includes(u));
    if (!needsName && missingUuids.length === 0) return packet;
    const out: Advertisement = { ...packet, serviceUuids: [...packet.serviceUuids, ...missingUuids] };
    if (needsName) out.name = r.name;
    return out;
  }

  /** The name last heard from this device, if any. */
  nameOf(key: string): string | undefined {
    return this.byKey.get(key)?.name;
  }

  get size(): number {
    return this.byKey.size;
  }

  clear(): void {
    this.byKey.clear();
  }
}
