// Fuzz: Enttec USB Pro frame stream, reply decoders, twin and the widget reader; SparkFun serial line parser.
// Seeded (seededRandom) so a failure reproduces; each block reports its seed and case number.
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../native/bytes.ts';
import { seededRandom } from '../../native/sim/random.ts';
import { EnttecFrameStream } from '../../native/enttec/stream.ts';
import { EnttecProTwin } from '../../native/enttec/twin.ts';
import {
  COS_BLOCK_SLOTS,
  DMX_SLOTS,
  MAX_PAYLOAD,
  applyChangeOfState,
  decodeChangeOfState,
  decodeDeviceName,
  decodeManufacturer,
  decodeParams,
  decodeReceivedDmx,
  decodeSerial,
  decodeSetParams,
  encodeDmx,
  encodeFrame,
  encodeGetParams,
  encodeReceiveOnChange,
  encodeSetParams,
  type EnttecFrame,
} from '../../native/enttec/codec.ts';
import { READ_MARKER, SparkfunDmxParser, type SparkfunStats } from '../../native/dmx-serial/sparkfun.ts';
import { EnttecWidgetReader, READ_IDENTITY, READ_INPUT } from '../../native/enttec/reader.ts';
import { int, randomBytes, type Rnd } from '../helpers/fuzz.ts';


/** Body lengths: mostly small, sometimes a universe, rarely the 600 maximum. */
function bodyLength(rnd: Rnd): number {
  const r = rnd();
  if (r < 0.6) return int(rnd, 17);
  if (r < 0.9) return int(rnd, 129);
  if (r < 0.98) return int(rnd, 514);
  return MAX_PAYLOAD - int(rnd, 3);
}

const validFrame = (rnd: Rnd) => encodeFrame(int(rnd, 256), randomBytes(rnd, bodyLength(rnd)));

/** Bit flips, truncation, extension or a splice with another valid frame. */
function mutate(rnd: Rnd, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (int(rnd, 4)) {
    case 0:
      for (let k = 1 + int(rnd, 3); k > 0 && out.length > 0; k--) out[int(rnd, out.length)]! ^= 1 << int(rnd, 8);
      return out;
    case 1:
      return out.subarray(0, int(rnd, out.length + 1));
    case 2:
      return concatBytes([out, randomBytes(rnd, 1 + int(rnd, 8))]);
    default: {
      const other = validFrame(rnd);
      return concatBytes([out.subarray(0, int(rnd, out.length + 1)), other.subarray(int(rnd, other.length + 1))]);
    }
  }
}

/** Noise shaped to hurt a framer: uniform, SOM-heavy, or a SOM with a length > 600. */
function garbage(rnd: Rnd, n: number): Uint8Array {
  const kind = int(rnd, 3);
  const out = randomBytes(rnd, n);
  for (let i = 0; i < n; i++) {
    if (kind === 1 && rnd() < 0.3) out[i] = 0x7e;
    else if (kind === 2 && i % 4 !== 1) out[i] = i % 4 === 0 ? 0x7e : 0xff;
  }
  return out;
}

function pushInChunks(stream: EnttecFrameStream, data: Uint8Array, rnd: Rnd): EnttecFrame[] {
  const frames: EnttecFrame[] = [];
  let at = 0;
  while (at < data.length) {
    const n = rnd() < 0.2 ? 1 : 1 + int(rnd, 64);
    frames.push(...stream.push(data.subarray(at, at + n)));
    at += n;
  }
  return frames;
}

const sameFrames = (a: EnttecFrame[], b: EnttecFrame[]) =>
  a.length === b.length && a.every((f, i) => f.label === b[i]!.label && f.payload.length === b[i]!.payload.length && f.payload.every((v, j) => v === b[i]!.payload[j]));

