/**
 * An Enttec DMX USB Pro on a serial port: finds it (a configured path, or auto-detect), asks who it is
 * (labels 78, 10, 3), writes label-6 frames when the caller's frame clock says so, reads its DMX input,
 * notices when it goes (a failed write or read, its device node gone, writes that stop draining) and
 * comes back by itself when it returns. Writes never queue: while one is in flight, sendDmx() answers
 * 'busy' and the caller sends its newest frame later, so a slow port costs frames, never latency.
 */
import { concatBytes } from '../bytes.ts';
import { DMX_SLOTS, FULL_DMX_FRAME_SIZE, encodeDeviceNameRequest, encodeDmxInto, encodeGetParams, encodeReceiveOnChange, encodeSerialRequest, type WidgetTiming } from './codec.ts';
import { enttecCandidates } from './detect.ts';
import { EnttecWidgetReader, READ_IDENTITY, READ_INPUT } from './reader.ts';
import { deviceAt as realDeviceAt, describeSerialError, openSerial, type SerialLink, type SerialOpener } from '../serial/link.ts';
import { listSerialPorts, type SerialPortListing } from '../serial/list.ts';
import { WakeableSleep } from '../serial/wakeable-sleep.ts';

export type EnttecReceiveMode = 'off' | 'always' | 'changes';

/** searching = auto-detect has found nothing yet; connecting = opening/asking; lost = was there, is gone; error = cannot be opened (permission, busy…). */
export type EnttecPortState = 'searching' | 'connecting' | 'ok' | 'lost' | 'error' | 'stopped';

export interface EnttecTiming {
  /** A configured path that is missing or failed is tried again this often. */
  retryMs: number;
  /** Auto-detect lists the ports again this often while it has no widget. */
  scanMs: number;
  /** How long the widget has to answer the probe. */
  probeMs: number;
  /** How often the device node is checked (an unplug removes it). */
  watchMs: number;
  /** A write still not drained after this long = the widget is gone. */
  stallMs: number;
  /** An auto-detect candidate that did not answer is left alone this long. */
  unansweredMs: number;
}

export const defaultEnttecTiming: EnttecTiming = { retryMs: 250, scanMs: 1000, probeMs: 600, watchMs: 200, stallMs: 1000, unansweredMs: 5000 };

export interface EnttecPortOptions {
  /** 'auto' or a path. */
  port: string;
  receive: EnttecReceiveMode;
  /** Ports auto-detect must leave alone (DMX text inputs). */
  exclude?: readonly string[];
  open?: SerialOpener;
  list?: () => Promise<SerialPortListing>;
  deviceAt?: (path: string) => Promise<number | null>;
  clock?: () => number;
  platform?: NodeJS.Platform;
  timing?: Partial<EnttecTiming>;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** The widget's DMX input changed (reader.input). */
  onInput?: () => void;
}

export interface EnttecPortStatus {
  state: EnttecPortState;
  message: string;
  /** The port in use or last used. */
  path: string | null;
  everConnected: boolean;
  /** Answered the probe as a USB Pro does. */
  confirmed: boolean;
  serial: string | null;
  firmware: string | null;
  name: string | null;
  /** The widget's own output timing (label 3). */
  widgetTiming: WidgetTiming | null;
  framesWritten: number;
  /** Frames not sent because the previous write had not drained yet. */
  busySkips: number;
  writeErrors: number;
  lastWriteAt: number | null;
  connects: number;
}

export type SendResult = 'sent' | 'busy' | 'down';

/** One open attempt's link and whether it is still up. */
interface Session {
  link: SerialLink | undefined;
  path: string;
  closed: boolean;
}

const BAUD = 115_200; // a dummy for the USB Pro (PROTOCOLS.md §3.3); OLA opens at 115200 too

