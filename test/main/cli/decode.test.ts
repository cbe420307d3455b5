import { describe, expect, it } from 'vitest';
import { decodeCommand, decodeUsage } from '../../../main/cli/decode.ts';
import { BLE_MONITOR, GATEWAY_CAPTURES, THEENGS } from '../../native/ble/vectors.ts';

function memoryIo(files: Record<string, string> = {}) {
  return {
    readFile: async (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
  };
}

const run = (argv: string[], files?: Record<string, string>) => decodeCommand(argv, memoryIo(files));

interface Printed {
  model: string;
  mac: string | null;
  readings: Record<string, number>;
  errors: string[];
  rssi?: number;
  notes?: string[];
}

function printed(stdout: string): Printed {
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Printed;
}

/** Undecodable input: exit 1, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectOneLineFailure(r: { code: number; stdout: string; stderr: string }, message?: RegExp) {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  if (message) expect(r.stderr).toMatch(message);
}

describe('showsite decode --mfr (Theengs vectors T1–T29)', () => {
  for (const v of THEENGS) {
    it(`${v.id}`, async () => {
      const r = await run(['--mfr', v.hex, '--name', v.name]);
      expect(r.code).toBe(0);
      expect(printed(r.stdout)).toMatchObject({ model: v.model, mac: null, readings: v.readings, errors: [] });
      // T2/T4 carry a stray trailing hex digit: ignored, with a note.
      expect(r.stderr).toBe(v.hex.length % 2 === 1 ? 'showsite decode: note: odd number of hex digits in --mfr; the last digit was ignored\n' : '');
    });
  }

  it('T6 prints −7.3 and 48.1, not −7.3481', async () => {
    const r = await run(['--mfr', '88ec00811f096400', '--name', 'GVH5075_1234']);
    expect(r.stdout).toBe('{"model":"H5075","mac":null,"readings":{"temperature":-7.3,"humidity":48.1,"battery":100},"errors":[]}\n');
  });

  it('hex with spaces and colons, upper case; --mac echoed', async () => {
    const r = await run(['--mfr', '88:EC:00 04 18 EE 64 00', '--name', 'GVH5075_1234', '--mac', 'a4c138001234']);
    expect(printed(r.stdout)).toMatchObject({ model: 'H5075', mac: 'A4:C1:38:00:12:34', readings: { temperature: 26.8 } });
  });

  it('--uuid picks a meat thermometer (9851 = H5198, air bytes 51 98), in short or full form, repeatable', async () => {
    const data = '22306c01000101a3c10f0bb8ffffffff0960ffffffff';
    for (const uuids of [['9851'], ['0x9851'], ['ec88', '00009851-0000-1000-8000-00805f9b34fb']]) {
      const r = await run(['--mfr', data, ...uuids.flatMap((u) => ['--uuid', u])]);
      expect(r.code).toBe(0);
      expect(printed(r.stdout)).toMatchObject({ model: 'H5198', readings: { probe1: 30, probe2: 24 } });
    }
  });

  it('an error-flagged value is listed, never printed as a number; exit 0', async () => {
    const r = await run(['--mfr', '88ec000418eee400', '--name', 'GVH5075_1234']);
    expect(r.code).toBe(0);
    expect(printed(r.stdout)).toEqual({ model: 'H5075', mac: null, readings: { battery: 100 }, errors: ['temperature: error flag set', 'humidity: error flag set'] });
  });

  it('H5055 presence-bit disagreement shows up as notes', async () => {
    const r = await run(['--mfr', THEENGS[3]!.hex, '--name', 'GVH5055']);
    expect(printed(r.stdout).notes).toEqual(['probe6: reported although its presence bit is clear']);
  });

  it('company 0x0001 with 6 bytes needs the name (H510x vs H5106): the message says how to give it', async () => {
    expectOneLineFailure(await run(['--mfr', '0100010103787664']), /only the local name tells apart.*--name/);
  });

  it('undecodable: not Govee, truncated, H5194, bad hex, too short', async () => {
    expectOneLineFailure(await run(['--mfr', '4c000215494e54454c4c49']), /^showsite decode: unknown device: /);
    expectOneLineFailure(await run(['--mfr', '88ec000418ee64', '--name', 'GVH5075_1234']), /^showsite decode: malformed input: H5075: expected company 0xec88 with 6 data bytes/);
    expectOneLineFailure(await run(['--mfr', '22306c01000101a3c10f0bb8ffffffff0960ffffffff', '--uuid', '9451']), /unknown device: H5194: .*capture/);
    expectOneLineFailure(await run(['--mfr', '88ecXX']), /not hex: "X"/);
    expectOneLineFailure(await run(['--mfr', '88']), /company id/);
  });
});

describe('showsite decode --hci (ble_monitor vectors)', () => {
  for (const v of BLE_MONITOR) {
    it(v.id, async () => {
      const r = await run(['--hci', v.hex]);
      if (v.model === undefined) {
        expectOneLineFailure(r, /unknown device/);
        return;
      }
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(printed(r.stdout)).toEqual({ model: v.model, mac: v.mac, readings: v.readings, errors: [], rssi: v.rssi });
    });
  }

  it('a recognised device with no valid value (both H5198 probes unplugged) prints empty readings and exits 0', async () => {
    const r = await run(['--hci', BLE_MONITOR.find((v) => v.id.startsWith('B19'))!.hex]);
    expect(r.code).toBe(0);
    expect(printed(r.stdout).readings).toEqual({});
  });

  it('two reports in one event: one line each', async () => {
    const r = await run(['--hci', '043e2e0202 0400aabb615960e30d0cff88ec00ba0af90f63020101b7 0400aabb611d12e00b0aff88ec0088078c116402a6']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Printed).model)).toEqual(['H5051', 'H5074']);
  });

  it('malformed packets and odd hex fail with one line', async () => {
    expectOneLineFailure(await run(['--hci', '043e1902010400aabb615960e30d0cff88ec00ba0af90f630201']), /malformed input: .*truncated/);
    expectOneLineFailure(await run(['--hci', '043e1']), /odd number/);
    expectOneLineFailure(await run(['--hci', '040e0401030c00']), /not an LE Meta event/);
  });
});

describe('showsite decode --json (gateway messages, PROTOCOLS.md §1.5.4)', () => {
  it('Theengs Gateway #247 GVH5105', async () => {
    const r = await run(['--json', JSON.stringify(GATEWAY_CAPTURES.h5105)]);
    expect(r.code).toBe(0);
    expect(printed(r.stdout)).toEqual({ model: 'H5105', mac: 'D0:30:38:35:5D:6F', readings: { temperature: 22.7, humidity: 44.6, battery: 100 }, errors: [], rssi: -68 });
  });

  it('Theengs Gateway #309 GV5179', async () => {
    const r = await run(['--json', JSON.stringify(GATEWAY_CAPTURES.gv5179)]);
    expect(printed(r.stdout)).toMatchObject({ model: 'H5179', readings: { temperature: 25.5, humidity: 43, battery: 100 } });
  });

  it('the iBeacon message and broken JSON fail with one line', async () => {
    expectOneLineFailure(await run(['--json', JSON.stringify(GATEWAY_CAPTURES.ibeacon)]), /iBeacon/);
    expectOneLineFailure(await run(['--json', '{"id": "A4:C1:38:00:00:01",']), /malformed input: gateway message is not JSON/);
  });
});

describe('showsite decode --capture FILE', () => {
  const lines = [
    '# recorded by Showsite',
    '{"ts":1000,"mac":"A4:C1:38:DD:DB:F8","rssi":-63,"name":"GVH5075_DBF8","mfr":[{"companyId":60552,"data":"00034db26400"}],"serviceUuids":["ec88"]}',
    '{"ts":2000,"mac":"A4:C1:38:DD:DB:F8","rssi":-64,"name":"GVH5075_DBF8","mfr":[{"companyId":60552,"data":"00034db2e400"}]}',
    `{"ts":3000,"hci":"${BLE_MONITOR[0]!.hex}"}`,
    '{"ts":4000,"mac":"A4:C1:38:DD:DB:F8","name":"GVH5075_DBF8","mfr":[{"companyId":60552,"data":"00034db264"}]}',
    '{"ts":5000,"mac":"C6:31:30:30:22:6C","serviceUuids":["9451"],"mfr":[{"companyId":8752,"data":"6c01000101a3c10f0bb8ffffffff0960ffffffff"}]}',
    '',
    '{"ts":6000,"mac":"11:22:33:44:55:66","mfr":[{"companyId":6,"data":"0109"}]}',
    'not json',
  ];

  it('replays every advertisement as one JSON line: good, error-flagged, raw HCI, truncated, H5194, unknown, broken', async () => {
    const r = await run(['--capture', 'cap.jsonl'], { 'cap.jsonl': `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(7);
    expect(out[0]).toEqual({ ts: 1000, model: 'H5075', mac: 'A4:C1:38:DD:DB:F8', readings: { temperature: 21.6, humidity: 49.8, battery: 100 }, errors: [], rssi: -63 });
    expect(out[1]).toMatchObject({ ts: 2000, model: 'H5075', readings: { battery: 100 }, errors: ['temperature: error flag set', 'humidity: error flag set'] });
    expect(out[2]).toMatchObject({ ts: 3000, model: 'H5051', mac: 'E3:60:59:61:BB:AA', rssi: -73 });
    expect(out[3]).toMatchObject({ line: 5, ts: 4000, reason: 'malformed', model: 'H5075' });
    expect(out[4]).toMatchObject({ line: 6, ts: 5000, reason: 'unknown', model: 'H5194', mac: 'C6:31:30:30:22:6C' });
    expect(out[5]).toMatchObject({ line: 8, reason: 'unknown', mac: '11:22:33:44:55:66' });
    expect(out[6]).toMatchObject({ line: 9, reason: 'malformed', error: expect.stringMatching(/not JSON/) });
  });

  it('a capture of an unknown device only: its lines are printed, exit 1, one stderr line', async () => {
    const r = await run(['--capture', 'h5194.jsonl'], { 'h5194.jsonl': `${lines[5]}\n${lines[5]}\n` });
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('showsite decode: nothing in h5194.jsonl could be decoded (2 unknown, 0 malformed)\n');
  });

  it('missing or empty files fail with one line', async () => {
    expectOneLineFailure(await run(['--capture', 'nope.jsonl']), /cannot read nope\.jsonl: ENOENT/);
    expectOneLineFailure(await run(['--capture', 'empty.jsonl'], { 'empty.jsonl': '\n# nothing\n' }), /holds no capture lines/);
  });
});

describe('usage', () => {
  it('--help prints the usage on stdout, exit 0', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, stdout: decodeUsage, stderr: '' });
    expect((await run(['-h'])).code).toBe(0);
  });

  const bad: [string, string[], RegExp][] = [
    ['no input', [], /give one of --hci, --mfr, --json or --capture/],
    ['two inputs', ['--hci', '00', '--mfr', '00'], /only one of --hci, --mfr/],
    ['--name without --mfr', ['--hci', '00', '--name', 'x'], /go with --mfr/],
    ['unknown option', ['--frobnicate'], /Unknown option '--frobnicate'/],
    ['positional', ['88ec00'], /positional/i],
    ['missing value', ['--mfr'], /argument missing|--mfr/],
    ['bad --uuid', ['--mfr', '88ec000418ee6400', '--uuid', 'xyz'], /--uuid "xyz" is not a UUID/],
    ['bad --mac', ['--mfr', '88ec000418ee6400', '--mac', 'xyz'], /--mac "xyz" is not a MAC/],
  ];
  for (const [label, argv, message] of bad) {
    it(`bad usage (${label}) → usage on stderr, exit 2`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Usage: showsite decode');
    });
  }

  it('a leading "decode" (the whole argv after the binary) is accepted', async () => {
    const r = await run(['decode', '--mfr', '88ec000418ee6400', '--name', 'GVH5075_1234']);
    expect(printed(r.stdout).model).toBe('H5075');
  });

  it('a failing readFile that throws a non-Error still gives one line', async () => {
    const r = await decodeCommand(['--capture', 'x'], { readFile: () => Promise.reject('disk on fire') });
    expectOneLineFailure(r, /cannot read x: disk on fire/);
  });
});
