// Bluetooth as a Service: the scanner (the laptop's adapter through noble, or a capture file replayed by
// the simulated scanner when SHOWSITE_BLE_REPLAY names one) feeding the BLE ingest path, and the
// operator's tools around it: the unknown-advertiser list, recording, assigning a model.
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import type { BleAssignment, BleRecording, BleStats, BleUnknownAdvertiser, Settings } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { NobleScanner, type BleScanner, type ScanListener, type ScannerState } from '../../native/ble/scanner.ts';
import { SimScanner } from '../../native/ble/sim-scanner.ts';
import { CoreError } from '../runtime/errors.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import { BleIngest, type BleConfig } from './ingest.ts';
import { CaptureRecorder } from './recorder.ts';

export interface BleServiceDeps {
  sink: IngestSink;
  settings(): Settings;
  dataDir: string;
  now(): number;
  /** The real scanner (tests inject a NobleScanner over a fake noble). Default: a NobleScanner. */
  createScanner?(): BleScanner;
  /** Environment read for SHOWSITE_BLE_REPLAY / SHOWSITE_BLE_REPLAY_REPEAT (default process.env). */
  env?: Record<string, string | undefined>;
  /** How often the status line ("scanning — 7 sensors heard") is refreshed. */
  statusEveryMs?: number;
}

/** The assignment list with `mac` set to `model` (null removes it). */
export function withAssignment(list: readonly BleAssignment[], mac: string, model: BleAssignment['model'] | null): BleAssignment[] {
  const rest = list.filter((a) => a.mac !== mac);
  return model === null ? rest : [...rest, { mac, model }];
}

export class BleService implements Service<BleConfig> {
  readonly name = 'ble';
  readonly label = 'Bluetooth';
  readonly ingest: BleIngest;
  readonly recorder: CaptureRecorder;
  private readonly deps: BleServiceDeps;
  private scanner: BleScanner | undefined;
  private state: ScannerState = { state: 'starting', message: 'not started' };
  private statusTimer: NodeJS.Timeout | undefined;
  private ctx: ServiceContext | undefined;
  private running = false;
  private replayFile: string | undefined;

  constructor(deps: BleServiceDeps) {
    this.deps = deps;
    const ble = () => deps.settings().ble;
    this.recorder = new CaptureRecorder({
      folder: () => captureFolder(deps.dataDir, ble().captureFolder),
      limits: () => ({ maxMinutes: ble().captureMaxMinutes, maxBytes: ble().captureMaxMb * 1024 * 1024 }),
      now: deps.now,
    });
    this.ingest = new BleIngest({ sink: deps.sink, settings: ble, now: deps.now, recorder: this.recorder });
  }

  config(settings: Settings): BleConfig {
    return settings.ble;
  }

  enabled(config: BleConfig): boolean {
    return config.enabled;
  }

  offMessage(): string {
    return 'turned off in Settings (ble.enabled); the demo’s simulated sensors still go through the decoders';
  }

