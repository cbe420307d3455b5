import type { Device } from '../../preload/contract/index.ts';
import { nameProblem } from '../../preload/contract/devices.ts';
import type { DeviceSighting, NameRecord } from '../../native/ingest.ts';
import type { Db } from '../store/db.ts';

export type { DeviceSighting, NameRecord };

type DeviceRow = Omit<Device, 'name' | 'room' | 'notes' | 'needsName' | 'heardVia' | 'aliases' | 'hidden' | 'expectedIntervalS'> & {
  hidden: boolean;
  expectedIntervalS: number | null;
};
type Names = { name: string | null; room: string | null; notes: string | null };
type Via = { connectionId: string; rssi: number | null; lastSeen: number };

/** An alias chain longer than this is a loop from a hand-edited database: stop following it. */
const maxAliasHops = 8;

/**
 * Every device ever seen, keyed by its stable id. Names live in their own table and are joined here,
 * so a rename never changes a key. Sightings update memory at once; last_seen/rssi/battery (and the
 * gateways a device is heard via) reach the store with the next reading batch (see flushSightings).
 *
 * Identities merged into another device stay as aliases: a sighting under an alias is filed under the
 * device it was merged into (resolve). Names imported for ids not seen yet wait in `device_names_pending`
 * and are applied when that device first reports.
 */
export class DeviceRegistry {
  private readonly db: Db;
  private readonly devices = new Map<string, DeviceRow>();
  private readonly names = new Map<string, Names>();
  private readonly pending = new Map<string, Names>();
  /** alias id → the device it now means. */
  private readonly aliases = new Map<string, string>();
  /** device → gateway → how it was last heard there. */
  private readonly via = new Map<string, Map<string, Via>>();
  private readonly dirty = new Set<string>();
  private readonly dirtyVia = new Set<string>();
  /**
   * What seen() hands back when only last-seen/RSSI/battery moved (the pipeline ignores it then): one object
   * per device, refreshed in place, so the hot path builds no Device per reading. Dropped on any other change.
   */
  private readonly quick = new Map<string, Device>();
  private readonly insertDevice;
  private readonly updateSeen;
  private readonly upsertName;
  private readonly deleteName;
  private readonly upsertVia;
  private readonly upsertPending;
  private readonly deletePending;
  private readonly updateHidden;

  constructor(db: Db) {
    this.db = db;
    this.insertDevice = db.prepare(
      `INSERT INTO devices (id, kind, model, source, parent_id, first_seen, last_seen, rssi, battery, hidden, expected_interval_s)
       VALUES (@id, @kind, @model, @source, @parentId, @firstSeen, @lastSeen, @rssi, @battery, @hidden, @expectedIntervalS)
       ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, model = excluded.model, source = excluded.source, parent_id = excluded.parent_id,
         expected_interval_s = excluded.expected_interval_s`,
    );
    this.updateSeen = db.prepare('UPDATE devices SET last_seen = @lastSeen, rssi = @rssi, battery = @battery WHERE id = @id');
    this.upsertName = db.prepare(
      `INSERT INTO device_names (device_id, name, room, notes, set_by, set_at) VALUES (@id, @name, @room, @notes, @setBy, @setAt)
       ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, room = excluded.room, notes = excluded.notes, set_by = excluded.set_by, set_at = excluded.set_at`,
    );
    this.deleteName = db.prepare<[string]>('DELETE FROM device_names WHERE device_id = ?');
    this.upsertVia = db.prepare(
      `INSERT INTO device_via (device_id, gateway_id, connection_id, rssi, last_seen) VALUES (@deviceId, @gatewayId, @connectionId, @rssi, @lastSeen)
       ON CONFLICT(device_id, gateway_id) DO UPDATE SET connection_id = excluded.connection_id, rssi = excluded.rssi, last_seen = excluded.last_seen`,
    );
    this.upsertPending = db.prepare(
      `INSERT INTO device_names_pending (device_id, name, room, notes, set_by, set_at) VALUES (@id, @name, @room, @notes, @setBy, @setAt)
       ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, room = excluded.room, notes = excluded.notes, set_by = excluded.set_by, set_at = excluded.set_at`,
    );
    this.deletePending = db.prepare<[string]>('DELETE FROM device_names_pending WHERE device_id = ?');
    this.updateHidden = db.prepare<[number, string]>('UPDATE devices SET hidden = ? WHERE id = ?');
    type Row = {
      id: string;
      kind: Device['kind'];
      model: string;
      source: Device['source'];
      parent_id: string | null;
      first_seen: number;
      last_seen: number;
      rssi: number | null;
      battery: number | null;
      hidden: number;
      expected_interval_s: number | null;
    };
    for (const r of db.prepare<[], Row>('SELECT * FROM devices').all()) {
      this.devices.set(r.id, {
        id: r.id,
        kind: r.kind,
        model: r.model,
        source: r.source,
        parentId: r.parent_id,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        rssi: r.rssi,
        battery: r.battery,
        hidden: r.hidden !== 0,
        expectedIntervalS: r.expected_interval_s,
      });
    }
    type NameRow = { device_id: string; name: string | null; room: string | null; notes: string | null };
    for (const r of db.prepare<[], NameRow>('SELECT * FROM device_names').all()) this.names.set(r.device_id, { name: r.name, room: r.room, notes: r.notes });
    for (const r of db.prepare<[], NameRow>('SELECT * FROM device_names_pending').all()) this.pending.set(r.device_id, { name: r.name, room: r.room, notes: r.notes });
    for (const r of db.prepare<[], { alias_id: string; device_id: string }>('SELECT alias_id, device_id FROM device_aliases').all()) this.aliases.set(r.alias_id, r.device_id);
    for (const r of db.prepare<[], { device_id: string; gateway_id: string; connection_id: string; rssi: number | null; last_seen: number }>('SELECT * FROM device_via').all()) {
      this.viaOf(r.device_id).set(r.gateway_id, { connectionId: r.connection_id, rssi: r.rssi, lastSeen: r.last_seen });
    }
  }

