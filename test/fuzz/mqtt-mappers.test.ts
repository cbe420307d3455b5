import { describe, expect, it } from 'vitest';
import { isMapResult, type MapResult, type Mapper } from '../../main/telemetry/mappers/mapper.ts';
import { createOmgTheengsMapper } from '../../main/telemetry/mappers/omg-theengs.ts';
import { decodeGatewayBle, gatewayKindOfModel } from '../../main/telemetry/mappers/ble-decoder.ts';
import { createGovee2MqttMapper } from '../../main/telemetry/mappers/govee2mqtt.ts';
import { createVictronMapper } from '../../main/telemetry/mappers/victron.ts';
import { createGxControl } from '../../main/telemetry/mappers/victron-control.ts';
import { createFrigateMapper } from '../../main/telemetry/mappers/frigate.ts';
import { createUserMapper, testMapping } from '../../main/telemetry/mappers/user-mapping.ts';
import { seededRandom } from '../../native/sim/random.ts';

/**
 * ≥ 100 000 random and mutated (topic, payload) pairs per mapper, seeded so a failure reproduces:
 * nothing throws, every result is one of the four kinds and well-formed, and the mix of kinds shows
 * the generator reached the mappers' deep paths (readings, events) as well as their rejects.
 */

const CASES = 100_000;
/** Generous: the suite shares a 2-core machine; an idle one runs each case set in 1–3 s. */
const TIMEOUT_MS = 120_000;
const enc = new TextEncoder();
const metricName = /^[a-z][a-z0-9_.]{0,63}$/;
const severities = new Set(['info', 'warn', 'alarm']);

type Rnd = () => number;

function tools(rnd: Rnd) {
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chars = 'abcXYZ09/+#$ _-.:"{}[]\\\u0000é😀';
  const randomString = (max: number) => Array.from({ length: int(max + 1) }, () => chars[int(chars.length)]).join('');
  const scalars: unknown[] = [null, true, false, 0, -1, 1, 2, 3, 4, 100, 1.5, -7.3481, 1e308, -1e308, 2 ** 53, '', ' ', '12.5', '0x10', 'Infinity', 'NaN', 'ON', 'off', '__proto__', 'constructor', 'x'.repeat(300)];
  const value = (depth: number, keys: readonly string[]): unknown => {
    const r = rnd();
    if (depth > 2 || r < 0.45) return rnd() < 0.5 ? pick(scalars) : (rnd() - 0.5) * 10 ** int(6);
    if (r < 0.6) return Array.from({ length: int(4) }, () => value(depth + 1, keys));
    const o: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key must be data, as JSON.parse makes it, not a prototype change.
    for (let i = int(6); i > 0; i--) Object.defineProperty(o, pick(keys), { value: value(depth + 1, keys), enumerable: true, writable: true, configurable: true });
    return o;
  };
  /** Bit flips, truncation, extension, a splice of two inputs, or structural characters dropped in. */
  const mutate = (b: Uint8Array, other: Uint8Array): Uint8Array => {
    const r = rnd();
    if (r < 0.25 && b.length > 0) {
      const c = b.slice();
      for (let i = 1 + int(3); i > 0; i--) {
        const at = int(c.length);
        c[at] = c[at]! ^ (1 << int(8));
      }
      return c;
    }
    if (r < 0.45) return b.subarray(0, int(b.length + 1));
    if (r < 0.6) {
      const extra = Uint8Array.from({ length: 1 + int(16) }, () => int(256));
      const c = new Uint8Array(b.length + extra.length);
      c.set(b);
      c.set(extra, b.length);
      return c;
    }
    if (r < 0.8) {
      const cut = int(b.length + 1);
      const from = int(other.length + 1);
      const c = new Uint8Array(cut + other.length - from);
      c.set(b.subarray(0, cut));
      c.set(other.subarray(from), cut);
      return c;
    }
    const c = b.slice();
    if (c.length > 0) c[int(c.length)] = pick([0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x5c, 0x00]);
    return c;
  };
  const mutateTopic = (t: string): string => {
    const levels = t.split('/');
    const r = rnd();
    if (r < 0.25) levels[int(levels.length)] = randomString(6);
    else if (r < 0.4) levels.splice(int(levels.length), 1);
    else if (r < 0.55) levels.splice(int(levels.length + 1), 0, randomString(4));
    else if (r < 0.7) levels[int(levels.length)] = pick(['+', '#', '', '$SYS', 'BTtoMQTT', 'N', 'undecoded']);
    else {
      const s = levels.join('/');
      const at = int(s.length + 1);
      return s.slice(0, at) + randomString(3) + s.slice(at);
    }
    return levels.join('/');
  };
  return { int, pick, randomString, value, mutate, mutateTopic };
}

