// Enttec DMX USB Pro output (issue 13). Prints figures, asserts nothing.
//  - Frames a second actually written to a pty at the 40 fps target, over ENTTEC_BENCH_SECONDS (default 30),
//    measured at the far end by a simulated widget in another process (frame intervals p1/p50/p99/max),
//    while the same worker sends 64 Art-Net universes at 44 Hz (each changing every frame, as in dmx.bench)
//    to an Art-Net receiver in a third process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core/app.ts';
import { startPtyPair } from '../test/helpers/pty.ts';
import { controlCall, setUpArtnetSweep } from './helpers/artnet-sweep.ts';
import { startHelper, stopHelper } from './helpers/helper-process.ts';

const seconds = Number(process.env.ENTTEC_BENCH_SECONDS ?? 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function enttec(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'showsite-bench-enttec-'));
  const pair = await startPtyPair(dir, ['ttyUSB_bench', 'widget']);
  const port = 28454;
  const widget = startHelper('enttec-receiver.ts', [pair.b]);
  const artnet = startHelper('artnet-receiver.ts', ['127.0.0.2', String(port)]);
  const core = await createCore({ mode: 'desktop', dataDir: join(dir, 'data'), version: 'bench', resourcesDir: join(dir, 'ui') });
  try {
    await Promise.all([widget.ready, artnet.ready]);
    await core.start();
    const call = controlCall(core);
    // A 16-bit pan fading across the whole run: every universe (the Enttec's too) changes on every tick.
    const sceneId = await setUpArtnetSweep(core, call, { port, target: '127.0.0.2', seconds, dmx: { enttec: { enabled: true, port: pair.a, rateHz: 40, universe: 1, slots: 512 } } });
    // Wait for the widget to be found, then measure.
    for (let i = 0; i < 200; i++) {
      const st = (await call('dmx.status', {})) as { outputs: { protocol: string; state: string }[] };
      if (st.outputs.some((o) => o.protocol === 'enttec' && o.state === 'ok')) break;
      await sleep(50);
    }
    await call('scenes.go', { id: sceneId });
    const before = (await call('dmx.status', {})) as { outputs: { protocol: string; framesSent: number }[] };
    widget.proc.kill('SIGUSR2');
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const elapsedS = (performance.now() - t0) / 1000;
    const status = (await call('dmx.status', {})) as { outputs: { protocol: string; framesSent: number; message: string; errors: number }[]; clock: { lateP99Ms: number } };
    const enttecRow = status.outputs.find((o) => o.protocol === 'enttec')!;
    const sentByUs = enttecRow.framesSent - (before.outputs.find((o) => o.protocol === 'enttec')?.framesSent ?? 0);
    const atWidget = (await stopHelper(widget)) as { frames: number; badFrames: number; spanS: number; intervalMs: Record<string, number> };
    const net = (await stopHelper(artnet)) as { universes: number; frames: number; intervalMs: Record<string, number> };
    return {
      seconds: Math.round(elapsedS),
      targetFps: 40,
      enttec: {
        framesAtWidget: atWidget.frames,
        framesPerSecondAtWidget: Math.round((atWidget.frames / Math.max(atWidget.spanS, 1e-9)) * 100) / 100,
        framesWrittenByUsInWindow: sentByUs,
        badFrames: atWidget.badFrames,
        intervalMs: { ...atWidget.intervalMs, target: 25 },
        skippedWhileBusy: /(\d+) frames? skipped/.exec(enttecRow.message)?.[1] ?? '0',
        writeErrors: enttecRow.errors,
      },
      artnetAlongside: { universes: net.universes, framesReceived: net.frames, framesExpectedAt44Hz: Math.round(elapsedS * 44 * 64), intervalMs: net.intervalMs },
      workerClockLateP99Ms: status.clock.lateP99Ms,
    };
  } finally {
    await core.stop();
    for (const h of [widget, artnet]) if (h.proc.exitCode === null) h.proc.kill('SIGKILL');
    await pair.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