  /** The device an id means now: itself, or the device an alias was merged into. */
  canonical(id: string): string {
    let cur = id;
    for (let i = 0; i < maxAliasHops; i++) {
      const next = this.aliases.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
    return cur;
  }

  /**
   * A sighting as the registry files it: under the canonical id, and — when it came in under an alias —
   * with the merged device's kind/model/source, so two identities of one sensor do not flip it back and forth.
   */
  resolve(s: DeviceSighting): DeviceSighting {
    if (this.aliases.size === 0) return s;
    const id = this.canonical(s.id);
    if (id === s.id) return s;
    const known = this.devices.get(id);
    return known ? { ...s, id, kind: known.kind, model: known.model, source: known.source, parentId: known.parentId } : { ...s, id };
  }

  /** Record a sighting. Returns the device and whether its identity (not just last-seen) changed. */
  seen(s: DeviceSighting, ts: number): { device: Device; changed: boolean } {
    const known = this.devices.get(s.id);
    const parentId = s.parentId ?? null;
    const interval = s.expectedIntervalS !== undefined && Number.isFinite(s.expectedIntervalS) && s.expectedIntervalS > 0 ? s.expectedIntervalS : (known?.expectedIntervalS ?? null);
    if (!known || known.kind !== s.kind || known.model !== s.model || known.source !== s.source || known.parentId !== parentId || known.expectedIntervalS !== interval) {
      const row: DeviceRow = {
        id: s.id,
        kind: s.kind,
        model: s.model,
        source: s.source,
        parentId,
        firstSeen: known?.firstSeen ?? ts,
        lastSeen: Math.max(ts, known?.lastSeen ?? 0),
        rssi: s.rssi ?? known?.rssi ?? null,
        battery: s.battery ?? known?.battery ?? null,
        hidden: known?.hidden ?? false,
        expectedIntervalS: interval,
      };
      this.insertDevice.run({ ...row, hidden: row.hidden ? 1 : 0 });
      this.devices.set(s.id, row);
      this.quick.delete(s.id);
      if (!known) this.applyPending(s.id, ts);
      return { device: this.withName(row), changed: true };
    }
    if (ts > known.lastSeen) known.lastSeen = ts;
    if (s.rssi !== undefined) known.rssi = s.rssi;
    if (s.battery !== undefined) known.battery = s.battery;
    this.dirty.add(s.id);
    let device = this.quick.get(s.id);
    if (!device) this.quick.set(s.id, (device = this.withName(known)));
    else {
      device.lastSeen = known.lastSeen;
      device.rssi = known.rssi;
      device.battery = known.battery;
    }
    return { device, changed: false };
  }

  /**
   * The device was heard through a gateway (BLE via OpenMQTTGateway/Theengs), with that gateway's RSSI.
   * Returns true when the gateway is new for this device (worth a devices.changed).
   */
  heardVia(id: string, gatewayId: string, connectionId: string, rssi: number | undefined, ts: number): boolean {
    const deviceId = this.canonical(id);
    if (!this.devices.has(deviceId)) return false;
    const m = this.viaOf(deviceId);
    const had = m.get(gatewayId);
    if (had) {
      if (ts >= had.lastSeen) {
        had.lastSeen = ts;
        had.connectionId = connectionId;
        if (rssi !== undefined) had.rssi = rssi;
      }
    } else {
      m.set(gatewayId, { connectionId, rssi: rssi ?? null, lastSeen: ts });
      this.quick.delete(deviceId);
    }
    this.dirtyVia.add(deviceId);
    return !had;
  }

  /** Persist buffered last-seen/rssi/battery and heard-via; called inside the reading batch transaction. */
  flushSightings(): void {
    for (const id of this.dirty) {
      const d = this.devices.get(id);
      if (d) this.updateSeen.run({ id, lastSeen: d.lastSeen, rssi: d.rssi, battery: d.battery });
    }
    this.dirty.clear();
    for (const id of this.dirtyVia) {
      if (!this.devices.has(id)) continue;
      for (const [gatewayId, v] of this.via.get(id) ?? []) this.upsertVia.run({ deviceId: id, gatewayId, connectionId: v.connectionId, rssi: v.rssi, lastSeen: v.lastSeen });
    }
    this.dirtyVia.clear();
  }

  hasUnflushedSightings(): boolean {
    return this.dirty.size > 0 || this.dirtyVia.size > 0;
  }

  get(id: string): Device | undefined {
    const row = this.devices.get(id);
    return row && this.withName(row);
  }

  has(id: string): boolean {
    return this.devices.has(id);
  }

  list(): Device[] {
    return [...this.devices.values()].map((d) => this.withName(d)).sort((a, b) => a.id.localeCompare(b.id));
  }

  isHidden(id: string): boolean {
    return this.devices.get(id)?.hidden === true;
  }

  expectedIntervalS(id: string): number | null {
    return this.devices.get(id)?.expectedIntervalS ?? null;
  }

  /** Set name/room/notes; fields left undefined keep their value, empty strings clear. */
  rename(id: string, patch: NameRecord, setBy: string, now: number): Device | undefined {
    const row = this.devices.get(id);
    if (!row) return undefined;
    const old = this.names.get(id) ?? { name: null, room: null, notes: null };
    const next = patchNames(old, patch);
    this.upsertName.run({ id, ...next, setBy, setAt: now });
    this.names.set(id, next);
    this.quick.delete(id);
    return this.withName(row);
  }

  /** Would this patch change the device's name, room or notes? */
  wouldChange(id: string, patch: NameRecord): boolean {
    const old = this.names.get(this.canonical(id)) ?? this.pending.get(id) ?? { name: null, room: null, notes: null };
    const next = patchNames(old, patch);
    return next.name !== old.name || next.room !== old.room || next.notes !== old.notes;
  }

  /** Give a default name only if nobody has named the device yet (adapters, the demo site). */
  suggestName(id: string, patch: NameRecord, setBy: string, now: number): void {
    const deviceId = this.canonical(id);
    if (!this.names.has(deviceId) && !this.pending.has(deviceId)) this.rename(deviceId, patch, setBy, now);
  }

  displayName(id: string): string {
    return this.names.get(id)?.name ?? id;
  }

  /** Keep a name for an id not seen yet (an import for the next site); applied when it first reports. */
  setPending(id: string, patch: NameRecord, setBy: string, now: number): void {
    const next = patchNames(this.pending.get(id) ?? { name: null, room: null, notes: null }, patch);
    this.upsertPending.run({ id, ...next, setBy, setAt: now });
    this.pending.set(id, next);
  }

  pendingNames(): { id: string; name: string | null; room: string | null; notes: string | null }[] {
    return [...this.pending].map(([id, n]) => ({ id, ...n })).sort((a, b) => a.id.localeCompare(b.id));
  }

  setHidden(id: string, hidden: boolean): Device | undefined {
    const row = this.devices.get(id);
    if (!row) return undefined;
    if (row.hidden !== hidden) {
      this.updateHidden.run(hidden ? 1 : 0, id);
      row.hidden = hidden;
      this.quick.delete(id);
    }
    return this.withName(row);
  }

  /** Alias ids that mean this device. */
  aliasesOf(id: string): string[] {
    const out: string[] = [];
    for (const [alias, target] of this.aliases) if (this.canonical(target) === id) out.push(alias);
    return out.sort();
  }

  /**
   * Fold `from` into `into` (their series are moved by the caller, inside the same transaction): names fill
   * gaps in `into`'s, gateways are combined, `from` and its aliases become aliases of `into`, and the
   * `from` row goes. Returns the merged device.
   */
  absorb(from: string, into: string, now: number): Device {
    const a = this.devices.get(from);
    const b = this.devices.get(into);
    if (!a || !b) throw new Error(`absorb: unknown device ${a ? into : from}`);
    // Names: into's win; empty fields are filled from from's.
    const na = this.names.get(from);
    const nb = this.names.get(into) ?? { name: null, room: null, notes: null };
    if (na) {
      const next = { name: nb.name ?? na.name, room: nb.room ?? na.room, notes: nb.notes ?? na.notes };
      if (next.name !== nb.name || next.room !== nb.room || next.notes !== nb.notes || !this.names.has(into)) {
        this.upsertName.run({ id: into, ...next, setBy: 'merge', setAt: now });
        this.names.set(into, next);
      }
    }
    // Gateways: newest wins per gateway.
    const va = this.via.get(from);
    if (va) {
      const vb = this.viaOf(into);
      for (const [g, v] of va) if ((vb.get(g)?.lastSeen ?? -1) < v.lastSeen) vb.set(g, { ...v });
      this.dirtyVia.add(into);
    }
    b.firstSeen = Math.min(a.firstSeen, b.firstSeen);
    b.lastSeen = Math.max(a.lastSeen, b.lastSeen);
    b.rssi ??= a.rssi;
    b.battery ??= a.battery;
    this.db.prepare('UPDATE devices SET first_seen = ?, last_seen = ?, rssi = ?, battery = ? WHERE id = ?').run(b.firstSeen, b.lastSeen, b.rssi, b.battery, into);
    // Aliases: from, and everything that meant from, now mean into.
    this.db.prepare('UPDATE device_aliases SET device_id = ? WHERE device_id = ?').run(into, from);
    for (const [alias, target] of this.aliases) if (target === from) this.aliases.set(alias, into);
    this.db.prepare('INSERT INTO device_aliases (alias_id, device_id, created_at) VALUES (?, ?, ?) ON CONFLICT(alias_id) DO UPDATE SET device_id = excluded.device_id').run(from, into, now);
    this.aliases.set(from, into);
    // into must not be an alias of anything (it is a device now).
    this.db.prepare('DELETE FROM device_aliases WHERE alias_id = ?').run(into);
    this.aliases.delete(into);
    this.dropRow(from);
    this.quick.delete(into);
    return this.withName(b);
  }

  /** Remove a device, its name, gateways and the aliases pointing at it (its series are the caller's job). */
  remove(id: string): void {
    this.db.prepare('DELETE FROM device_aliases WHERE device_id = ?').run(id);
    for (const [alias, target] of this.aliases) if (target === id) this.aliases.delete(alias);
    this.dropRow(id);
  }

  private dropRow(id: string): void {
    this.deleteName.run(id);
    this.db.prepare('DELETE FROM device_via WHERE device_id = ?').run(id);
    this.db.prepare('DELETE FROM devices WHERE id = ?').run(id);
    this.names.delete(id);
    this.via.delete(id);
    this.devices.delete(id);
    this.quick.delete(id);
    this.dirty.delete(id);
    this.dirtyVia.delete(id);
  }

  private applyPending(id: string, now: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (!this.names.has(id)) {
      this.upsertName.run({ id, ...p, setBy: 'import', setAt: now });
      this.names.set(id, p);
      this.quick.delete(id);
    }
    this.deletePending.run(id);
    this.pending.delete(id);
  }

  private viaOf(id: string): Map<string, Via> {
    let m = this.via.get(id);
    if (!m) this.via.set(id, (m = new Map()));
    return m;
  }

  private withName(row: DeviceRow): Device {
    const n = this.names.get(row.id);
    const name = n?.name ?? null;
    const device: Device = {
      id: row.id,
      kind: row.kind,
      model: row.model,
      source: row.source,
      parentId: row.parentId,
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      rssi: row.rssi,
      battery: row.battery,
      name,
      room: n?.room ?? null,
      notes: n?.notes ?? null,
      hidden: row.hidden,
      expectedIntervalS: row.expectedIntervalS,
      needsName: nameProblem(name, row.id),
    };
    const via = this.via.get(row.id);
    if (via && via.size > 0) device.heardVia = [...via].map(([gatewayId, v]) => ({ gatewayId, connectionId: v.connectionId, rssi: v.rssi, lastSeen: v.lastSeen })).sort((x, y) => y.lastSeen - x.lastSeen);
    if (this.aliases.size > 0) {
      const aliases = this.aliasesOf(row.id);
      if (aliases.length > 0) device.aliases = aliases;
    }
    return device;
  }
}

function patchNames(old: Names, patch: NameRecord): Names {
  const pick = (v: string | undefined, was: string | null) => (v === undefined ? was : v === '' ? null : v);
  return { name: pick(patch.name, old.name), room: pick(patch.room, old.room), notes: pick(patch.notes, old.notes) };
}
