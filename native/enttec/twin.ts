/**
 * Simulated Enttec DMX USB Pro: a pure model of the widget's serial side. Bytes the host writes go
 * into feed(); the bytes the widget would answer come back. No ports, no timers: the caller (a pty
 * bridge, the demo site, a test) moves the bytes and passes the time in when it wants frames stamped.
 *
 * It answers the probe OLA's UsbProWidgetDetector sends (77 manufacturer, 78 device, 10 serial,
 * 3 parameters, and 14 hardware version when 77/78 went unanswered) so olad and our own auto-detect
 * both take it for a USB Pro. OLA, seeing ESTA id 0x454E, falls through to its generic USB Pro
 * driver; the default firmware 1.44 (0x012C) is below the 2.4 at which OLA would start RDM
 * discovery, which this twin does not model. Checked by hand against olad 0.10.9 over a socat pty: it
 * installs "ENTTEC - DMX USB PRO, Serial #: 00123456, firmware 1.44", its label-6 frames arrive here,
 * and label-5 frames from receiveInput() show up in olad's input universe.
 */
import { concatBytes } from '../bytes.ts';
import {
  COS_BLOCK_SLOTS,
  DMX_SLOTS,
  ENTTEC_ESTA_ID,
  EnttecLabel,
  MAX_USER_CONFIG,
  changeOfStatePayload,
  decodeSetParams,
  encodeFrame,
  identityPayload,
  receivedDmxPayload,
  serialPayload,
  timingProblem,
  type SlotChange,
  type WidgetTiming,
} from './codec.ts';
import { EnttecFrameStream, type EnttecStreamStats } from './stream.ts';

export interface EnttecTwinOptions {
  /** Raw 32-bit serial (label 10); default 0x00123456, read as BCD "00123456". */
  serial?: number;
  /** Firmware version (label 3); default 0x012C, which OLA prints as "1.44". */
  firmware?: number;
  breakTime?: number;
  mabTime?: number;
  rate?: number;
  estaId?: number;
  manufacturer?: string;
  deviceId?: number;
  deviceName?: string;
  /** Answer labels 77/78 (default true). false = a stock widget that ignores them, as OLA's detector test models. */
  answerIdentity?: boolean;
  /** Byte to answer label 14 with; undefined = stay silent. Default 1 (not 2/3, which OLA takes for a dual-port Mk2). */
  hardwareVersion?: number;
  /** Label-6 frames kept in the history ring (default 256); older ones only count. */
  historyLimit?: number;
}

/** One label-6 frame as the widget received it. */
export interface RecordedDmx {
  /** 1-based count of label-6 frames received since construction. */
  index: number;
  startCode: number;
  /** Slots 1..N as sent (N ≤ 512). */
  slots: Uint8Array;
  /** The `now` passed to feed(), if any. */
  at: number | undefined;
}

export type ReceiveMode = 'always' | 'changesOnly';

export interface EnttecTwinStats {
  /** Frames per label received from the host. */
  requests: Record<number, number>;
  /** Label-6 frames received. */
  dmxFrames: number;
  /** Frames with a label the twin does not model (ignored, as a real widget does). */
  unknownLabels: number;
  /** Requests with a bad payload (short label 3/4/8, out-of-range timing…), ignored. */
  badRequests: number;
  stream: EnttecStreamStats;
}

const EMPTY = new Uint8Array(0);

export class EnttecProTwin {
  readonly #parser = new EnttecFrameStream();
  readonly #serial: number;
  readonly #firmware: number;
  readonly #estaId: number;
  readonly #manufacturer: string;
  readonly #deviceId: number;
  readonly #deviceName: string;
  readonly #answerIdentity: boolean;
  readonly #hardwareVersion: number | undefined;
  readonly #historyLimit: number;

  #timing: WidgetTiming;
  #userConfig: Uint8Array = new Uint8Array(0);
  #receiveMode: ReceiveMode = 'always';
  /** What the input side last reported in change mode: index 0 = start code, 1..512 = slots. */
  #inputReference = new Uint8Array(DMX_SLOTS + 1);
  #history: RecordedDmx[] = [];
  #last: RecordedDmx | undefined;
  #requests: Record<number, number> = {};
  #dmxFrames = 0;
  #unknownLabels = 0;
  #badRequests = 0;

