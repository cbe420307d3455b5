// Fuzz the BLE entry points with random and mutated input (bit flips, truncation, extension, insertion,
// deletion, splices of valid inputs). Each must return, never throw, and give either a well-formed value
// or a reject with a reason; the split is counted and checked for plausibility. Seeded: failures reproduce.
import { describe, expect, it } from 'vitest';
import { encodeAdStructures, parseAdStructures } from '../../native/ble/ad.ts';
import type { Advertisement } from '../../native/ble/advertisement.ts';
import { decodeAdBytes, decodeHciEvent, decodeHciReport } from '../../native/ble/decode.ts';
import { ENCODABLE_MODELS, encodeGovee, encodeGoveeHci } from '../../native/ble/encode.ts';
import { decodeGatewayMessage } from '../../native/ble/gateway.ts';
import { decodeManufacturerData } from '../../native/ble/govee.ts';
import { encodeHciExtendedAdvertisingReport, parseHciEvent } from '../../native/ble/hci.ts';
import { parseHex, toHex } from '../../native/ble/hex.ts';
import { unitFor, type DecodeResult } from '../../native/ble/result.ts';
import { seededRandom } from '../../native/sim/random.ts';
import { int, mutateBytes, pick, randomBytes } from '../helpers/fuzz.ts';
import { BLE_MONITOR, GATEWAY_CAPTURES, THEENGS } from '../native/ble/vectors.ts';

const RANDOM_CASES = 60_000;
// Generous: CPU time is a few seconds, but this 2-core machine is often shared with other test runs.
const TIMEOUT_MS = 120_000;
const MUTATED_CASES = 60_000;
const MAC_RE = /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/;
const UUID_RE = /^([0-9a-f]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function hexBytes(h: string): Uint8Array {
  const p = parseHex(h);
  if (!p.ok) throw new Error(p.message);
  return p.bytes;
}

interface Tally {
  ok: number;
  unknown: number;
  malformed: number;
  other: number;
}
const tally = (): Tally => ({ ok: 0, unknown: 0, malformed: 0, other: 0 });

/** A decode result must be a well-formed value or a reject with a reason. */
function checkDecode(r: DecodeResult, t: Tally): void {
  if (r.ok) {
    t.ok++;
    if (typeof r.model !== 'string' || r.model === '') throw new Error(`empty model ${JSON.stringify(r)}`);
    for (const [k, v] of Object.entries(r.readings)) {
      if (!Number.isFinite(v)) throw new Error(`reading ${k} = ${v}`);
      if (unitFor(k) === '') throw new Error(`reading ${k} has no unit`);
    }
    if (!Array.isArray(r.errors) || r.errors.some((e) => typeof e !== 'string' || e === '')) throw new Error('errors');
    if (r.battery !== undefined && !(r.battery >= 0 && r.battery <= 100)) throw new Error(`battery ${r.battery}`);
    if (r.mac !== undefined && !MAC_RE.test(r.mac)) throw new Error(`mac ${r.mac}`);
  } else {
    if (r.reason === 'unknown') t.unknown++;
    else if (r.reason === 'malformed') t.malformed++;
    else throw new Error(`reason ${String(r.reason)}`);
    if (typeof r.message !== 'string' || r.message === '' || r.message.includes('\n')) throw new Error(`message ${JSON.stringify(r.message)}`);
  }
}

function checkAdvertisement(a: Advertisement): void {
  for (const u of a.serviceUuids) if (!UUID_RE.test(u)) throw new Error(`uuid ${u}`);
  for (const m of a.manufacturerData) if (!(m.companyId >= 0 && m.companyId <= 0xffff) || !(m.data instanceof Uint8Array)) throw new Error('mfr');
  for (const s of a.serviceData) if (!UUID_RE.test(s.uuid) || !(s.data instanceof Uint8Array)) throw new Error('service data');
  if (a.name !== undefined && typeof a.name !== 'string') throw new Error('name');
  if (a.txPower !== undefined && !(a.txPower >= -128 && a.txPower <= 127)) throw new Error('tx');
  if (a.mac !== undefined && !MAC_RE.test(a.mac)) throw new Error(`mac ${a.mac}`);
  if (a.rssi !== undefined && !(Number.isInteger(a.rssi) && a.rssi >= -128 && a.rssi <= 126)) throw new Error(`rssi ${a.rssi}`);
}

/** Runs `n` cases and logs the slowest (tests assert no times; a hang would hit the test timeout). */
function runCases(n: number, one: (i: number) => void): { slowestMs: number } {
  let slowestMs = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    one(i);
    const dt = performance.now() - t0;
    if (dt > slowestMs) slowestMs = dt;
  }
  return { slowestMs };
}

