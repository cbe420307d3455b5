/**
 * Line parser for the serial output of SparkFun's DMX shield input sketch (PROTOCOLS.md §8,
 * sparkfun/SparkFunDMX Example2-DMXInput): `DMX: read value from channel N: V` + CR LF per frame.
 * Pure and streaming: push chunks split anywhere, get `{channel, value}` events back.
 *
 * Tolerance, because a serial line at connect time is noisy: LF or CR LF endings; the banner lines are
 * recognised and skipped; lines from the output sketch (`DMX: sent value to channel N: V`) are counted
 * apart; anything else is counted noise. A message preceded by garbage on the same line (boot noise,
 * a torn first line) is still read from its last `DMX: ` marker. Lines are bounded: past
 * `maxLineLength` the head is dropped and only the tail — long enough for any message — is kept.
 */

export const READ_MARKER = 'DMX: read value from channel ';
export const SENT_MARKER = 'DMX: sent value to channel ';
const INITIALIZED_BANNER = 'DMX initialized!';
/** `SparkFun DMX Example 2 - Input` and its sibling sketches' first lines. */
const EXAMPLE_BANNER = /^SparkFun DMX Example \d+ - [\x20-\x7e]+$/;
const NUMBERS = /^(\d{1,9}): (\d{1,9})$/;

/** Longest message is `DMX: read value from channel 512: 255` (37 characters); keep comfortably more. */
const TAIL_KEPT = 64;
const MIN_LINE_LENGTH = 2 * TAIL_KEPT;

export interface DmxSerialValue {
  /** 1..512 */
  channel: number;
  /** 0..255 */
  value: number;
}

export interface SparkfunParserOptions {
  /** Only channels first..last (inclusive) produce events; others are counted as filtered. */
  channels?: { first: number; last: number };
  /** Longest line held before its head is discarded (default 256, at least 128). */
  maxLineLength?: number;
}

export type SparkfunRejectReason = 'channelOutOfRange' | 'valueOutOfRange' | 'malformed';

export interface SparkfunStats {
  /** Complete lines seen: always values + banners + outputLines + blank + noise + filtered + all rejects. */
  lines: number;
  /** Events produced. */
  values: number;
  /** Startup banner lines. */
  banners: number;
  /** `DMX: sent value …` lines (an output sketch on the port, not input). */
  outputLines: number;
  blank: number;
  /** Lines that are none of the kinds above and carry no message (over-long ones included). */
  noise: number;
  /** Lines longer than maxLineLength (their head was discarded); also counted under their kind. */
  overlong: number;
  /** Valid messages read after garbage on the same line (also counted under values or filtered). */
  salvaged: number;
  /** Valid values outside the configured channel range. */
  filtered: number;
  /** `DMX: read value …` lines that could not be used, by reason. */
  rejects: Record<SparkfunRejectReason, number>;
}

const freshStats = (): SparkfunStats => ({
  lines: 0,
  values: 0,
  banners: 0,
  outputLines: 0,
  blank: 0,
  noise: 0,
  overlong: 0,
  salvaged: 0,
  filtered: 0,
  rejects: { channelOutOfRange: 0, valueOutOfRange: 0, malformed: 0 },
});

const LF = 0x0a;
const CR = 0x0d;
/** Stands in for characters beyond Latin-1 in string input (never a digit, never a line end). */
const SUBSTITUTE = 0x1a;

export class SparkfunDmxParser {
  readonly #first: number;
  readonly #last: number;
  readonly #line: Uint8Array;
  #length = 0;
  #overlong = false;
  #stats = freshStats();
  #lastReject: { reason: SparkfunRejectReason; line: string } | undefined;

  constructor(options: SparkfunParserOptions = {}) {
    this.#first = options.channels?.first ?? 1;
    this.#last = options.channels?.last ?? 512;
    if (!Number.isInteger(this.#first) || !Number.isInteger(this.#last) || this.#first < 1 || this.#last > 512 || this.#first > this.#last) {
      throw new RangeError(`channel range must lie within 1–512 with first ≤ last, got ${this.#first}–${this.#last}`);
    }
    this.#line = new Uint8Array(Math.max(MIN_LINE_LENGTH, Math.floor(options.maxLineLength ?? 256)));
  }

  /** Counters since construction or reset() (a copy). */
  get stats(): SparkfunStats {
    return { ...this.#stats, rejects: { ...this.#stats.rejects } };
  }

  /** The newest rejected `read value` line and why (the line cut to 80 characters), for a status view. */
  get lastReject(): { reason: SparkfunRejectReason; line: string } | undefined {
    return this.#lastReject;
  }

  /** Bytes held for a line not yet ended. */
  get pendingLength(): number {
    return this.#length;
  }

  /** Forget the partial line and the counters (a reopened port). */
  reset(): void {
    this.#length = 0;
    this.#overlong = false;
    this.#stats = freshStats();
    this.#lastReject = undefined;
  }

  /** Feeds serial bytes (or text); returns the values of every complete `read value` line, in order. */
  push(chunk: Uint8Array | string): DmxSerialValue[] {
    const out: DmxSerialValue[] = [];
    const text = typeof chunk === 'string';
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      let b: number;
      if (text) {
        const c = chunk.charCodeAt(i);
        b = c > 0xff ? SUBSTITUTE : c;
      } else {
        b = chunk[i]!;
      }
      if (b === LF) {
        this.#endLine(out);
        continue;
      }
      if (this.#length === this.#line.length) {
        // Keep only the tail: a message at the end of a long run of garbage still gets read.
        this.#line.copyWithin(0, this.#length - TAIL_KEPT, this.#length);
        this.#length = TAIL_KEPT;
        this.#overlong = true;
      }
      this.#line[this.#length++] = b;
    }
    return out;
  }

  #endLine(out: DmxSerialValue[]): void {
    let end = this.#length;
    while (end > 0 && this.#line[end - 1] === CR) end--;
    const line = latin1(this.#line, end);
    const overlong = this.#overlong;
    this.#length = 0;
    this.#overlong = false;
    const s = this.#stats;
    s.lines++;
    if (overlong) s.overlong++;
    if (line.length === 0) {
      s.blank++;
      return;
    }
    // Markers first: a torn banner followed by a message on the same line is still that message.
    const read = line.lastIndexOf(READ_MARKER);
    const sent = line.lastIndexOf(SENT_MARKER);
    if (sent > read) {
      s.outputLines++;
      return;
    }
    if (read < 0) {
      if (!overlong && (line === INITIALIZED_BANNER || EXAMPLE_BANNER.test(line))) s.banners++;
      else s.noise++;
      return;
    }
    const m = NUMBERS.exec(line.slice(read + READ_MARKER.length));
    if (!m) return this.#reject('malformed', line);
    const channel = Number(m[1]);
    const value = Number(m[2]);
    if (channel < 1 || channel > 512) return this.#reject('channelOutOfRange', line);
    if (value > 255) return this.#reject('valueOutOfRange', line);
    if (read > 0 || overlong) s.salvaged++;
    if (channel < this.#first || channel > this.#last) {
      s.filtered++;
      return;
    }
    s.values++;
    out.push({ channel, value });
  }

  #reject(reason: SparkfunRejectReason, line: string): void {
    this.#stats.rejects[reason]++;
    this.#lastReject = { reason, line: line.slice(0, 80) };
  }
}

function latin1(bytes: Uint8Array, end: number): string {
  let s = '';
  for (let i = 0; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
