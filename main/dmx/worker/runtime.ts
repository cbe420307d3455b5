import type { RemoteInfo } from 'node:dgram';
import type { DmxInputStatus, DmxOutputStatus } from '../../../preload/contract/dmx-api.ts';
import { DMX_CHANNELS } from '../../../preload/contract/dmx.ts';
import { ArtNetSequencer, encodeArtDmxInto, encodeArtPoll, encodeArtPollReply, formatPortAddress, type ArtNetPacket } from '../../../native/artnet/codec.ts';
import { ArtNetNodeList } from '../../../native/artnet/node-list.ts';
import { ArtNetUdp } from '../../../native/artnet/udp.ts';
import { encodeSacnDataInto, nextSacnSequence, parseCid, sacnSourceNameField, type SacnPacket } from '../../../native/sacn/codec.ts';
import { SacnReceiver, SacnSender } from '../../../native/sacn/udp.ts';
import { DmxEngine } from '../engine/index.ts';
import { InputTracker } from './inputs.ts';
import type { WorkerCommand, WorkerConfig, WorkerStatus } from './protocol.ts';
import { RateMeter, Lateness } from './meters.ts';
import { SerialDmx, type SerialDmxIo, type SerialDmxReport } from './serial-dmx.ts';

/** The sockets the runtime uses; tests pass fakes. */
export interface RuntimeIo {
  artnet(options: ConstructorParameters<typeof ArtNetUdp>[0]): Pick<ArtNetUdp, 'open' | 'send' | 'close' | 'isOpen'>;
  sacnSender(interfaceAddress: string, onError: (e: Error) => void): Pick<SacnSender, 'open' | 'send' | 'close'>;
  sacnReceiver(interfaceAddress: string, onPacket: (p: SacnPacket, from: RemoteInfo) => void, onError: (e: Error) => void): Pick<SacnReceiver, 'open' | 'listen' | 'close'>;
}

export const realIo: RuntimeIo = {
  artnet: (o) => new ArtNetUdp(o),
  sacnSender: (a, e) => new SacnSender(a, e),
  sacnReceiver: (a, p, e) => new SacnReceiver(a, p, e),
};

export interface RuntimeOptions {
  config: WorkerConfig;
  /** Engine output (universes × 512 bytes) and its seqlock; plain buffers in tests. */
  output: ArrayBufferLike;
  seq: Int32Array;
  io?: RuntimeIo;
  /** Monotonic clock (ms); packets are timestamped with it. Default performance.now. */
  clock?: () => number;
  /** Serial ports (Enttec, DMX text inputs); tests pass fakes. */
  serialIo?: SerialDmxIo;
  log(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void;
}

interface OutputState {
  /**
   * This output's own packet buffer: a UDP send keeps reading its buffer after send() returns, so frames of
   * different universes must never share one. (An output sends at most once a frame period, long after
   * its previous send has gone.)
   */
  packet: Uint8Array;
  dirty: boolean;
  lastSent: number;
  framesSent: number;
  errors: number;
  rate: RateMeter;
}

type CommandResult = { ok: true; frames?: Record<number, number[]> } | { ok: false; error: string };

const RETRY_MS = [500, 1000, 2000, 5000];
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
const cidOf = (text: string): Uint8Array => {
  try {
    return parseCid(text);
  } catch {
    return new Uint8Array(16);
  }
};

/**
 * Everything the DMX worker does, without the worker: the engine, the outputs (Art-Net, sACN), the inputs,
 * node discovery, and the frame pump. `pump(now)` renders and sends what is due; the worker's clock calls it
 * at the refresh rate and right after every command (so a GO goes out as soon as the rate limit allows).
 */
export class DmxRuntime {
  engine: DmxEngine;
  private config: WorkerConfig;
  private readonly options: RuntimeOptions;
  private readonly io: RuntimeIo;
  private outputs: OutputState[] = [];
  private readonly inputs: InputTracker;
  private readonly artSeq = new ArtNetSequencer();
  private readonly sacnSeq = new Map<number, number>();
  private nodes: ArtNetNodeList;
  private artnet: ReturnType<RuntimeIo['artnet']> | undefined;
  private artnetError: string | null = null;
  private artnetRetry = 0;
  private artnetRetryAt = 0;
  private sacnSender: ReturnType<RuntimeIo['sacnSender']> | undefined;
  private sacnReceiver: ReturnType<RuntimeIo['sacnReceiver']> | undefined;
  private sacnError: string | null = null;
  private lastPoll = -Infinity;
  /** Termination packets are sent rarely: each gets a fresh buffer. */
  private sacnName: Uint8Array;
  private sacnCid: Uint8Array;
  private timecode: { text: string; type: string; at: number } | null = null;
  readonly lateness = new Lateness();
  private reopening = false;
  private readonly clock: () => number;
  /** The Enttec DMX USB Pro, DMX text inputs and channel monitors (serial-dmx.ts). */
  private readonly serial: SerialDmx;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.io = options.io ?? realIo;
    this.config = options.config;
    this.engine = new DmxEngine({ universes: options.config.universes, outputBuffer: options.output });
    this.inputs = new InputTracker(this.engine);
    this.nodes = new ArtNetNodeList(options.config.artnet.nodeTimeoutS * 1000);
    this.sacnName = sacnSourceNameField(options.config.sacn.sourceName);
    this.sacnCid = cidOf(options.config.sacn.cid);
    this.clock = options.clock ?? (() => performance.now());
    this.serial = new SerialDmx({ engine: this.engine, network: this.inputs, networkInputs: () => this.config.inputs, clock: this.clock, log: options.log, io: options.serialIo });
    this.resetOutputs();
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────