describe('fuzz: Enttec frame stream', () => {
  it('100 000 random and mutated streams: no throw, split-independent, every byte accounted for, bounded', () => {
    const seed = 0xe77e;
    const rnd = seededRandom(seed);
    let cases = 0;
    let delivered = 0;
    for (; cases < 100_000; cases++) {
      const segments: Uint8Array[] = [];
      const clean = rnd() < 0.2; // only valid frames: must all come back exactly
      const expected: EnttecFrame[] = [];
      for (let k = 1 + int(rnd, 5); k > 0; k--) {
        const r = rnd();
        if (clean || r < 0.4) {
          const f = validFrame(rnd);
          segments.push(f);
          expected.push({ label: f[1]!, payload: f.subarray(4, f.length - 1) });
        } else if (r < 0.75) segments.push(mutate(rnd, validFrame(rnd)));
        else segments.push(garbage(rnd, int(rnd, 80)));
      }
      const data = concatBytes(segments);
      const split = new EnttecFrameStream();
      const frames = pushInChunks(split, data, rnd);
      const whole = new EnttecFrameStream();
      const once = whole.push(data);
      const ctx = `seed ${seed} case ${cases}`;
      if (!sameFrames(frames, once)) expect.fail(`${ctx}: chunked and whole parses differ`);
      if (clean && !sameFrames(frames, expected)) expect.fail(`${ctx}: valid frames did not all come back`);
      const st = split.stats;
      let frameBytes = 0;
      for (const f of frames) {
        if (f.payload.length > MAX_PAYLOAD || f.label > 255) expect.fail(`${ctx}: impossible frame`);
        frameBytes += f.payload.length + 5;
      }
      if (st.bytesIn !== data.length || frameBytes + st.droppedBytes + split.pendingBytes !== data.length) expect.fail(`${ctx}: bytes unaccounted ${JSON.stringify(st)}`);
      if (split.pendingBytes > 604) expect.fail(`${ctx}: holds ${split.pendingBytes} bytes`);
      if (st.frames !== frames.length) expect.fail(`${ctx}: frame count`);
      delivered += frames.length;
    }
    expect(cases).toBe(100_000);
    expect(delivered).toBeGreaterThan(100_000);
  });

  it('resync: after 20 000 random garbage prefixes the frames that follow are found', () => {
    const seed = 0x5eed;
    const rnd = seededRandom(seed);
    /** A frame whose label, length and body hold no 0x7E/0xE7: then its SOM/EOM are the only such bytes. */
    const cleanByte = () => {
      for (;;) {
        const b = int(rnd, 256);
        if (b !== 0x7e && b !== 0xe7) return b;
      }
    };
    const cleanFrame = (len: number) => {
      const body = new Uint8Array(len);
      for (let i = 0; i < len; i++) body[i] = cleanByte();
      return encodeFrame(cleanByte(), body);
    };
    let firstFound = 0;
    let somFreeCases = 0;
    const total = 20_000;
    for (let i = 0; i < total; i++) {
      const kind = int(rnd, 4);
      const n = int(rnd, 1200);
      const prefix =
        kind === 0
          ? garbage(rnd, n)
          : kind === 1
            ? mutate(rnd, validFrame(rnd)).subarray(0, n) // a frame torn at connect time
            : kind === 2
              ? concatBytes([validFrame(rnd), garbage(rnd, int(rnd, 40))]).subarray(int(rnd, 10))
              : Uint8Array.from(garbage(rnd, n), (b) => (b === 0x7e ? 0x7d : b)); // noise without any SOM
      const first = cleanFrame(int(rnd, 20));
      const filler = cleanFrame(600);
      const last = cleanFrame(int(rnd, 20));
      const s = new EnttecFrameStream();
      const frames = pushInChunks(s, concatBytes([prefix, first, filler, last]), rnd);
      const ctx = `seed ${seed} case ${i}`;
      const ours = (f: EnttecFrame, raw: Uint8Array) => sameFrames([f], [{ label: raw[1]!, payload: raw.subarray(4, raw.length - 1) }]);
      // A false frame out of the garbage ends at most 604 bytes after it, and with clean frames only
      // on one of their EOMs: the 605-byte filler and everything after it are always found.
      if (frames.length < 2 || !ours(frames.at(-1)!, last) || !ours(frames.at(-2)!, filler)) expect.fail(`${ctx}: lost the frames after the garbage`);
      const foundFirst = frames.length >= 3 && ours(frames.at(-3)!, first);
      if (foundFirst) firstFound++;
      // The first frame can only be lost to a false frame that the garbage made look valid.
      else if (frames.length < 3) expect.fail(`${ctx}: first frame lost without a false frame swallowing it`);
      if (!prefix.includes(0x7e)) {
        somFreeCases++;
        if (!foundFirst) expect.fail(`${ctx}: SOM-free garbage cost the next frame`);
      }
    }
    expect(somFreeCases).toBeGreaterThan(total / 5);
    // Nearly always the very next frame survives (false frames need an exact EOM hit).
    expect(firstFound / total).toBeGreaterThan(0.99); // 19 976 of 20 000 with this seed
  });
});

