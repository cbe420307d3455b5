import { describe, expect, it } from 'vitest';
import { compileUserMapping, createUserMapper, testMapping } from '../../../../main/telemetry/mappers/user-mapping.ts';
import { UserMapping, parseJsonPath } from '../../../../main/telemetry/mappers/user-mapping-schema.ts';
import { ctx, enc, readingsOf } from './helpers.ts';

const esp = { pattern: 'esp32/+/sensor/temperature', deviceIdSegment: 1, metric: 'temperature', unit: '°C' };

describe('user mapping schema', () => {
  it('accepts the documented shapes', () => {
    expect(UserMapping.safeParse(esp).success).toBe(true);
    expect(UserMapping.safeParse({ pattern: 'site/rack1/#', deviceId: 'rack1-pdu', jsonPath: '$.sensors[0].temp', metric: 'temperature', unit: '°C', scale: 0.1, offset: -1, expectedIntervalS: 60, kind: 'temperature-probe', model: 'ESP32 DS18B20' }).success).toBe(true);
  });

  it('explains what is wrong', () => {
    const why = (m: unknown) => {
      const r = UserMapping.safeParse(m);
      return r.success ? '' : r.error.issues.map((i) => i.message).join(' | ');
    };
    expect(why({ ...esp, pattern: 'esp32/+x/t' })).toContain("'+' must be a whole level");
    expect(why({ ...esp, pattern: 'esp32/#/t' })).toContain("'#' must be a whole level and the last one");
    expect(why({ ...esp, deviceIdSegment: undefined })).toContain('exactly one');
    expect(why({ ...esp, deviceId: 'x' })).toContain('exactly one');
    expect(why({ ...esp, deviceIdSegment: 7 })).toContain('level 7 does not exist');
    expect(why({ ...esp, deviceIdSegment: 0 })).toContain("fixed word 'esp32'");
    expect(why({ ...esp, metric: 'Temp C' })).toContain('lower-case');
    expect(why({ ...esp, scale: 0 })).toContain('scale of 0');
    expect(why({ ...esp, jsonPath: '$.a..b' })).toContain('key name');
    expect(why({ ...esp, kind: 'toaster' })).not.toBe('');
    // '#' covers any depth, so a level past it is fine.
    expect(why({ pattern: 'tele/#', deviceIdSegment: 1, metric: 'power', unit: 'W' })).toBe('');
  });

  it('JSON paths', () => {
    expect(parseJsonPath('$.sensors[0].temp')).toEqual({ ok: true, steps: ['sensors', 0, 'temp'] });
    expect(parseJsonPath('temp.value')).toEqual({ ok: true, steps: ['temp', 'value'] });
    expect(parseJsonPath("$['odd key'][2]")).toEqual({ ok: true, steps: ['odd key', 2] });
    expect(parseJsonPath('$')).toEqual({ ok: true, steps: [] });
    expect(parseJsonPath('[1].x')).toEqual({ ok: true, steps: [1, 'x'] });
    for (const bad of ['$.', '$[x]', '$.a[', 'a b', '$..a', "$['a]"]) expect(parseJsonPath(bad).ok, bad).toBe(false);
  });
});