export class EnttecPort {
  readonly reader = new EnttecWidgetReader();
  readonly #o: Required<Omit<EnttecPortOptions, 'timing' | 'onInput' | 'log' | 'exclude'>> & Pick<EnttecPortOptions, 'onInput' | 'log'> & { exclude: readonly string[] };
  readonly #t: EnttecTiming;
  readonly #frame = new Uint8Array(FULL_DMX_FRAME_SIZE);
  #receive: EnttecReceiveMode;
  #control: Uint8Array[] = [];
  #state: EnttecPortState = 'connecting';
  #message = 'starting';
  #path: string | null = null;
  #session: Session | undefined;
  #everConnected = false;
  #writing = false;
  #writeStartedAt = 0;
  #stats = { framesWritten: 0, busySkips: 0, writeErrors: 0, connects: 0 };
  #lastWriteAt: number | null = null;
  #stopped = false;
  #started = false;
  #loop: Promise<void> = Promise.resolve();
  /** Sleeps between attempts and while probing; stop() and the widget's replies cut them short. */
  readonly #timer = new WakeableSleep();
  #lost: (() => void) | undefined;
  #watch: ReturnType<typeof setInterval> | undefined;
  readonly #unanswered = new Map<string, number>();

  constructor(options: EnttecPortOptions) {
    this.#o = {
      port: options.port,
      receive: options.receive,
      exclude: options.exclude ?? [],
      open: options.open ?? openSerial,
      list: options.list ?? (() => listSerialPorts()),
      deviceAt: options.deviceAt ?? realDeviceAt,
      clock: options.clock ?? (() => performance.now()),
      platform: options.platform ?? process.platform,
      onInput: options.onInput,
      log: options.log,
    };
    this.#receive = options.receive;
    this.#t = { ...defaultEnttecTiming, ...options.timing };
    this.#state = options.port === 'auto' ? 'searching' : 'connecting';
    this.#message = options.port === 'auto' ? 'looking for an Enttec DMX USB Pro' : `opening ${options.port}`;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#loop = this.#run();
  }

  /** Close the port and stop looking. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer.wake();
    this.#lose('stopped', 'stopped');
    await this.#loop;
  }

  get state(): EnttecPortState {
    return this.#state;
  }

  status(): EnttecPortStatus {
    const r = this.reader;
    const p = r.identity.params;
    return {
      state: this.#state,
      message: this.#message,
      path: this.#path,
      everConnected: this.#everConnected,
      confirmed: r.confirmed,
      serial: r.serialText,
      firmware: r.firmwareText,
      name: r.identity.deviceName,
      widgetTiming: p ? { breakTime: p.breakTime, mabTime: p.mabTime, rate: p.rate } : null,
      ...this.#stats,
      lastWriteAt: this.#lastWriteAt,
    };
  }

  /** Change what the widget reports of its DMX input (sent at once when connected, else on connect). */
  setReceive(mode: EnttecReceiveMode): void {
    if (mode === this.#receive) return;
    this.#receive = mode;
    if (this.#state === 'ok' && mode !== 'off') this.#queueReceiveMode();
  }

  /**
   * Label 6 with `slots` (start code 0). Never queues: 'busy' while the previous write has not drained
   * (send the newest frame again shortly), 'down' while there is no widget.
   */
  sendDmx(slots: Uint8Array): SendResult {
    const session = this.#session;
    if (this.#state !== 'ok' || !session?.link || session.closed) return 'down';
    if (this.#writing) {
      this.#stats.busySkips++;
      return 'busy';
    }
    const n = encodeDmxInto(this.#frame, slots.length > DMX_SLOTS ? slots.subarray(0, DMX_SLOTS) : slots);
    let bytes: Uint8Array = this.#frame.subarray(0, n);
    if (this.#control.length > 0) bytes = concatBytes([...this.#control.splice(0), bytes]); // rare: a mode change rides with the next frame
    this.#write(session, bytes, true);
    return 'sent';
  }

  // ── connecting ─────────────────────────────────────────────────────────────────────────────────

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const session = this.#o.port === 'auto' ? await this.#detect() : await this.#connect(this.#o.port, false);
      if (this.#stopped) {
        await session?.link?.close();
        break;
      }
      if (!session) {
        await this.#timer.sleep(this.#o.port === 'auto' ? this.#t.scanMs : this.#t.retryMs);
        continue;
      }
      await this.#serve(session);
    }
    this.#state = 'stopped';
    this.#message = 'stopped';
  }

  async #detect(): Promise<Session | undefined> {
    let listing: SerialPortListing;
    try {
      listing = await this.#o.list();
    } catch (error) {
      this.#down(`cannot list the serial ports: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const now = this.#o.clock();
    const candidates = enttecCandidates(listing.ports, this.#o.exclude).filter((c) => (this.#unanswered.get(c.path) ?? -Infinity) <= now);
    if (candidates.length === 0) {
      const silent = [...this.#unanswered.keys()];
      const why = silent.length > 0 ? `${silent.join(', ')} did not answer as a DMX USB Pro (an Open DMX USB has the same USB ids and is not supported)` : `no FTDI serial device found${listing.note ? ` (${listing.note})` : ''}`;
      this.#down(this.#everConnected ? `unplugged — looking for it again: ${why}` : why);
      return undefined;
    }
    for (const c of candidates) {
      if (this.#stopped) return undefined;
      const session = await this.#connect(c.path, true);
      if (session) {
        this.#unanswered.clear();
        return session;
      }
    }
    return undefined;
  }

  /** Open `path` and ask the widget who it is. `mustAnswer`: auto-detect drops a port that does not answer. */
  async #connect(path: string, mustAnswer: boolean): Promise<Session | undefined> {
    const device = await this.#o.deviceAt(path);
    if (device === null) {
      this.#path = path;
      this.#down(this.#everConnected ? `${path}: unplugged — waiting for it to come back` : `${path}: not connected (no such device) — waiting for it`);
      return undefined;
    }
    if (!this.#everConnected || this.#state !== 'lost') this.#set('connecting', `opening ${path}`);
    const session: Session = { link: undefined, path, closed: false };
    try {
      session.link = await this.#o.open(path, BAUD, { onData: (chunk) => this.#onData(session, chunk), onClose: (error) => this.#onClose(session, error) });
    } catch (error) {
      const d = describeSerialError(path, error, this.#o.platform);
      this.#path = path;
      if (d.kind === 'missing' || d.kind === 'unplugged') this.#down(d.message);
      else this.#set('error', d.kind === 'unsupported' ? d.message : `${d.message} — retrying`);
      return undefined;
    }
    this.reader.resetLink();
    this.#session = session;
    this.#writing = false;
    // Not awaited: a port that never drains must not hang the loop (the watch in #serve catches it).
    this.#write(session, concatBytes([encodeDeviceNameRequest(), encodeSerialRequest(), encodeGetParams(0)]), false);
    await this.#until(() => session.closed || (this.reader.identity.serial !== null && this.reader.identity.params !== null), this.#t.probeMs);
    if (session.closed || this.#stopped) {
      this.#session = undefined;
      return undefined;
    }
    if (this.#writing) {
      // Not even the probe drained: no better than unplugged (and never "ok" for a moment).
      this.#lose('lost', `${path}: the device is not taking data — retrying`);
      return undefined;
    }
    if (!this.reader.confirmed && mustAnswer) {
      this.#unanswered.set(path, this.#o.clock() + this.#t.unansweredMs);
      this.#session = undefined;
      await session.link.close();
      return undefined;
    }
    this.#path = path;
    this.#control = [];
    if (this.#receive !== 'off') this.#queueReceiveMode();
    this.#everConnected = true;
    this.#stats.connects++;
    this.#set('ok', this.#okMessage());
    const s = this.status();
    this.#o.log?.('info', 'Enttec DMX USB Pro connected', { path, serial: s.serial, firmware: s.firmware, answered: s.confirmed });
    return session;
  }

  #okMessage(): string {
    const s = this.status();
    if (!s.confirmed) return 'sending; the device did not answer the serial-number and parameters requests (not a DMX USB Pro?)';
    const parts = [`${s.name ?? 'DMX USB Pro'}`, s.serial ? `serial ${s.serial}` : '', s.firmware ? `firmware ${s.firmware}` : '', s.widgetTiming ? `widget refresh ${s.widgetTiming.rate === 0 ? 'max' : `${s.widgetTiming.rate}/s`}` : ''];
    return parts.filter(Boolean).join(' · ');
  }

  #queueReceiveMode(): void {
    this.#control.push(encodeReceiveOnChange(this.#receive === 'changes'));
    if (this.#receive === 'changes') this.reader.clearInput();
  }

  /** Watch a connected widget until it goes; then close what is left of the link. */
  async #serve(session: Session): Promise<void> {
    const path = session.path;
    const device = await this.#o.deviceAt(path);
    await new Promise<void>((resolve) => {
      this.#lost = resolve;
      if (session.closed) return this.#lose('lost', `${path}: unplugged`);
      this.#watch = setInterval(() => {
        if (this.#writing && this.#o.clock() - this.#writeStartedAt > this.#t.stallMs) {
          this.#lose('lost', `${path}: the widget stopped taking data (a write has not drained for ${Math.round(this.#o.clock() - this.#writeStartedAt)} ms) — reconnecting`);
          return;
        }
        void this.#o.deviceAt(path).then((now) => {
          if (this.#session !== session) return;
          if (now === null) this.#lose('lost', `${path}: unplugged — waiting for it to come back`);
          else if (now !== device) this.#lose('lost', `${path}: a different device is there now — reconnecting`);
        });
      }, this.#t.watchMs);
    });
  }

  /** The connected widget is gone (or we stop): say so, close the link, wake #serve. */
  #lose(state: 'lost' | 'error' | 'stopped', message: string): void {
    const session = this.#session;
    this.#session = undefined;
    if (this.#watch) clearInterval(this.#watch);
    this.#watch = undefined;
    this.#writing = false;
    this.#control = [];
    if (state !== 'stopped' || this.#state !== 'stopped') this.#set(state, message);
    if (session && !session.closed) {
      session.closed = true;
      if (state !== 'stopped') this.#o.log?.('warn', 'Enttec DMX USB Pro lost', { path: session.path, why: message });
      void session.link?.close().catch(() => {});
    }
    const lost = this.#lost;
    this.#lost = undefined;
    lost?.();
  }

  #down(message: string): void {
    this.#set(this.#everConnected ? 'lost' : this.#o.port === 'auto' ? 'searching' : 'lost', message);
  }

  #set(state: EnttecPortState, message: string): void {
    this.#state = state;
    this.#message = message;
  }

  // ── bytes ──────────────────────────────────────────────────────────────────────────────────────

  #write(session: Session, bytes: Uint8Array, dmx: boolean): void {
    const link = session.link!;
    this.#writing = true;
    this.#writeStartedAt = this.#o.clock();
    link.write(bytes).then(
      () => {
        if (this.#session !== session) return;
        this.#writing = false;
        if (dmx) {
          this.#stats.framesWritten++;
          this.#lastWriteAt = this.#o.clock();
        }
      },
      (error: unknown) => {
        if (this.#session !== session) return;
        this.#writing = false;
        this.#stats.writeErrors++;
        this.#lose('lost', describeSerialError(session.path, error, this.#o.platform).message);
      },
    );
  }

  #onData(session: Session, chunk: Uint8Array): void {
    if (session.closed) return;
    const changed = this.reader.push(chunk, this.#o.clock());
    if (changed & READ_IDENTITY) {
      this.#timer.wake();
      if (this.#state === 'ok') this.#message = this.#okMessage();
    }
    if (changed & READ_INPUT && this.#state === 'ok' && this.#receive !== 'off') this.#o.onInput?.();
  }

  #onClose(session: Session, error: Error | null): void {
    if (session.closed) return;
    if (this.#session !== session) {
      session.closed = true; // still probing: #connect sees it
      this.#timer.wake();
      return;
    }
    this.#lose('lost', error ? describeSerialError(session.path, error, this.#o.platform).message : `${session.path}: closed`);
  }

  // ── waiting ────────────────────────────────────────────────────────────────────────────────────

  /** Wait until `cond()` holds (checked whenever the widget says something) or `ms` passes. */
  async #until(cond: () => boolean, ms: number): Promise<void> {
    const end = this.#o.clock() + ms;
    while (!cond() && !this.#stopped) {
      const left = end - this.#o.clock();
      if (left <= 0) return;
      await this.#timer.sleep(left);
    }
  }
}