describe('fuzz: Enttec reply decoders and twin', () => {
  it('100 000 random and mutated payloads through every decoder: a value or a reason, never a throw', () => {
    const seed = 0xdec0;
    const rnd = seededRandom(seed);
    const vectors = ['00 01 0a 0e 28', '00 00 09 3f 14', '78 56 34 12', '70 7a 4f 70 65 6e', '00 00 01 0a 0e 28', '00 38 00 00 00 00 16 5d 90'].map((s) =>
      Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16))),
    );
    const universe = new Uint8Array(DMX_SLOTS);
    const reasons = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const payload =
        rnd() < 0.5 ? randomBytes(rnd, bodyLength(rnd)) : mutate(rnd, concatBytes([new Uint8Array(4), vectors[int(rnd, vectors.length)]!, new Uint8Array(1)])).subarray(4);
      const ctx = `seed ${seed} case ${i}`;
      const results = [decodeParams, decodeSetParams, decodeSerial, decodeManufacturer, decodeDeviceName, decodeReceivedDmx, decodeChangeOfState].map((d) => d(payload));
      for (const r of results) {
        if (r.ok) continue;
        if (r.reason.length === 0) expect.fail(`${ctx}: empty reason`);
        reasons.add(r.reason.replace(/\d+/g, 'N'));
      }
      const [, , serial, manufacturer, device, received, cos] = results as [unknown, unknown, ReturnType<typeof decodeSerial>, ReturnType<typeof decodeManufacturer>, ReturnType<typeof decodeDeviceName>, ReturnType<typeof decodeReceivedDmx>, ReturnType<typeof decodeChangeOfState>];
      if (serial.ok && (serial.value.raw < 0 || serial.value.raw > 0xffffffff || (serial.value.bcd !== undefined && !/^\d{8}$/.test(serial.value.bcd)))) expect.fail(`${ctx}: serial`);
      for (const n of [manufacturer, device]) if (n.ok && (n.value.name.length > 32 || !/^[\x20-\x7e]*$/.test(n.value.name))) expect.fail(`${ctx}: name`);
      if (received.ok && received.value.slots.length > DMX_SLOTS) expect.fail(`${ctx}: slots`);
      if (cos.ok) {
        const slots = cos.value.changes.map((c) => c.slot);
        if (slots.length > COS_BLOCK_SLOTS || slots.some((s, k) => s > DMX_SLOTS || (k > 0 && s <= slots[k - 1]!))) expect.fail(`${ctx}: change list`);
        if (applyChangeOfState(universe, cos.value) > COS_BLOCK_SLOTS || universe.length !== DMX_SLOTS) expect.fail(`${ctx}: apply`);
      }
    }
    expect(reasons.size).toBeGreaterThan(5);
  });

  it('100 000 random host streams into the twin: no throw, and everything it answers is well-formed', () => {
    const seed = 0x7717;
    const rnd = seededRandom(seed);
    const requests = [
      () => encodeFrame(77),
      () => encodeFrame(78),
      () => encodeFrame(10),
      () => encodeFrame(14),
      () => encodeGetParams(int(rnd, 509)),
      () => encodeSetParams({ breakTime: 9 + int(rnd, 119), mabTime: 1 + int(rnd, 127), rate: 1 + int(rnd, 40) }, randomBytes(rnd, int(rnd, 8))),
      () => encodeReceiveOnChange(rnd() < 0.5),
      () => encodeDmx(randomBytes(rnd, Math.min(512, bodyLength(rnd)))),
      () => validFrame(rnd),
    ];
    const twin = new EnttecProTwin({ historyLimit: 8 });
    const reader = new EnttecFrameStream();
    let answered = 0;
    for (let i = 0; i < 100_000; i++) {
      const parts: Uint8Array[] = [];
      for (let k = 1 + int(rnd, 4); k > 0; k--) {
        const req = requests[int(rnd, requests.length)]!();
        parts.push(rnd() < 0.2 ? mutate(rnd, req) : rnd() < 0.1 ? garbage(rnd, int(rnd, 30)) : req);
      }
      const reply = twin.feed(concatBytes(parts), i);
      const input = rnd() < 0.3 ? twin.receiveInput(randomBytes(rnd, Math.min(512, bodyLength(rnd))), rnd() < 0.9 ? 0 : int(rnd, 256), rnd() < 0.9 ? 0 : 1) : new Uint8Array(0);
      answered += reader.push(concatBytes([reply, input])).length;
      const st = reader.stats;
      if (st.droppedBytes !== 0 || reader.pendingBytes !== 0) expect.fail(`seed ${seed} case ${i}: the twin wrote a malformed frame`);
      if (twin.history().length > 8) expect.fail(`seed ${seed} case ${i}: history unbounded`);
    }
    expect(answered).toBeGreaterThan(50_000);
  });
});