  async start(now: number): Promise<void> {
    this.inputs.configure(this.config.inputs, now);
    this.serial.configure(this.config.serial, now);
    await this.openArtnet();
    await this.openSacn();
  }

  /** New settings: sockets are reopened only when what they depend on changed. */
  async configure(next: WorkerConfig, now: number): Promise<void> {
    const prev = this.config;
    this.config = next;
    if (next.universes !== prev.universes) throw new Error('the universe count changed: the worker must be restarted');
    const artnetChanged = JSON.stringify({ ...prev.artnet, shortName: '' }) !== JSON.stringify({ ...next.artnet, shortName: '' });
    if (prev.artnet.nodeTimeoutS !== next.artnet.nodeTimeoutS) this.nodes = new ArtNetNodeList(next.artnet.nodeTimeoutS * 1000);
    this.sacnName = sacnSourceNameField(next.sacn.sourceName);
    this.sacnCid = cidOf(next.sacn.cid);
    this.terminateRemovedSacn(prev, next);
    this.resetOutputs();
    this.inputs.configure(next.inputs, now);
    this.serial.configure(next.serial, now);
    if (artnetChanged) {
      this.closeArtnet();
      await this.openArtnet();
    }
    if (JSON.stringify(prev.sacn) !== JSON.stringify(next.sacn) || JSON.stringify(prev.inputs) !== JSON.stringify(next.inputs)) {
      this.closeSacn();
      await this.openSacn();
    }
  }

  /** Sends sACN terminations and closes the sockets at once; the promise settles when the serial ports are closed too. */
  stop(): Promise<void> {
    // E1.31: a source that stops says so (three stream-terminated packets), so receivers release at once.
    for (const o of this.config.outputs) if (o.protocol === 'sacn') this.sendSacn(new Uint8Array(638), o.universe, o.sacnUniverse, o.target, o.priority, true);
    this.closeArtnet();
    this.closeSacn();
    return this.serial.stop();
  }

  private resetOutputs(): void {
    this.outputs = this.config.outputs.map((o) => ({ packet: new Uint8Array(o.protocol === 'artnet' ? 530 : 638), dirty: true, lastSent: -Infinity, framesSent: 0, errors: 0, rate: new RateMeter() }));
  }

  private async openArtnet(): Promise<void> {
    const a = this.config.artnet;
    const wanted = a.enabled && a.interface !== '';
    const needed = wanted || this.config.inputs.some((i) => i.protocol === 'artnet');
    if (!needed) return;
    const udp = this.io.artnet({ port: a.port, bindAddress: '0.0.0.0', onPacket: (p, from) => this.onArtNet(p, from), onError: (e) => this.onArtnetError(e) });
    try {
      await udp.open();
      this.artnet = udp;
      this.artnetError = null;
      this.artnetRetry = 0;
    } catch (error) {
      this.artnetError = `Art-Net socket on port ${a.port}: ${describe(error)}`;
      this.options.log('warn', 'Art-Net socket could not open; retrying', { error: describe(error) });
      this.artnetRetryAt = this.clock() + (RETRY_MS[Math.min(this.artnetRetry++, RETRY_MS.length - 1)] ?? 5000);
    }
  }

