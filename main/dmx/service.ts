import { MessageChannel, Worker } from 'node:worker_threads';
import type { DmxLibrary as DmxLibraryShape, DmxSettings, DmxStatus, DmxUniverseFrame } from '../../preload/contract/dmx-api.ts';
import { DMX_CHANNELS, type DmxLookValues, type DmxScene } from '../../preload/contract/dmx.ts';
import type { Settings } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { CoreError } from '../runtime/errors.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import { resolveCueList } from './engine/index.ts';
import { ipv4Interfaces, stableCid } from './interfaces.ts';
import type { DmxLibrary } from './library.ts';
import type { FromWorker, WorkerCommand, WorkerConfig, WorkerRequest, WorkerStatus } from './worker/protocol.ts';
import { SerialDmxIngest } from './serial-report.ts';
import { hostSerialRelay, type SerialRelayHost } from '../../native/serial/relay.ts';

/** The playback the scene buttons drive: one, so each GO crossfades from the previous scene. */
export const SCENES_PLAYBACK = 'scenes';
export const cueListPlayback = (id: string) => `cuelist:${id}`;

export interface DmxServiceDeps {
  library: DmxLibrary;
  hub: EventHub;
  /** Art-Net nodes become devices (presence sightings: last seen, lost/found on the timeline). */
  sink: IngestSink;
  dataDir: string;
  /** Current settings (to say "off" rather than "not running" when the operator turned DMX off). */
  settings: () => Settings;
  /** Where the worker script is (source .ts under tests, bundled .js when shipped). */
  workerUrl?: URL;
}

/** What must be re-sent to a fresh worker after a crash, so the stage comes back as it was. */
interface Replay {
  master: number;
  blackout: { on: boolean; fadeMs: number | undefined } | null;
  manual: Map<number, Record<string, number>>;
  scene: { sceneId: string } | null;
}

const REPLY_TIMEOUT_MS = 5000;
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function defaultWorkerUrl(): URL {
  // Under the TypeScript sources (tests, dev) the worker is a .ts file; in the bundles it is built beside them.
  return import.meta.url.endsWith('.ts') ? new URL('./worker/dmx-worker.ts', import.meta.url) : new URL('./dmx-worker.js', import.meta.url);
}

/**
 * The DMX capability as a Service: runs the engine in a worker thread, feeds it the library and the
 * operator's commands, reads the merged output from shared memory, and publishes status, the universe view
 * and Art-Net nodes. Restarts the worker by itself if it ever dies, and puts the stage back.
 */
export class DmxService implements Service<DmxSettings> {
  readonly name = 'dmx';
  readonly label = 'DMX';
  private readonly deps: DmxServiceDeps;
  private worker: Worker | undefined;
  /** The current worker's serial ports, opened on this thread when the worker relays them (Windows). */
  private serialRelay: SerialRelayHost | undefined;
  private output: Uint8Array | undefined;
  private seq: Int32Array | undefined;
  private current: DmxSettings | undefined;
  private ctx: ServiceContext | undefined;
  private lastStatus: WorkerStatus | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Extract<FromWorker, { type: 'reply' }>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private monitor: NodeJS.Timeout | undefined;
  private readonly published = new Map<number, Uint8Array>();
  private readonly publishedInputs = new Map<number, string>();
  private readonly knownNodes = new Map<string, number>();
  private replay: Replay = { master: 1, blackout: null, manual: new Map(), scene: null };
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private crashes = 0;
  private offLibrary: (() => void) | undefined;
  /** The latest hand-over of the library to the engine: commands that use cue lists wait for it. */
  private libraryLoaded: Promise<void> = Promise.resolve();

  /** Monitors into telemetry, the Enttec into the registry, the serial port list (serial-report.ts). */
  readonly serial: SerialDmxIngest;

  constructor(deps: DmxServiceDeps) {
    this.deps = deps;
    this.serial = new SerialDmxIngest({ sink: deps.sink });
  }

  config(settings: Settings): DmxSettings {
    return settings.dmx;
  }

  enabled(config: DmxSettings): boolean {
    return config.enabled;
  }

  offMessage(): string {
    return 'the DMX engine is off (Settings → DMX)';
  }