// ---------------------------------------------------------------------------------------------------
// SparkFun serial text

function sparkfunLine(rnd: Rnd): string {
  const r = rnd();
  const eol = rnd() < 0.8 ? '\r\n' : '\n';
  if (r < 0.45) return `${READ_MARKER}${1 + int(rnd, 512)}: ${int(rnd, 256)}${eol}`;
  if (r < 0.5) return `${READ_MARKER}${int(rnd, 1000)}: ${int(rnd, 1000)}${eol}`;
  if (r < 0.55) return `SparkFun DMX Example ${1 + int(rnd, 4)} - Input${eol}`;
  if (r < 0.58) return `DMX initialized!${eol}`;
  if (r < 0.62) return `DMX: sent value to channel 1: ${int(rnd, 256)}${eol}`;
  if (r < 0.65) return eol;
  if (r < 0.85) return mutateText(rnd, `${READ_MARKER}${1 + int(rnd, 512)}: ${int(rnd, 256)}${eol}`);
  if (r < 0.97) return String.fromCharCode(...randomBytes(rnd, int(rnd, 60)));
  return 'z'.repeat(200 + int(rnd, 600)); // a long run without a line end
}

function mutateText(rnd: Rnd, s: string): string {
  switch (int(rnd, 4)) {
    case 0: {
      const i = int(rnd, s.length);
      return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << int(rnd, 8))) + s.slice(i + 1);
    }
    case 1:
      return s.slice(0, int(rnd, s.length + 1));
    case 2:
      return s + String.fromCharCode(...randomBytes(rnd, 1 + int(rnd, 6)));
    default:
      return s.slice(0, int(rnd, s.length + 1)) + sparkfunLine(rnd).slice(int(rnd, 10));
  }
}

const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function checkStats(s: SparkfunStats, ctx: string) {
  const accounted = s.values + s.banners + s.outputLines + s.blank + s.noise + s.filtered + s.rejects.channelOutOfRange + s.rejects.valueOutOfRange + s.rejects.malformed;
  if (accounted !== s.lines) expect.fail(`${ctx}: ${s.lines} lines but ${accounted} accounted for`);
}

