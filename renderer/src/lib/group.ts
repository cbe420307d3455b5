import type { Device, LiveReading } from '../../../preload/contract/index.ts';

export const unassignedRoom = 'Unassigned';

export interface DeviceTile {
  deviceId: string;
  /** Friendly name, or the id when nobody has named it yet. */
  name: string;
  model: string | null;
  readings: LiveReading[];
}

export interface RoomGroup {
  room: string;
  tiles: DeviceTile[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

// Most-watched metrics first, the rest alphabetically, so every tile reads in the same order.
const metricOrder = ['temperature', 'humidity', 'co2', 'pressure', 'voltage', 'current', 'power', 'battery', 'rssi'];
function compareMetrics(a: LiveReading, b: LiveReading): number {
  const ia = metricOrder.indexOf(a.metric);
  const ib = metricOrder.indexOf(b.metric);
  if (ia !== ib) return (ia === -1 ? metricOrder.length : ia) - (ib === -1 ? metricOrder.length : ib);
  return collator.compare(a.metric, b.metric) || a.seriesId - b.seriesId;
}

export function roomOf(device: Pick<Device, 'room'> | undefined): string {
  const room = device?.room?.trim();
  return room ? room : unassignedRoom;
}

export function displayName(device: Pick<Device, 'name'> | undefined, id: string): string {
  const name = device?.name?.trim();
  return name ? name : id;
}

/**
 * One tile per device that has readings, grouped by the room from its name record. Rooms sort by name;
 * "Unassigned" comes last because it is the to-do pile, not a place.
 */
export function groupByRoom(devices: ReadonlyMap<string, Device>, readings: Iterable<LiveReading>): RoomGroup[] {
  const byDevice = new Map<string, LiveReading[]>();
  for (const r of readings) {
    const list = byDevice.get(r.deviceId);
    if (list) list.push(r);
    else byDevice.set(r.deviceId, [r]);
  }
  const rooms = new Map<string, DeviceTile[]>();
  for (const [deviceId, list] of byDevice) {
    const device = devices.get(deviceId);
    const tile: DeviceTile = { deviceId, name: displayName(device, deviceId), model: device?.model ?? null, readings: list.sort(compareMetrics) };
    const room = roomOf(device);
    const tiles = rooms.get(room);
    if (tiles) tiles.push(tile);
    else rooms.set(room, [tile]);
  }
  return [...rooms]
    .map(([room, tiles]) => ({ room, tiles: tiles.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.deviceId, b.deviceId)) }))
    .sort((a, b) => {
      if (a.room === unassignedRoom) return b.room === unassignedRoom ? 0 : 1;
      if (b.room === unassignedRoom) return -1;
      return collator.compare(a.room, b.room);
    });
}
