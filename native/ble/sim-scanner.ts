// A simulated scanner with the same interface as the real one: it is handed raw HCI LE advertising
// report events (what a controller delivers) or capture-file lines, runs them through the real parser
// (parseHciEvent / captureAdvertisements), remembers names per device exactly as the real scanner does,
// and hands the same ScanReports to the listener. The demo site and the tests feed it; with
// `replay` it plays a capture file back with the file's own pacing.
import { captureAdvertisements, parseCaptureLine } from './capture.ts';
import { parseHciEvent } from './hci.ts';
import { ScanMemory } from './scan-memory.ts';
import type { BleScanner, ScanListener, ScanReport } from './scanner.ts';

export interface SimScannerOptions {
  now?: () => number;
  /** Shown while scanning, e.g. "replaying site.jsonl". */
  label?: string;
}

export interface ReplayOptions {
  /** Longest pause between two lines, whatever the file's timestamps say (default 1000 ms). */
  maxGapMs?: number;
  /** Play the file again and again (each pass re-stamped with the current time). */
  repeat?: boolean;
  /** Pause between passes when repeating (default 1000 ms). */
  repeatGapMs?: number;
}

export class SimScanner implements BleScanner {
  readonly kind = 'replay' as const;
  private readonly now: () => number;
  private readonly label: string;
  private readonly memory = new ScanMemory();
  private listener: ScanListener | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Reports parsed and delivered, and packets/lines that could not be parsed. */
  delivered = 0;
  malformed = 0;

  constructor(options: SimScannerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.label = options.label ?? 'simulated scanner';
  }

  get running(): boolean {
    return this.listener !== undefined;
  }

  async start(listener: ScanListener): Promise<void> {
    this.listener = listener;
    listener.state({ state: 'scanning', message: this.label });
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listener = undefined;
    this.memory.clear();
  }

  /**
   * One HCI event as a controller would deliver it (0x04 packet type byte optional), heard at `ts`.
   * Returns the reports delivered (0 for a packet the parser rejects, which goes to `malformed`).
   */
  feed(hci: Uint8Array, ts: number = this.now(), options: { history?: boolean } = {}): number {
    const listener = this.listener;
    if (!listener) return 0;
    const parsed = parseHciEvent(hci);
    if (!parsed.ok) {
      this.malformed++;
      listener.malformed(`HCI event: ${parsed.message}`, ts);
      return 0;
    }
    for (const r of parsed.reports) {
      const report: ScanReport = { advertisement: this.memory.merge(r.advertisement.mac, r.advertisement), ts };
      if (r.adError !== undefined) report.adError = r.adError;
      if (options.history) report.history = true;
      this.delivered++;
      listener.advertisement(report);
    }
    return parsed.reports.length;
  }

  /** One capture-file line (native/ble/capture.ts), heard at `ts` (default: the line's own time). */
  feedLine(line: string, ts?: number): number {
    const listener = this.listener;
    if (!listener) return 0;
    const parsed = parseCaptureLine(line);
    if (!parsed.ok) {
      if (parsed.message === 'skip') return 0;
      this.malformed++;
      listener.malformed(`capture line: ${parsed.message}`, ts ?? this.now());
      return 0;
    }
    const at = ts ?? parsed.record.ts;
    const advs = captureAdvertisements(parsed.record);
    if (!advs.ok) {
      this.malformed++;
      listener.malformed(`capture line: ${advs.message}`, at);
      return 0;
    }
    for (const { advertisement, error } of advs.advertisements) {
      const report: ScanReport = { advertisement: this.memory.merge(advertisement.mac, advertisement), ts: at };
      if (error !== undefined) report.adError = error;
      this.delivered++;
      listener.advertisement(report);
    }
    return advs.advertisements.length;
  }

  /**
   * Play a capture file's lines back, each stamped with the time it is delivered, spaced as the file's
   * timestamps say (gaps capped at `maxGapMs`). Resolves when the last line is delivered (never, when
   * repeating: stop() ends it).
   */
  replay(text: string, options: ReplayOptions = {}): Promise<void> {
    const maxGap = options.maxGapMs ?? 1000;
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    const times = lines.map((l) => {
      const p = parseCaptureLine(l);
      return p.ok ? p.record.ts : undefined;
    });
    return new Promise<void>((resolve) => {
      const step = (from: number) => {
        // Lines due at the same moment go out in one loop (no recursion: files can be long).
        for (let i = from; ; i++) {
          if (!this.listener) return resolve();
          if (i >= lines.length) {
            if (!options.repeat || lines.length === 0) return resolve();
            this.later(() => step(0), options.repeatGapMs ?? 1000);
            return;
          }
          this.feedLine(lines[i]!, this.now());
          const a = times[i];
          const b = times[i + 1];
          const gap = a !== undefined && b !== undefined ? Math.min(maxGap, Math.max(0, b - a)) : 0;
          if (gap > 0) {
            this.later(() => step(i + 1), gap);
            return;
          }
        }
      };
      step(0);
    });
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }
}