  private closeArtnet(): void {
    this.artnet?.close();
    this.artnet = undefined;
  }

  private onArtnetError(error: Error): void {
    // A send to a vanished interface, the interface's address gone: shown as lost, reopened by itself.
    this.artnetError = `Art-Net: ${error.message}`;
    this.options.log('warn', 'Art-Net socket error', { error: error.message });
    for (const o of this.outputs) o.errors++;
  }

  private async openSacn(): Promise<void> {
    const s = this.config.sacn;
    const sending = s.enabled && s.interface !== '' && this.config.outputs.some((o) => o.protocol === 'sacn');
    const receiving = this.config.inputs.some((i) => i.protocol === 'sacn');
    this.sacnError = null;
    try {
      if (sending) {
        const sender = this.io.sacnSender(s.interface, (e) => {
          this.sacnError = `sACN: ${e.message}`;
        });
        await sender.open();
        this.sacnSender = sender;
      }
      if (receiving) {
        const receiver = this.io.sacnReceiver(s.interface, (p, from) => this.onSacn(p, from), (e) => {
          this.sacnError = `sACN input: ${e.message}`;
        });
        await receiver.open();
        receiver.listen(this.config.inputs.flatMap((i) => (i.protocol === 'sacn' ? [i.sacnUniverse] : [])));
        this.sacnReceiver = receiver;
      }
    } catch (error) {
      this.sacnError = `sACN: ${describe(error)}`;
      this.options.log('warn', 'sACN socket could not open', { error: describe(error) });
    }
  }

  private closeSacn(): void {
    this.sacnSender?.close();
    this.sacnReceiver?.close();
    this.sacnSender = undefined;
    this.sacnReceiver = undefined;
  }

  private terminateRemovedSacn(prev: WorkerConfig, next: WorkerConfig): void {
    const still = new Set(next.outputs.flatMap((o) => (o.protocol === 'sacn' ? [`${o.sacnUniverse}@${o.target}`] : [])));
    for (const o of prev.outputs) if (o.protocol === 'sacn' && !still.has(`${o.sacnUniverse}@${o.target}`)) this.sendSacn(new Uint8Array(638), o.universe, o.sacnUniverse, o.target, o.priority, true);
  }

  // ── input ──────────────────────────────────────────────────────────────────────────────────────────

  private onArtNet(p: ArtNetPacket, from: RemoteInfo): void {
    const now = this.clock();
    const a = this.config.artnet;
    const ours = from.address === a.interface && from.port === a.port;
    switch (p.op) {
      case 'dmx':
        if (!ours) this.inputs.artnetFrame(p.portAddress, p.data, p.length, from.address, now);
        break;
      case 'pollReply':
        if (!ours) this.nodes.update(p, now);
        break;
      case 'poll':
        if (a.enabled && a.interface !== '') this.replyToPoll(from);
        break;
      case 'timeCode': {
        const pad = (n: number) => String(n).padStart(2, '0');
        this.timecode = { text: `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}:${pad(p.frames)}`, type: ['Film 24', 'EBU 25', 'DF 29.97', 'SMPTE 30'][p.type] ?? String(p.type), at: now };
        break;
      }
      case 'reject':
        this.inputs.artnetRejected++;
        break;
      default:
        break;
    }
  }

  private onSacn(p: SacnPacket, from: RemoteInfo): void {
    const now = this.clock();
    if (p.kind === 'data') this.inputs.sacnFrame(p, from.address, now);
    else if (p.kind === 'reject') {
      if (p.reason === 'non-zero-start-code' && p.streamTerminated) this.inputs.sacnTerminated(p.universe, now);
      else if (p.reason !== 'non-zero-start-code') this.inputs.sacnRejected++;
    }
  }

