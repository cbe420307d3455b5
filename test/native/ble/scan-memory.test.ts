import { describe, expect, it } from 'vitest';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { ScanMemory } from '../../../native/ble/scan-memory.ts';
import { adv } from './helpers.ts';

const MAC = 'D0:30:38:35:5D:6F';

describe('ScanMemory: names and UUIDs per device, never readings', () => {
  it('a company-0x0001 payload heard before and after its name: undecodable alone, decoded once the name is remembered', () => {
    const memory = new ScanMemory();
    // PROTOCOLS.md §1.5.4 / T29: GVH5105 — 0100 0101 037876 64 → 22.7 °C / 44.6 % / 100 %.
    const payload = adv({ mac: MAC, mfr: ['0100010103787664'] });
    const first = decodeAdvertisement(memory.merge(MAC, payload));
    expect(first).toMatchObject({ ok: false, reason: 'unknown' });
    memory.merge(MAC, adv({ mac: MAC, name: 'GVH5105_5D6F' })); // the scan response
    const again = decodeAdvertisement(memory.merge(MAC, payload));
    expect(again).toMatchObject({ ok: true, model: 'H5105', readings: { temperature: 22.7, humidity: 44.6, battery: 100 } });
  });

  it('never carries manufacturer data over: a packet without data decodes to no readings, not the last value again', () => {
    const memory = new ScanMemory();
    memory.merge(MAC, adv({ mac: MAC, name: 'GVH5075_1234', mfr: ['88ec000418ee6400'] }));
    const bare = memory.merge(MAC, adv({ mac: MAC, uuids: ['ec88'] }));
    expect(bare.manufacturerData).toEqual([]);
    expect(bare.name).toBe('GVH5075_1234');
    expect(decodeAdvertisement(bare)).toMatchObject({ ok: true, model: 'H5075', readings: {} });
  });

  it('keeps names per address, a new name replaces the old, and the packet object is not modified', () => {
    const memory = new ScanMemory();
    memory.merge('A', adv({ name: 'GVH5075_AAAA' }));
    memory.merge('B', adv({ name: 'GVH5102_BBBB' }));
    const p = adv({ mfr: ['88ec000418ee6400'] });
    expect(memory.merge('A', p).name).toBe('GVH5075_AAAA');
    expect(p.name).toBeUndefined();
    expect(memory.merge('B', adv({})).name).toBe('GVH5102_BBBB');
    memory.merge('A', adv({ name: 'renamed' }));
    expect(memory.nameOf('A')).toBe('renamed');
  });

  it('adds remembered service UUIDs (a meat probe\'s model UUID from another packet)', () => {
    const memory = new ScanMemory();
    memory.merge(MAC, adv({ uuids: ['9851'] }));
    expect(memory.merge(MAC, adv({ uuids: ['ec88'] })).serviceUuids).toEqual(['ec88', '9851']);
  });

  it('without a key nothing is merged', () => {
    const memory = new ScanMemory();
    const p = adv({ name: 'x' });
    expect(memory.merge(undefined, p)).toBe(p);
    expect(memory.size).toBe(0);
  });

  it('is bounded: the least recently heard device is forgotten first', () => {
    const memory = new ScanMemory(3);
    for (const k of ['a', 'b', 'c']) memory.merge(k, adv({ name: k }));
    memory.merge('a', adv({})); // a heard again: b is now the oldest
    memory.merge('d', adv({ name: 'd' }));
    expect(memory.size).toBe(3);
    expect(memory.nameOf('b')).toBeUndefined();
    expect(memory.nameOf('a')).toBe('a');
  });
});
