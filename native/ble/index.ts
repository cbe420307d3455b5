// Govee BLE advertisements: parse (AD structures, HCI reports, gateway JSON, capture lines), decode,
// encode. Everything here is pure. See PROTOCOLS.md §1 for the byte layouts.
export * from './advertisement.ts';
export * from './ad.ts';
export * from './hci.ts';
export * from './govee.ts';
export * from './govee-models.ts';
export * from './decode.ts';
export * from './encode.ts';
export * from './gateway.ts';
export * from './capture.ts';
export * from './sighting.ts';
export * from './result.ts';
export { parseHex, toHex } from './hex.ts';