  private replyToPoll(from: RemoteInfo): void {
    const a = this.config.artnet;
    const outs = this.config.outputs.filter((o) => o.protocol === 'artnet').slice(0, 4);
    const first = outs[0]?.portAddress ?? 0;
    const reply = encodeArtPollReply({
      ip: a.interface,
      netSwitch: (first >> 8) & 0x7f,
      subSwitch: (first >> 4) & 0x0f,
      shortName: a.shortName,
      longName: `${a.shortName} (Showsite Console)`,
      nodeReport: `#0001 [${this.outputs.reduce((n, o) => n + o.framesSent, 0) % 10000}] Showsite`,
      numPorts: outs.length,
      // A controller sends ArtDmx INTO Art-Net on these Port-Addresses: "can input" ports (bit 6).
      portTypes: [0, 1, 2, 3].map((i) => (outs[i] ? 0x40 : 0)) as [number, number, number, number],
      goodInput: [0, 1, 2, 3].map((i) => (outs[i] ? 0x80 : 0x08)) as [number, number, number, number],
      swIn: [0, 1, 2, 3].map((i) => (outs[i]?.portAddress ?? 0) & 0x0f) as [number, number, number, number],
      style: 1,
      mac: a.mac,
      status2: 0x08,
    });
    // Art-Net 4: replies are unicast to the poller.
    this.artnet?.send(reply, reply.length, from.address, from.port);
  }

  // ── the pump ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Render, then send every output that is due (changed and past its rate limit, or due a keep-alive).
   * `slot` is the time the rate limit counts in: the frame clock passes the grid time its tick was scheduled
   * for, so a tick that woke a few ms late does not make the next, on-time tick look too early (that skipped
   * a frame after every late tick); a GO between ticks passes nothing and is limited by the real time.
   */
  pump(now: number, slot: number = now): void {
    this.inputs.expire(now);
    this.serial.expire(now);
    const write = this.options.seq;
    Atomics.add(write, 0, 1); // odd: a render is writing the shared output
    let changed: number[];
    try {
      changed = this.engine.render(now);
    } finally {
      Atomics.add(write, 0, 1);
    }
    if (changed.length > 0) {
      const set = new Set(changed);
      this.config.outputs.forEach((o, i) => {
        if (set.has(o.universe)) this.outputs[i]!.dirty = true;
      });
    }
    this.maybeReopenArtnet(now);
    this.maybePoll(now);
    this.config.outputs.forEach((o, i) => {
      const state = this.outputs[i]!;
      const proto = o.protocol === 'artnet' ? this.config.artnet : this.config.sacn;
      if (!proto.enabled || proto.interface === '') return;
      const since = slot - state.lastSent;
      // Coalesce: only the newest frame goes, at most refreshHz per universe; never a queue.
      // 1.5 ms of slack for a GO landing just before a tick; the rate holds on average.
      const due = (state.dirty && since >= 1000 / proto.refreshHz - 1.5) || since >= proto.keepAliveMs - 1.5;
      if (!due) return;
      const sent = o.protocol === 'artnet' ? this.sendArtnet(state.packet, o.universe, o.portAddress, o.target, now) : this.sendSacn(state.packet, o.universe, o.sacnUniverse, o.target, o.priority, false);
      if (sent) {
        state.dirty = false;
        state.lastSent = slot;
        state.framesSent++;
        state.rate.tick(now);
      }
    });
  }

  /** The frame clock's period: the fastest refresh any enabled protocol asks for (44 Hz at most). */
  framePeriodMs(): number {
    const a = this.config.artnet;
    const s = this.config.sacn;
    const rates = [a.enabled ? a.refreshHz : 0, s.enabled ? s.refreshHz : 0].filter((r) => r > 0);
    // With no network output the engine still renders at DMX speed: the universe view and monitors follow fades.
    return 1000 / (rates.length ? Math.max(...rates) : 44);
  }

  private maybeReopenArtnet(now: number): void {
    const a = this.config.artnet;
    if (this.reopening || !(a.enabled && a.interface !== '')) return;
    if (this.artnet?.isOpen && this.artnetError === null) return;
    if (now < this.artnetRetryAt) return;
    this.reopening = true;
    this.artnetRetryAt = now + (RETRY_MS[Math.min(this.artnetRetry, RETRY_MS.length - 1)] ?? 5000);
    this.closeArtnet();
    void this.openArtnet().finally(() => {
      this.reopening = false;
    });
  }

  private maybePoll(now: number): void {
    const a = this.config.artnet;
    if (!this.artnet || !a.enabled || a.interface === '' || now - this.lastPoll < a.pollIntervalS * 1000) return;
    this.lastPoll = now;
    const poll = encodeArtPoll();
    this.artnet.send(poll, poll.length, a.broadcastAddress);
  }

