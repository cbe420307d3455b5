// DMX engine render cost (pure, one core): 64 universes with every channel fading, one channel changing per
// tick, idle; plus the cost of a full-rig GO. Asserts nothing.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DmxEngine } from '../main/dmx/engine/index.ts';
import type { DmxFixture, DmxLookValues } from '../preload/contract/dmx.ts';
import { opsPerSecond, percentiles } from './stats.ts';

const UNIVERSES = 64;
const FRAME_MS = 1000 / 44;

function fullLook(value: (u: number, c: number) => number): DmxLookValues {
  const look: DmxLookValues = {};
  for (let u = 1; u <= UNIVERSES; u++) {
    const ch: Record<string, number> = {};
    for (let c = 1; c <= 512; c++) ch[String(c)] = value(u, c);
    look[String(u)] = ch;
  }
  return look;
}

/** A realistic mixed rig: per universe 32 movers of 16 channels (16-bit pan/tilt, RGBW, dimmer, generic). */
function moverPatch(): DmxFixture[] {
  const fixtures: DmxFixture[] = [];
  for (let u = 1; u <= UNIVERSES; u++)
    for (let i = 0; i < 32; i++)
      fixtures.push({
        id: `m${u}-${i}`,
        name: `Mover ${u}.${i + 1}`,
        universe: u,
        address: i * 16 + 1,
        channels: ['pan', 'pan', 'tilt', 'tilt', 'intensity', 'red', 'green', 'blue', 'white', 'amber', 'uv', 'generic', 'generic', 'generic', 'generic', 'generic'],
        fine: [
          [0, 1],
          [2, 3],
        ],
      });
  return fixtures;
}

/** Per-render time in µs over `n` frames of a 44 Hz clock, each preceded by `before(now)`. */
function timeRenders(e: DmxEngine, start: number, n: number, before?: (now: number, i: number) => unknown) {
  const samples: number[] = [];
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const now = start + i * FRAME_MS;
    before?.(now, i);
    const t = performance.now();
    changed += e.render(now).length;
    samples.push((performance.now() - t) * 1000);
  }
  const p = percentiles(samples);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  // On a shared machine the mean and tail include time the OS gave to other processes; p50 is the render's own cost.
  return {
    usPerRender: { p50: p.p50, mean: Math.round(mean * 10) / 10, p99: p.p99, max: p.max },
    rendersPerS: Math.round(1e6 / Math.max(p.p50, 0.001)),
    changedUniversesPerRender: Math.round((changed / n) * 10) / 10,
  };
}

function allFading(patched: boolean, layers: number) {
  const e = new DmxEngine({ universes: UNIVERSES });
  if (patched) e.setPatch(moverPatch());
  // Extra sources under the playback, on every universe (inputs and manual), so the merge has layers to weigh.
  for (let l = 0; l < layers - 1; l++) {
    const frame = new Uint8Array(512).map((_, c) => (c * 7 + l * 31) & 255);
    for (let u = 1; u <= UNIVERSES; u++) e.setInputFrame(`in${l}`, u, frame, 0);
  }
  const a = fullLook((u, c) => (u + c) & 255);
  const b = fullLook((u, c) => 255 - ((u * 3 + c) & 255));
  e.go('pb', { id: 'A', values: a }, 0, 0);
  e.render(0);
  // 5 s crossfades back and forth between two full looks (a GO every 200 frames, not timed): every channel
  // is always fading, and most bytes move every frame.
  timeRenders(e, 0, 300, (now, i) => i % 200 === 0 && e.go('pb', { id: 'warm', values: (i / 200) & 1 ? a : b }, 5000, now)); // JIT warm-up
  return timeRenders(e, 10_000, 2000, (now, i) => i % 200 === 0 && e.go('pb', { id: String(i), values: (i / 200) & 1 ? a : b }, 5000, now));
}

export default async function (): Promise<Record<string, unknown>> {
  const fading = {
    unpatched1Layer: allFading(false, 1),
    unpatched3Layers: allFading(false, 3),
    movers16bit3Layers: allFading(true, 3),
  };

  // One manual channel changes per tick on a rig that is otherwise still (3 layers on every universe).
  const e = new DmxEngine({ universes: UNIVERSES });
  e.setPatch(moverPatch());
  e.go('pb', { id: 'A', values: fullLook((u, c) => (u + c) & 255) }, 0, 0);
  for (let u = 1; u <= UNIVERSES; u++) e.setInputFrame('in', u, new Uint8Array(512).fill(5), 0);
  e.render(0);
  timeRenders(e, 0.5, 2000); // JIT warm-up
  // The value walks so that the same channel never gets the same value twice in a row (a re-send changes nothing).
  const oneChannel = timeRenders(e, 1, 20_000, (now, i) => e.setChannels(1 + (i % UNIVERSES), { [String(1 + (i % 512))]: (i * 7 + (i >> 9)) & 255 }, now));
  const idle = timeRenders(e, 1e6, 20_000);
  const sameFrameResend = timeRenders(e, 2e6, 5000, (now) => {
    for (let u = 1; u <= UNIVERSES; u++) e.setInputFrame('in', u, new Uint8Array(512).fill(5), now);
  });

  // Input frames into a layer (what an Art-Net/sACN receiver hands over), identical and with one byte changed.
  const same = new Uint8Array(512).fill(5);
  const inputSameFramesPerS = opsPerSecond((i) => e.setInputFrame('in', 1 + (i % UNIVERSES), same, 5e6));
  const moving = new Uint8Array(512).fill(5);
  const inputChangedFramesPerS = opsPerSecond((i) => {
    moving[i % 512] = i & 255;
    e.setInputFrame('in', 1 + (i % UNIVERSES), moving, 5e6);
  });

  // A GO to a look covering all 64 × 512 channels (compile + crossfade setup), and a small scene.
  const looks = [fullLook((u, c) => (u * c) & 255), fullLook(() => 0)];
  const goSamples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    e.go('pb', { id: String(i), values: looks[i & 1]! }, 1000, 3e6 + i);
    if (i >= 10) goSamples.push(performance.now() - t);
  }
  const small = { '1': { '1': 255, '2': 128, '3': 64 } };
  const smallGoPerS = opsPerSecond((i) => e.go('small', { id: 's', values: i & 1 ? small : {} }, 500, 4e6 + i), 500);

  return {
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    universes: UNIVERSES,
    allChannelsFading: fading,
    oneChannelPerTick: oneChannel,
    idle,
    inputsResendingSameFrames: sameFrameResend,
    inputFramesPerS: { unchanged: inputSameFramesPerS, oneByteChanged: inputChangedFramesPerS },
    goFullRigMs: percentiles(goSamples),
    goSmallScenePerS: smallGoPerS,
  };
}
