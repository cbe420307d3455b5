import type { DeviceSighting } from '../../../native/ingest.ts';
import { emptyAdvertisement, normalizeMac, normalizeUuid } from '../../../native/ble/advertisement.ts';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { kindOfModel } from '../../../native/ble/govee-models.ts';
import { parseHex } from '../../../native/ble/hex.ts';
import type { BleDecodeInput, BleDecodeOutput } from './omg-theengs.ts';

/**
 * The real BLE decoders (native/ble/) in the shape the OpenMQTTGateway/Theengs mapper takes:
 * `createOmgTheengsMapper({ decodeBle: decodeGatewayBle, kindOfModel: gatewayKindOfModel })`.
 * Gateway hex carries the 2-byte company id first, little-endian as on air (PROTOCOLS.md §1.1).
 */
export function decodeGatewayBle(input: BleDecodeInput): BleDecodeOutput | null {
  const adv = emptyAdvertisement();
  const mac = normalizeMac(input.mac);
  if (mac !== undefined) adv.mac = mac;
  if (input.name !== undefined) adv.name = input.name;
  if (input.rssi !== undefined) adv.rssi = input.rssi;
  if (input.manufacturerDataHex !== undefined) {
    const h = parseHex(input.manufacturerDataHex);
    if (!h.ok) return null;
    if (h.bytes.length >= 2) adv.manufacturerData.push({ companyId: h.bytes[0]! | (h.bytes[1]! << 8), data: h.bytes.subarray(2) });
  }
  const uuid = input.serviceDataUuid === undefined ? undefined : normalizeUuid(input.serviceDataUuid);
  if (uuid !== undefined) {
    // Meat thermometers are told apart by their service UUID: offer it as advertised too.
    adv.serviceUuids.push(uuid);
    if (input.serviceDataHex !== undefined) {
      const h = parseHex(input.serviceDataHex);
      if (h.ok) adv.serviceData.push({ uuid, data: h.bytes });
    }
  }
  const r = decodeAdvertisement(adv);
  if (r.ok) {
    const out: BleDecodeOutput = { model: r.model, readings: r.readings, errors: r.errors };
    if (r.battery !== undefined) out.battery = r.battery;
    return out;
  }
  // A recognised model whose data is broken is worth a counted reject; anything unknown is just not ours.
  if (r.reason === 'malformed' && r.model !== undefined) return { model: r.model, readings: {}, errors: [r.message] };
  return null;
}

export function gatewayKindOfModel(model: string): DeviceSighting['kind'] {
  return kindOfModel(model);
}