describe('fuzz: SparkFun serial lines', () => {
  it('100 000 random and mutated chunks: no throw, values in range, split-independent, bounded, every line counted', () => {
    const seed = 0x5f;
    const rnd = seededRandom(seed);
    const longLived = new SparkfunDmxParser({ maxLineLength: 256 });
    let chunks = 0;
    let values = 0;
    for (let i = 0; chunks < 100_000; i++) {
      const text = Array.from({ length: 1 + int(rnd, 6) }, () => sparkfunLine(rnd)).join('');
      const ctx = `seed ${seed} case ${i}`;
      const split = new SparkfunDmxParser({ channels: { first: 1, last: 512 } });
      const got = [];
      for (let at = 0; at < text.length; ) {
        const n = 1 + int(rnd, 40);
        const piece = text.slice(at, at + n);
        const asBytes = rnd() < 0.5;
        got.push(...split.push(asBytes ? latin1Bytes(piece) : piece));
        longLived.push(asBytes ? latin1Bytes(piece) : piece);
        chunks++;
        at += n;
        if (split.pendingLength > 256 || longLived.pendingLength > 256) expect.fail(`${ctx}: line buffer unbounded`);
      }
      for (const v of got) {
        if (!Number.isInteger(v.channel) || v.channel < 1 || v.channel > 512 || !Number.isInteger(v.value) || v.value < 0 || v.value > 255) expect.fail(`${ctx}: bad value ${JSON.stringify(v)}`);
      }
      const whole = new SparkfunDmxParser().push(text);
      if (JSON.stringify(whole) !== JSON.stringify(got)) expect.fail(`${ctx}: chunked and whole parses differ`);
      checkStats(split.stats, ctx);
      values += got.length;
    }
    checkStats(longLived.stats, `seed ${seed} long-lived`);
    expect(chunks).toBeGreaterThanOrEqual(100_000);
    expect(values).toBeGreaterThan(10_000);
    const st = longLived.stats;
    for (const k of ['banners', 'outputLines', 'blank', 'noise', 'overlong', 'salvaged'] as const) expect(st[k], k).toBeGreaterThan(0);
    expect(Object.values(st.rejects).every((n) => n > 0)).toBe(true);
  });

  it('resync: after 20 000 random garbage prefixes (with or without line ends) the next line is read', () => {
    const seed = 0x11e;
    const rnd = seededRandom(seed);
    const p = new SparkfunDmxParser();
    for (let i = 0; i < 20_000; i++) {
      const kind = int(rnd, 3);
      const prefix =
        kind === 0
          ? String.fromCharCode(...randomBytes(rnd, int(rnd, 2000)))
          : kind === 1
            ? mutateText(rnd, sparkfunLine(rnd)).replace(/\n$/, '')
            : Array.from({ length: int(rnd, 4) }, () => sparkfunLine(rnd)).join('');
      const channel = 1 + int(rnd, 512);
      const value = int(rnd, 256);
      const data = latin1Bytes(`${prefix}${READ_MARKER}${channel}: ${value}\r\n`);
      const got = [];
      for (let at = 0; at < data.length; ) {
        const n = 1 + int(rnd, 200);
        got.push(...p.push(data.subarray(at, at + n)));
        at += n;
      }
      const last = got.at(-1);
      if (!last || last.channel !== channel || last.value !== value || p.pendingLength !== 0) {
        expect.fail(`seed ${seed} case ${i}: expected ${channel}=${value}, got ${JSON.stringify(last)} after ${JSON.stringify(String.fromCharCode(...data.subarray(-150)))}`);
      }
    }
    checkStats(p.stats, `seed ${seed}`);
  });
});