// Valid corpora
const MAC = 'A4:C1:38:DD:DB:F8';
const sampleReadings = { temperature: 21.6, humidity: 49.8, battery: 77, pm25: 5, co2: 600, probe1: 60, setpoint1: 63, probe2: 22, probe3: 40, probe4: 41, probe1_humidity: 30, remote_temperature: 5, remote_humidity: 80 };
const encodedAdvs = ENCODABLE_MODELS.flatMap((m) => encodeGovee(m, MAC, sampleReadings));
const AD_CORPUS = [...encodedAdvs.map((a) => encodeAdStructures(a)), ...BLE_MONITOR.map((v) => {
  const b = hexBytes(v.hex);
  return b.subarray(14, 14 + b[13]!);
})];
const HCI_CORPUS = [
  ...BLE_MONITOR.map((v) => hexBytes(v.hex)),
  ...ENCODABLE_MODELS.flatMap((m) => encodeGoveeHci(m, MAC, sampleReadings, { rssi: -60 })),
  ...encodedAdvs.slice(0, 8).map((a) => encodeHciExtendedAdvertisingReport([{ mac: MAC, data: encodeAdStructures(a), rssi: -50 }])),
];
const NAMES = ['GVH5075_DBF8', 'Govee_H5074_1234', 'GVH5055', 'GV5179_6319', 'GV51085242', 'GV5112AC3D', 'GV5140303A', 'B5178C545', 'GVH5106_4E05', 'GVH5102_1234', 'GVH5194_0000', 'GVPROBE', '', 'xyz'];
const UUIDS = ['ec88', '5550', '8151', '8251', '8351', '8451', '8551', '9151', '9851', '9451', 'fef5'];
const MFR_CORPUS = [...THEENGS.map((v) => ({ mfr: hexBytes(v.hex), name: v.name, uuids: [] as string[] })), ...encodedAdvs.map((a) => {
  const m = a.manufacturerData[0]!;
  return { mfr: Uint8Array.of(m.companyId & 0xff, m.companyId >> 8, ...m.data), name: a.name ?? '', uuids: a.serviceUuids };
})];

