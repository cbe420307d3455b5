import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureRecordFromHci, encodeCaptureLine } from '../../native/ble/capture.ts';
import { parseHex } from '../../native/ble/hex.ts';
import { BLE_MONITOR, GATEWAY_CAPTURES, THEENGS } from '../native/ble/vectors.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

if (!existsSync(join(root, 'dist/core/cli.js'))) {
  throw new Error('this test runs the built CLI: run "npm run build" first (npm test does)');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `showsite decode …` as a real process: the installed bin (built bundle) or the source entry. */
function decode(entry: 'bundle' | 'source', args: string[]): Promise<Run> {
  const script = entry === 'bundle' ? 'bin/showsite.js' : 'main/cli/index.ts';
  const proc = spawn(process.execPath, [script, 'decode', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => proc.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Run many at once, a few at a time (two cores here). */
async function all<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, width = 4): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

function oneJsonLine(r: Run): Record<string, unknown> {
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

/** Undecodable: exit 1, nothing on stdout, one line on stderr, no stack trace. */
function expectOneLineFailure(r: Run) {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^showsite decode: /);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe.each(['bundle', 'source'] as const)('showsite decode as a process (%s)', { timeout: 180_000 }, (entry) => {
  const tempDir = useTempDirs('all');

  it('every Theengs vector T1–T29 (PROTOCOLS.md §1.5.1, with the T6 correction): the same answers as the unit tests', async () => {
    // All 29 in one process through a capture file (name + manufacturer data per line); T2/T4 carry a
    // stray trailing hex digit, which a capture line refuses, so they go through --mfr below.
    const even = THEENGS.filter((v) => v.hex.length % 2 === 0);
    const file = join(tempDir(), 'theengs.jsonl');
    writeFileSync(file, even.map((v, i) => JSON.stringify({ ts: 1000 + i, name: v.name, mfr: [{ companyId: parseInt(v.hex.slice(2, 4) + v.hex.slice(0, 2), 16), data: v.hex.slice(4) }] })).join('\n') + '\n');
    const batch = await decode(entry, ['--capture', file]);
    expect(batch.code).toBe(0);
    expect(batch.stderr).toBe('');
    const printed = batch.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(printed).toHaveLength(even.length);
    even.forEach((v, i) => expect(printed[i], v.id).toMatchObject({ ts: 1000 + i, model: v.model, readings: v.readings, errors: [] }));
    // --mfr, one process each: the odd-digit pair and a few of every layout.
    const picks = THEENGS.filter((v) => ['T1', 'T2', 'T4', 'T6', 'T11', 'T18', 'T26', 'T28'].includes(v.id));
    const runs = await all(picks, (v) => decode(entry, ['--mfr', v.hex, '--name', v.name]));
    picks.forEach((v, i) => {
      const r = runs[i]!;
      expect(r.code, v.id).toBe(0);
      expect(oneJsonLine(r), v.id).toMatchObject({ model: v.model, mac: null, readings: v.readings, errors: [] });
      expect(r.stderr, v.id).toBe(v.hex.length % 2 === 1 ? 'showsite decode: note: odd number of hex digits in --mfr; the last digit was ignored\n' : '');
    });
    expect(oneJsonLine(runs[picks.findIndex((v) => v.id === 'T6')]!)).toMatchObject({ readings: { temperature: -7.3, humidity: 48.1 } });
  });

  it('every ble_monitor HCI vector: MAC and RSSI from the report; the two unidentifiable ones exit 1 with one line', async () => {
    const file = join(tempDir(), 'ble-monitor.jsonl');
    writeFileSync(file, BLE_MONITOR.map((v, i) => JSON.stringify({ ts: 1000 + i, hci: v.hex })).join('\n') + '\n');
    const batch = await decode(entry, ['--capture', file]);
    expect(batch.code).toBe(0);
    const printed = batch.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    BLE_MONITOR.forEach((v, i) => {
      if (v.model === undefined) expect(printed[i], v.id).toMatchObject({ line: i + 1, mac: v.mac, reason: 'unknown' });
      else expect(printed[i], v.id).toMatchObject({ ts: 1000 + i, model: v.model, mac: v.mac, rssi: v.rssi, readings: v.readings });
    });
    const picks = BLE_MONITOR.filter((v) => /^B(1|2|5|12|18) /.test(v.id));
    const runs = await all(picks, (v) => decode(entry, ['--hci', v.hex]));
    picks.forEach((v, i) => {
      const r = runs[i]!;
      if (v.model === undefined) {
        expectOneLineFailure(r);
        expect(r.stderr).toMatch(/unknown device/);
      } else {
        expect(r.code, v.id).toBe(0);
        expect(oneJsonLine(r), v.id).toMatchObject({ model: v.model, mac: v.mac, rssi: v.rssi, readings: v.readings });
        expect(r.stderr).toBe('');
      }
    });
  });

  it('--json on the real gateway captures (§1.5.4)', async () => {
    const r = await decode(entry, ['--json', JSON.stringify(GATEWAY_CAPTURES.h5105)]);
    expect(r.code).toBe(0);
    expect(oneJsonLine(r)).toMatchObject({ model: 'H5105', mac: 'D0:30:38:35:5D:6F', readings: { temperature: 22.7, humidity: 44.6, battery: 100 } });
    const g = await decode(entry, ['--json', JSON.stringify(GATEWAY_CAPTURES.gv5179)]);
    expect(oneJsonLine(g)).toMatchObject({ model: 'H5179', readings: { temperature: 25.5, humidity: 43 } });
  });

  it('an error-flagged value is listed, not printed; a device with nothing valid prints empty readings; both exit 0', async () => {
    const flagged = await decode(entry, ['--mfr', '88ec000418eee400', '--name', 'GVH5075_1234']);
    expect(flagged.code).toBe(0);
    expect(oneJsonLine(flagged)).toEqual({ model: 'H5075', mac: null, readings: { battery: 100 }, errors: ['temperature: error flag set', 'humidity: error flag set'] });
    const unplugged = await decode(entry, ['--hci', BLE_MONITOR.find((v) => v.id.startsWith('B19'))!.hex]);
    expect(unplugged.code).toBe(0);
    expect(oneJsonLine(unplugged)).toMatchObject({ model: 'H5198', readings: {} });
  });

  it('undecodable input: exit 1 and exactly one line on stderr; bad usage: exit 2', async () => {
    const [truncated, notHex, unknown, h5194, ambiguous, usage, none] = await all(
      [
        ['--hci', BLE_MONITOR[0]!.hex.slice(0, 30)],
        ['--mfr', 'zz'],
        ['--mfr', '3412deadbeef'],
        ['--mfr', '33330102', '--name', 'GVH5194_7738'],
        ['--mfr', '0100010103787664'],
        ['--mfr', '88ec', '--json', '{}'],
        [],
      ],
      (args) => decode(entry, args),
    );
    for (const r of [truncated!, notHex!, unknown!, h5194!, ambiguous!]) expectOneLineFailure(r);
    expect(truncated!.stderr).toMatch(/malformed input: HCI event truncated/);
    expect(h5194!.stderr).toMatch(/H5194/);
    expect(ambiguous!.stderr).toMatch(/give it with --name/);
    for (const r of [usage!, none!]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
  });

  it('--capture replays a capture file: one line per advertisement (decoded or why not); exit 0 when any decoded', async () => {
    const file = join(tempDir(), 'capture.jsonl');
    const hex = (h: string) => {
      const p = parseHex(h);
      if (!p.ok) throw new Error(p.message);
      return p.bytes;
    };
    writeFileSync(
      file,
      [
        '# capture',
        encodeCaptureLine(captureRecordFromHci(hex(BLE_MONITOR[4]!.hex), 1000)), // B5 H5075
        '{"ts":2000,"mac":"D0:30:38:35:5D:6F","name":"GVH5105_5D6F","mfr":[{"companyId":1,"data":"010103787664"}]}',
        '{"ts":3000,"mac":"11:22:33:44:55:66","mfr":[{"companyId":4660,"data":"deadbeef"}]}',
        'garbage',
      ].join('\n'),
    );
    const r = await decode(entry, ['--capture', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { ts: 1000, model: 'H5075', mac: 'A4:C1:38:61:BB:AA', readings: { temperature: 20.5, humidity: 14.9 } },
      { ts: 2000, model: 'H5105', readings: { temperature: 22.7 } },
      { line: 4, reason: 'unknown', mac: '11:22:33:44:55:66' },
      { line: 5, reason: 'malformed' },
    ]);
    const missing = await decode(entry, ['--capture', join(tempDir(), 'nope.jsonl')]);
    expectOneLineFailure(missing);
  });
});
