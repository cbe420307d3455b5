import type { DmxInput, DmxInputStatus, DmxOutputStatus } from '../../../preload/contract/dmx-api.ts';
import { enttecInputOn, splitSource, type DmxEnttecSettings, type DmxMonitor, type DmxSerialInput } from '../../../preload/contract/dmx-serial.ts';
import { EnttecPort, type EnttecPortState, type EnttecReceiveMode, type EnttecTiming } from '../../../native/enttec/port.ts';
import { SparkfunSerialInput } from '../../../native/dmx-serial/port.ts';
import type { SerialOpener } from '../../../native/serial/link.ts';
import type { SerialPortListing } from '../../../native/serial/list.ts';
import type { DmxEngine } from '../engine/index.ts';
import type { InputTracker } from './inputs.ts';
import { RateMeter } from './meters.ts';
import { monitorRaw } from '../monitors.ts';

/** The serial part of the worker's config: the settings' `dmx.enttec`, `dmx.serialInputs`, `dmx.monitors`. */
export interface SerialWorkerConfig {
  enttec: DmxEnttecSettings;
  serialInputs: DmxSerialInput[];
  monitors: DmxMonitor[];
}

/** What the worker tells the main thread a few times a second: raw monitor values and the widget. */
export interface SerialDmxReport {
  /** One per configured monitor, in order: the raw channel value (0–255, or 0–65535 for a pair), null while its source has nothing live. */
  monitors: { id: string; raw: number | null }[];
  /** The Enttec as last seen (null: not enabled). */
  widget: { path: string | null; serial: string | null; firmware: string | null; name: string | null; connected: boolean } | null;
}

/** Ports and timings; tests pass fakes and short times. */
export interface SerialDmxIo {
  open?: SerialOpener;
  list?: () => Promise<SerialPortListing>;
  deviceAt?: (path: string) => Promise<number | null>;
  enttecTiming?: Partial<EnttecTiming>;
  serialRetryMs?: number;
  serialWatchMs?: number;
}

export interface SerialDmxOptions {
  engine: DmxEngine;
  /** The Art-Net/sACN inputs, for monitors that read them. */
  network: InputTracker;
  networkInputs: () => readonly DmxInput[];
  clock: () => number;
  log(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void;
  io?: SerialDmxIo;
  /** Send the Enttec's frames on an own timer (default true); tests call sendDue(now) instead. */
  pacer?: boolean;
}

export const ENTTEC_LAYER = 'input:enttec';
/** While the widget is away the pacer looks in this often, so the first frame after a replug is not late. */
const PACER_IDLE_MS = 20;
const BUSY_RETRY_MS = 2;
const serialLayer = (port: string) => `input:serial:${port}`;

interface EnttecState {
  port: EnttecPort;
  /** When the next label-6 frame is due. */
  nextAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  rate: RateMeter;
  inputRate: RateMeter;
  inputLost: boolean;
}

interface SerialInputState {
  config: DmxSerialInput;
  input: SparkfunSerialInput;
  rate: RateMeter;
  lost: boolean;
}

const disabled: SerialWorkerConfig = {
  enttec: { enabled: false, port: 'auto', rateHz: 40, universe: 1, slots: 512, input: { enabled: false, universe: 1, changesOnly: false, merge: false, lossTimeoutMs: 3000 } },
  serialInputs: [],
  monitors: [],
};

const receiveMode = (e: DmxEnttecSettings): EnttecReceiveMode => (e.input.enabled ? (e.input.changesOnly ? 'changes' : 'always') : 'off');
const serialKey = (c: DmxSerialInput) => `${c.port}|${c.baudRate}|${c.firstChannel}|${c.lastChannel}`;
const age = (now: number, at: number | null) => (at === null ? null : Math.max(0, Math.round(now - at)));

/**
 * The DMX worker's serial devices: the Enttec DMX USB Pro (its output paced by the frame clock, its input
 * as a monitor and merge layer), SparkFun-format text inputs, and the raw readout of channel monitors.
 * DmxRuntime owns one and calls it from its own lifecycle, pump and status.
 */
export class SerialDmx {
  readonly #o: SerialDmxOptions;
  #config: SerialWorkerConfig = disabled;
  #enttec: EnttecState | undefined;
  #serial: SerialInputState[] = [];
  readonly #stopping = new Set<Promise<void>>();

  constructor(options: SerialDmxOptions) {
    this.#o = options;
  }

  /** Apply (new) settings: ports are reopened only when what they depend on changed. */
  configure(config: SerialWorkerConfig | undefined, now: number): void {
    const prev = this.#config;
    const next = config ?? disabled;
    this.#config = next;
    this.#configureSerial(next, now);
    this.#configureEnttec(prev, next, now);
  }