describe('testMapping (the "test against a pasted sample" button)', () => {
  it('a plain-number payload', () => {
    expect(testMapping(esp, 'esp32/stage-left/sensor/temperature', ' 21.5\n', 7)).toEqual({
      ok: true,
      deviceId: 'mqtt:stage-left',
      sighting: { id: 'mqtt:stage-left', kind: 'other', model: 'MQTT device', source: 'mqtt' },
      sample: { metric: 'temperature', unit: '°C', value: 21.5, ts: 7 },
    });
  });

  it('a JSON path with scale and offset (tenths of a degree, calibrated −0.4)', () => {
    const m = { pattern: 'site/+/state', deviceIdSegment: 1, jsonPath: '$.sensors[1].t', metric: 'temperature', unit: '°C', scale: 0.1, offset: -0.4, expectedIntervalS: 30, kind: 'temperature-probe' };
    const r = testMapping(m, 'site/rack7/state', '{"sensors":[{"t":200},{"t":215}]}');
    expect(r).toMatchObject({ ok: true, deviceId: 'mqtt:rack7', expectedIntervalS: 30, sighting: { kind: 'temperature-probe' } });
    expect(r.ok && r.sample.value).toBeCloseTo(21.1, 10);
  });

  it('ESPHome / Tasmota style values: numeric strings, ON/OFF, booleans', () => {
    const relay = { pattern: 'tele/+/STATE', deviceIdSegment: 1, jsonPath: 'POWER', metric: 'relay', unit: '' };
    expect(testMapping(relay, 'tele/pdu1/STATE', '{"POWER":"ON"}')).toMatchObject({ ok: true, sample: { value: 1 } });
    expect(testMapping(relay, 'tele/pdu1/STATE', '{"POWER":false}')).toMatchObject({ ok: true, sample: { value: 0 } });
    expect(testMapping({ ...relay, jsonPath: 'v' }, 'tele/pdu1/STATE', '{"v":"12.5"}')).toMatchObject({ ok: true, sample: { value: 12.5 } });
  });

  it('clear reasons when it would not produce a sample', () => {
    const reason = (m: unknown, topic: string, payload: string) => {
      const r = testMapping(m, topic, payload);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason(esp, 'esp32/stage-left/sensor/humidity', '21')).toContain('does not match the pattern');
    expect(reason(esp, 'esp32/+/sensor/temperature', '21')).toContain('no + or #');
    expect(reason(esp, 'esp32/a/sensor/temperature', '{"temperature":21,"humidity":40}')).toBe('the payload is JSON, not a plain number — set a JSON path, e.g. $.temperature (top-level keys: temperature, humidity)');
    expect(reason(esp, 'esp32/a/sensor/temperature', 'warm')).toContain("'warm' is not a number");
    expect(reason(esp, 'esp32/a/sensor/temperature', '')).toContain('empty');
    expect(reason(esp, 'esp32//sensor/temperature', '21')).toContain('no level 1');
    const j = { ...esp, jsonPath: '$.sensors[2].temp' };
    expect(reason(j, 'esp32/a/sensor/temperature', '{"sensors":[{"temp":1}]}')).toBe("'$.sensors' has 1 items; [2] is past the end");
    expect(reason({ ...esp, jsonPath: 'temp.value' }, 'esp32/a/sensor/temperature', '{"temp":{"val":1,"unit":"C"}}')).toBe("no 'value' in '$.temp' (keys: val, unit)");
    expect(reason({ ...esp, jsonPath: 'temp' }, 'esp32/a/sensor/temperature', '{"temp":null}')).toBe('the value at temp is null');
    expect(reason({ ...esp, jsonPath: 'temp' }, 'esp32/a/sensor/temperature', '{"temp":{"c":1}}')).toBe('the value at temp is an object, not a number');
    expect(reason({ ...esp, jsonPath: 'temp' }, 'esp32/a/sensor/temperature', 'not json')).toContain('not valid JSON');
    expect(reason({ ...esp, jsonPath: 'constructor' }, 'esp32/a/sensor/temperature', '{}')).toContain("no 'constructor'");
    expect(reason({ ...esp, metric: 'Bad' }, 'esp32/a/sensor/temperature', '1')).toMatch(/^metric: /);
  });
});

describe('user mapper', () => {
  it('several mappings on one topic give one device with several samples', () => {
    const m = createUserMapper([
      { pattern: 'esp32/+/state', deviceIdSegment: 1, jsonPath: 'temperature', metric: 'temperature', unit: '°C', kind: 'thermo-hygrometer', expectedIntervalS: 60 },
      { pattern: 'esp32/+/state', deviceIdSegment: 1, jsonPath: 'humidity', metric: 'humidity', unit: '%' },
      { pattern: 'esp32/#', deviceId: 'all-esp', metric: 'messages', unit: '' },
      { pattern: 'broken/+x', deviceId: 'x', metric: 'x', unit: '' },
    ]);
    expect(m.topics).toEqual(['esp32/+/state', 'esp32/#']);
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]!.index).toBe(3);
    const items = readingsOf(m.map('esp32/foh/state', enc('{"temperature":22.25,"humidity":41}'), ctx(9)));
    expect(items).toEqual([
      {
        sighting: { id: 'mqtt:foh', kind: 'thermo-hygrometer', model: 'MQTT device', source: 'mqtt' },
        expectedIntervalS: 60,
        samples: [
          { metric: 'temperature', unit: '°C', value: 22.25, ts: 9 },
          { metric: 'humidity', unit: '%', value: 41, ts: 9 },
        ],
      },
    ]);
  });

  it('partial payloads keep what they can; nothing usable is a rejected message with the reasons', () => {
    const m = createUserMapper([
      { pattern: 'n/+', deviceIdSegment: 1, jsonPath: 't', metric: 'temperature', unit: '°C' },
      { pattern: 'n/+', deviceIdSegment: 1, jsonPath: 'h', metric: 'humidity', unit: '%' },
    ]);
    expect(readingsOf(m.map('n/a', enc('{"t":5}'), ctx()))[0]!.samples.map((s) => s.metric)).toEqual(['temperature']);
    const r = m.map('n/a', enc('{"x":1}'), ctx());
    expect(r.kind).toBe('rejected');
    expect(r.kind === 'rejected' && r.reason).toBe("temperature: no 't' in the payload (keys: x); humidity: no 'h' in the payload (keys: x)");
    expect(m.map('other/a', enc('1'), ctx()).kind).toBe('ignored');
  });

  it('compiles once and applies many times', () => {
    const c = compileUserMapping(esp);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.compiled.filter.matches('esp32/x/sensor/temperature')).toBe(true);
    expect(c.compiled.apply('esp32/x/sensor/temperature', '3', 1)).toMatchObject({ ok: true, sample: { value: 3, ts: 1 } });
  });
});