  async start(config: DmxSettings, ctx: ServiceContext): Promise<void> {
    this.current = config;
    this.ctx = ctx;
    this.stopping = false;
    await this.spawn();
    this.offLibrary = this.deps.library.onChange((library) => {
      this.deps.hub.publish('dmx.library', 'library', library);
      this.libraryLoaded = this.pushLibrary(library).catch((error: unknown) => ctx.logger.warn('could not hand the library to the engine', { error: describe(error) }));
    });
    this.monitor = setInterval(() => this.publishUniverses(), 100);
    this.monitor.unref();
  }

  async reconfigure(next: DmxSettings, previous: DmxSettings, ctx: ServiceContext): Promise<void> {
    this.current = next;
    this.ctx = ctx;
    if (next.universes !== previous.universes) {
      // The engine's size is fixed at birth: a new one, with the stage put back.
      await this.killWorker();
      await this.spawn();
      return;
    }
    await this.request({ type: 'config', config: this.workerConfig(next) });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.offLibrary?.();
    this.offLibrary = undefined;
    if (this.monitor) clearInterval(this.monitor);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.monitor = undefined;
    await this.killWorker();
    this.lastStatus = undefined;
  }

  readonly stopTimeoutMs = 4000;

  // ── the worker ─────────────────────────────────────────────────────────────────────────────────────