  #configureEnttec(prev: SerialWorkerConfig, next: SerialWorkerConfig, now: number): void {
    const p = prev.enttec;
    const n = next.enttec;
    const excluded = next.serialInputs.map((s) => s.port);
    const restart = !this.#enttec || !n.enabled || p.port !== n.port || excluded.join('\n') !== prev.serialInputs.map((s) => s.port).join('\n');
    const inputMoved = !enttecInputOn(n) || !n.input.merge || n.input.universe !== p.input.universe;
    if (inputMoved || restart) this.#o.engine.releaseLayer(ENTTEC_LAYER, now, 0);
    if (!restart) {
      this.#enttec!.port.setReceive(receiveMode(n));
      return;
    }
    this.#retireEnttec();
    if (!n.enabled) return;
    const io = this.#o.io ?? {};
    const port = new EnttecPort({
      port: n.port,
      receive: receiveMode(n),
      exclude: excluded,
      clock: this.#o.clock,
      log: this.#o.log,
      onInput: () => this.#enttecInput(),
      ...(io.open ? { open: io.open } : {}),
      ...(io.list ? { list: io.list } : {}),
      ...(io.deviceAt ? { deviceAt: io.deviceAt } : {}),
      ...(io.enttecTiming ? { timing: io.enttecTiming } : {}),
    });
    this.#enttec = { port, nextAt: -Infinity, timer: undefined, rate: new RateMeter(), inputRate: new RateMeter(), inputLost: false };
    port.start();
    this.#pace();
  }

  #configureSerial(next: SerialWorkerConfig, now: number): void {
    const kept = new Map(this.#serial.map((s) => [serialKey(s.config), s]));
    const states: SerialInputState[] = [];
    for (const config of next.serialInputs) {
      const key = serialKey(config);
      const old = kept.get(key);
      if (old) {
        kept.delete(key);
        if (old.config.universe !== config.universe || !config.merge) this.#o.engine.releaseLayer(serialLayer(config.port), now, 0);
        old.config = config;
        states.push(old);
        continue;
      }
      const io = this.#o.io ?? {};
      const state: SerialInputState = {
        config,
        rate: new RateMeter(),
        lost: false,
        input: new SparkfunSerialInput({
          path: config.port,
          baudRate: config.baudRate,
          channels: { first: config.firstChannel, last: config.lastChannel },
          clock: this.#o.clock,
          log: this.#o.log,
          onValues: () => this.#serialValues(state),
          ...(io.open ? { open: io.open } : {}),
          ...(io.deviceAt ? { deviceAt: io.deviceAt } : {}),
          ...(io.serialRetryMs ? { retryMs: io.serialRetryMs } : {}),
          ...(io.serialWatchMs ? { watchMs: io.serialWatchMs } : {}),
        }),
      };
      state.input.start();
      states.push(state);
    }
    for (const gone of kept.values()) {
      this.#o.engine.releaseLayer(serialLayer(gone.config.port), now, 0);
      this.#retire(gone.input);
    }
    this.#serial = states;
  }

