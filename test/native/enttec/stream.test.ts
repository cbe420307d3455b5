import { describe, expect, it } from 'vitest';
import { EnttecFrameStream } from '../../../native/enttec/stream.ts';
import type { EnttecFrame } from '../../../native/enttec/codec.ts';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const simple = (frames: EnttecFrame[]) => frames.map((f) => ({ label: f.label, payload: [...f.payload] }));

/** Pushes `data` split at the given cut points and gathers every frame. */
function pushSplit(data: Uint8Array, cuts: number[], stream = new EnttecFrameStream()) {
  const frames: EnttecFrame[] = [];
  let at = 0;
  for (const cut of [...cuts, data.length]) {
    frames.push(...stream.push(data.subarray(at, cut)));
    at = cut;
  }
  return { frames: simple(frames), stream };
}

/** The four OLA unit-test frames (PROTOCOLS.md §3.1) back to back. */
const olaFrames = hex('7e 00 00 00 e7  7e 0a 00 00 e7  7e 0b 04 00 de ad be ef e7  7e 0a 04 00 e7 e7 7e e7 e7');
const olaExpected = [
  { label: 0, payload: [] },
  { label: 10, payload: [] },
  { label: 11, payload: [0xde, 0xad, 0xbe, 0xef] },
  { label: 10, payload: [0xe7, 0xe7, 0x7e, 0xe7] },
];

describe('EnttecFrameStream', () => {
  it('reads the OLA unit-test frames, including a body full of 0xE7/0x7E', () => {
    const s = new EnttecFrameStream();
    expect(simple(s.push(olaFrames))).toEqual(olaExpected);
    expect(s.stats).toMatchObject({ bytesIn: olaFrames.length, frames: 4, droppedBytes: 0, droppedTooLong: 0, droppedNoEom: 0 });
    expect(s.pendingBytes).toBe(0);
  });

  it('gives the same frames whatever way the bytes are split (every single cut, and byte by byte)', () => {
    for (let cut = 0; cut <= olaFrames.length; cut++) expect(pushSplit(olaFrames, [cut]).frames).toEqual(olaExpected);
    expect(pushSplit(olaFrames, Array.from({ length: olaFrames.length }, (_, i) => i)).frames).toEqual(olaExpected);
  });

  it('skips noise before a frame and counts it', () => {
    const s = new EnttecFrameStream();
    expect(simple(s.push(cat(hex('00 e7 13 37'), hex('7e 06 04 00 00 ff 80 00 e7'))))).toEqual([{ label: 6, payload: [0, 255, 128, 0] }]);
    expect(s.stats.droppedBytes).toBe(4);
  });

  it('accepts a 600-byte body and drops a length of 601, then finds the next frame', () => {
    const max = cat(hex('7e 06 58 02'), new Uint8Array(600).fill(0x11), hex('e7'));
    expect(new EnttecFrameStream().push(max)[0]?.payload.length).toBe(600);
    const s = new EnttecFrameStream();
    const tooLong = cat(hex('7e 06 59 02'), new Uint8Array(601), hex('e7'));
    expect(simple(s.push(cat(tooLong, hex('7e 0a 00 00 e7'))))).toEqual([{ label: 10, payload: [] }]);
    expect(s.stats.droppedTooLong).toBe(1);
  });

  it('drops a frame whose EOM is missing and finds a valid frame hidden inside the rejected candidate', () => {
    // The candidate announces 8 body bytes; the byte after them is 0x00, not 0xE7. Inside it sits a
    // complete serial request; a length-only parser that skipped the whole candidate would lose it.
    // Dropped: the candidate's 4 header bytes, then aa bb cc 00 after the hidden frame.
    const data = hex('7e 01 08 00 7e 0a 00 00 e7 aa bb cc 00  7e 03 02 00 00 00 e7');
    const expected = [
      { label: 10, payload: [] },
      { label: 3, payload: [0, 0] },
    ];
    const whole = pushSplit(data, []);
    expect(whole.frames).toEqual(expected);
    expect(whole.stream.stats).toMatchObject({ droppedNoEom: 1, frames: 2, droppedBytes: 4 + 4 });
    // The same when the candidate arrives byte by byte and has to be held between pushes.
    expect(pushSplit(data, Array.from({ length: data.length }, (_, i) => i)).frames).toEqual(expected);
    for (let cut = 0; cut <= data.length; cut++) expect(pushSplit(data, [cut]).frames).toEqual(expected);
  });

  it('keeps a partial frame across pushes and delivers it when complete', () => {
    const s = new EnttecFrameStream();
    expect(s.push(hex('7e 06 04'))).toEqual([]);
    expect(s.pendingBytes).toBe(3);
    expect(s.push(hex('00 00 ff'))).toEqual([]);
    expect(simple(s.push(hex('80 00 e7 7e')))).toEqual([{ label: 6, payload: [0, 255, 128, 0] }]);
    expect(s.pendingBytes).toBe(1);
  });

  it('hands out payload copies: reusing the read buffer does not change delivered frames', () => {
    const s = new EnttecFrameStream();
    const chunk = hex('7e 06 02 00 00 2a e7');
    const [frame] = s.push(chunk);
    chunk.fill(0);
    expect([...frame!.payload]).toEqual([0, 42]);
  });

  it('stays bounded and accounts for every byte under a flood of would-be frame starts', () => {
    const s = new EnttecFrameStream();
    // Every 0x7E announces a 600-byte body that never ends in 0xE7.
    const flood = new Uint8Array(20_000);
    for (let i = 0; i < flood.length; i += 2) flood.set([0x7e, 0x02], i);
    let frames = 0;
    for (let i = 0; i < flood.length; i += 37) {
      frames += s.push(flood.subarray(i, i + 37)).length;
      expect(s.pendingBytes).toBeLessThanOrEqual(604);
    }
    const st = s.stats;
    expect(frames).toBe(0);
    expect(st.bytesIn).toBe(flood.length);
    expect(st.droppedBytes + s.pendingBytes).toBe(flood.length);
    // And it still reads a real frame afterwards once the held candidate fails.
    const after = s.push(cat(new Uint8Array(700), hex('7e 0a 00 00 e7')));
    expect(simple(after)).toEqual([{ label: 10, payload: [] }]);
  });

  it('reset() forgets the partial frame and the counters', () => {
    const s = new EnttecFrameStream();
    s.push(hex('00 7e 06 04 00'));
    s.reset();
    expect(s.pendingBytes).toBe(0);
    expect(s.stats).toEqual({ bytesIn: 0, frames: 0, droppedBytes: 0, droppedTooLong: 0, droppedNoEom: 0 });
    expect(simple(s.push(hex('00 ff 80 00 e7 7e 0a 00 00 e7')))).toEqual([{ label: 10, payload: [] }]);
  });
});