  private async spawn(): Promise<void> {
    const config = this.current!;
    const outputSab = new SharedArrayBuffer(config.universes * DMX_CHANNELS);
    const seqSab = new SharedArrayBuffer(4);
    this.output = new Uint8Array(outputSab);
    this.seq = new Int32Array(seqSab);
    this.published.clear();
    this.serial.reset();
    // One channel per worker: a dead worker's ports are closed with its relay, the next one gets a fresh one.
    const relay = new MessageChannel();
    this.serialRelay = hostSerialRelay(relay.port1, undefined, { onInvalid: (why) => this.ctx?.logger.warn('serial relay: dropped a malformed message', { why }) });
    relay.port1.unref();
    const worker = new Worker(this.deps.workerUrl ?? defaultWorkerUrl(), { workerData: { output: outputSab, seq: seqSab, config: this.workerConfig(config), serialRelay: relay.port2 }, transferList: [relay.port2] });
    this.worker = worker;
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (error) => this.onCrash(worker, error));
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.stopping) this.onCrash(worker, new Error(`exited with code ${code}`));
    });
    await this.restoreStage();
  }

  private async killWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.request({ type: 'stop' }, 1500);
    } catch {
      // it may already be gone; terminate anyway
    }
    this.worker = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new CoreError('unavailable', 'the DMX engine stopped'));
    }
    this.pending.clear();
    await worker.terminate();
    await this.closeSerialRelay();
  }

  /** Close every serial port the relay holds for the worker that is gone. */
  private async closeSerialRelay(): Promise<void> {
    const relay = this.serialRelay;
    this.serialRelay = undefined;
    await relay?.close();
  }

  private onCrash(worker: Worker, error: Error): void {
    if (this.worker !== worker || this.stopping) return;
    this.worker = undefined;
    this.crashes++;
    this.ctx?.logger.error('DMX worker died; restarting', { error: error.message, crashes: this.crashes });
    this.ctx?.report('error', `the DMX engine stopped unexpectedly (${error.message}) — restarting`);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new CoreError('unavailable', 'the DMX engine restarted; try again'));
    }
    this.pending.clear();
    void this.closeSerialRelay();
    const delay = Math.min(5000, 250 * 2 ** Math.min(this.crashes, 5));
    this.restartTimer = setTimeout(() => {
      this.spawn().catch((e: unknown) => this.ctx?.report('error', `the DMX engine could not restart: ${describe(e)}`));
    }, delay);
    this.restartTimer.unref();
  }

  /** A fresh worker: the patch, the cue lists, and what the operator had on stage. */
  private async restoreStage(): Promise<void> {
    await this.pushLibrary(this.deps.library.get());
    const r = this.replay;
    if (r.master !== 1) await this.request({ type: 'master', level: r.master });
    for (const [universe, values] of r.manual) if (universe <= this.current!.universes) await this.request({ type: 'set', universe, values });
    if (r.scene) {
      const scene = this.deps.library.get().scenes.find((s) => s.id === r.scene!.sceneId);
      if (scene) await this.request({ type: 'go', playback: SCENES_PLAYBACK, look: { id: scene.id, values: scene.values }, fadeMs: 0 });
    }
    if (r.blackout) await this.request({ type: 'blackout', on: r.blackout.on, fadeMs: 0 });
  }

  private async pushLibrary(library: DmxLibraryShape): Promise<void> {
    if (!this.worker) return;
    const patch = await this.request({ type: 'patch', fixtures: library.patch });
    if (!patch.ok) this.ctx?.logger.warn('the engine refused the patch', { error: patch.error });
    for (const list of library.cueLists) {
      const resolved = resolveCueList(list, library.scenes);
      if (resolved.ok) await this.request({ type: 'loadCueList', playback: cueListPlayback(list.id), list: resolved.value });
    }
  }

  private workerConfig(config: DmxSettings): WorkerConfig {
    const nics = ipv4Interfaces();
    const art = nics.find((n) => n.address === config.artnet.interface);
    return {
      universes: config.universes,
      artnet: {
        ...config.artnet,
        broadcastAddress: config.artnet.broadcast || art?.broadcast || '255.255.255.255',
        mac: art?.mac ?? '00:00:00:00:00:00',
      },
      sacn: { ...config.sacn, cid: stableCid(this.deps.dataDir) },
      outputs: config.outputs,
      inputs: config.inputs,
      serial: { enttec: config.enttec, serialInputs: config.serialInputs, monitors: config.monitors },
    };
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        this.takeStatus(m.status);
        p.resolve(m);
        return;
      }
      case 'status':
        this.takeStatus(m.status);
        return;
      case 'serial':
        if (this.current) this.serial.take(m.report, this.current);
        return;
      case 'log':
        this.ctx?.logger[m.level](m.msg, m.fields);
        return;
    }
  }

  private request(command: WorkerCommand, timeoutMs = REPLY_TIMEOUT_MS): Promise<Extract<FromWorker, { type: 'reply' }>> {
    const worker = this.worker;
    if (!worker) return Promise.reject(this.notRunning());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CoreError('unavailable', 'the DMX engine did not answer in time'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, command } satisfies WorkerRequest);
    });
  }

  /** Send a command the operator gave; an engine refusal becomes a clear error. */
  private async run(command: WorkerCommand): Promise<DmxStatus> {
    const reply = await this.request(command);
    if (!reply.ok) throw new CoreError('invalid', reply.error);
    return this.status();
  }

  // ── status, universe view, nodes ───────────────────────────────────────────────────────────────────

  private takeStatus(status: WorkerStatus): void {
    this.lastStatus = status;
    this.crashes = 0;
    this.deps.hub.publish('dmx.status', 'dmx', { running: true, ...status });
    this.reportHealth(status);
    this.noteNodes(status);
  }

  private reportHealth(status: WorkerStatus): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const active = status.outputs.filter((o) => o.state !== 'off' && o.state !== 'idle');
    const bad = active.filter((o) => o.state === 'lost' || o.state === 'error');
    const nodes = status.nodes.filter((n) => n.state === 'ok').length;
    if (bad.length > 0) {
      ctx.report('degraded', `${bad.length} of ${active.length} output${active.length === 1 ? '' : 's'} lost — ${bad[0]!.destination}: ${bad[0]!.message}`);
      return;
    }
    if (active.length === 0) {
      const idle = status.outputs.find((o) => o.state === 'idle');
      ctx.report('ok', `engine running, ${status.universes} universes; no output on${idle ? ` (${idle.message})` : ' (Settings → DMX)'}`);
      return;
    }
    const protocols = [...new Set(active.map((o) => (o.protocol === 'artnet' ? 'Art-Net' : o.protocol === 'sacn' ? 'sACN' : 'Enttec')))].join(' + ');
    ctx.report('ok', `${protocols}: ${active.length} output${active.length === 1 ? '' : 's'}${nodes ? `, ${nodes} node${nodes === 1 ? '' : 's'}` : ''}`);
  }

  private noteNodes(status: WorkerStatus): void {
    const now = Date.now();
    for (const n of status.nodes) {
      if (n.state !== 'ok') continue;
      const id = `artnet:${n.mac !== '00:00:00:00:00:00' ? n.mac.toUpperCase() : n.ip}`;
      const last = this.knownNodes.get(id) ?? 0;
      if (now - last < 10_000) continue; // presence, not a stream: every 10 s is plenty
      this.knownNodes.set(id, now);
      this.deps.sink.ingest({ id, kind: 'dmx-node', model: n.longName || n.shortName || 'Art-Net node', source: 'artnet' }, []);
      if (last === 0) this.deps.sink.suggestName(id, { name: n.shortName || n.ip, notes: `Art-Net node at ${n.ip}` });
    }
  }

  /** Publishes each universe whose output changed since last time (10 Hz): the live universe view. */
  private publishUniverses(): void {
    const config = this.current;
    if (!config || !this.output) return;
    for (let u = 1; u <= config.universes; u++) {
      const frame = this.readUniverse(u);
      const last = this.published.get(u);
      if (last && last.every((v, i) => v === frame[i])) continue;
      this.published.set(u, frame);
      this.deps.hub.publish(`dmx.universe.${u}`, u, { universe: u, channels: [...frame] });
    }
    for (const input of this.lastStatus?.inputs ?? []) {
      if (input.state !== 'receiving') continue;
      void this.request({ type: 'input', index: input.index }, 1000).then(
        (reply) => {
          const frame = reply.ok ? reply.frames?.[input.index] : undefined;
          if (!frame) return;
          const key = frame.join(',');
          if (this.publishedInputs.get(input.index) === key) return;
          this.publishedInputs.set(input.index, key);
          this.deps.hub.publish(`dmx.input.${input.index}`, input.index, { universe: input.universe, channels: frame });
        },
        () => {},
      );
    }
  }

  /** A whole frame of the shared output (retried if a render was writing it: a seqlock). */
  private readUniverse(u: number): Uint8Array {
    const out = this.output!;
    const seq = this.seq!;
    const copy = new Uint8Array(DMX_CHANNELS);
    for (let attempt = 0; attempt < 100; attempt++) {
      const before = Atomics.load(seq, 0);
      if (before % 2 === 1) continue;
      copy.set(out.subarray((u - 1) * DMX_CHANNELS, u * DMX_CHANNELS));
      if (Atomics.load(seq, 0) === before) return copy;
    }
    return copy; // a render is hammering it; a frame that is at most one render old is still true to within a tick
  }

  // ── what the API calls ─────────────────────────────────────────────────────────────────────────────

  status(): DmxStatus {
    if (!this.lastStatus || !this.worker) {
      const c = this.current;
      return { running: false, universes: c?.universes ?? 0, grandMaster: this.replay.master, blackout: { on: false, level: 1, fading: false }, outputs: [], inputs: [], nodes: [], playbacks: [], clock: { hz: 0, lateP99Ms: 0 }, timecode: null };
    }
    return { running: true, ...this.lastStatus };
  }

  universe(u: number): DmxUniverseFrame {
    this.checkUniverse(u);
    return { universe: u, channels: [...this.readUniverse(u)] };
  }

  async input(index: number): Promise<DmxUniverseFrame> {
    const reply = await this.request({ type: 'input', index });
    if (!reply.ok) throw new CoreError('not_found', reply.error);
    // Serial and Enttec inputs are numbered after settings.dmx.inputs: their universe is in the status.
    const universe = this.current!.inputs[index]?.universe ?? this.lastStatus?.inputs.find((i) => i.index === index)?.universe ?? 0;
    return { universe, channels: reply.frames?.[index] ?? [] };
  }

  async set(universe: number, values: Record<string, number>): Promise<DmxUniverseFrame> {
    this.checkUniverse(universe);
    await this.run({ type: 'set', universe, values });
    this.replay.manual.set(universe, { ...this.replay.manual.get(universe), ...values });
    return this.universe(universe);
  }

  async release(universe: number | undefined, channels: number[] | undefined, fadeMs = 0): Promise<void> {
    if (universe !== undefined) this.checkUniverse(universe);
    await this.run({ type: 'release', universe: universe ?? null, channels: channels ?? null, fadeMs });
    if (universe === undefined) this.replay.manual.clear();
    else if (!channels) this.replay.manual.delete(universe);
    else {
      const kept = { ...this.replay.manual.get(universe) };
      for (const c of channels) delete kept[String(c)];
      this.replay.manual.set(universe, kept);
    }
  }

  async blackout(on: boolean, fadeMs?: number): Promise<DmxStatus> {
    const status = await this.run({ type: 'blackout', on, fadeMs });
    this.replay.blackout = { on, fadeMs };
    return status;
  }

  async master(level: number): Promise<DmxStatus> {
    const status = await this.run({ type: 'master', level });
    this.replay.master = level;
    return status;
  }

  async goScene(scene: DmxScene, fadeMs?: number): Promise<DmxStatus> {
    await this.libraryLoaded;
    const status = await this.run({ type: 'go', playback: SCENES_PLAYBACK, look: { id: scene.id, values: scene.values }, fadeMs: fadeMs ?? scene.fadeMs });
    this.replay.scene = { sceneId: scene.id };
    return status;
  }

  async releaseScenes(fadeMs = 0): Promise<DmxStatus> {
    const status = await this.run({ type: 'releasePlayback', playback: SCENES_PLAYBACK, fadeMs });
    this.replay.scene = null;
    return status;
  }

  async cue(listId: string, action: 'go' | 'back' | 'jump', index?: number): Promise<DmxStatus> {
    const list = this.deps.library.cueList(listId);
    await this.libraryLoaded;
    if (list.cues.length === 0) throw new CoreError('conflict', `cue list “${list.name}” has no cues`);
    if (action === 'jump' && (index === undefined || index < 0 || index >= list.cues.length)) throw new CoreError('invalid', `cue list “${list.name}” has cues 1–${list.cues.length}`);
    return this.run({ type: 'cue', playback: cueListPlayback(listId), action, index });
  }

  async releaseCueList(listId: string, fadeMs = 0): Promise<DmxStatus> {
    this.deps.library.cueList(listId);
    return this.run({ type: 'releasePlayback', playback: cueListPlayback(listId), fadeMs });
  }

  /** What is on stage now (before grand master and blackout), as scene values: non-zero channels. */
  async record(options: { fixtures?: string[]; universes?: number[] }): Promise<DmxLookValues> {
    const library = this.deps.library.get();
    const count = this.current?.universes ?? 0;
    let universes = options.universes ?? Array.from({ length: count }, (_, i) => i + 1);
    let wanted: Map<number, Set<number>> | undefined;
    if (options.fixtures) {
      wanted = new Map();
      for (const id of options.fixtures) {
        const f = library.patch.find((p) => p.id === id);
        if (!f) throw new CoreError('not_found', `no fixture with id "${id}"`);
        const set = wanted.get(f.universe) ?? new Set<number>();
        for (let c = f.address; c < f.address + f.channels.length; c++) set.add(c);
        wanted.set(f.universe, set);
      }
      universes = [...wanted.keys()];
    }
    for (const u of universes) this.checkUniverse(u);
    const reply = await this.request({ type: 'record', universes });
    if (!reply.ok) throw new CoreError('invalid', reply.error);
    const values: DmxLookValues = {};
    for (const u of universes) {
      const frame = reply.frames?.[u] ?? [];
      const chosen = wanted?.get(u);
      const channels: Record<string, number> = {};
      frame.forEach((v, i) => {
        // With fixtures chosen, every one of their channels is recorded (a 0 is part of the look); else non-zero ones.
        if (chosen ? chosen.has(i + 1) : v > 0) channels[String(i + 1)] = v;
      });
      if (Object.keys(channels).length) values[String(u)] = channels;
    }
    return values;
  }

  private notRunning(): CoreError {
    return new CoreError('unavailable', this.deps.settings().dmx.enabled ? 'the DMX engine is not running (see Settings → Services)' : 'the DMX engine is off (Settings → DMX turns it on)');
  }

  private checkUniverse(u: number): void {
    const count = this.current?.universes ?? 0;
    if (!this.worker) throw this.notRunning();
    if (u < 1 || u > count) throw new CoreError('invalid', `universe ${u} is not 1–${count} (Settings → DMX sets how many the engine runs)`, [{ path: 'universe', message: `1–${count}` }]);
  }
}
