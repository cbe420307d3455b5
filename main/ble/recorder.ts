// "Record": every advertisement of one device for N minutes, to a JSON-lines capture file in the data
// folder (the format of native/ble/capture.ts), so `showsite decode --capture FILE` can replay it and
// support can add a model from real packets. One file per recording; time and size limits from settings.
import { closeSync, createWriteStream, mkdirSync, openSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { BleRecording } from '../../preload/contract/index.ts';
import type { Advertisement } from '../../native/ble/advertisement.ts';
import { captureRecordFromAdvertisement, encodeCaptureLine } from '../../native/ble/capture.ts';
import { CoreError } from '../runtime/errors.ts';

export interface RecorderOptions {
  /** Absolute folder the files go in (created when needed). */
  folder(): string;
  limits(): { maxMinutes: number; maxBytes: number };
  now(): number;
  /** At most this many devices at once. */
  maxActive?: number;
  onEnd?(recording: BleRecording): void;
}

interface Active {
  rec: BleRecording;
  stream: WriteStream;
  timer: NodeJS.Timeout | undefined;
  closed: Promise<void>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `ble-A4C138DDDBF8-20261125-071530.jsonl` (UTC): sorts by device, then time. */
export function captureFileName(mac: string, ts: number): string {
  const d = new Date(ts);
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `ble-${mac.replace(/:/g, '')}-${stamp}.jsonl`;
}

export class CaptureRecorder {
  private readonly active = new Map<string, Active>();
  private readonly finished: BleRecording[] = [];
  /** Files whose recording ended but whose stream may still be flushing. */
  private readonly closing = new Set<Promise<void>>();
  private readonly options: RecorderOptions;

  constructor(options: RecorderOptions) {
    this.options = options;
  }

  /** Start (or extend) recording `mac` for `minutes`. Throws CoreError when it cannot. */
  start(mac: string, minutes: number): BleRecording {
    const { maxMinutes } = this.options.limits();
    if (minutes > maxMinutes) throw new CoreError('invalid', `a recording lasts at most ${maxMinutes} minutes here (settings ble.captureMaxMinutes)`, [{ path: 'minutes', message: `at most ${maxMinutes}` }]);
    const now = this.options.now();
    const running = this.active.get(mac);
    if (running) {
      running.rec.until = Math.max(running.rec.until, now + minutes * 60_000);
      this.arm(running);
      return { ...running.rec };
    }
    if (this.active.size >= (this.options.maxActive ?? 16)) throw new CoreError('conflict', `already recording ${this.active.size} devices; stop one first`);
    const folder = this.options.folder();
    const file = join(folder, captureFileName(mac, now));
    let fd: number;
    try {
      mkdirSync(folder, { recursive: true });
      fd = openSync(file, 'a');
    } catch (error) {
      throw new CoreError('unavailable', `cannot write a capture file in ${folder}: ${(error as Error).message}`);
    }
    let stream: WriteStream;
    try {
      stream = createWriteStream(file, { fd, flags: 'a' });
    } catch (error) {
      closeSync(fd);
      throw new CoreError('unavailable', `cannot write ${file}: ${(error as Error).message}`);
    }
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    const rec: BleRecording = { mac, file, startedAt: now, until: now + minutes * 60_000, count: 0, bytes: 0, active: true, endReason: null };
    const entry: Active = { rec, stream, closed, timer: undefined };
    this.active.set(mac, entry);
    stream.on('error', (error) => this.end(mac, `error: ${error.message}`));
    this.append(entry, `# Showsite Console BLE capture of ${mac}, started ${new Date(now).toISOString()}; replay: showsite decode --capture ${file}\n`);
    this.arm(entry);
    return { ...rec };
  }

  /** Stop recording `mac` now. Throws CoreError not_found when it is not being recorded. */
  stop(mac: string): BleRecording {
    if (!this.active.has(mac)) throw new CoreError('not_found', `${mac} is not being recorded`);
    return this.end(mac, 'operator')!;
  }

  isRecording(mac: string | undefined): boolean {
    return mac !== undefined && this.active.has(mac);
  }

  /** Write the advertisement if its device is being recorded. Cheap when nothing is recorded. */
  write(adv: Advertisement, ts: number): void {
    if (this.active.size === 0 || adv.mac === undefined) return;
    const entry = this.active.get(adv.mac);
    if (!entry) return;
    if (ts >= entry.rec.until) {
      this.end(adv.mac, 'time');
      return;
    }
    const line = `${encodeCaptureLine(captureRecordFromAdvertisement(adv, ts))}\n`;
    if (entry.rec.bytes + Buffer.byteLength(line) > this.options.limits().maxBytes) {
      this.end(adv.mac, 'size');
      return;
    }
    this.append(entry, line);
    entry.rec.count++;
  }

  /** This run's recordings, active ones first, then finished ones, newest first. */
  list(): BleRecording[] {
    const active = [...this.active.values()].map((a) => ({ ...a.rec })).sort((a, b) => b.startedAt - a.startedAt);
    return [...active, ...this.finished.map((r) => ({ ...r }))];
  }

  /** End every recording and wait until every file (also of recordings that ended before) is closed. */
  async stopAll(reason = 'stopped'): Promise<void> {
    for (const mac of [...this.active.keys()]) this.end(mac, reason);
    await Promise.all([...this.closing]);
  }

  private append(entry: Active, text: string): void {
    entry.rec.bytes += Buffer.byteLength(text);
    entry.stream.write(text);
  }

  /** (Re)arm the end-of-recording timer: a silent device must still stop being recorded on time. */
  private arm(entry: Active): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.end(entry.rec.mac, 'time'), Math.max(0, entry.rec.until - this.options.now()));
    entry.timer.unref?.();
  }

  private end(mac: string, reason: string): BleRecording | undefined {
    const entry = this.active.get(mac);
    if (!entry) return undefined;
    this.active.delete(mac);
    clearTimeout(entry.timer);
    entry.rec.active = false;
    entry.rec.endReason = reason;
    if (reason !== 'time') entry.rec.until = Math.min(entry.rec.until, this.options.now());
    entry.stream.end();
    this.closing.add(entry.closed);
    void entry.closed.then(() => this.closing.delete(entry.closed));
    const done = { ...entry.rec };
    this.finished.unshift(done);
    if (this.finished.length > 50) this.finished.length = 50;
    this.options.onEnd?.(done);
    return done;
  }
}
