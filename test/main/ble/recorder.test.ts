import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureRecorder, captureFileName } from '../../../main/ble/recorder.ts';
import { CoreError } from '../../../main/runtime/errors.ts';
import { parseCaptureLine } from '../../../native/ble/capture.ts';
import { adv } from '../../native/ble/helpers.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const MAC = 'A4:C1:38:DD:DB:F8';
const packet = (mfr = '88ec00034db26400') => adv({ mac: MAC, name: 'GVH5075_DBF8', rssi: -63, mfr: [mfr] });

describe('CaptureRecorder', () => {
  const tempDir = useTempDirs();
  afterEach(() => vi.useRealTimers());

  function recorder(options: { maxMinutes?: number; maxBytes?: number; maxActive?: number; folder?: string } = {}) {
    const clock = { now: Date.UTC(2026, 10, 25, 7, 15, 30) };
    const folder = options.folder ?? join(tempDir(), 'captures');
    const r = new CaptureRecorder({ folder: () => folder, limits: () => ({ maxMinutes: options.maxMinutes ?? 60, maxBytes: options.maxBytes ?? 1 << 20 }), now: () => clock.now, maxActive: options.maxActive });
    return { r, clock, folder };
  }

  it('names files by device and UTC time, in the configured folder (made when needed)', () => {
    expect(captureFileName(MAC, Date.UTC(2026, 10, 25, 7, 15, 30))).toBe('ble-A4C138DDDBF8-20261125-071530.jsonl');
    const { r, folder } = recorder();
    expect(r.start(MAC, 5).file).toBe(join(folder, 'ble-A4C138DDDBF8-20261125-071530.jsonl'));
  });

  it('writes only the recorded device, one valid capture line per advertisement, until the time is up', async () => {
    vi.useFakeTimers();
    const { r, clock } = recorder();
    const rec = r.start(MAC, 2);
    expect(rec).toMatchObject({ mac: MAC, active: true, until: clock.now + 120_000, count: 0 });
    r.write(packet(), clock.now);
    r.write(adv({ mac: '11:22:33:44:55:66', name: 'other' }), clock.now);
    r.write(packet('88ec0004344b6400'), clock.now + 1000);
    expect(r.isRecording(MAC)).toBe(true);
    clock.now += 120_000;
    vi.advanceTimersByTime(120_000); // a device gone silent still stops being recorded on time
    expect(r.isRecording(MAC)).toBe(false);
    vi.useRealTimers();
    await r.stopAll();
    const [header, ...lines] = readFileSync(rec.file, 'utf8').trimEnd().split('\n');
    expect(header).toMatch(/^# /);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(parseCaptureLine(l)).toMatchObject({ ok: true, record: { mac: MAC, rssi: -63, name: 'GVH5075_DBF8' } });
    expect(r.list()[0]).toMatchObject({ active: false, count: 2, endReason: 'time' });
  });

  it('an advertisement arriving after the end time ends the recording without being written', async () => {
    const { r, clock } = recorder();
    const rec = r.start(MAC, 1);
    r.write(packet(), clock.now + 60_000);
    expect(r.list()[0]).toMatchObject({ active: false, count: 0, endReason: 'time' });
    await r.stopAll();
    expect(readFileSync(rec.file, 'utf8').split('\n').filter((l) => l.startsWith('{'))).toEqual([]);
  });

  it('stops at the size limit', async () => {
    const { r, clock } = recorder({ maxBytes: 400 });
    const rec = r.start(MAC, 5);
    for (let i = 0; i < 20; i++) r.write(packet(), clock.now + i);
    const done = r.list()[0]!;
    expect(done).toMatchObject({ active: false, endReason: 'size' });
    expect(done.bytes).toBeLessThanOrEqual(400);
    await r.stopAll();
    expect(readFileSync(rec.file).length).toBe(done.bytes);
  });

  it('starting again extends a running recording; stop ends it at once; stopping one that is not running is not_found', async () => {
    const { r, clock } = recorder();
    const first = r.start(MAC, 1);
    clock.now += 30_000;
    const again = r.start(MAC, 5);
    expect(again.file).toBe(first.file);
    expect(again.until).toBe(clock.now + 300_000);
    const stopped = r.stop(MAC);
    expect(stopped).toMatchObject({ active: false, endReason: 'operator', until: clock.now });
    expect(() => r.stop(MAC)).toThrow(CoreError);
    await r.stopAll();
  });

  it('refuses longer than the configured maximum, more devices than allowed, and a folder it cannot write', async () => {
    const { r } = recorder({ maxMinutes: 10, maxActive: 1 });
    expect(() => r.start(MAC, 11)).toThrow(/at most 10 minutes/);
    r.start(MAC, 1);
    expect(() => r.start('11:22:33:44:55:66', 1)).toThrow(expect.objectContaining({ kind: 'conflict' }));
    await r.stopAll();
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'x');
    const bad = recorder({ folder: join(blocker, 'captures') }).r;
    expect(() => bad.start(MAC, 1)).toThrow(expect.objectContaining({ kind: 'unavailable', message: expect.stringMatching(/cannot write a capture file/) }));
  });
});
