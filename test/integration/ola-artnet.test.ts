import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { olaUnavailable, startOla, type OlaPeer } from '../helpers/ola.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'ola-test-token-1';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const unavailable = olaUnavailable();
if (unavailable) console.warn(`Skipping the OLA Art-Net interop test: ${unavailable}`);

/**
 * Interop with a real Art-Net implementation (OLA's olad, PEERS.md): our ArtDmx reaches olad, olad's
 * reaches our input monitor, and olad answers our ArtPoll so it shows in the node list.
 */
describe.skipIf(unavailable !== undefined)('Art-Net against OLA (olad) in a network namespace', () => {
  const tempDir = useTempDirs('all');
  let ola: OlaPeer;
  let s: Served;

  beforeAll(async () => {
    ola = await startOla(1);
    const dir = tempDir();
    const config = join(dir, 'dmx.json');
    writeFileSync(
      config,
      JSON.stringify({
        dmx: {
          artnet: { enabled: true, interface: ola.hostIp, pollIntervalS: 1 },
          // our universe 2 → Port-Address 2 (olad's universe 2); olad's universe 1 → Port-Address 1 → our input monitor
          outputs: [{ protocol: 'artnet', universe: 2, portAddress: 2, target: '' }],
          inputs: [{ protocol: 'artnet', portAddress: 1, universe: 1, merge: false, lossTimeoutMs: 5000 }],
        },
      }),
    );
    s = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config]);
    // olad: output port 0 of the Art-Net device sends its universe 1; input port 1 listens to Port-Address 2.
    ola.tool(['ola_patch', '-d', '1', '-p', '0', '-u', '1']);
    ola.tool(['ola_patch', '-d', '1', '-p', '1', '-i', '-u', '2']);
  }, 120_000);

  afterAll(async () => {
    await s?.stop();
    ola?.stop();
  });

  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const r = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: auth, body: JSON.stringify(params) });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  };

  it('our output reaches olad: /get_dmx shows our values', async () => {
    await call('dmx.set', { universe: 2, channels: { '1': 255, '2': 128, '3': 1, '512': 42 } });
    const dmx = await waitFor(() => {
      const d = ola.dmx(2);
      return d[0] === 255 ? d : undefined;
    }, 15_000, 250);
    expect(dmx.slice(0, 3)).toEqual([255, 128, 1]);
    expect(dmx[511]).toBe(42);
  });

  it('olad answers our ArtPoll: it is in the node list, and the output unicasts to it', async () => {
    const status = await waitFor(async () => {
      const st = await call<{ nodes: { ip: string; state: string }[]; outputs: { state: string; destination: string }[] }>('dmx.status');
      return st.nodes.some((n) => n.ip === ola.olaIp && n.state === 'ok') ? st : undefined;
    }, 15_000, 250);
    expect(status.outputs[0]).toMatchObject({ state: 'ok', destination: expect.stringMatching(/→ 1 node/) });
    const devices = (await (await fetch(`${s.url}/api/devices`, { headers: auth })).json()) as { kind: string; source: string }[];
    expect(devices.some((d) => d.kind === 'dmx-node' && d.source === 'artnet')).toBe(true);
  });

  it("olad's output reaches our input monitor", async () => {
    ola.tool(['ola_set_dmx', '-u', '1', '-d', '255,128,0,7']);
    const frame = await waitFor(async () => {
      const f = await call<{ channels: number[] }>('dmx.input', { index: 0 });
      return f.channels[3] === 7 ? f : undefined;
    }, 15_000, 250);
    expect(frame.channels.slice(0, 4)).toEqual([255, 128, 0, 7]);
    const status = await call<{ inputs: { state: string; sender: string }[] }>('dmx.status');
    expect(status.inputs[0]).toMatchObject({ state: 'receiving', sender: ola.olaIp });
  });
});