interface Tally {
  counts: Record<MapResult['kind'], number>;
  samples: number;
  events: number;
}

/** Drive one mapper with seeds (valid messages), their mutations and pure noise; check every result. */
function fuzz(mapper: Mapper, seed: number, seeds: ReadonlyArray<readonly [string, string | Uint8Array]>, keys: readonly string[], structured: (t: ReturnType<typeof tools>) => [string, Uint8Array]): Tally {
  const rnd = seededRandom(seed);
  const t = tools(rnd);
  const seedBytes = seeds.map(([topic, p]) => [topic, typeof p === 'string' ? enc.encode(p) : p] as const);
  const tally: Tally = { counts: { readings: 0, event: 0, ignored: 0, rejected: 0 }, samples: 0, events: 0 };
  for (let i = 0; i < CASES; i++) {
    const now = 1_700_000_000_000 + i * 1000;
    let topic: string;
    let payload: Uint8Array;
    const r = rnd();
    if (r < 0.35) [topic, payload] = structured(t);
    else if (r < 0.75) {
      const [st, sp] = t.pick(seedBytes);
      topic = rnd() < 0.6 ? st : t.mutateTopic(st);
      payload = rnd() < 0.15 ? sp : t.mutate(sp, t.pick(seedBytes)[1]);
    } else if (r < 0.9) {
      topic = rnd() < 0.5 ? t.pick(seedBytes)[0] : t.randomString(40);
      payload = enc.encode(JSON.stringify(t.value(0, keys)) ?? 'null');
    } else {
      topic = rnd() < 0.3 ? t.pick(seedBytes)[0] : t.randomString(30);
      payload = Uint8Array.from({ length: t.int(64) }, () => t.int(256));
    }
    let res: MapResult;
    try {
      res = mapper.map(topic, payload, { now, connectionId: 'fuzz' });
    } catch (err) {
      throw new Error(`${mapper.id} threw on case ${i} (seed ${seed}) topic=${JSON.stringify(topic)} payload=${JSON.stringify(new TextDecoder().decode(payload))}: ${String(err)}`);
    }
    if (!isMapResult(res)) throw new Error(`${mapper.id} case ${i}: not a MapResult: ${JSON.stringify(res)}`);
    tally.counts[res.kind]++;
    if (res.kind === 'readings') {
      for (const item of res.items) {
        if (typeof item.sighting.id !== 'string' || item.sighting.id.length === 0) throw new Error(`${mapper.id} case ${i}: sighting without id`);
        for (const s of item.samples) {
          if (!Number.isFinite(s.value) || !metricName.test(s.metric) || typeof s.unit !== 'string' || s.ts !== now) throw new Error(`${mapper.id} case ${i}: bad sample ${JSON.stringify(s)}`);
          tally.samples++;
        }
      }
    }
    if (res.kind === 'event' || (res.kind === 'readings' && res.events)) {
      for (const e of res.events ?? []) {
        if (!severities.has(e.severity) || typeof e.message !== 'string' || e.message.length === 0) throw new Error(`${mapper.id} case ${i}: bad event ${JSON.stringify(e)}`);
        tally.events++;
      }
    }
  }
  const total = Object.values(tally.counts).reduce((a, b) => a + b, 0);
  expect(total).toBe(CASES);
  return tally;
}

