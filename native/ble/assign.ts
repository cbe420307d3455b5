// Decoding a device as a model an operator assigned by hand (an H5075 heard without its name, a
// company-0x0001 sensor whose name never arrives). Pure.
import type { Advertisement } from './advertisement.ts';
import { decodeAdvertisementAs } from './govee.ts';
import { HYGRO_LAYOUT, MEAT_MODELS } from './govee-models.ts';
import type { DecodeResult } from './result.ts';

/** Every model the decoders read (`H5075` …), sorted: what an operator may assign. */
export const DECODABLE_MODELS: readonly string[] = [...HYGRO_LAYOUT.keys(), ...MEAT_MODELS]
  .sort((a, b) => a - b)
  .map((n) => `H${n}`);

/**
 * Decode `adv` as `model` (`H5075`), whatever its name and service UUIDs say: exactly as if the device had
 * announced that model. An unknown model string gives an `unknown` reject.
 */
export function decodeAs(adv: Advertisement, model: string): DecodeResult {
  const n = /^H(5\d{3})$/.exec(model) ? Number(model.slice(1)) : 0;
  if (!HYGRO_LAYOUT.has(n) && !MEAT_MODELS.has(n)) {
    return { ok: false, reason: 'unknown', message: `${model} is not a model the decoders read`, ...(adv.mac === undefined ? {} : { mac: adv.mac }) };
  }
  // The assigned model stands in for the name; a meat thermometer's UUID would otherwise win over it.
  return decodeAdvertisementAs(adv, n, 0);
}
