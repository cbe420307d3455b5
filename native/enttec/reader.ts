/**
 * What a DMX USB Pro says to the host, as state: its identity (label 10 serial, label 3 parameters,
 * labels 77/78 names) and its DMX input (label 5 packets, label 9 changes) kept as one 512-slot universe.
 * Pure: bytes in (any split, any noise), state out; the stream parser resynchronises on the next frame.
 */
import {
  DMX_SLOTS,
  EnttecLabel,
  applyChangeOfState,
  decodeChangeOfState,
  decodeDeviceName,
  decodeManufacturer,
  decodeParams,
  decodeReceivedDmx,
  decodeSerial,
  formatFirmware,
  type WidgetParams,
  type WidgetSerial,
} from './codec.ts';
import { EnttecFrameStream, type EnttecStreamStats } from './stream.ts';

export interface WidgetIdentity {
  serial: WidgetSerial | null;
  params: WidgetParams | null;
  manufacturer: string | null;
  deviceName: string | null;
}

/** push() result bits. */
export const READ_INPUT = 1;
export const READ_IDENTITY = 2;

export interface WidgetReaderStats {
  /** Label-5 packets and label-9 messages applied to the input. */
  inputMessages: number;
  /** Input messages not applied, by reason. */
  rejected: { receiveError: number; alternateStartCode: number; malformed: number };
  /** Replies and labels this reader does not use (RDM, firmware pages…). */
  otherLabels: number;
  stream: EnttecStreamStats;
}

export class EnttecWidgetReader {
  /** The widget's DMX input: input[0] = slot 1. Slots a short packet did not carry read 0. */
  readonly input = new Uint8Array(DMX_SLOTS);
  readonly #stream = new EnttecFrameStream();
  #identity: WidgetIdentity = { serial: null, params: null, manufacturer: null, deviceName: null };
  #inputMessages = 0;
  #rejected = { receiveError: 0, alternateStartCode: 0, malformed: 0 };
  #otherLabels = 0;
  #lastInputAt: number | null = null;

  /** Feeds bytes from the widget; returns READ_INPUT | READ_IDENTITY for what they changed (0 = nothing). */
  push(bytes: Uint8Array, now: number): number {
    let result = 0;
    for (const { label, payload } of this.#stream.push(bytes)) result |= this.#frame(label, payload, now);
    return result;
  }

  #frame(label: number, payload: Uint8Array, now: number): number {
    switch (label) {
      case EnttecLabel.receivedDmx: {
        const r = decodeReceivedDmx(payload);
        if (!r.ok) return this.#reject('malformed');
        // OLA drops these too: a packet with a receive error may be corrupt; another start code is not dimmer data.
        if (r.value.statusError) return this.#reject('receiveError');
        if (r.value.alternateStartCode) return this.#reject('alternateStartCode');
        this.input.fill(0);
        this.input.set(r.value.slots);
        return this.#applied(now);
      }
      case EnttecLabel.changeOfState: {
        const r = decodeChangeOfState(payload);
        if (!r.ok) return this.#reject('malformed');
        if (r.value.alternateStartCode) return this.#reject('alternateStartCode');
        applyChangeOfState(this.input, r.value);
        return this.#applied(now);
      }
      case EnttecLabel.serialNumber: {
        const r = decodeSerial(payload);
        if (!r.ok) return this.#other();
        this.#identity = { ...this.#identity, serial: r.value };
        return READ_IDENTITY;
      }
      case EnttecLabel.getParams: {
        const r = decodeParams(payload);
        if (!r.ok) return this.#other();
        this.#identity = { ...this.#identity, params: r.value };
        return READ_IDENTITY;
      }
      case EnttecLabel.manufacturer: {
        const r = decodeManufacturer(payload);
        if (!r.ok) return this.#other();
        this.#identity = { ...this.#identity, manufacturer: r.value.name };
        return READ_IDENTITY;
      }
      case EnttecLabel.deviceName: {
        const r = decodeDeviceName(payload);
        if (!r.ok) return this.#other();
        this.#identity = { ...this.#identity, deviceName: r.value.name };
        return READ_IDENTITY;
      }
      default:
        return this.#other();
    }
  }

  #applied(now: number): number {
    this.#inputMessages++;
    this.#lastInputAt = now;
    return READ_INPUT;
  }

  #reject(reason: keyof WidgetReaderStats['rejected']): number {
    this.#rejected[reason]++;
    return 0;
  }

  #other(): number {
    this.#otherLabels++;
    return 0;
  }

  get identity(): WidgetIdentity {
    return this.#identity;
  }

  /** True once the widget answered as a DMX USB Pro does (a serial number or its parameters). */
  get confirmed(): boolean {
    return this.#identity.serial !== null || this.#identity.params !== null;
  }

  /** "00123456" (BCD as printed on the widget) or the raw hex; null before the widget said. */
  get serialText(): string | null {
    const s = this.#identity.serial;
    return s ? (s.bcd ?? s.hex) : null;
  }

  get firmwareText(): string | null {
    const p = this.#identity.params;
    return p ? formatFirmware(p.firmware) : null;
  }

  /** When the last input message was applied (the `now` given to push), or null. */
  get lastInputAt(): number | null {
    return this.#lastInputAt;
  }

  get stats(): WidgetReaderStats {
    return { inputMessages: this.#inputMessages, rejected: { ...this.#rejected }, otherLabels: this.#otherLabels, stream: this.#stream.stats };
  }

  get rejectedCount(): number {
    const r = this.#rejected;
    return r.receiveError + r.alternateStartCode + r.malformed;
  }

  /** A new connection: drop a half-read frame and what the previous widget said about itself (the input stays until cleared). */
  resetLink(): void {
    this.#stream.reset();
    this.#identity = { serial: null, params: null, manufacturer: null, deviceName: null };
  }

  /** Switching to changes-only: the widget reports changes against zeros (OLA blacks its copy out too). */
  clearInput(): void {
    this.input.fill(0);
    this.#lastInputAt = null;
  }
}
