// Published vectors from PROTOCOLS.md §1.5 (Theengs T1–T29, gateway captures) and the raw HCI vectors of
// ble_monitor (test/test_govee_parser.py @ 56902202). Expected values are the sources' own numbers in our
// reading names, except: T6 is the documented correction (−7.3 / 48.1, not Theengs' −7.3481), and the
// H5055 setpoints, which Theengs does not decode, are read off the bytes by hand (0x012c = 300 °C).

export interface MfrVector {
  id: string;
  name: string;
  /** Theengs convention: company id first, little-endian. */
  hex: string;
  model: string;
  readings: Record<string, number>;
}

export const THEENGS: readonly MfrVector[] = [
  { id: 'T1', name: 'GVH5055', hex: 'cf040400461b061700ffff2c01067300ffff2c010000', model: 'H5055', readings: { probe1: 23, probe2: 115, setpoint1: 300, setpoint2: 300, battery: 70 } },
  { id: 'T2', name: 'GVH5055', hex: 'cf040400417f065600ffff2c01069100ffff2c010', model: 'H5055', readings: { probe3: 86, probe4: 145, setpoint3: 300, setpoint4: 300, battery: 65 } },
  { id: 'T3', name: 'GVH5055', hex: 'cf04040061bf065c00ffff2c01063700ffff2c010000', model: 'H5055', readings: { probe5: 92, probe6: 55, setpoint5: 300, setpoint6: 300, battery: 97 } },
  { id: 'T4', name: 'GVH5055', hex: 'cf040400538f06ffffffff2c01065400ffff2c010', model: 'H5055', readings: { probe6: 84, setpoint6: 300, battery: 83 } },
  { id: 'T5', name: 'GVH5075_1234', hex: '88ec000418ee6400', model: 'H5075', readings: { temperature: 26.8, humidity: 52.6, battery: 100 } },
  { id: 'T6', name: 'GVH5075_1234', hex: '88ec00811f096400', model: 'H5075', readings: { temperature: -7.3, humidity: 48.1, battery: 100 } },
  { id: 'T7', name: 'GVH5072_1234', hex: '88ec0004344b6400', model: 'H5072', readings: { temperature: 27.5, humidity: 53.1, battery: 100 } },
  { id: 'T8', name: 'GVH5102_1234', hex: '0100010103590e64', model: 'H5102', readings: { temperature: 21.9, humidity: 40.6, battery: 100 } },
  { id: 'T9', name: 'GVH5174_1234', hex: '01000101035e1364', model: 'H5174', readings: { temperature: 22, humidity: 69.1, battery: 100 } },
  { id: 'T10', name: 'GVH5174_1234', hex: '01000101811a6764', model: 'H5174', readings: { temperature: -7.2, humidity: 29.5, battery: 100 } },
  { id: 'T11', name: 'Govee_H5074_1234', hex: '88ec00c408231d6402', model: 'H5074', readings: { temperature: 22.44, humidity: 74.59, battery: 100 } },
  { id: 'T12', name: 'Govee_H5074_1234', hex: '88ec00a0facc176402', model: 'H5074', readings: { temperature: -13.76, humidity: 60.92, battery: 100 } },
  { id: 'T13', name: 'Govee_H5074_1234', hex: '88ec001b0a9b196402', model: 'H5074', readings: { temperature: 25.87, humidity: 65.55, battery: 100 } },
  { id: 'T14', name: 'GVH5055', hex: '59045b006401201c00ffffffff20ffffffffffff0000', model: 'H5055', readings: { probe1: 28, battery: 100 } },
  { id: 'T15', name: 'GVH5055', hex: '59045b00640220ffffffffffff201f00ffffffff0000', model: 'H5055', readings: { probe2: 31, battery: 100 } },
  { id: 'T16', name: 'GVH5055', hex: '59045b00646020ffffffffffff201e00ffffffff0000', model: 'H5055', readings: { probe4: 30, battery: 100 } },
  { id: 'T17', name: 'GVH5055', hex: '59045b0064a020ffffffffffff202100ffffffff0000', model: 'H5055', readings: { probe6: 33, battery: 100 } },
  { id: 'T18', name: 'GVH5106_1234', hex: '010001010ed2e431', model: 'H5106', readings: { temperature: 24.8, humidity: 70.2, pm25: 1 } },
  { id: 'T19', name: 'GVH5106_1234', hex: '010001010deeaa6f', model: 'H5106', readings: { temperature: 23.3, humidity: 74.5, pm25: 7 } },
  { id: 'T20', name: 'GVH5106_1234', hex: '010001010ddf25cc', model: 'H5106', readings: { temperature: 23.2, humidity: 72.8, pm25: 12 } },
  { id: 'T21', name: 'GVH5106_1234', hex: '010001010069fcd3', model: 'H5106', readings: { temperature: 0.6, humidity: 94.6, pm25: 3 } },
  { id: 'T22', name: 'GVH5106_1234', hex: '01000101848420c0', model: 'H5106', readings: { temperature: -7.5, humidity: 76.8, pm25: 0 } },
  { id: 'T23', name: 'GVH5106_1234', hex: '0100010181aa77cf', model: 'H5106', readings: { temperature: -2.7, humidity: 94.9, pm25: 7 } },
  { id: 'T24', name: 'GVH5106_1234', hex: '0100010185e12c39', model: 'H5106', readings: { temperature: -9.8, humidity: 64.3, pm25: 1 } },
  { id: 'T25', name: 'GVH5106_1234', hex: '010001010d915f9a4c000215494e54454c4c495f524f434b535f48575075f2ff0c', model: 'H5106', readings: { temperature: 22.7, humidity: 63.1, pm25: 2 } },
  { id: 'T26', name: 'GVH5075_1234', hex: '88ec000384e45c004c000215494e54454c4c495f524f434b535f48575075f2ffc2', model: 'H5075', readings: { temperature: 23, humidity: 62.8, battery: 92 } },
  { id: 'T27', name: 'GVH5104_1234', hex: '0100010103f99e64', model: 'H5104', readings: { temperature: 26, humidity: 51, battery: 100 } },
  { id: 'T28', name: 'Govee_H5179_1234', hex: '0188ec000101ee07581641', model: 'H5179', readings: { temperature: 20.3, humidity: 57.2, battery: 65 } },
  { id: 'T29', name: 'GVH5105_1234', hex: '0100010103787664', model: 'H5105', readings: { temperature: 22.7, humidity: 44.6, battery: 100 } },
];

