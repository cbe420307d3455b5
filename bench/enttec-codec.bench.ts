// Enttec USB Pro codec, frame stream and twin; SparkFun line parser. Pure CPU figures; asserts nothing.
import { opsPerSecond } from './stats.ts';
import { FULL_DMX_FRAME_SIZE, encodeDmx, encodeDmxInto } from '../native/enttec/codec.ts';
import { EnttecFrameStream } from '../native/enttec/stream.ts';
import { EnttecProTwin } from '../native/enttec/twin.ts';
import { SparkfunDmxParser } from '../native/dmx-serial/sparkfun.ts';

export default async function (): Promise<Record<string, unknown>> {
  const universe = Uint8Array.from({ length: 512 }, (_, i) => (i * 31) & 0xff);
  const out = new Uint8Array(FULL_DMX_FRAME_SIZE);

  // Frame clock hot path: one 518-byte frame into a reused buffer.
  // (opsPerSecond warms up with 10 000 calls, so each call does ~10 frames' work, not more.)
  const encodeFullUniversePerSecond = opsPerSecond(() => {
    universe[0] = (universe[0]! + 1) & 0xff;
    encodeDmxInto(out, universe);
  });

  // 10 full frames back to back, read as a serial port hands them over (64-byte reads) and whole.
  const stream = new Uint8Array(Array.from({ length: 10 }, () => [...encodeDmx(universe)]).flat());
  const parser = new EnttecFrameStream();
  const parse64PerSecond = opsPerSecond(() => {
    for (let i = 0; i < stream.length; i += 64) parser.push(stream.subarray(i, i + 64));
  }, 1500);
  const parseWholePerSecond = opsPerSecond(() => parser.push(stream), 1500);

  const twin = new EnttecProTwin({ historyLimit: 64 });
  const twinPerSecond = opsPerSecond(() => twin.feed(stream), 1500);

  const line = 'DMX: read value from channel 1: 123\r\n';
  const text = new Uint8Array(Array.from({ length: 10 }, () => [...line].map((c) => c.charCodeAt(0))).flat());
  const sparkfun = new SparkfunDmxParser();
  const sparkfunPerSecond = opsPerSecond(() => sparkfun.push(text), 1500);

  return {
    encodeDmxInto_fullUniverse_per_s: encodeFullUniversePerSecond,
    stream_fullFrames_per_s_64B_reads: parse64PerSecond * 10,
    stream_fullFrames_per_s_whole: parseWholePerSecond * 10,
    stream_MB_per_s_64B_reads: Math.round((parse64PerSecond * stream.length) / 1e5) / 10,
    twin_fullFrames_per_s: twinPerSecond * 10,
    sparkfun_lines_per_s: sparkfunPerSecond * 10,
  };
}
