// What a decode gives back, and the units of every reading name it can produce. Pure.

/** Reading name → value. Names: see BLE_UNITS. */
export type Readings = Record<string, number>;

export interface DecodeOk {
  ok: true;
  /** `H5075`, `H5072/H5075` when only the data tells (no name), `H5179` for both H5179 firmwares… */
  model: string;
  mac?: string;
  rssi?: number;
  /** Only valid values. A recognised device with nothing valid (all probes unplugged) has `{}`. */
  readings: Readings;
  /** One line per value that was present but not trusted: `"temperature: error flag set"`. */
  errors: string[];
  /** Battery %, also in `readings.battery`; absent for models that do not send it. */
  battery?: number;
  /** Oddities that did not stop the decode (e.g. an H5055 probe reported despite a clear presence bit). */
  notes?: string[];
}

export interface DecodeReject {
  ok: false;
  /**
   * `unknown`: not a device we can decode (not Govee, an unsupported Govee model such as H5194, or not
   * enough to tell which model). `malformed`: the input is corrupt or a recognised model's data has the
   * wrong length.
   */
  reason: 'unknown' | 'malformed';
  message: string;
  /** Set when the model was recognised (from name or UUID) but its data could not be decoded. */
  model?: string;
  mac?: string;
  rssi?: number;
}

export type DecodeResult = DecodeOk | DecodeReject;

/**
 * Unit of every reading name the decoders produce. Probe and setpoint numbers go 1–6.
 * `setpointN` = a probe's (high) alarm / target temperature; `setpointN_low` = its low alarm (H5055, H5198).
 * H5112: `probe1` + `probe1_humidity` (its probe 0x41 measures both) and `probe2` (0x82, temperature only).
 * H5178: the main unit is `temperature`/`humidity`/`battery`, its remote sensor `remote_temperature`,
 * `remote_humidity`, `remote_battery`. H5191: `temperature` is the ambient sensor beside `probe1`.
 */
export const BLE_UNITS: Readonly<Record<string, string>> = Object.freeze({
  temperature: '°C',
  humidity: '%',
  battery: '%',
  pm25: 'µg/m³',
  co2: 'ppm',
  probe1_humidity: '%',
  remote_temperature: '°C',
  remote_humidity: '%',
  remote_battery: '%',
  ...Object.fromEntries([1, 2, 3, 4, 5, 6].flatMap((n) => [[`probe${n}`, '°C'], [`setpoint${n}`, '°C'], [`setpoint${n}_low`, '°C']])),
});

/** Unit for a reading name ('' if the name is not one the decoders produce). */
export function unitFor(metric: string): string {
  return BLE_UNITS[metric] ?? '';
}