describe('fuzz: BLE entry points', () => {
  it('AD structure parser (and decode of what it parses)', () => {
    const rnd = seededRandom(0xad);
    const random = tally();
    const mutated = tally();
    let parsedOk = 0;
    const corpus = AD_CORPUS;
    const one = (b: Uint8Array, t: Tally) => {
      const p = parseAdStructures(b);
      if (p.ok) {
        parsedOk++;
        checkAdvertisement(p.adv);
      } else {
        if (p.message === '') throw new Error('empty AD message');
        checkAdvertisement(p.partial);
      }
      checkDecode(decodeAdBytes(b, { mac: MAC }), t);
    };
    const slowR = runCases(RANDOM_CASES, (i) => {
      // Half raw noise, half structurally plausible: a few length/type/value structures with random types.
      if (i % 2 === 0) one(randomBytes(rnd, int(rnd, 48)), random);
      else {
        const parts: number[] = [];
        for (let k = int(rnd, 5); k > 0; k--) {
          const len = 1 + int(rnd, 12);
          parts.push(len, pick(rnd, [0x01, 0x02, 0x03, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x16, 0x20, 0x21, 0xff, int(rnd, 256)]), ...randomBytes(rnd, len - 1));
        }
        one(Uint8Array.from(parts), random);
      }
    });
    const slowM = runCases(MUTATED_CASES, () => one(mutateBytes(rnd, pick(rnd, corpus), corpus, { edgeBytes: true }), mutated));
    console.log('AD', { random, mutated, parsedOk, slowestMs: Math.max(slowR.slowestMs, slowM.slowestMs) });
    expect(random.ok + random.unknown + random.malformed).toBe(RANDOM_CASES);
    expect(mutated.ok + mutated.unknown + mutated.malformed).toBe(MUTATED_CASES);
    expect(parsedOk).toBeGreaterThan(RANDOM_CASES * 0.2); // structured random input usually parses
    expect(mutated.ok).toBeGreaterThan(MUTATED_CASES * 0.05); // mutated Govee payloads sometimes still decode…
    expect(mutated.malformed + mutated.unknown).toBeGreaterThan(MUTATED_CASES * 0.05); // …and often do not
  }, TIMEOUT_MS);

  it('HCI advertising report parser → decode', () => {
    const rnd = seededRandom(0x3e);
    const random = tally();
    const mutated = tally();
    let reports = 0;
    const corpus = HCI_CORPUS;
    const one = (b: Uint8Array, t: Tally) => {
      const p = parseHciEvent(b);
      if (p.ok) {
        if (p.reports.length === 0) throw new Error('ok without reports');
        for (const r of p.reports) checkAdvertisement(r.advertisement);
      } else if ((p.reason !== 'malformed' && p.reason !== 'unsupported') || p.message === '') throw new Error(`hci reject ${JSON.stringify(p)}`);
      const results = decodeHciEvent(b);
      if (results.length === 0) throw new Error('no result');
      reports += results.length;
      for (const r of results) checkDecode(r, t);
      // The in-place fast path must agree exactly with parse-then-decode.
      const generic = p.ok ? p.reports.map(decodeHciReport) : [{ ok: false, reason: 'malformed', message: p.message }];
      if (JSON.stringify(results) !== JSON.stringify(generic)) {
        throw new Error(`fast and generic paths differ on ${toHex(b)}:\n${JSON.stringify(results)}\n${JSON.stringify(generic)}`);
      }
    };
    const slowR = runCases(RANDOM_CASES, (i) => {
      // Random bodies behind a plausible header most of the time, so the report walker is exercised.
      const body = randomBytes(rnd, int(rnd, 70));
      if (i % 4 === 0) one(body, random);
      else {
        const sub = pick(rnd, [0x02, 0x0d, 0x02, int(rnd, 256)]);
        const params = [sub, 1 + int(rnd, 3), ...body];
        const len = rnd() < 0.8 ? params.length : int(rnd, 256);
        one(Uint8Array.from([...(rnd() < 0.5 ? [0x04] : []), 0x3e, len & 0xff, ...params]), random);
      }
    });
    const slowM = runCases(MUTATED_CASES, () => one(mutateBytes(rnd, pick(rnd, corpus), corpus, { edgeBytes: true }), mutated));
    console.log('HCI', { random, mutated, reports, slowestMs: Math.max(slowR.slowestMs, slowM.slowestMs) });
    expect(random.ok + random.unknown + random.malformed).toBeGreaterThanOrEqual(RANDOM_CASES);
    expect(mutated.ok + mutated.unknown + mutated.malformed).toBeGreaterThanOrEqual(MUTATED_CASES);
    expect(mutated.ok).toBeGreaterThan(MUTATED_CASES * 0.05);
    expect(mutated.malformed).toBeGreaterThan(MUTATED_CASES * 0.05);
  }, TIMEOUT_MS);

  it('manufacturer-data decoder with name/UUID hints', () => {
    const rnd = seededRandom(0x88ec);
    const random = tally();
    const mutated = tally();
    const corpus = MFR_CORPUS.map((c) => c.mfr);
    const one = (b: Uint8Array, name: string, uuids: string[], t: Tally) => {
      if (b.length < 2) return checkDecode(decodeManufacturerData(0, b, { name, serviceUuids: uuids }), t);
      checkDecode(decodeManufacturerData(b[0]! | (b[1]! << 8), b.subarray(2), { name, serviceUuids: uuids, mac: MAC, rssi: -50 }), t);
    };
    const slowR = runCases(RANDOM_CASES, () => {
      const company = pick(rnd, [0xec88, 0x0001, 0x8801, 0x004c, int(rnd, 0x10000)]);
      const data = randomBytes(rnd, int(rnd, 40));
      const uuids = rnd() < 0.3 ? [pick(rnd, UUIDS)] : [];
      one(Uint8Array.of(company & 0xff, company >> 8, ...data), rnd() < 0.6 ? pick(rnd, NAMES) : '', uuids, random);
    });
    const slowM = runCases(MUTATED_CASES, () => {
      const base = pick(rnd, MFR_CORPUS);
      // Mostly keep the hints that belong to the bytes; sometimes swap them for another device's.
      const name = rnd() < 0.8 ? base.name : pick(rnd, NAMES);
      const uuids = rnd() < 0.8 ? base.uuids : [pick(rnd, UUIDS)];
      one(mutateBytes(rnd, base.mfr, corpus, { edgeBytes: true }), name, uuids, mutated);
    });
    console.log('mfr', { random, mutated, slowestMs: Math.max(slowR.slowestMs, slowM.slowestMs) });
    expect(random.ok + random.unknown + random.malformed).toBe(RANDOM_CASES);
    expect(mutated.ok + mutated.unknown + mutated.malformed).toBe(MUTATED_CASES);
    expect(random.ok).toBeGreaterThan(0); // a named model with random bytes of the right length decodes
    expect(random.unknown).toBeGreaterThan(RANDOM_CASES * 0.3);
    expect(mutated.ok).toBeGreaterThan(MUTATED_CASES * 0.2);
    expect(mutated.malformed + mutated.unknown).toBeGreaterThan(MUTATED_CASES * 0.1);
  }, TIMEOUT_MS);

  it('gateway JSON messages (objects and text)', () => {
    const rnd = seededRandom(0x6a7e);
    const random = tally();
    const mutated = tally();
    const corpus: Record<string, unknown>[] = [
      ...Object.values(GATEWAY_CAPTURES).map((m) => ({ ...m })),
      ...THEENGS.map((v) => ({ id: MAC, name: v.name, rssi: -60, manufacturerdata: v.hex })),
      { name: 'GVH5075_1234', id: MAC, rssi: -70, brand: 'Govee', model_id: 'H5072/75', tempc: 26.8, tempf: 80.24, hum: 52.6, batt: 100 },
      { brand: 'Govee', model_id: 'H5055', id: MAC, tempc1: '23', tempc2: 115, batt: 70 },
      { hum: '52.6', tempc: '19.2', tempf: '66.56' },
    ];
    const KEYS = ['id', 'name', 'rssi', 'manufacturerdata', 'servicedata', 'servicedatauuid', 'txpower', 'brand', 'model_id', 'tempc', 'tempf', 'hum', 'batt', 'pm25', 'co2', 'tempc1', 'tempc6', 'tempf2', '__proto__', 'constructor'];
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 2 || r < 0.5) return pick<unknown>(rnd, [null, true, 0, -1, 1.5, 1e308, -0, 'Govee', '', 'A4:C1:38:DD:DB:F8', '88ec000418ee6400', 'zz', '12.5', 'NaN', 'Infinity', toHex(randomBytes(rnd, int(rnd, 24)))]);
      if (r < 0.7) return Array.from({ length: int(rnd, 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: int(rnd, 6) }, () => [pick(rnd, KEYS), value(depth + 1)]));
    };
    const slowR = runCases(RANDOM_CASES, (i) => {
      const v = value(0);
      checkDecode(decodeGatewayMessage(i % 3 === 0 ? JSON.stringify(v) ?? 'undefined' : v), random);
    });
    const slowM = runCases(MUTATED_CASES, (i) => {
      const base = pick(rnd, corpus);
      if (i % 2 === 0) {
        // Structural: drop, retype or corrupt fields.
        const m: Record<string, unknown> = { ...base };
        for (let k = 1 + int(rnd, 3); k > 0; k--) {
          const key = pick(rnd, [...Object.keys(m), pick(rnd, KEYS)]);
          const op = int(rnd, 3);
          if (op === 0) delete m[key];
          else if (op === 1) m[key] = value(1);
          else if (typeof m[key] === 'string') {
            const s = m[key] as string;
            const at = int(rnd, s.length + 1);
            m[key] = s.slice(0, at) + pick(rnd, ['', 'f', '0', 'g', ' ', '::']) + s.slice(at + int(rnd, 3));
          }
        }
        checkDecode(decodeGatewayMessage(m), mutated);
      } else {
        // Textual: flip, cut or insert characters in the JSON text.
        const text = JSON.stringify(base);
        const at = int(rnd, text.length);
        const op = int(rnd, 3);
        const bad = op === 0 ? text.slice(0, at) : op === 1 ? text.slice(0, at) + String.fromCharCode(32 + int(rnd, 95)) + text.slice(at + 1) : text.slice(0, at) + '"x":1,' + text.slice(at);
        checkDecode(decodeGatewayMessage(bad), mutated);
      }
    });
    console.log('gateway', { random, mutated, slowestMs: Math.max(slowR.slowestMs, slowM.slowestMs) });
    expect(random.ok + random.unknown + random.malformed).toBe(RANDOM_CASES);
    expect(mutated.ok + mutated.unknown + mutated.malformed).toBe(MUTATED_CASES);
    expect(mutated.ok).toBeGreaterThan(MUTATED_CASES * 0.1);
    expect(mutated.malformed).toBeGreaterThan(MUTATED_CASES * 0.1);
    expect(random.unknown + random.malformed).toBeGreaterThan(RANDOM_CASES * 0.5);
  }, TIMEOUT_MS);
});
