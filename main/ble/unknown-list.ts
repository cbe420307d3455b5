// Advertisers the decoders could not read: the list an operator browses to find a new sensor (an H5194
// probe, a Govee model with new firmware) and record or assign it. Bounded: the least recently heard
// entry goes first; phones and laptops (by company id) are not listed.
import type { BleUnknownAdvertiser } from '../../preload/contract/index.ts';
import type { Advertisement } from '../../native/ble/advertisement.ts';
import { toHex } from '../../native/ble/hex.ts';
import type { DecodeReject } from '../../native/ble/result.ts';

interface Entry {
  mac: string;
  name: string | null;
  rssi: number | null;
  companyId: number | null;
  /** Copies: the packet buffers are not ours to keep. */
  mfr: { companyId: number; data: Uint8Array }[];
  serviceUuids: string[];
  serviceData: { uuid: string; data: Uint8Array }[];
  reason: string;
  model: string | null;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export interface UnknownListOptions {
  /** Current limits (settings are read on every note, so a change applies at once). */
  limits(): { max: number; ignoreCompanies: readonly number[] };
}

function companyHex(id: number): string {
  return toHex(Uint8Array.of(id & 0xff, id >> 8));
}

export class UnknownAdvertisers {
  private readonly entries = new Map<string, Entry>();
  private readonly options: UnknownListOptions;

  constructor(options: UnknownListOptions) {
    this.options = options;
  }

  /**
   * Note an advertisement from `mac` that was not decoded. Returns whether it is listed: advertisements
   * with nothing to show (no name, no data) and those whose manufacturer data all belongs to ignored
   * companies (unless their name or UUID announced a model) are not.
   */
  note(mac: string, adv: Advertisement, reject: Pick<DecodeReject, 'message' | 'model'>, ts: number): boolean {
    const { max, ignoreCompanies } = this.options.limits();
    if (max <= 0) {
      this.entries.clear();
      return false;
    }
    const hasData = adv.manufacturerData.length > 0 || adv.serviceData.length > 0;
    if (!hasData && adv.name === undefined) return false;
    if (reject.model === undefined && adv.manufacturerData.length > 0 && adv.manufacturerData.every((m) => ignoreCompanies.includes(m.companyId))) return false;
    let e = this.entries.get(mac);
    if (e) this.entries.delete(mac); // re-inserted last: Map order = least recently heard first
    else {
      e = { mac, name: null, rssi: null, companyId: null, mfr: [], serviceUuids: [], serviceData: [], reason: '', model: null, count: 0, firstSeen: ts, lastSeen: ts };
      while (this.entries.size >= max) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(mac, e);
    e.count++;
    e.lastSeen = Math.max(e.lastSeen, ts);
    if (adv.name !== undefined) e.name = adv.name;
    if (adv.rssi !== undefined) e.rssi = adv.rssi;
    e.reason = reject.message;
    if (reject.model !== undefined) e.model = reject.model;
    // Data: the newest packet that carries some (a bare advertisement must not blank the last payload).
    if (hasData) {
      e.mfr = adv.manufacturerData.map((m) => ({ companyId: m.companyId, data: m.data.slice() }));
      e.companyId = adv.manufacturerData[0]?.companyId ?? e.companyId;
      e.serviceData = adv.serviceData.map((s) => ({ uuid: s.uuid, data: s.data.slice() }));
    }
    for (const u of adv.serviceUuids) if (!e.serviceUuids.includes(u) && e.serviceUuids.length < 16) e.serviceUuids.push(u);
    return true;
  }

  /** The device was decoded after all (its name arrived, a model was assigned): it is no longer unknown. */
  forget(mac: string): void {
    this.entries.delete(mac);
  }

  has(mac: string): boolean {
    return this.entries.has(mac);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Most recently heard first. `extra` adds what the list itself does not know (assignment, recording). */
  list(extra: (mac: string) => { assignedModel: string | null; recording: boolean } = () => ({ assignedModel: null, recording: false })): BleUnknownAdvertiser[] {
    return [...this.entries.values()].reverse().map((e) => ({
      mac: e.mac,
      name: e.name,
      rssi: e.rssi,
      companyId: e.companyId,
      data: e.mfr.map((m) => companyHex(m.companyId) + toHex(m.data)).join(' '),
      serviceUuids: [...e.serviceUuids],
      serviceData: e.serviceData.map((s) => ({ uuid: s.uuid, data: toHex(s.data) })),
      reason: e.reason,
      model: e.model,
      count: e.count,
      firstSeen: e.firstSeen,
      lastSeen: e.lastSeen,
      ...extra(e.mac),
    }));
  }
}