  constructor(options: EnttecTwinOptions = {}) {
    this.#serial = (options.serial ?? 0x00123456) >>> 0;
    this.#firmware = (options.firmware ?? 0x012c) & 0xffff;
    this.#estaId = options.estaId ?? ENTTEC_ESTA_ID;
    this.#manufacturer = options.manufacturer ?? 'ENTTEC';
    this.#deviceId = options.deviceId ?? 0;
    this.#deviceName = options.deviceName ?? 'DMX USB PRO';
    this.#answerIdentity = options.answerIdentity ?? true;
    this.#hardwareVersion = 'hardwareVersion' in options ? options.hardwareVersion : 1;
    this.#historyLimit = Math.max(1, options.historyLimit ?? 256);
    // Defaults = the parameters in OLA's EnttecUsbProWidgetTest reply (break 10, MAB 14, 40 packets/s).
    this.#timing = { breakTime: options.breakTime ?? 10, mabTime: options.mabTime ?? 14, rate: options.rate ?? 40 };
    const problem = timingProblem(this.#timing);
    if (problem) throw new RangeError(problem);
  }

  /** Host → widget bytes (any split); returns the widget's answer bytes (possibly empty). */
  feed(bytes: Uint8Array, now?: number): Uint8Array {
    const replies: Uint8Array[] = [];
    for (const { label, payload } of this.#parser.push(bytes)) {
      this.#requests[label] = (this.#requests[label] ?? 0) + 1;
      const reply = this.#handle(label, payload, now);
      if (reply) replies.push(reply);
    }
    return concat(replies);
  }

  #handle(label: number, payload: Uint8Array, now: number | undefined): Uint8Array | undefined {
    switch (label) {
      case EnttecLabel.sendDmx:
        if (payload.length === 0 || payload.length > DMX_SLOTS + 1) {
          this.#badRequests++;
          return undefined;
        }
        this.#record(payload[0]!, payload.subarray(1), now); // payload is already the stream's own copy
        return undefined;
      case EnttecLabel.getParams:
        return this.#params(payload);
      case EnttecLabel.setParams:
        this.#setParams(payload);
        return undefined;
      case EnttecLabel.receiveDmxOnChange:
        if (payload.length < 1) {
          this.#badRequests++;
          return undefined;
        }
        this.#receiveMode = payload[0] === 1 ? 'changesOnly' : 'always';
        // The host blacks out its input copy when it asks for changes only (OLA does); start from the same zeros.
        this.#inputReference.fill(0);
        return undefined;
      case EnttecLabel.serialNumber:
        return encodeFrame(EnttecLabel.serialNumber, serialPayload(this.#serial));
      case EnttecLabel.manufacturer:
        return this.#answerIdentity ? encodeFrame(label, identityPayload(this.#estaId, this.#manufacturer)) : undefined;
      case EnttecLabel.deviceName:
        return this.#answerIdentity ? encodeFrame(label, identityPayload(this.#deviceId, this.#deviceName)) : undefined;
      case EnttecLabel.hardwareVersion:
        return this.#hardwareVersion === undefined ? undefined : encodeFrame(label, Uint8Array.of(this.#hardwareVersion & 0xff));
      default:
        this.#unknownLabels++;
        return undefined;
    }
  }

  #params(payload: Uint8Array): Uint8Array | undefined {
    if (payload.length < 2) {
      this.#badRequests++;
      return undefined;
    }
    const wanted = Math.min(payload[0]! | (payload[1]! << 8), MAX_USER_CONFIG);
    const reply = new Uint8Array(5 + wanted);
    reply[0] = this.#firmware & 0xff;
    reply[1] = this.#firmware >> 8;
    reply[2] = this.#timing.breakTime;
    reply[3] = this.#timing.mabTime;
    reply[4] = this.#timing.rate;
    reply.set(this.#userConfig.subarray(0, wanted), 5);
    return encodeFrame(EnttecLabel.getParams, reply);
  }

  #setParams(payload: Uint8Array): void {
    const r = decodeSetParams(payload);
    if (!r.ok || timingProblem(r.value) || r.value.userConfig.length > MAX_USER_CONFIG) {
      this.#badRequests++;
      return;
    }
    const { breakTime, mabTime, rate, userConfig } = r.value;
    this.#timing = { breakTime, mabTime, rate };
    if (userConfig.length > 0) this.#userConfig = userConfig;
  }

  #record(startCode: number, slots: Uint8Array, now: number | undefined): void {
    this.#dmxFrames++;
    const frame: RecordedDmx = { index: this.#dmxFrames, startCode, slots, at: now };
    this.#last = frame;
    this.#history.push(frame);
    if (this.#history.length > this.#historyLimit) this.#history.splice(0, this.#history.length - this.#historyLimit);
  }

  // -------------------------------------------------------------------------------------------------
  // What the host changed and sent

  get timing(): WidgetTiming {
    return { ...this.#timing };
  }

  get receiveMode(): ReceiveMode {
    return this.#receiveMode;
  }

  /** The newest label-6 frame received. */
  get lastDmx(): RecordedDmx | undefined {
    return this.#last;
  }

  /** Label-6 frames received since construction (also those evicted from the history). */
  get dmxFrameCount(): number {
    return this.#dmxFrames;
  }

  /** The newest label-6 frames (up to historyLimit), oldest first. */
  history(): readonly RecordedDmx[] {
    return this.#history;
  }

  /** Returns the history and empties it (the count keeps going). */
  takeHistory(): RecordedDmx[] {
    const taken = this.#history;
    this.#history = [];
    return taken;
  }

  get stats(): EnttecTwinStats {
    return {
      requests: { ...this.#requests },
      dmxFrames: this.#dmxFrames,
      unknownLabels: this.#unknownLabels,
      badRequests: this.#badRequests,
      stream: this.#parser.stats,
    };
  }

  /** A reopened port: drop any half-received frame (settings and history stay, as in the widget's RAM). */
  resetLink(): void {
    this.#parser.reset();
  }

  // -------------------------------------------------------------------------------------------------
  // Input side: what the widget reports when a DMX packet arrives on its XLR input

  /**
   * The widget received one DMX packet of `slots` (1..N, N ≤ 512). Returns the bytes it sends the host:
   * in 'always' mode one label-5 frame; in 'changesOnly' mode label-9 frames covering every slot that
   * differs from the previous packet (none when nothing changed). `status` ≠ 0 simulates a receive error
   * (reported in label 5 only; a change-mode widget reports nothing for a corrupt packet).
   */
  receiveInput(slots: Uint8Array, startCode = 0, status = 0): Uint8Array {
    const n = Math.min(slots.length, DMX_SLOTS);
    if (this.#receiveMode === 'always') return encodeFrame(EnttecLabel.receivedDmx, receivedDmxPayload(slots.subarray(0, n), startCode, status));
    if (status !== 0) return EMPTY;
    const ref = this.#inputReference;
    const changed: number[] = [];
    if (ref[0] !== (startCode & 0xff)) changed.push(0);
    for (let s = 1; s <= n; s++) if (ref[s] !== slots[s - 1]) changed.push(s);
    const value = (s: number) => (s === 0 ? startCode & 0xff : slots[s - 1]!);
    const frames: Uint8Array[] = [];
    let k = 0;
    while (k < changed.length) {
      const startBlock = changed[k]! >> 3;
      const end = startBlock * 8 + COS_BLOCK_SLOTS;
      const window: SlotChange[] = [];
      while (k < changed.length && changed[k]! < end) {
        const s = changed[k++]!;
        window.push({ slot: s, value: value(s) });
        ref[s] = value(s);
      }
      frames.push(encodeFrame(EnttecLabel.changeOfState, changeOfStatePayload(startBlock, window)));
    }
    return concat(frames);
  }
}

/** Most calls answer with nothing or one frame: those need no copy. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  return concatBytes(parts);
}
