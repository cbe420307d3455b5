import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { createCore, type Core } from '../../main/core/app.ts';
import { encodeArtDmx, encodeArtPoll, encodeArtPollReply, encodeArtTimeCode } from '../../native/artnet/codec.ts';
import { encodeSacnData, parseCid } from '../../native/sacn/codec.ts';
import { seededRandom } from '../../native/sim/random.ts';
import type { DmxStatus } from '../../preload/contract/index.ts';
import { waitFor } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const PACKETS = 100_000;
const artPort = 16454 + (process.pid % 1000);

/** Random bytes, or a valid packet with bits flipped, cut short, extended or spliced with another. */
function mutate(random: () => number, valid: readonly Uint8Array[]): Uint8Array {
  const pick = () => valid[Math.floor(random() * valid.length)]!;
  const r = random();
  if (r < 0.25) return Uint8Array.from({ length: Math.floor(random() * 600) }, () => Math.floor(random() * 256));
  const base = Uint8Array.from(pick());
  if (r < 0.5) {
    for (let i = 0, n = 1 + Math.floor(random() * 6); i < n && base.length; i++) base[Math.floor(random() * base.length)]! ^= 1 << Math.floor(random() * 8);
    return base;
  }
  if (r < 0.65) return base.subarray(0, Math.floor(random() * base.length));
  if (r < 0.8) return Uint8Array.from([...base, ...Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256))]);
  const other = pick();
  const cut = Math.floor(random() * Math.min(base.length, other.length));
  return Uint8Array.from([...base.subarray(0, cut), ...other.subarray(cut)]);
}

/**
 * 100 000 random and mutated Art-Net and sACN packets each, into the input sockets of a running core.
 * Nothing may crash or hang; malformed packets are counted; a good packet afterwards still gets through.
 */
describe('fuzz: Art-Net and sACN packets into a running core', () => {
  const tempDir = useTempDirs('all');
  let core: Core;
  let call: <T>(method: string, params?: unknown) => Promise<T>;

  beforeAll(async () => {
    const dataDir = tempDir();
    core = await createCore({ mode: 'desktop', dataDir, version: '0', resourcesDir: join(dataDir, 'ui') });
    await core.start();
    const session = core.openSession({ deliver: () => {}, ready: () => true }, 'control');
    call = async <T>(method: string, params: unknown = {}) => {
      const out = await session.call(method, params);
      if ('error' in out) throw new Error(out.error.message);
      return out.result as T;
    };
    await call('settings.update', {
      dmx: {
        artnet: { enabled: true, interface: '127.0.0.1', port: artPort },
        outputs: [],
        inputs: [
          { protocol: 'artnet', portAddress: 3, universe: 1, merge: true, lossTimeoutMs: 60_000 },
          { protocol: 'sacn', sacnUniverse: 7, universe: 2, merge: true, lossTimeoutMs: 60_000 },
        ],
      },
    });
    await core.settled();
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
  });

  async function blast(port: number, packets: () => Uint8Array, count: number) {
    const tx = createSocket('udp4');
    await new Promise<void>((r) => tx.bind(0, '127.0.0.2', () => r()));
    for (let i = 0; i < count; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - i) }, () => {
          const p = packets();
          return new Promise<void>((r) => tx.send(p, port, '127.0.0.1', () => r()));
        }),
      );
      await new Promise((r) => setImmediate(r));
    }
    tx.close();
  }

  /**
   * Waits until input `index` has counted the fuzz as rejects and worked through the backlog (its reject count
   * stops rising for a second; a busy CI machine drains 100k datagrams slowly); returns the status then.
   */
  async function rejectsSettled(index: number): Promise<DmxStatus> {
    let previous = -1;
    return waitFor(async () => {
      const s = await call<DmxStatus>('dmx.status');
      const now = s.inputs[index]!.rejected;
      const still = now > 1000 && now === previous;
      previous = now;
      return still ? s : undefined;
    }, 60_000, 1000);
  }

  /**
   * A good packet after all that still arrives and merges: sent again on every look (sequences far apart, so none
   * is taken for a stale one), because on a loaded machine a full receive buffer may drop a datagram — UDP, not the input.
   */
  async function sendUntilSeen(port: number, packet: (sequence: number) => Uint8Array, universe: number, value: number): Promise<void> {
    let seq = 0;
    await waitFor(async () => {
      await blast(port, () => packet((seq++ * 67) % 256), 1);
      return (await call<{ channels: number[] }>('dmx.universe', { universe })).channels[0] === value ? true : undefined;
    }, 30_000, 200);
  }

  it(`Art-Net: ${PACKETS} random and mutated packets → counted rejects, the input still works`, async () => {
    const random = seededRandom(8);
    const valid = [
      encodeArtDmx({ sequence: 1, physical: 0, portAddress: 3, data: new Uint8Array(512).fill(9) }),
      encodeArtDmx({ sequence: 2, physical: 0, portAddress: 3, data: new Uint8Array([1, 2, 3]) }),
      encodeArtPoll(),
      encodeArtPollReply({ ip: '127.0.0.2', shortName: 'fuzz' }),
      encodeArtTimeCode({ hours: 1, minutes: 2, seconds: 3, frames: 4, type: 1 }),
    ];
    await blast(artPort, () => mutate(random, valid), PACKETS);
    expect((await rejectsSettled(0)).running).toBe(true);
    await sendUntilSeen(artPort, (sequence) => encodeArtDmx({ sequence, physical: 0, portAddress: 3, data: new Uint8Array([77, 66]) }), 1, 77);
    expect(core.services().find((s) => s.name === 'dmx')?.state).not.toBe('error');
  }, 180_000);

  it(`sACN: ${PACKETS} random and mutated packets → counted rejects, the input still works`, async () => {
    const random = seededRandom(9);
    const cid = parseCid('12345678-1234-1234-1234-123456789abc');
    const valid = [
      encodeSacnData({ cid, sourceName: 'fuzz', sequence: 1, universe: 7, slots: new Uint8Array(512).fill(4) }),
      encodeSacnData({ cid, sourceName: 'fuzz', sequence: 2, universe: 7, slots: new Uint8Array([5, 6]), priority: 150 }),
      encodeSacnData({ cid, sourceName: 'fuzz', sequence: 3, universe: 7, slots: new Uint8Array(0), streamTerminated: true }),
    ];
    await blast(5568, () => mutate(random, valid), PACKETS);
    expect((await rejectsSettled(1)).running).toBe(true);
    await sendUntilSeen(5568, (sequence) => encodeSacnData({ cid, sourceName: 'good', sequence, universe: 7, slots: new Uint8Array([88]), priority: 200 }), 2, 88);
  }, 180_000);
});