const macs = ['A4:C1:38:DD:DB:F8', 'D0:30:38:35:5D:6F', 'e2:6a:c4:86:17:67', 'F3:52:85', '', 'zz:zz:zz:zz:zz:zz', 'A4C138DDDBF8'];
const hexes = ['0100010103787664', '0100010103e5c664', '88ec00034e103b00', '88ec000418ee6400', '0188EC000101EC09621664', 'cf040400461b061700ffff2c01067300ffff2c010000', '010001010ed2e431', '4c000215494e54454c4c495f524f434b535f48575075f2ff0c', '88ec', 'zz', '0', ''];

describe('fuzz: MQTT mappers never throw and always answer with a well-formed result', () => {
  it('OpenMQTTGateway / Theengs (with the real BLE decoder)', () => {
    const m = createOmgTheengsMapper({ decodeBle: decodeGatewayBle, kindOfModel: gatewayKindOfModel, allBrands: true });
    const keys = ['id', 'rssi', 'name', 'brand', 'model_id', 'tempc', 'tempf', 'hum', 'batt', 'pm25', 'co2', 'tempc1', 'tempc6', 'manufacturerdata', 'servicedata', 'servicedatauuid', '__proto__'];
    const seeds = [
      ['home/TheengsGateway/BTtoMQTT/A4C138DDDBF8', '{"name":"GVH5075_1234","id":"A4:C1:38:DD:DB:F8","rssi":-70,"brand":"Govee","model_id":"H5072/75","tempc":26.8,"hum":52.6,"batt":100}'],
      ['home/OpenMQTTGateway/BTtoMQTT/4C33A6603C79', '{"hum":"52.6","tempc":"19.2","tempf":"66.56"}'],
      ['home/TheengsGateway/BTtoMQTT/D03038355D6F', '{"manufacturerdata": "0100010103787664", "name": "GVH5105_5D6F", "id": "D0:30:38:35:5D:6F", "rssi": -68}'],
      ['home/OMG/BTtoMQTT/undecoded', '{"id":"A4:C1:38:A9:22:86","name":"GVH5075_2286","manufacturerdata":"88ec00034e103b00"}'],
      ['Stage/BTtoMQTT/A4C138000055', '{"id":"A4:C1:38:00:00:55","name":"GVH5055","manufacturerdata":"cf040400461b061700ffff2c01067300ffff2c010000"}'],
      ['home/TheengsGateway/BTtoMQTT/D03038355D6F', '{"name":"GVH5105_5D6F","id":"D0:30:38:35:5D:6F","model_id":"IBEACON","brand":"GENERIC"}'],
      ['home/TheengsGateway/LWT', 'offline'],
    ] as const;
    const tally = fuzz(m, 1601, seeds, keys, (t) => {
      const msg: Record<string, unknown> = { id: t.pick(macs) };
      for (const k of keys) if (t.int(3) === 0) msg[k] = k === 'manufacturerdata' ? t.pick(hexes) : k === 'id' ? t.pick(macs) : t.value(t.int(4) ? 3 : 2, keys);
      if (t.int(2) === 0) msg.name = t.pick(['GVH5075_1234', 'GV5179_1767', 'GVH5055', 'Govee_H5074_1234', 'iPhone']);
      const topic = t.pick(['home/gw/BTtoMQTT/', 'gw/BTtoMQTT/', 'home/gw/BTtoMQTT/undecoded', 'home/gw/BTtoMQTT']) + (t.int(2) ? 'A4C138DDDBF8' : '');
      return [topic, enc.encode(JSON.stringify(msg))];
    });
    expect(tally.counts.readings).toBeGreaterThan(10_000);
    expect(tally.counts.ignored).toBeGreaterThan(1_000);
    expect(tally.counts.rejected).toBeGreaterThan(10_000);
    expect(tally.counts.event).toBe(0);
  }, TIMEOUT_MS);

  it('govee2mqtt', () => {
    const m = createGovee2MqttMapper();
    const id = '528BD4ADFC455DFE';
    const seeds = [
      [`gv2mqtt/sensor/sensor-${id}-sensortemperature/state`, '22.50'],
      [`gv2mqtt/sensor/sensor-${id}-sensorhumidity/state`, '45.10'],
      [`gv2mqtt/sensor/sensor-${id}-gv2mqtt-status/state`, 'Available'],
      ['gv2mqtt/availability', 'online'],
      [`homeassistant/sensor/sensor-${id}-sensortemperature/config`, JSON.stringify({ origin: { name: 'gv2mqtt' }, device: { name: 'Hygro', model: 'H5179', suggested_area: 'Backstage' }, unit_of_measurement: '°F', unique_id: `sensor-${id}-sensortemperature` })],
    ] as const;
    const keys = ['origin', 'name', 'device', 'model', 'suggested_area', 'unit_of_measurement', 'unique_id'];
    const tally = fuzz(m, 1602, seeds, keys, (t) => {
      const dev = t.pick([id, 'abc', '', 'x y', '1234567890ABCDEF']);
      const inst = t.pick(['sensortemperature', 'sensorhumidity', 'gv2mqtt-status', 'airquality', '']);
      if (t.int(4) === 0) {
        const cfg = { origin: { name: t.pick(['gv2mqtt', 'other']) }, device: t.value(1, keys), unit_of_measurement: t.pick(['°F', '°C', 1]) };
        return [`homeassistant/sensor/sensor-${dev}-${inst}/config`, enc.encode(JSON.stringify(cfg))];
      }
      const payload = t.pick(['21.5', '-3', '', ' 7 ', 'Missing', '1e3', '{"value":1}', String((t.int(2000) - 1000) / 10)]);
      return [`gv2mqtt/sensor/sensor-${dev}-${inst}/${t.pick(['state', 'state', 'attributes'])}`, enc.encode(payload)];
    });
    expect(tally.counts.readings).toBeGreaterThan(5_000);
    expect(tally.counts.ignored).toBeGreaterThan(10_000);
    expect(tally.counts.rejected).toBeGreaterThan(1_000);
  }, TIMEOUT_MS);

  it('Victron GX (and the control machine fed the same notifications)', () => {
    const m = createVictronMapper();
    const control = createGxControl({ timeoutMs: 5_000, currentValue: (t) => m.valueAt(t) });
    const P = 'e0ff50a097c0';
    const paths = ['system/0/Dc/Battery/Soc', 'system/0/Dc/Battery/Voltage', 'system/0/Dc/Pv/Power', 'system/0/Ac/PvOnOutput/L2/Power', 'system/0/SystemState/State', 'system/0/VebusInstance', 'vebus/276/Mode', 'vebus/276/Ac/ActiveIn/L1/P', 'vebus/276/Ac/Out/P', 'vebus/276/Ac/In/1/CurrentLimit', 'vebus/276/Ac/ActiveIn/ActiveInput', 'vebus/276/Alarms/LowBattery', 'vebus/276/Alarms/L1/Overload', 'battery/512/Alarms/HighTemperature', 'settings/0/Settings/SystemSetup/MaxChargeCurrent', 'settings/0/Settings/SystemSetup/SystemName', 'pvinverter/20/Ac/Power', 'vebus/276/ProductId'];
    const seeds = [
      [`N/${P}/system/0/Dc/Battery/Soc`, '{"value": 87.5}'],
      [`N/${P}/vebus/276/Mode`, '{"value":3}'],
      [`N/${P}/settings/0/Settings/SystemSetup/MaxChargeCurrent`, '{"max":10000,"min":-1,"value":-1}'],
      [`N/${P}/vebus/276/Alarms/LowBattery`, '{"value":2}'],
      [`N/${P}/pvinverter/20/Ac/Power`, ''],
      [`N/${P}/heartbeat`, '{"value":1718860914}'],
      [`N/${P}/system/0/Batteries`, '{"value":[{"soc":100,"voltage":56.98,"instance":256}]}'],
    ] as const;
    const keys = ['value', 'max', 'min', 'keepalive-options'];
    let pendingSeen = 0;
    let controlResults = 0;
    const tally = fuzz(
      {
        ...m,
        map(topic, payload, ctx) {
          const r = m.map(topic, payload, ctx);
          // The control machine takes the same stream; every so often something is requested.
          if (ctx.now % 7 === 0) {
            const req = control.request({ target: 'inverter_mode', portalId: P, instance: 276 }, 1 + ((ctx.now / 1000) % 4), ctx.now);
            if (req.ok) pendingSeen++;
          }
          if (control.observeMessage(topic, payload, ctx.now)) controlResults++;
          controlResults += control.tick(ctx.now).reverted.length;
          return r;
        },
      },
      1603,
      seeds,
      keys,
      (t) => {
        const portal = t.pick([P, P, P, 'c0619ab1234f', 'x', '']);
        const topic = t.int(10) === 0 ? `N/${portal}/${t.pick(['heartbeat', 'full_publish_completed', 'keepalive'])}` : `${t.pick(['N', 'N', 'N', 'R', 'W'])}/${portal}/${t.pick(paths)}`;
        const payload = t.int(8) === 0 ? '' : JSON.stringify(t.int(3) === 0 ? t.value(0, keys) : { value: t.pick([null, 0, 1, 2, 3, 4, 16, -1, 87.5, 'Stage', [1], { a: 1 }]), ...(t.int(4) ? {} : { max: 1, min: 0 }) });
        return [topic, enc.encode(payload)];
      },
    );
    expect(tally.counts.readings).toBeGreaterThan(5_000);
    expect(tally.counts.ignored).toBeGreaterThan(10_000);
    expect(tally.counts.rejected).toBeGreaterThan(10_000);
    expect(tally.counts.event).toBeGreaterThan(1_000);
    expect(tally.events).toBeGreaterThan(1_000);
    expect(pendingSeen).toBeGreaterThan(1_000);
    expect(controlResults).toBeGreaterThan(100);
    // Memory stays bounded whatever the publisher sends.
    expect(m.portals().length).toBeLessThanOrEqual(64);
    expect(control.pending().length).toBeLessThanOrEqual(1);
  }, TIMEOUT_MS);

  it('Frigate', () => {
    const m = createFrigateMapper({ baseUrl: 'http://frigate.local:5000' });
    const obj = { id: '1607123955.475377-mxklsc', camera: 'front_door', label: 'person', sub_label: ['John Smith', 0.79], top_score: 0.958984375, false_positive: false, start_time: 1607123955.475377, end_time: null, score: 0.7890625, current_zones: ['driveway'], entered_zones: ['yard', 'driveway'], has_snapshot: true, has_clip: true };
    const seeds = [
      ['frigate/events', JSON.stringify({ type: 'new', before: obj, after: obj })],
      ['frigate/events', JSON.stringify({ type: 'update', before: { ...obj, entered_zones: [] }, after: obj })],
      ['frigate/events', JSON.stringify({ type: 'end', before: obj, after: { ...obj, end_time: 1607123985.2 } })],
      ['frigate/available', 'online'],
      ['frigate/front_door/person/snapshot', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])],
    ] as const;
    const keys = ['type', 'before', 'after', 'id', 'camera', 'label', 'sub_label', 'score', 'top_score', 'false_positive', 'start_time', 'end_time', 'entered_zones', 'current_zones', 'has_clip'];
    const tally = fuzz(m, 1604, seeds, keys, (t) => {
      const side = () => {
        const o: Record<string, unknown> = { id: t.pick(['a', obj.id, '', 5]), camera: t.pick(['gate', 'front_door', null]), label: t.pick(['person', 'car', '']) };
        for (const k of keys.slice(6)) if (t.int(2) === 0) o[k] = t.value(t.int(4) ? 3 : 2, ['yard', 'driveway', 'x']);
        if (t.int(2) === 0) o.entered_zones = [t.pick(['yard', 'driveway', 'stage'])];
        return o;
      };
      const msg: Record<string, unknown> = { type: t.pick(['new', 'update', 'end', 'x', undefined]), after: side() };
      if (t.int(3)) msg.before = side();
      return ['frigate/events', enc.encode(JSON.stringify(msg))];
    });
    expect(tally.counts.event).toBeGreaterThan(5_000);
    expect(tally.counts.ignored).toBeGreaterThan(10_000);
    expect(tally.counts.rejected).toBeGreaterThan(10_000);
    expect(tally.counts.readings).toBe(0);
  }, TIMEOUT_MS);

  it('user mappings (and testMapping on the same inputs)', () => {
    const mappings = [
      { pattern: 'esp32/+/state', deviceIdSegment: 1, jsonPath: '$.sensors[0].t', metric: 'temperature', unit: '°C', scale: 0.1 },
      { pattern: 'esp32/+/state', deviceIdSegment: 1, jsonPath: 'h', metric: 'humidity', unit: '%' },
      { pattern: 'tele/+/STATE', deviceIdSegment: 1, jsonPath: 'POWER', metric: 'relay', unit: '' },
      { pattern: 'plain/#', deviceIdSegment: 2, metric: 'value', unit: '' },
      { pattern: 'fixed/+', deviceId: 'rack-1', metric: 'power', unit: 'W', offset: 5 },
    ];
    const m = createUserMapper(mappings);
    expect(m.problems).toEqual([]);
    const seeds = [
      ['esp32/foh/state', '{"sensors":[{"t":215}],"h":41}'],
      ['tele/pdu1/STATE', '{"POWER":"ON"}'],
      ['plain/a/b', '21.5'],
      ['fixed/x', '1200'],
    ] as const;
    const keys = ['sensors', 't', 'h', 'POWER', '0', 'constructor', '__proto__', 'toString'];
    let tested = 0;
    const tally = fuzz(
      {
        ...m,
        map(topic, payload, ctx) {
          if ((ctx.now / 1000) % 20 === 0) {
            const r = testMapping(mappings[(ctx.now / 1000 / 20) % mappings.length], topic, new TextDecoder().decode(payload), ctx.now);
            expect(typeof r.ok).toBe('boolean');
            if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
            tested++;
          }
          return m.map(topic, payload, ctx);
        },
      },
      1605,
      seeds,
      keys,
      (t) => {
        const topic = t.pick(['esp32/', 'tele/', 'plain/', 'fixed/', 'other/']) + t.pick(['foh', '', 'a/b', 'x y', '+']) + t.pick(['/state', '/STATE', '']);
        const payload = t.int(3) === 0 ? String(JSON.stringify(t.value(0, keys))) : JSON.stringify({ sensors: [{ t: t.value(1, keys) }], h: t.value(1, keys), POWER: t.pick(['ON', 'OFF', true, 1, 'maybe']) });
        return [topic, enc.encode(payload)];
      },
    );
    expect(tested).toBe(CASES / 20);
    expect(tally.counts.readings).toBeGreaterThan(10_000);
    expect(tally.counts.ignored).toBeGreaterThan(10_000);
    expect(tally.counts.rejected).toBeGreaterThan(5_000);
  }, TIMEOUT_MS);
});