  async start(_config: BleConfig, ctx: ServiceContext): Promise<void> {
    this.ctx = ctx;
    this.running = true;
    this.state = { state: 'starting', message: 'starting the scanner' };
    const env = this.deps.env ?? process.env;
    this.replayFile = env.SHOWSITE_BLE_REPLAY || undefined;
    const listener: ScanListener = {
      advertisement: (report) => {
        try {
          this.ingest.accept(report, 'ble');
        } catch (error) {
          // A bug, not data: keep scanning, and say so in the log (not once per packet).
          this.logOnce('could not ingest a Bluetooth advertisement', error);
        }
      },
      malformed: () => this.ingest.malformed(),
      state: (s) => {
        this.state = s;
        if (s.state !== 'starting') this.reportStatus();
      },
      log: (level, message, data) => ctx.logger[level](message, data),
    };
    if (this.replayFile !== undefined) {
      const file = this.replayFile;
      const sim = new SimScanner({ now: this.deps.now, label: `replaying ${basename(file)}` });
      this.scanner = sim;
      await sim.start(listener);
      ctx.logger.info('Bluetooth: replaying a capture file instead of scanning (SHOWSITE_BLE_REPLAY)', { file });
      readFile(file, 'utf8').then(
        (text) => sim.replay(text, { repeat: env.SHOWSITE_BLE_REPLAY_REPEAT === '1' }),
        (error: Error) => listener.state({ state: 'unavailable', reason: `cannot read the replay file ${file}: ${error.message}` }),
      );
    } else {
      this.scanner = this.deps.createScanner?.() ?? new NobleScanner({ now: this.deps.now });
      await this.scanner.start(listener);
    }
    if (!this.running) return;
    // Still no word from the adapter: say so rather than let the controller call it ok.
    if (this.state.state === 'starting') ctx.report('degraded', 'Bluetooth: waiting for the adapter to answer');
    else this.reportStatus();
    this.statusTimer = setInterval(() => this.reportStatus(), this.deps.statusEveryMs ?? 2000);
    this.statusTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.statusTimer);
    this.statusTimer = undefined;
    const scanner = this.scanner;
    this.scanner = undefined;
    try {
      await scanner?.stop();
    } finally {
      this.ingest.flushPending();
      await this.recorder.stopAll('stopped');
    }
  }

  /** Settings are read on every advertisement; nothing needs restarting. */
  reconfigure(_next: BleConfig, _previous: BleConfig, ctx: ServiceContext): void {
    this.ctx = ctx;
    this.reportStatus();
  }

  /** The service status line from the scanner state. */
  statusLine(): { state: 'ok' | 'degraded' | 'error'; message: string } {
    const s = this.state;
    const n = this.ingest.sensorsHeard();
    const heard = `${n} sensor${n === 1 ? '' : 's'} heard`;
    switch (s.state) {
      case 'scanning':
        return { state: 'ok', message: this.replayFile !== undefined ? `${s.message} — ${heard}` : `scanning — ${heard}` };
      case 'waiting':
        return { state: 'degraded', message: `Bluetooth unavailable: ${s.reason}` };
      case 'unavailable':
        return { state: 'error', message: `Bluetooth unavailable: ${s.reason}` };
      default:
        return { state: 'degraded', message: `Bluetooth: ${s.message}` };
    }
  }

  stats(): BleStats {
    const c = this.ingest.counters;
    const scanning = this.running && this.state.state === 'scanning';
    return {
      scanner: !this.running ? 'off' : this.replayFile !== undefined ? 'replay' : 'adapter',
      scanning,
      message: this.running ? this.statusLine().message : this.offMessage(),
      sensorsHeard: this.ingest.sensorsHeard(),
      advertisements: c.advertisements,
      decoded: c.decoded,
      unknown: c.unknown,
      malformed: c.malformed,
      belowRssiFloor: c.belowRssiFloor,
      readingsStored: c.readingsStored,
      readingsLiveOnly: c.readingsLiveOnly,
    };
  }

  unknownList(): BleUnknownAdvertiser[] {
    return this.ingest.unknown.list((mac) => ({ assignedModel: this.ingest.assignedModel(mac) ?? null, recording: this.recorder.isRecording(mac) }));
  }

  record(mac: string, minutes: number): BleRecording {
    if (!this.running) throw new CoreError('unavailable', 'Bluetooth is turned off in Settings (ble.enabled): nothing to record');
    return this.recorder.start(mac, minutes);
  }

  stopRecording(mac: string): BleRecording {
    return this.recorder.stop(mac);
  }

  recordings(): BleRecording[] {
    return this.recorder.list();
  }

  private reportStatus(): void {
    if (!this.running || !this.ctx) return;
    const line = this.statusLine();
    this.ctx.report(line.state, line.message);
  }

  private loggedError = false;
  private logOnce(message: string, error: unknown): void {
    if (this.loggedError) return;
    this.loggedError = true;
    this.ctx?.logger.error(message, { error });
  }
}

/** Where capture files go: `captures` in the data folder, or the configured folder (relative = from the data folder). */
export function captureFolder(dataDir: string, configured: string): string {
  if (configured === '') return join(dataDir, 'captures');
  return isAbsolute(configured) ? configured : join(dataDir, configured);
}