  private sendArtnet(packet: Uint8Array, universe: number, portAddress: number, target: string, now: number): boolean {
    if (!this.artnet || this.artnetError !== null) return false;
    const data = this.engine.output(universe);
    const length = encodeArtDmxInto(packet, this.artSeq.next(portAddress), 0, portAddress, data);
    if (target) {
      this.artnet.send(packet, length, target);
      return true;
    }
    const subscribers = this.nodes.subscribers(portAddress, now);
    // Art-Net asks for unicast to the nodes that want a Port-Address; past 30 of them, or with none, broadcast.
    if (subscribers.length === 0 || subscribers.length >= 30) this.artnet.send(packet, length, this.config.artnet.broadcastAddress);
    else for (const n of subscribers) this.artnet.send(packet, length, n.ip);
    return true;
  }

  private sendSacn(packet: Uint8Array, universe: number, sacnUniverse: number, target: string, priority: number, terminate: boolean): boolean {
    if (!this.sacnSender) return false;
    const times = terminate ? 3 : 1;
    for (let i = 0; i < times; i++) {
      // The three terminations go out together: each needs its own bytes (see OutputState.packet).
      const buffer = i === 0 ? packet : new Uint8Array(packet.length);
      const sequence = nextSacnSequence(this.sacnSeq.get(sacnUniverse) ?? 255);
      this.sacnSeq.set(sacnUniverse, sequence);
      const length = encodeSacnDataInto(buffer, {
        cid: this.sacnCid,
        sourceName: this.sacnName,
        priority,
        sequence,
        universe: sacnUniverse,
        streamTerminated: terminate,
        slots: terminate ? new Uint8Array(0) : this.engine.output(universe),
      });
      this.sacnSender.send(buffer, length, sacnUniverse, target);
    }
    return true;
  }

  // ── commands ───────────────────────────────────────────────────────────────────────────────────────

  command(c: WorkerCommand, now: number): CommandResult {
    const e = this.engine;
    const check = (r: { ok: true } | { ok: false; error: string }): CommandResult => r;
    switch (c.type) {
      case 'patch':
        return check(e.setPatch(c.fixtures));
      case 'set':
        return check(e.setChannels(c.universe, c.values, now));
      case 'release': {
        const universes = c.universe === null ? Array.from({ length: e.universeCount }, (_, i) => i + 1) : [c.universe];
        const channels = c.channels ?? Array.from({ length: DMX_CHANNELS }, (_, i) => i + 1);
        for (const u of universes) {
          const r = e.releaseChannels(u, channels, now, c.fadeMs);
          if (!r.ok) return r;
        }
        return { ok: true };
      }
      case 'go':
        return check(e.go(c.playback, c.look, c.fadeMs, now));
      case 'releasePlayback':
        return check(e.releaseLayer(c.playback, now, c.fadeMs));
      case 'loadCueList':
        return check(e.loadCueList(c.playback, c.list));
      case 'unloadCueList':
        return check(e.releaseLayer(c.playback, now, 0));
      case 'cue':
        if (c.action === 'go') return check(e.cueGo(c.playback, now));
        if (c.action === 'back') return check(e.cueBack(c.playback, now));
        return check(e.cueJump(c.playback, c.index ?? 0, now));
      case 'master':
        return check(e.setGrandMaster(c.level));
      case 'blackout':
        return check(e.setBlackout(c.on, now, c.fadeMs));
      case 'record': {
        const frames: Record<number, number[]> = {};
        for (const u of c.universes) {
          if (u < 1 || u > e.universeCount) return { ok: false, error: `universe ${u} is not 1–${e.universeCount}` };
          frames[u] = [...e.preMasterOutput(u, now)];
        }
        return { ok: true, frames };
      }
      case 'input': {
        const frame = this.inputs.frame(c.index) ?? this.serial.inputFrame(c.index - this.config.inputs.length);
        if (!frame) return { ok: false, error: `there is no input ${c.index}` };
        return { ok: true, frames: { [c.index]: [...frame] } };
      }
      case 'config':
      case 'status':
      case 'stop':
        return { ok: true };
    }
  }

  /** Raw monitor values and the Enttec's identity, for the main thread (telemetry and the device registry). */
  serialReport(now: number): SerialDmxReport {
    return this.serial.report(now);
  }

  // ── status ─────────────────────────────────────────────────────────────────────────────────────────

