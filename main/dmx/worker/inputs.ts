import type { DmxInput, DmxInputStatus } from '../../../preload/contract/dmx-api.ts';
import { DMX_CHANNELS } from '../../../preload/contract/dmx.ts';
import { cidToString, type SacnDataPacket } from '../../../native/sacn/codec.ts';
import { formatPortAddress } from '../../../native/artnet/codec.ts';
import type { DmxEngine } from '../engine/index.ts';
import { RateMeter } from './meters.ts';

/** E1.31 receivers drop a source silent for 2.5 s (PROTOCOLS.md §7). */
const SACN_SOURCE_TIMEOUT_MS = 2500;

interface SacnSource {
  priority: number;
  frame: Uint8Array;
  last: number;
  name: string;
}

interface InputState {
  config: DmxInput;
  layerId: string;
  /** The last good frame: held (and merged) until the loss timeout, then released. */
  frame: Uint8Array;
  received: number;
  last: number;
  sender: string | null;
  lost: boolean;
  rate: RateMeter;
  sources: Map<string, SacnSource>;
}

/**
 * The configured DMX inputs (Art-Net and sACN in): per input a monitor frame, the sender, a rate, and — when
 * merge is on — an engine layer fed with every good frame and released when the source is lost.
 */
export class InputTracker {
  private inputs: InputState[] = [];
  private readonly engine: DmxEngine;
  artnetRejected = 0;
  sacnRejected = 0;

  constructor(engine: DmxEngine) {
    this.engine = engine;
  }

  configure(inputs: readonly DmxInput[], now: number): void {
    for (const i of this.inputs) this.engine.releaseLayer(i.layerId, now, 0);
    this.inputs = inputs.map((config, index) => ({
      config,
      layerId: `input:${index}`,
      frame: new Uint8Array(DMX_CHANNELS),
      received: 0,
      last: -Infinity,
      sender: null,
      lost: false,
      rate: new RateMeter(),
      sources: new Map(),
    }));
  }

  artnetFrame(portAddress: number, data: Uint8Array, length: number, sender: string, now: number): void {
    for (const i of this.inputs) {
      if (i.config.protocol !== 'artnet' || i.config.portAddress !== portAddress) continue;
      i.frame.fill(0);
      i.frame.set(data.subarray(0, Math.min(length, DMX_CHANNELS)));
      this.accept(i, sender, now);
    }
  }

  sacnFrame(p: SacnDataPacket, sender: string, now: number): void {
    if (p.preview) return; // visualiser data must not drive the stage
    for (const i of this.inputs) {
      if (i.config.protocol !== 'sacn' || i.config.sacnUniverse !== p.universe) continue;
      const cid = cidToString(p.cid);
      if (p.streamTerminated) {
        i.sources.delete(cid);
        continue;
      }
      const frame = i.sources.get(cid)?.frame ?? new Uint8Array(DMX_CHANNELS);
      frame.fill(0);
      frame.set(p.slots.subarray(0, DMX_CHANNELS));
      i.sources.set(cid, { priority: p.priority, frame, last: now, name: p.sourceName });
      // Highest priority wins; among equals the most recent source.
      let best: SacnSource | undefined;
      for (const s of i.sources.values()) {
        if (now - s.last > SACN_SOURCE_TIMEOUT_MS) continue;
        if (!best || s.priority > best.priority || (s.priority === best.priority && s.last > best.last)) best = s;
      }
      if (!best || best.frame !== frame) continue; // a lower-priority source: counted by its own packets only
      i.frame.set(frame);
      this.accept(i, `${sender} (${p.sourceName})`, now);
    }
  }

  sacnTerminated(universe: number, now: number): void {
    for (const i of this.inputs) if (i.config.protocol === 'sacn' && i.config.sacnUniverse === universe) this.lose(i, now);
  }

  private accept(i: InputState, sender: string, now: number): void {
    i.received++;
    i.last = now;
    i.sender = sender;
    i.lost = false;
    i.rate.tick(now);
    if (i.config.merge) this.engine.setInputFrame(i.layerId, i.config.universe, i.frame, now);
  }

  /** Inputs silent past their timeout are lost: their layer is released (the held frame goes away). */
  expire(now: number): void {
    for (const i of this.inputs) if (!i.lost && i.last !== -Infinity && now - i.last > i.config.lossTimeoutMs) this.lose(i, now);
  }

  private lose(i: InputState, now: number): void {
    i.lost = true;
    if (i.config.merge) this.engine.releaseLayer(i.layerId, now, 0);
  }

  frame(index: number): Uint8Array | undefined {
    return this.inputs[index]?.frame;
  }

  status(now: number): DmxInputStatus[] {
    return this.inputs.map((i, index) => ({
      index,
      protocol: i.config.protocol,
      source: i.config.protocol === 'artnet' ? `Art-Net ${formatPortAddress(i.config.portAddress)}` : `sACN ${i.config.sacnUniverse}`,
      universe: i.config.universe,
      merge: i.config.merge,
      state: i.last === -Infinity ? 'waiting' : i.lost ? 'lost' : 'receiving',
      sender: i.sender,
      fps: i.rate.perSecond(now),
      lastFrameAgeMs: i.last === -Infinity ? null : Math.round(now - i.last),
      framesReceived: i.received,
      rejected: i.config.protocol === 'artnet' ? this.artnetRejected : this.sacnRejected,
    }));
  }
}