describe('fuzz: what a widget says (EnttecWidgetReader, the host side of the port)', () => {
  /** Widget → host traffic: label 5 packets (some with errors or other start codes), label 9 changes, replies. */
  function widgetFrame(rnd: Rnd): Uint8Array {
    const slots = randomBytes(rnd, int(rnd, 10) === 0 ? 512 : int(rnd, 40));
    switch (int(rnd, 6)) {
      case 0:
      case 1:
        return encodeFrame(5, concatBytes([Uint8Array.of(rnd() < 0.1 ? 1 + int(rnd, 3) : 0, rnd() < 0.1 ? 0xcc : 0), slots]));
      case 2: {
        const block = int(rnd, 66);
        const bitmap = randomBytes(rnd, 5);
        let bits = 0;
        for (const b of bitmap) for (let k = 0; k < 8; k++) bits += (b >> k) & 1;
        return encodeFrame(9, concatBytes([Uint8Array.of(block), bitmap, randomBytes(rnd, rnd() < 0.9 ? bits : int(rnd, 41))]));
      }
      case 3:
        return encodeFrame(int(rnd, 2) === 0 ? 10 : 3, randomBytes(rnd, int(rnd, 9)));
      case 4:
        return encodeFrame(77 + int(rnd, 2), randomBytes(rnd, int(rnd, 40)));
      default:
        return validFrame(rnd);
    }
  }

  function feed(reader: EnttecWidgetReader, data: Uint8Array, rnd: Rnd | undefined): number {
    let bits = 0;
    if (!rnd) return reader.push(data, 1);
    for (let at = 0; at < data.length; ) {
      const n = rnd() < 0.2 ? 1 : 1 + int(rnd, 64);
      bits |= reader.push(data.subarray(at, at + n), 1);
      at += n;
    }
    return bits;
  }

  it('100 000 random and mutated streams: no throw, split-independent, every input message applied or rejected with a reason', () => {
    const seed = 0x4ead;
    const rnd = seededRandom(seed);
    let applied = 0;
    let rejected = 0;
    for (let c = 0; c < 100_000; c++) {
      const segments: Uint8Array[] = [];
      for (let k = 1 + int(rnd, 4); k > 0; k--) {
        const r = rnd();
        segments.push(r < 0.5 ? widgetFrame(rnd) : r < 0.8 ? mutate(rnd, widgetFrame(rnd)) : garbage(rnd, int(rnd, 60)));
      }
      const data = concatBytes(segments);
      const chunked = new EnttecWidgetReader();
      const whole = new EnttecWidgetReader();
      const bits = feed(chunked, data, rnd);
      feed(whole, data, undefined);
      const ctx = `seed ${seed} case ${c}`;
      if ((bits & ~(READ_INPUT | READ_IDENTITY)) !== 0) expect.fail(`${ctx}: unknown result bits ${bits}`);
      if (chunked.input.length !== 512 || !chunked.input.every((v, i) => v === whole.input[i])) expect.fail(`${ctx}: chunked and whole inputs differ`);
      const a = chunked.identity;
      const b = whole.identity;
      if (a.serial?.raw !== b.serial?.raw || a.params?.firmware !== b.params?.firmware || a.deviceName !== b.deviceName || a.manufacturer !== b.manufacturer) expect.fail(`${ctx}: chunked and whole identities differ`);
      // Every label 5/9 frame the stream delivered was applied or rejected (counted by reason), nothing else.
      const frames = new EnttecFrameStream().push(data).filter((f) => f.label === 5 || f.label === 9).length;
      const st = chunked.stats;
      if (st.inputMessages + chunked.rejectedCount !== frames) expect.fail(`${ctx}: ${frames} input frames, ${st.inputMessages} applied + ${chunked.rejectedCount} rejected`);
      if ((bits & READ_INPUT) !== 0 !== st.inputMessages > 0) expect.fail(`${ctx}: READ_INPUT does not match what was applied`);
      applied += st.inputMessages;
      rejected += chunked.rejectedCount;
    }
    expect(applied).toBeGreaterThan(20_000);
    expect(rejected).toBeGreaterThan(1_000);
  });

  it('resync: after 10 000 garbage prefixes the next clean label-5 packet is the input, slot for slot', () => {
    const seed = 0x7e57;
    const rnd = seededRandom(seed);
    const clean = (n: number) => Uint8Array.from(randomBytes(rnd, n), (b) => (b === 0x7e || b === 0xe7 ? 0x42 : b));
    for (let c = 0; c < 10_000; c++) {
      const prefix = int(rnd, 2) === 0 ? garbage(rnd, int(rnd, 700)) : mutate(rnd, widgetFrame(rnd));
      // A 600-byte frame nothing can swallow, then the packet (start code 0, status 0).
      const filler = encodeFrame(0x42, clean(600));
      const slots = clean(1 + int(rnd, 512));
      const reader = new EnttecWidgetReader();
      feed(reader, concatBytes([prefix, filler, encodeFrame(5, concatBytes([Uint8Array.of(0, 0), slots]))]), rnd);
      const want = new Uint8Array(512);
      want.set(slots);
      if (!reader.input.every((v, i) => v === want[i])) expect.fail(`seed ${seed} case ${c}: the packet after the garbage is not the input`);
    }
  });
});