export interface HciVector {
  id: string;
  hex: string;
  mac: string;
  rssi: number;
  /** undefined = expected to be rejected as unknown (see `why`). */
  model?: string;
  readings?: Record<string, number>;
  why?: string;
}

/**
 * ble_monitor's raw HCI vectors. Where ble_monitor reports 0.0 for a 0xFFFF probe or alarm, we report
 * nothing (no probe / alarm not set); setpoints of unplugged probes are not reported.
 */
export const BLE_MONITOR: readonly HciVector[] = [
  { id: 'B1 H5051', hex: '043e1902010400aabb615960e30d0cff88ec00ba0af90f63020101b7', mac: 'E3:60:59:61:BB:AA', rssi: -73, model: 'H5051', readings: { temperature: 27.46, humidity: 40.89, battery: 99 } },
  {
    id: 'B2 H5055',
    hex: '043e270201000005351338c1a41b02010617ff1cea3500644120ffffffffffff203200ffffffff0000c4',
    mac: 'A4:C1:38:13:35:05',
    rssi: -60,
    why: 'no service UUID and no name: ble_monitor recognises it by company id 0xEA1C, which we never do for meat thermometers',
  },
  { id: 'B3 H5074', hex: '043e1702010400aabb611d12e00b0aff88ec0088078c116402a6', mac: 'E0:12:1D:61:BB:AA', rssi: -90, model: 'H5074', readings: { temperature: 19.28, humidity: 44.92, battery: 100 } },
  { id: 'B4 H5102', hex: '043e2b02010000aabb611d12e11f0d09475648353130325f43423942030388ec02010509ff0100010103cb0164aa', mac: 'E1:12:1D:61:BB:AA', rssi: -86, model: 'H5102', readings: { temperature: 24.8, humidity: 57.7, battery: 100 } },
  { id: 'B5 H5075', hex: '043e2b02010000aabb6138c1a41f0d09475648353037355f43423942030388ec02010509ff88ec0003215d6400aa', mac: 'A4:C1:38:61:BB:AA', rssi: -86, model: 'H5075', readings: { temperature: 20.5, humidity: 14.9, battery: 100 } },
  { id: 'B6 H5075 negative', hex: '043e2b02010000aabb6138c1a41f0d09475648353037355f43423942030388ec02010509ff88ec0081c2896400aa', mac: 'A4:C1:38:61:BB:AA', rssi: -86, model: 'H5075', readings: { temperature: -11.5, humidity: 33.7, battery: 100 } },
  {
    id: 'B7 H5075 + iBeacon AD',
    hex: '043e4602010000116c2438c1a43a0d09475648353037355f36433131030388ec02010509ff88ec00012d6e64001aff4c000215494e54454c4c495f524f434b535f48575075f2ffc2b3',
    mac: 'A4:C1:38:24:6C:11',
    rssi: -77,
    model: 'H5075',
    readings: { temperature: 7.7, humidity: 16.6, battery: 100 },
  },
  {
    id: 'B8 H5106',
    hex: '043e46020102018ef1f645b5c63a0201060D09475648353130365f34423939030388EC09ff010001010deeaa6f1aff4c000215494e54454c4c495f524f434b535f48575075f2ff0ccc',
    mac: 'C6:B5:45:F6:F1:8E',
    rssi: -52,
    model: 'H5106',
    readings: { temperature: 23.3, humidity: 74.5, pm25: 7 },
  },
  { id: 'B9 H5178 sensor 0', hex: '043E2B0201000045C5DF38C1A41F0A09423531373843353435030388EC0201050CFF010001010003A00F640000BF', mac: 'A4:C1:38:DF:C5:45', rssi: -65, model: 'H5178', readings: { temperature: 23.7, humidity: 58.3, battery: 100 } },
  {
    id: 'B10 H5178 sensor 1',
    hex: '043E2B0201000045C5DF38C1A41F0A09423531373843353435030388EC0201050CFF010001010102FC87640002BF',
    mac: 'A4:C1:38:DF:C5:45',
    rssi: -65,
    model: 'H5178',
    readings: { remote_temperature: 19.5, remote_humidity: 71.9, remote_battery: 100 },
  },
  { id: 'B11 H5179', hex: '043E19020104006F18128132E30D0CFF0188EC000101A00AA2175BB6', mac: 'E3:32:81:12:18:6F', rssi: -74, model: 'H5179', readings: { temperature: 27.2, humidity: 60.5, battery: 91 } },
  { id: 'B12 H5182', hex: '043e28020100014455303031c71c0201060303518214ff30554401000101e401860834ffff860960ffffcf', mac: 'C7:31:30:30:55:44', rssi: -49, model: 'H5182', readings: { probe1: 21, probe2: 24 } },
  {
    id: 'B13 H5182 alarm',
    hex: '043e28020100014455303031c71c0201060303518214ff30554401000101e4018608341cdc8609602249d1',
    mac: 'C7:31:30:30:55:44',
    rssi: -47,
    model: 'H5182',
    readings: { probe1: 21, setpoint1: 73.88, probe2: 24, setpoint2: 87.77 },
  },
  { id: 'B14 H5183', hex: '043e2b02010000edaeac38c1a41f0303518302010511ff5DA1B401000101E400800A2813240000000000000000a9', mac: 'A4:C1:38:AC:AE:ED', rssi: -87, model: 'H5183', readings: { probe1: 26, setpoint1: 49 } },
  {
    id: 'B15 H5184',
    hex: '043e4a020100016c22303031c63e0201060303518414ff30584001000101e401460a28ffff460960ffff1aff4c000215494e54454c4c49f5f24f43fb535f48575075f2ff0c00000000000000c5',
    mac: 'C6:31:30:30:22:6C',
    rssi: -59,
    model: 'H5184',
    readings: { probe1: 26, probe2: 24 },
  },
  { id: 'B16 H5185', hex: '043e2b020100010a49323633d81f0201060303518517ff32490a01000101e4c1ff0960ffffffff0a28ffffffffc5', mac: 'D8:33:36:32:49:0A', rssi: -59, model: 'H5185', readings: { probe1: 24, probe2: 26 } },
  {
    id: 'B17 H5185 alarm',
    hex: '043e2b020100010a49323633d81f0201060303518517ff32490a01000101e4c19609c41bbcffff0a282474ffffca',
    mac: 'D8:33:36:32:49:0A',
    rssi: -54,
    model: 'H5185',
    readings: { probe1: 25, setpoint1: 71, probe2: 26, setpoint2: 93.32 },
  },
  {
    id: 'B18 H5191',
    hex: '043E240201000107158038C1A41817ff63ac83010001014c5d040fa01324ffff0af0ffffffffC6',
    mac: 'A4:C1:38:80:15:07',
    rssi: -58,
    why: 'no service UUID and no name: ble_monitor recognises it by company id 0xAC63, which we never do for meat thermometers',
  },
  {
    id: 'B19 H5198 (both probes unplugged)',
    hex: '043e4a020100016c22303031c63e0201060303519817ff30226c01000101c0010fffff1ce8ffffffff189cffff1aff4c000215494e54454c4c495f524f434b535f48575075f2ff0c00000000c5',
    mac: 'C6:31:30:30:22:6C',
    rssi: -59,
    model: 'H5198',
    readings: {},
  },
];

/** PROTOCOLS.md §1.5.4: real gateway captures (Theengs Gateway issues #247/#309). */
export const GATEWAY_CAPTURES = {
  h5105: { manufacturerdata: '0100010103787664', name: 'GVH5105_5D6F', id: 'D0:30:38:35:5D:6F', rssi: -68, mfr: 'Nokia Mobile Phones' },
  ibeacon: { name: 'GVH5105_5D6F', id: 'D0:30:38:35:5D:6F', rssi: -68, model_id: 'IBEACON', type: 'BCON', mfid: '4c00', uuid: '494e54454c4c495f524f434b535f4857', major: 20597, minor: -3329, volt: 1.2 },
  gv5179: { manufacturerdata: '0100010103e5c664', name: 'GV5179_1767', id: 'E2:6A:C4:86:17:67', rssi: -73, mfr: 'Nokia Mobile Phones' },
} as const;
