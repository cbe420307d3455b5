/**
 * A SparkFun DMX shield (PROTOCOLS.md §8) — or any sketch printing `DMX: read value from channel N: V` —
 * on a serial port, as a 512-slot universe. Opens the port, feeds SparkfunDmxParser, and reopens by itself
 * when the board is unplugged or reset; each new connection starts with a fresh parser, so a line torn
 * by the unplug is dropped, never glued to the next one. Values seen stay in the frame until the caller
 * decides the source is lost.
 */
import { DMX_SLOTS } from '../enttec/codec.ts';
import { deviceAt as realDeviceAt, describeSerialError, openSerial, type SerialOpener } from '../serial/link.ts';
import { WakeableSleep } from '../serial/wakeable-sleep.ts';
import { SparkfunDmxParser, type SparkfunStats } from './sparkfun.ts';

export type SerialInputState = 'connecting' | 'open' | 'lost' | 'error' | 'stopped';

export interface SparkfunSerialInputOptions {
  path: string;
  baudRate: number;
  channels: { first: number; last: number };
  open?: SerialOpener;
  deviceAt?: (path: string) => Promise<number | null>;
  clock?: () => number;
  platform?: NodeJS.Platform;
  /** Reopen attempts (default 1000 ms) and device-node checks (default 250 ms). */
  retryMs?: number;
  watchMs?: number;
  /** New values arrived (frame changed or re-read). */
  onValues?: () => void;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

export interface SparkfunSerialStatus {
  state: SerialInputState;
  message: string;
  /** When the last value line arrived (clock ms), null before the first. */
  lastValueAt: number | null;
  /** When the last complete line of any kind arrived. */
  lastLineAt: number | null;
  /** Totals over every connection. */
  values: number;
  lines: number;
  noise: number;
  rejected: number;
  filtered: number;
  connects: number;
}

type Totals = Pick<SparkfunStats, 'values' | 'lines' | 'noise' | 'filtered'> & { rejected: number };
const rejectedOf = (s: SparkfunStats) => s.rejects.channelOutOfRange + s.rejects.valueOutOfRange + s.rejects.malformed;

export class SparkfunSerialInput {
  /** frame[0] = channel 1. */
  readonly frame = new Uint8Array(DMX_SLOTS);
  readonly #o: Required<Omit<SparkfunSerialInputOptions, 'onValues' | 'log'>> & Pick<SparkfunSerialInputOptions, 'onValues' | 'log'>;
  #state: SerialInputState = 'connecting';
  #message: string;
  #parser: SparkfunDmxParser;
  /** What the current parser has counted already (its stats restart with every connection). */
  #seen: Totals = { values: 0, lines: 0, noise: 0, filtered: 0, rejected: 0 };
  #totals: Totals = { values: 0, lines: 0, noise: 0, filtered: 0, rejected: 0 };
  #lastValueAt: number | null = null;
  #lastLineAt: number | null = null;
  #connects = 0;
  #everOpen = false;
  #stopped = false;
  #loop: Promise<void> = Promise.resolve();
  /** Sleeps between attempts; stop() cuts them short. */
  readonly #timer = new WakeableSleep();
  #closeCurrent: (() => void) | undefined;

  constructor(options: SparkfunSerialInputOptions) {
    this.#o = {
      path: options.path,
      baudRate: options.baudRate,
      channels: options.channels,
      open: options.open ?? openSerial,
      deviceAt: options.deviceAt ?? realDeviceAt,
      clock: options.clock ?? (() => performance.now()),
      platform: options.platform ?? process.platform,
      retryMs: options.retryMs ?? 1000,
      watchMs: options.watchMs ?? 250,
      onValues: options.onValues,
      log: options.log,
    };
    this.#parser = new SparkfunDmxParser({ channels: options.channels });
    this.#message = `opening ${options.path}`;
  }

  start(): void {
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer.wake();
    this.#closeCurrent?.();
    await this.#loop;
  }

  status(): SparkfunSerialStatus {
    return { state: this.#state, message: this.#message, lastValueAt: this.#lastValueAt, lastLineAt: this.#lastLineAt, ...this.#totals, connects: this.#connects };
  }

  /** The newest rejected `read value` line (for the status view). */
  get lastReject(): { reason: string; line: string } | undefined {
    return this.#parser.lastReject;
  }

  /** Bytes as the port delivers them (also the test entry point). */
  push(chunk: Uint8Array | string): void {
    const now = this.#o.clock();
    const values = this.#parser.push(chunk);
    for (const { channel, value } of values) this.frame[channel - 1] = value;
    const s = this.#parser.stats;
    const seen = this.#seen;
    const current: Totals = { values: s.values, lines: s.lines, noise: s.noise, filtered: s.filtered, rejected: rejectedOf(s) };
    if (current.lines > seen.lines) this.#lastLineAt = now;
    for (const k of Object.keys(current) as (keyof Totals)[]) this.#totals[k] += current[k] - seen[k];
    this.#seen = current;
    if (values.length > 0) {
      this.#lastValueAt = now;
      this.#o.onValues?.();
    }
  }

  async #run(): Promise<void> {
    const { path } = this.#o;
    while (!this.#stopped) {
      const device = await this.#o.deviceAt(path);
      if (device === null) {
        this.#set('lost', this.#everOpen ? `${path}: unplugged — waiting for it to come back` : `${path}: not connected (no such device) — waiting for it`);
        await this.#timer.sleep(this.#o.retryMs);
        continue;
      }
      let closedWith: ((why: string) => void) | undefined;
      const closed = new Promise<string>((resolve) => (closedWith = resolve));
      let link;
      try {
        link = await this.#o.open(path, this.#o.baudRate, {
          onData: (chunk) => this.push(chunk),
          onClose: (error) => closedWith!(error ? describeSerialError(path, error, this.#o.platform).message : `${path}: closed`),
        });
      } catch (error) {
        const d = describeSerialError(path, error, this.#o.platform);
        this.#set(d.kind === 'missing' || d.kind === 'unplugged' ? 'lost' : 'error', d.kind === 'unsupported' ? d.message : `${d.message} — retrying`);
        await this.#timer.sleep(this.#o.retryMs);
        continue;
      }
      // A fresh parser: a line torn by the unplug must not join the first line after it.
      this.#parser = new SparkfunDmxParser({ channels: this.#o.channels });
      this.#seen = { values: 0, lines: 0, noise: 0, filtered: 0, rejected: 0 };
      this.#everOpen = true;
      this.#connects++;
      this.#set('open', `${path} at ${this.#o.baudRate} baud`);
      this.#o.log?.('info', 'DMX text input open', { path, baudRate: this.#o.baudRate });
      const watch = setInterval(() => {
        void this.#o.deviceAt(path).then((now) => {
          if (now !== device) closedWith!(now === null ? `${path}: unplugged — waiting for it to come back` : `${path}: a different device is there now — reopening`);
        });
      }, this.#o.watchMs);
      this.#closeCurrent = () => closedWith!('stopped');
      const why = await closed;
      clearInterval(watch);
      this.#closeCurrent = undefined;
      await link.close().catch(() => {});
      if (this.#stopped) break;
      this.#set('lost', why);
      this.#o.log?.('warn', 'DMX text input lost', { path, why });
    }
    this.#set('stopped', 'stopped');
  }

  #set(state: SerialInputState, message: string): void {
    this.#state = state;
    this.#message = message;
  }
}
