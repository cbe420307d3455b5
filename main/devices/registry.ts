import type { Device } from '../../preload/contract/index.ts';
import type { DeviceSighting, NameRecord } from '../../native/ingest.ts';
import type { Db } from '../store/db.ts';

export type { DeviceSighting, NameRecord };

type DeviceRow = Omit<Device, 'name' | 'room' | 'notes'>;

/**
 * Every device ever seen, keyed by its stable id. Names live in their own table and are joined here,
 * so a rename never changes a key. Sightings update memory at once; last_seen/rssi/battery reach the
 * store with the next reading batch (see flushSightings).
 */
export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceRow>();
  private readonly names = new Map<string, { name: string | null; room: string | null; notes: string | null }>();
  private readonly dirty = new Set<string>();
  private readonly insertDevice;
  private readonly updateSeen;
  private readonly upsertName;

  constructor(db: Db) {
    this.insertDevice = db.prepare(
      `INSERT INTO devices (id, kind, model, source, parent_id, first_seen, last_seen, rssi, battery)
       VALUES (@id, @kind, @model, @source, @parentId, @firstSeen, @lastSeen, @rssi, @battery)
       ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, model = excluded.model, source = excluded.source, parent_id = excluded.parent_id`,
    );
    this.updateSeen = db.prepare('UPDATE devices SET last_seen = @lastSeen, rssi = @rssi, battery = @battery WHERE id = @id');
    this.upsertName = db.prepare(
      `INSERT INTO device_names (device_id, name, room, notes, set_by, set_at) VALUES (@id, @name, @room, @notes, @setBy, @setAt)
       ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, room = excluded.room, notes = excluded.notes, set_by = excluded.set_by, set_at = excluded.set_at`,
    );
    type Row = { id: string; kind: Device['kind']; model: string; source: Device['source']; parent_id: string | null; first_seen: number; last_seen: number; rssi: number | null; battery: number | null };
    for (const r of db.prepare<[], Row>('SELECT * FROM devices').all()) {
      this.devices.set(r.id, { id: r.id, kind: r.kind, model: r.model, source: r.source, parentId: r.parent_id, firstSeen: r.first_seen, lastSeen: r.last_seen, rssi: r.rssi, battery: r.battery });
    }
    for (const r of db.prepare<[], { device_id: string; name: string | null; room: string | null; notes: string | null }>('SELECT * FROM device_names').all()) {
      this.names.set(r.device_id, { name: r.name, room: r.room, notes: r.notes });
    }
  }

  /** Record a sighting. Returns the device and whether its identity (not just last-seen) changed. */
  seen(s: DeviceSighting, ts: number): { device: Device; changed: boolean } {
    const known = this.devices.get(s.id);
    const parentId = s.parentId ?? null;
    if (!known || known.kind !== s.kind || known.model !== s.model || known.source !== s.source || known.parentId !== parentId) {
      const row: DeviceRow = { id: s.id, kind: s.kind, model: s.model, source: s.source, parentId, firstSeen: known?.firstSeen ?? ts, lastSeen: Math.max(ts, known?.lastSeen ?? 0), rssi: s.rssi ?? null, battery: s.battery ?? null };
      this.insertDevice.run(row);
      this.devices.set(s.id, row);
      return { device: this.withName(row), changed: true };
    }
    if (ts > known.lastSeen) known.lastSeen = ts;
    if (s.rssi !== undefined) known.rssi = s.rssi;
    if (s.battery !== undefined) known.battery = s.battery;
    this.dirty.add(s.id);
    return { device: this.withName(known), changed: false };
  }

  /** Persist buffered last-seen/rssi/battery; called inside the reading batch transaction. */
  flushSightings(): void {
    for (const id of this.dirty) {
      const d = this.devices.get(id);
      if (d) this.updateSeen.run({ id, lastSeen: d.lastSeen, rssi: d.rssi, battery: d.battery });
    }
    this.dirty.clear();
  }

  hasUnflushedSightings(): boolean {
    return this.dirty.size > 0;
  }

  get(id: string): Device | undefined {
    const row = this.devices.get(id);
    return row && this.withName(row);
  }

  list(): Device[] {
    return [...this.devices.values()].map((d) => this.withName(d)).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Set name/room/notes; fields left undefined keep their value, empty strings clear. */
  rename(id: string, patch: NameRecord, setBy: string, now: number): Device | undefined {
    const row = this.devices.get(id);
    if (!row) return undefined;
    const old = this.names.get(id) ?? { name: null, room: null, notes: null };
    const pick = (v: string | undefined, was: string | null) => (v === undefined ? was : v === '' ? null : v);
    const next = { name: pick(patch.name, old.name), room: pick(patch.room, old.room), notes: pick(patch.notes, old.notes) };
    this.upsertName.run({ id, ...next, setBy, setAt: now });
    this.names.set(id, next);
    return this.withName(row);
  }

  /** Give a default name only if nobody has named the device yet (used by the demo site). */
  suggestName(id: string, patch: NameRecord, setBy: string, now: number): void {
    if (!this.names.has(id)) this.rename(id, patch, setBy, now);
  }

  displayName(id: string): string {
    return this.names.get(id)?.name ?? id;
  }

  private withName(row: DeviceRow): Device {
    const n = this.names.get(row.id);
    return { ...row, name: n?.name ?? null, room: n?.room ?? null, notes: n?.notes ?? null };
  }
}