  #retireEnttec(): void {
    const e = this.#enttec;
    this.#enttec = undefined;
    if (!e) return;
    clearTimeout(e.timer);
    this.#retire(e.port);
  }

  /** Stop a port in the background; stop() waits for every one of them. */
  #retire(port: { stop(): Promise<void> } | undefined): void {
    if (!port) return;
    const done = port.stop().catch(() => {});
    this.#stopping.add(done);
    void done.then(() => this.#stopping.delete(done));
  }

  /** Close every port (the worker is stopping). */
  async stop(): Promise<void> {
    this.#retireEnttec();
    for (const s of this.#serial) this.#retire(s.input);
    this.#serial = [];
    await Promise.all([...this.#stopping]);
  }

  // ── input ──────────────────────────────────────────────────────────────────────────────────────

  #enttecInput(): void {
    const e = this.#enttec;
    if (!e) return;
    const now = this.#o.clock();
    const c = this.#config.enttec.input;
    e.inputRate.tick(now);
    e.inputLost = false;
    if (c.merge) this.#o.engine.setInputFrame(ENTTEC_LAYER, c.universe, e.port.reader.input, now);
  }

  #serialValues(s: SerialInputState): void {
    const now = this.#o.clock();
    s.rate.tick(now);
    s.lost = false;
    if (s.config.merge) this.#o.engine.setInputFrame(serialLayer(s.config.port), s.config.universe, s.input.frame.subarray(0, s.config.lastChannel), now);
  }

  /** Is the Enttec's input live? In change mode silence is normal, so only the widget's presence counts. */
  #enttecReceiving(now: number): boolean {
    const e = this.#enttec;
    if (!e || !enttecInputOn(this.#config.enttec)) return false;
    const at = e.port.reader.lastInputAt;
    if (e.port.state !== 'ok' || at === null) return false;
    return this.#config.enttec.input.changesOnly || now - at <= this.#config.enttec.input.lossTimeoutMs;
  }

  #serialReceiving(s: SerialInputState, now: number): boolean {
    const at = s.input.status().lastValueAt;
    return at !== null && now - at <= s.config.lossTimeoutMs;
  }

  // ── the pump ───────────────────────────────────────────────────────────────────────────────────

  /** Inputs silent past their timeout are lost: their layers are released (called by the frame clock's pump). */
  expire(now: number): void {
    const e = this.#enttec;
    if (e && enttecInputOn(this.#config.enttec) && !e.inputLost && e.port.reader.lastInputAt !== null && !this.#enttecReceiving(now)) {
      e.inputLost = true;
      this.#o.engine.releaseLayer(ENTTEC_LAYER, now, 0);
    }
    for (const s of this.#serial) {
      if (!s.lost && s.input.status().lastValueAt !== null && !this.#serialReceiving(s, now)) {
        s.lost = true;
        this.#o.engine.releaseLayer(serialLayer(s.config.port), now, 0);
      }
    }
  }

  /**
   * Sends the Enttec's frame if it is due: the engine's newest render of the universe, every 1000/rateHz ms.
   * The Enttec keeps its own beat (40 Hz by default) rather than the network outputs' grid (44 Hz): on
   * that grid a 40 Hz frame would go out 22.7 or 45.4 ms apart. Returns when it next wants to run.
   */
  sendDue(now: number): number {
    const e = this.#enttec;
    if (!e) return Infinity;
    if (e.port.state !== 'ok') {
      e.nextAt = -Infinity; // back again: the current frame goes at once
      return now + PACER_IDLE_MS;
    }
    if (now + 0.5 < e.nextAt) return e.nextAt;
    const c = this.#config.enttec;
    const result = e.port.sendDmx(this.#o.engine.output(c.universe).subarray(0, c.slots));
    const period = 1000 / c.rateHz;
    if (result === 'sent') {
      e.rate.tick(now);
      // On a fixed beat so the average rate is exact, but never two frames closer than half a period (a late
      // frame is not chased by an on-time one); a beat missed by a whole period is dropped, not made up.
      e.nextAt = e.nextAt + period <= now ? now + period : Math.max(e.nextAt + period, now + period / 2);
    } else if (result === 'busy') {
      e.nextAt = now + BUSY_RETRY_MS; // the previous frame is still draining: the newest one goes as soon as it has
    }
    return e.nextAt;
  }

  #pace(): void {
    const e = this.#enttec;
    if (!e || this.#o.pacer === false) return;
    const next = this.sendDue(this.#o.clock());
    if (this.#enttec !== e) return;
    e.timer = setTimeout(() => this.#pace(), Math.max(0, next - this.#o.clock()));
  }

  // ── status ─────────────────────────────────────────────────────────────────────────────────────

  /** The Enttec as an output row, numbered after the network outputs. */
  outputs(now: number, firstIndex: number): DmxOutputStatus[] {
    const e = this.#enttec;
    const c = this.#config.enttec;
    if (!e || !c.enabled) return [];
    const s = e.port.status();
    const where = s.path ?? (c.port === 'auto' ? 'auto-detect' : c.port);
    const state = outputState(s.state, s.everConnected);
    const skipped = s.busySkips > 0 ? ` · ${s.busySkips} frame${s.busySkips === 1 ? '' : 's'} skipped while the port was busy` : '';
    return [
      {
        index: firstIndex,
        protocol: 'enttec',
        universe: c.universe,
        destination: `Enttec DMX USB Pro ${where}${s.serial ? ` (serial ${s.serial}${s.firmware ? `, firmware ${s.firmware}` : ''})` : ''}`,
        state,
        // Serial number and firmware are in the destination; the message says what it is doing.
        message: `${state === 'ok' && s.confirmed ? `${s.name ?? 'DMX USB Pro'}${s.widgetTiming ? `, widget refresh ${s.widgetTiming.rate === 0 ? 'max' : `${s.widgetTiming.rate}/s`}` : ''}` : s.message}${state === 'ok' ? ` · sending ${c.rateHz} frames/s, ${c.slots} channels` : ''}${skipped}`,
        fps: e.rate.perSecond(now),
        framesSent: s.framesWritten,
        errors: s.writeErrors,
        lastFrameAgeMs: age(now, s.lastWriteAt),
      },
    ];
  }

  /** The Enttec's input (when on) and the serial inputs, numbered after the network inputs. */
  inputs(now: number, firstIndex: number): DmxInputStatus[] {
    const out: DmxInputStatus[] = [];
    const e = this.#enttec;
    const c = this.#config.enttec;
    if (e && enttecInputOn(c)) {
      const s = e.port.status();
      const at = e.port.reader.lastInputAt;
      const receiving = this.#enttecReceiving(now);
      const portDown = s.state === 'lost' || s.state === 'error';
      out.push({
        index: firstIndex + out.length,
        protocol: 'enttec',
        source: `Enttec DMX USB Pro in${s.path ? ` (${s.path})` : ''}`,
        universe: c.input.universe,
        merge: c.input.merge,
        state: s.state === 'error' ? 'error' : receiving ? 'receiving' : at === null && !portDown ? 'waiting' : 'lost',
        sender: s.serial ? `DMX USB Pro ${s.serial}` : s.path,
        fps: e.inputRate.perSecond(now),
        lastFrameAgeMs: age(now, at),
        framesReceived: e.port.reader.stats.inputMessages,
        rejected: e.port.reader.rejectedCount,
        message: s.state === 'ok' ? (c.input.changesOnly ? 'changes only (label 9): silence is normal' : 'every packet (label 5)') : s.message,
      });
    }
    for (const si of this.#serial) {
      const s = si.input.status();
      const receiving = this.#serialReceiving(si, now);
      const lineAge = age(now, s.lastLineAt);
      const counts = `${s.lines.toLocaleString('en-GB')} line${s.lines === 1 ? '' : 's'}${s.noise ? `, ${s.noise} noise` : ''}${s.filtered ? `, ${s.filtered} outside ${si.config.firstChannel}–${si.config.lastChannel}` : ''}`;
      out.push({
        index: firstIndex + out.length,
        protocol: 'serial',
        source: `DMX text (SparkFun) ${si.config.port}`,
        universe: si.config.universe,
        merge: si.config.merge,
        state: s.state === 'error' ? 'error' : receiving ? 'receiving' : s.lastValueAt === null && s.state !== 'lost' ? 'waiting' : 'lost',
        sender: `${si.config.port} at ${si.config.baudRate} baud`,
        fps: si.rate.perSecond(now),
        lastFrameAgeMs: age(now, s.lastValueAt),
        framesReceived: s.values,
        rejected: s.rejected,
        message: s.state === 'open' ? `last line ${lineAge === null ? 'never' : `${(lineAge / 1000).toFixed(1)} s ago`} · ${counts}` : `${s.message} · ${counts}`,
      });
    }
    return out;
  }

  /** The frame of the k-th input this owns (in the order inputs() lists them). */
  inputFrame(k: number): Uint8Array | undefined {
    const enttecOn = this.#enttec !== undefined && enttecInputOn(this.#config.enttec);
    if (enttecOn && k === 0) return this.#enttec!.port.reader.input;
    return this.#serial[k - (enttecOn ? 1 : 0)]?.input.frame;
  }

  // ── monitors and the widget, for the main thread ───────────────────────────────────────────────

  report(now: number): SerialDmxReport {
    const network = this.#o.networkInputs();
    let networkStatus: DmxInputStatus[] | undefined;
    const frameOf = (source: string): Uint8Array | undefined => {
      const [kind, rest] = splitSource(source);
      const n = Number(rest);
      switch (kind) {
        case 'output':
          return n >= 1 && n <= this.#o.engine.universeCount ? this.#o.engine.output(n) : undefined;
        case 'enttec':
          return this.#enttecReceiving(now) ? this.#enttec!.port.reader.input : undefined;
        case 'serial': {
          const s = this.#serial.find((x) => x.config.port === rest);
          return s && this.#serialReceiving(s, now) ? s.input.frame : undefined;
        }
        default: {
          const index = network.findIndex((i) => (kind === 'artnet' ? i.protocol === 'artnet' && i.portAddress === n : i.protocol === 'sacn' && i.sacnUniverse === n));
          if (index < 0) return undefined;
          networkStatus ??= this.#o.network.status(now);
          return networkStatus[index]?.state === 'receiving' ? this.#o.network.frame(index) : undefined;
        }
      }
    };
    const e = this.#enttec;
    const s = e?.port.status();
    return {
      monitors: this.#config.monitors.map((m) => {
        const frame = frameOf(m.source);
        return { id: m.id, raw: frame ? monitorRaw(frame, m.channel, m.fineChannel) : null };
      }),
      widget: s ? { path: s.path, serial: s.serial, firmware: s.firmware, name: s.name, connected: s.state === 'ok' && s.confirmed } : null,
    };
  }
}

function outputState(state: EnttecPortState, everConnected: boolean): DmxOutputStatus['state'] {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'error':
      return 'error';
    case 'lost':
      return 'lost';
    case 'stopped':
      return 'off';
    default:
      return everConnected ? 'lost' : 'idle';
  }
}

