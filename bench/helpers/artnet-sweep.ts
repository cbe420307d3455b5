import type { Core } from '../../main/core/app.ts';

export type CoreCall = (method: string, params: unknown) => Promise<unknown>;

/** A control session on an in-process core, as a call that throws the error message instead of returning it. */
export function controlCall(core: Core): CoreCall {
  const s = core.openSession({ deliver: () => {}, ready: () => true }, 'control');
  return async (method, params) => {
    const r = await s.call(method, params);
    if ('error' in r) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  };
}

export const SWEEP_UNIVERSES = Array.from({ length: 64 }, (_, i) => i + 1);

/**
 * 64 Art-Net universes out to `target` (portAddress = universe) with a 16-bit pan on each, and a scene
 * fading every one of them for longer than `seconds`: once it is GO, every universe changes on every tick
 * (44 frames/s each). `dmx` is merged into the DMX settings (an Enttec output …). Returns the scene's id.
 */
export async function setUpArtnetSweep(core: Core, call: CoreCall, options: { port: number; target: string; seconds: number; dmx?: Record<string, unknown> }): Promise<string> {
  const universes = SWEEP_UNIVERSES;
  await call('settings.update', {
    dmx: {
      artnet: { enabled: true, interface: '127.0.0.1', port: options.port },
      outputs: universes.map((u) => ({ protocol: 'artnet', universe: u, portAddress: u, target: options.target })),
      ...options.dmx,
    },
  });
  await core.settled();
  await call('dmx.patch', { patch: universes.map((u) => ({ id: `mover${u}`, name: `Mover ${u}`, universe: u, address: 1, channels: ['pan', 'pan'], fine: [[0, 1]] })) });
  const values = Object.fromEntries(universes.map((u) => [String(u), { '1': 255, '2': 255 }]));
  const scene = (await call('scenes.create', { name: 'sweep', fadeMs: options.seconds * 1000 + 5000, values })) as { id: string };
  return scene.id;
}