  status(now: number): WorkerStatus {
    const a = this.config.artnet;
    const s = this.config.sacn;
    const outputs: DmxOutputStatus[] = this.config.outputs.map((o, index) => {
      const st = this.outputs[index]!;
      const common = { index, protocol: o.protocol, universe: o.universe, fps: st.rate.perSecond(now), framesSent: st.framesSent, errors: st.errors, lastFrameAgeMs: st.lastSent === -Infinity ? null : Math.round(now - st.lastSent) };
      if (o.protocol === 'artnet') {
        const pa = formatPortAddress(o.portAddress);
        if (!a.enabled) return { ...common, destination: `Art-Net ${pa}`, state: 'off', message: 'Art-Net is off (Settings → DMX)' };
        if (a.interface === '') return { ...common, destination: `Art-Net ${pa}`, state: 'idle', message: 'choose the network interface for Art-Net in Settings → DMX' };
        if (this.artnetError !== null) return { ...common, destination: `Art-Net ${pa}`, state: 'lost', message: `${this.artnetError} — retrying` };
        if (o.target) {
          const node = this.nodes.list(now).find((n) => n.ip === o.target);
          const lost = node !== undefined && !this.nodes.isAlive(node, now);
          return { ...common, destination: `Art-Net ${pa} → ${o.target}`, state: lost ? 'lost' : 'ok', message: lost ? `${o.target} stopped answering polls` : `unicast to ${o.target}` };
        }
        const subs = this.nodes.subscribers(o.portAddress, now);
        if (subs.length > 0 && subs.length < 30) return { ...common, destination: `Art-Net ${pa} → ${subs.length} node${subs.length === 1 ? '' : 's'}`, state: 'ok', message: `unicast to ${subs.map((n) => n.shortName || n.ip).join(', ')}` };
        if (this.nodes.everServed(o.portAddress)) return { ...common, destination: `Art-Net ${pa} → broadcast`, state: 'lost', message: `the node(s) for ${pa} stopped answering — broadcasting to ${a.broadcastAddress}` };
        return { ...common, destination: `Art-Net ${pa} → broadcast`, state: 'ok', message: `broadcast to ${a.broadcastAddress} (no node has claimed ${pa} yet)` };
      }
      const dest = `sACN ${o.sacnUniverse} ${o.target ? `→ ${o.target}` : 'multicast'}`;
      if (!s.enabled) return { ...common, destination: dest, state: 'off', message: 'sACN is off (Settings → DMX)' };
      if (s.interface === '') return { ...common, destination: dest, state: 'idle', message: 'choose the network interface for sACN in Settings → DMX' };
      if (this.sacnError !== null || !this.sacnSender) return { ...common, destination: dest, state: 'lost', message: this.sacnError ?? 'sACN socket not open' };
      return { ...common, destination: dest, state: 'ok', message: `priority ${o.priority}` };
    });
    const inputs: DmxInputStatus[] = [...this.inputs.status(now), ...this.serial.inputs(now, this.config.inputs.length)];
    const blackout = this.engine.blackout(now);
    return {
      universes: this.engine.universeCount,
      grandMaster: this.engine.grandMaster,
      blackout: { on: blackout.on, level: blackout.level, fading: blackout.fading },
      outputs: [...outputs, ...this.serial.outputs(now, this.config.outputs.length)],
      inputs,
      nodes: this.nodes.list(now).map((n) => ({
        ip: n.ip,
        mac: n.mac,
        shortName: n.shortName,
        longName: n.longName,
        nodeReport: n.nodeReport,
        ports: n.ports,
        lastReplyAgeMs: Math.round(now - n.lastReply),
        state: this.nodes.isAlive(n, now) ? ('ok' as const) : ('lost' as const),
      })),
      playbacks: this.engine.playbacks(now).map((p) => ({
        id: p.id,
        sceneId: p.lookId,
        fading: p.fading,
        progress: Math.round(p.progress * 1000) / 1000,
        cueList: p.cueList && {
          current: p.cueList.current,
          currentId: p.cueList.currentId,
          next: p.cueList.next,
          nextId: p.cueList.nextId,
          followInMs: p.cueList.followDueAt === null ? null : Math.max(0, Math.round(p.cueList.followDueAt - now)),
        },
      })),
      clock: { hz: Math.max(a.enabled ? a.refreshHz : 0, s.enabled ? s.refreshHz : 0, 44), lateP99Ms: this.lateness.p99() },
      timecode: this.timecode && { text: this.timecode.text, type: this.timecode.type, ageMs: Math.round(now - this.timecode.at) },
    };
  }
}
