import { describe, expect, it } from 'vitest';
import { DECODABLE_MODELS, decodeAs } from '../../../native/ble/assign.ts';
import { bleAssignableModels } from '../../../preload/contract/ble.ts';
import { adv } from './helpers.ts';

describe('decodeAs: a model assigned by hand', () => {
  it('the contract offers exactly the models the decoders read', () => {
    expect([...bleAssignableModels]).toEqual(DECODABLE_MODELS);
  });

  it('decodes company-0x0001 data that has no name (T8 bytes as H5102, T29 bytes as H5105)', () => {
    expect(decodeAs(adv({ mac: 'E1:12:1D:61:BB:AA', rssi: -70, mfr: ['0100010103590e64'] }), 'H5102')).toMatchObject({ ok: true, model: 'H5102', mac: 'E1:12:1D:61:BB:AA', rssi: -70, readings: { temperature: 21.9, humidity: 40.6, battery: 100 } });
    expect(decodeAs(adv({ mfr: ['0100010103787664'] }), 'H5105')).toMatchObject({ ok: true, model: 'H5105', readings: { temperature: 22.7, humidity: 44.6 } });
  });

  it('wins over what the device announces: a name or a meat-probe UUID', () => {
    // T5's bytes with a misleading name and the H5198 UUID: read as the assigned H5075.
    expect(decodeAs(adv({ name: 'GVH5074_1234', uuids: ['9851'], mfr: ['88ec000418ee6400'] }), 'H5075')).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 26.8, humidity: 52.6 } });
    // B12's H5182 data heard without its UUID.
    expect(decodeAs(adv({ mfr: ['30554401000101e401860834ffff860960ffff'] }), 'H5182')).toMatchObject({ ok: true, model: 'H5182', readings: { probe1: 21, probe2: 24 } });
  });

  it('data that does not fit the assigned model is a malformed reject; an unknown model is refused', () => {
    expect(decodeAs(adv({ mfr: ['88ec000418ee6400'] }), 'H5102')).toMatchObject({ ok: false, reason: 'malformed', model: 'H5102' });
    expect(decodeAs(adv({ mac: 'A4:C1:38:00:00:01', mfr: ['88ec000418ee6400'] }), 'H5194')).toMatchObject({ ok: false, reason: 'unknown', mac: 'A4:C1:38:00:00:01' });
    expect(decodeAs(adv({ mfr: ['88ec000418ee6400'] }), 'nonsense')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});
