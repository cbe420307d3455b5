// The DMX engine: universes, per-source layers, HTP/LTP merge by patch, grand master, blackout, fades and
// cue lists. Pure and synchronous: every time is a `now` in ms from the caller's monotonic clock, every input
// is plain data, every answer is plain data (so a worker can drive it by messages).
import { DMX_CHANNELS, DMX_UNIVERSE_MAX, type DmxFixture, type DmxLookValues } from '../../../preload/contract/dmx.ts';
import { CueListState, type CompiledCue, type EngineCueList } from './cue-list.ts';
import { advanceLayer, Layer, LayerSlot, PHASE_FADE_IN, PHASE_RELEASE, PHASE_STATIC, read16, write16, type LayerKind } from './layer.ts';
import { compileLook, EMPTY_LOOK, type CompiledLook } from './look.ts';
import { Master, type BlackoutStatus } from './master.ts';
import { ltpValue, MergeScratch, mergedValue, renderUniverse } from './merge.ts';
import { compilePatch, KIND_HTP, type UniversePatch } from './patch.ts';

export interface DmxEngineOptions {
  /** Number of universes, numbered 1..N (default 64). */
  universes?: number;
  /** Backing store for the outputs (N × 512 bytes, universe u at (u − 1) × 512), e.g. a SharedArrayBuffer. */
  outputBuffer?: ArrayBufferLike;
}

export type Result = { ok: true } | { ok: false; error: string };

/** A look to GO to: its id (reported back as the playback's active look) and its values. */
export interface Look {
  id: string;
  values: DmxLookValues;
}

export interface CueListStatus {
  loop: boolean;
  count: number;
  /** Index (0-based) of the cue last played; −1 = nothing played. */
  current: number;
  currentId: string | null;
  /** Index GO would play; −1 = none (end of a list without loop). */
  next: number;
  nextId: string | null;
  /** When the pending auto-follow fires (clock ms), or null. */
  followDueAt: number | null;
}

export interface PlaybackStatus {
  id: string;
  /** Look last sent with GO (a cue's scene id for cue lists); null before any GO and after a release. */
  lookId: string | null;
  /** True while the latest GO's or release's fade time has not run out. */
  fading: boolean;
  /** Progress of the latest GO's or release's fade, 0..1 (1 for a snap; 0 before anything ran). */
  progress: number;
  /** True while a release with a fade is running. */
  releasing: boolean;
  cueList: CueListStatus | null;
}

export interface LayerInfo {
  id: string;
  kind: LayerKind;
  universes: number[];
}

const MANUAL = 'manual';
const ok: Result = { ok: true };
const fail = (error: string): Result => ({ ok: false, error });
const badTime = (ms: number | undefined) => ms !== undefined && !(Number.isFinite(ms) && ms >= 0);

export class DmxEngine {
  readonly universeCount: number;
  /** Index = universe: 1 if the last render changed that universe's output (index 0 unused). */
  readonly changed: Uint8Array;
  readonly outputBuffer: ArrayBufferLike;
  private readonly outputs: Uint8Array[];
  private readonly dirty: Uint8Array;
  private readonly universeSlots: LayerSlot[][];
  private readonly layers = new Map<string, Layer>();
  private readonly cueLists = new Map<string, CueListState>();
  private readonly master = new Master();
  private patches: readonly UniversePatch[];
  private renderedFactor = 1;
  private serial = 0;
  private readonly lookScratch = new Int16Array(DMX_CHANNELS);
  private readonly mergeScratch = new MergeScratch();

  constructor(options: DmxEngineOptions = {}) {
    const n = options.universes ?? 64;
    if (!Number.isInteger(n) || n < 1 || n > DMX_UNIVERSE_MAX) throw new RangeError(`universes must be 1–${DMX_UNIVERSE_MAX}, not ${n}`);
    const buffer = options.outputBuffer ?? new ArrayBuffer(n * DMX_CHANNELS);
    if (buffer.byteLength < n * DMX_CHANNELS) throw new RangeError(`outputBuffer needs ${n * DMX_CHANNELS} bytes, has ${buffer.byteLength}`);
    this.universeCount = n;
    this.outputBuffer = buffer;
    this.outputs = [new Uint8Array(0)];
    this.universeSlots = [[]];
    for (let u = 1; u <= n; u++) {
      this.outputs.push(new Uint8Array(buffer, (u - 1) * DMX_CHANNELS, DMX_CHANNELS));
      this.universeSlots.push([]);
    }
    this.changed = new Uint8Array(n + 1);
    this.dirty = new Uint8Array(n + 1).fill(1);
    this.dirty[0] = 0;
    this.patches = compilePatch([], n).universes;
    this.layers.set(MANUAL, new Layer(MANUAL, 'manual'));
  }

  /** Universe u's output after merge, grand master and blackout: the same live buffer every time (no copy). */
  output(universe: number): Uint8Array {
    const out = this.outputs[universe];
    if (universe < 1 || out === undefined) throw new RangeError(`universe ${universe} is not 1–${this.universeCount}`);
    return out;
  }

  // ── patch, grand master, blackout ─────────────────────────────────────────────────────────────────

  /** Replaces the patch. Nothing changes when any fixture is unusable; the error lists every problem. */
  setPatch(fixtures: readonly DmxFixture[]): Result {
    const compiled = compilePatch(fixtures, this.universeCount);
    if (compiled.problems.length > 0) return fail(compiled.problems.join('; '));
    this.patches = compiled.universes;
    this.markAllDirty();
    return ok;
  }

  get grandMaster(): number {
    return this.master.grandMaster;
  }

  /** Grand master 0..1: scales intensity-like channels (intensity, unpatched, colour of fixtures without intensity). */
  setGrandMaster(level: number): Result {
    if (!Number.isFinite(level) || level < 0 || level > 1) return fail(`grand master must be 0–1, not ${level}`);
    this.master.grandMaster = level;
    return ok;
  }

  /**
   * Blackout on/off, instantly or over `fadeMs` (a full swing; a toggle mid-fade turns round from where it is).
   * Releasing without a time reuses the time it went on with. Scales the same channels as the grand master.
   */
  setBlackout(on: boolean, now: number, fadeMs?: number): Result {
    if (badTime(fadeMs)) return fail(`fadeMs must be ≥ 0, not ${fadeMs}`);
    this.master.setBlackout(on, now, fadeMs);
    return ok;
  }

  blackout(now: number): BlackoutStatus {
    return this.master.blackout(now);
  }

  // ── manual layer and inputs ───────────────────────────────────────────────────────────────────────

  /**
   * Sets channels on a manual layer (default "manual"): `{"<channel 1–512>": 0–255}`. All or nothing: one bad
   * entry rejects the call. Setting one byte of a 16-bit pair the layer does not hold yet takes the other byte
   * from what is on stage, so the pair does not jump.
   */
  setChannels(universe: number, values: Readonly<Record<string, number>>, now: number, layerId: string = MANUAL): Result {
    const bad = this.checkUniverse(universe);
    if (bad) return bad;
    const entries: [number, number][] = [];
    for (const [key, v] of Object.entries(values)) {
      const ch = Number(key);
      if (!/^[1-9][0-9]*$/.test(key) || ch > DMX_CHANNELS) return fail(`channel "${key}" is not 1–512`);
      if (!Number.isInteger(v) || v < 0 || v > 255) return fail(`value ${String(v)} for channel ${key} is not 0–255`);
      entries.push([ch - 1, v]);
    }
    const layer = this.layerOf(layerId, 'manual');
    if (typeof layer === 'string') return fail(layer);
    if (entries.length === 0) return ok;

    const slot = this.slotFor(layer, universe);
    const patch = this.patches[universe]!;
    const slots = this.universeSlots[universe]!;
    const given = new Set(entries.map((e) => e[0]));
    // Partners first, from the stage as it is before this call changes anything.
    for (const [c] of entries) {
      const partner = patch.fineOf[c]! >= 0 ? patch.fineOf[c]! : patch.coarseOf[c]!;
      if (partner < 0 || given.has(partner) || (slot.set[partner] === 1 && slot.phase[partner] === PHASE_STATIC)) continue;
      const coarse = patch.fineOf[c]! >= 0 ? c : partner;
      const fine = patch.fineOf[coarse]!;
      const stage = mergedValue(slots, patch, coarse, fine);
      entries.push([partner, partner === coarse ? stage >> 8 : stage & 255]);
      given.add(partner);
    }
    const serial = ++this.serial;
    let changed = false;
    for (const [c, v] of entries) {
      if (slot.set[c] === 1 && slot.phase[c] === PHASE_STATIC && slot.values[c] === v) continue; // a re-send does not take over
      slot.set[c] = 1;
      slot.phase[c] = PHASE_STATIC;
      slot.values[c] = v;
      slot.serial[c] = serial;
      changed = true;
    }
    if (changed) this.dirty[universe] = 1;
    return ok;
  }

  /**
   * Releases channels (1–512) of a manual layer, instantly or over `fadeMs` (HTP fades to 0, LTP glides to what
   * is underneath). Channels of a 16-bit pair are released with their partner.
   */
  releaseChannels(universe: number, channels: readonly number[], now: number, fadeMs = 0, layerId: string = MANUAL): Result {
    const bad = this.checkUniverse(universe);
    if (bad) return bad;
    if (badTime(fadeMs)) return fail(`fadeMs must be ≥ 0, not ${fadeMs}`);
    for (const ch of channels) if (!Number.isInteger(ch) || ch < 1 || ch > DMX_CHANNELS) return fail(`channel ${ch} is not 1–512`);
    const layer = this.layers.get(layerId);
    const slot = layer?.slots.get(universe);
    if (layer === undefined || slot === undefined) return ok;

    this.advanceAll(now);
    if (fadeMs > 0) this.restartClock(layer, now, fadeMs);
    const patch = this.patches[universe]!;
    const slots = this.universeSlots[universe]!;
    for (const ch of channels) {
      const c0 = ch - 1;
      const c = patch.coarseOf[c0]! >= 0 ? patch.coarseOf[c0]! : c0;
      const f = patch.fineOf[c]!;
      if (slot.set[c] === 0 && (f < 0 || slot.set[f] === 0)) continue;
      const own = this.ownValue(slot, slots, patch, c, f);
      this.releaseChannel(slot, c, f, own, fadeMs > 0);
    }
    this.dirty[universe] = 1;
    if (slot.isEmpty()) this.dropSlot(slot);
    return ok;
  }

  /**
   * An input source's frame for one universe (Art-Net, sACN, serial): it replaces the layer's values there.
   * Channels past the frame's length are not set by this source. Only channels whose value differs from the
   * source's previous frame count as a change (LTP), so a source re-sending the same frame takes nothing over.
   */
  setInputFrame(layerId: string, universe: number, frame: ArrayLike<number>, _now: number): Result {
    const bad = this.checkUniverse(universe);
    if (bad) return bad;
    if (frame.length > DMX_CHANNELS) return fail(`a DMX frame has at most 512 channels, not ${frame.length}`);
    const layer = this.layerOf(layerId, 'input');
    if (typeof layer === 'string') return fail(layer);
    const slot = this.slotFor(layer, universe);
    const serial = ++this.serial;
    const { set, values, phase } = slot;
    let changed = false;
    for (let c = 0; c < frame.length; c++) {
      const v = frame[c]! & 255;
      if (set[c] === 1 && phase[c] === PHASE_STATIC && values[c] === v) continue;
      set[c] = 1;
      phase[c] = PHASE_STATIC;
      values[c] = v;
      slot.serial[c] = serial;
      changed = true;
    }
    for (let c = frame.length; c < DMX_CHANNELS; c++) {
      if (set[c] === 0) continue;
      set[c] = values[c] = phase[c] = 0;
      changed = true;
    }
    if (changed) this.dirty[universe] = 1;
    if (slot.isEmpty()) this.dropSlot(slot);
    return ok;
  }

  /**
   * Releases a whole layer (a playback, an input, the manual layer), instantly or over `fadeMs`. A cue list
   * goes back to "nothing played". An input layer is forgotten once released.
   */
  releaseLayer(layerId: string, now: number, fadeMs = 0): Result {
    if (badTime(fadeMs)) return fail(`fadeMs must be ≥ 0, not ${fadeMs}`);
    const layer = this.layers.get(layerId);
    this.cueLists.get(layerId)?.reset();
    if (layer === undefined) return ok;
    this.applyLook(layer, EMPTY_LOOK, fadeMs, now);
    layer.lookId = null;
    layer.releasing = layer.fading;
    this.forgetIfGone(layer);
    return ok;
  }

  // ── playbacks ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * GO: crossfades playback `playbackId` from what is on stage to `look` over `fadeMs` (0 = snap). HTP channels
   * start from the playback's own value, LTP channels from the merged output; channels the playback held that
   * are not in the look fade out and are released. A GO during a fade starts from the mid-fade values.
   */
  go(playbackId: string, look: Look, fadeMs: number, now: number): Result {
    if (badTime(fadeMs)) return fail(`fadeMs must be ≥ 0, not ${fadeMs}`);
    const compiled = compileLook(look.id, look.values, this.universeCount);
    if (typeof compiled === 'string') return fail(compiled);
    const layer = this.layerOf(playbackId, 'playback');
    if (typeof layer === 'string') return fail(layer);
    const cues = this.cueLists.get(playbackId);
    if (cues) cues.followDue = null;
    this.play(layer, compiled, fadeMs, now);
    return ok;
  }

  /**
   * Loads a cue list into playback `playbackId` (see resolveCueList for stored lists). The output does not
   * change; the position is kept when the current cue's id is still in the list, else it goes back to
   * "nothing played". A pending auto-follow is cancelled.
   */
  loadCueList(playbackId: string, list: EngineCueList): Result {
    const layer = this.layerOf(playbackId, 'playback');
    if (typeof layer === 'string') return fail(layer);
    const cues: CompiledCue[] = [];
    for (const [i, cue] of list.cues.entries()) {
      if (badTime(cue.fadeMs) || badTime(cue.followMs)) return fail(`cue ${i + 1} ("${cue.id}"): times must be ≥ 0`);
      const look = compileLook(cue.look.id, cue.look.values, this.universeCount);
      if (typeof look === 'string') return fail(`cue ${i + 1} ("${cue.id}"): ${look}`);
      cues.push({ id: cue.id, look, fadeMs: cue.fadeMs, followMs: cue.followMs ?? null });
    }
    const previous = this.cueLists.get(playbackId);
    const state = new CueListState(cues, list.loop);
    const currentId = previous && previous.current >= 0 ? previous.cues[previous.current]?.id : undefined;
    state.current = currentId === undefined ? -1 : cues.findIndex((c) => c.id === currentId);
    this.cueLists.set(playbackId, state);
    return ok;
  }

  /** GO on a cue list: the next cue (the first when nothing played; after the last, the first if it loops). */
  cueGo(playbackId: string, now: number): Result {
    const state = this.cueLists.get(playbackId);
    if (state === undefined) return fail(`no cue list is loaded on "${playbackId}"`);
    const next = state.nextIndex();
    if (next < 0) return fail(state.cues.length === 0 ? 'the cue list is empty' : 'the last cue is already playing');
    this.playCue(playbackId, state, next, now, true);
    return ok;
  }

  /** BACK: the previous cue with its own fade. Does not arm that cue's auto-follow. */
  cueBack(playbackId: string, now: number): Result {
    const state = this.cueLists.get(playbackId);
    if (state === undefined) return fail(`no cue list is loaded on "${playbackId}"`);
    const previous = state.previousIndex();
    if (previous < 0) return fail(state.current < 0 ? 'nothing has played yet' : 'the first cue is already playing');
    this.playCue(playbackId, state, previous, now, false);
    return ok;
  }

  /** Plays cue `index` (0-based) with its fade, arming its auto-follow. */
  cueJump(playbackId: string, index: number, now: number): Result {
    const state = this.cueLists.get(playbackId);
    if (state === undefined) return fail(`no cue list is loaded on "${playbackId}"`);
    if (!Number.isInteger(index) || index < 0 || index >= state.cues.length) return fail(`cue index ${index} is not 0–${state.cues.length - 1}`);
    this.playCue(playbackId, state, index, now, true);
    return ok;
  }

  /**
   * Fires every auto-follow due at or before `now`, each at its exact due time (so a late tick changes
   * nothing: the fades run as if it had come on time). Returns the playbacks whose cue changed. render()
   * calls this itself; call it first only to learn which playbacks moved.
   */
  tick(now: number): string[] {
    const moved: string[] = [];
    for (const [id, state] of this.cueLists) {
      let budget = state.cues.length + 1;
      let fired = false;
      while (state.followDue !== null && state.followDue <= now && budget-- > 0) {
        const at = state.followDue;
        const next = state.nextIndex();
        if (next < 0) {
          state.followDue = null;
          break;
        }
        this.playCue(id, state, next, at, true);
        fired = true;
        if (state.followDue === at) break; // a zero-length step: one per tick, never a spin
      }
      // Far behind (the clock jumped): carry on from now rather than replaying the missed steps.
      if (budget < 0 && state.followDue !== null && state.followDue < now) state.followDue = now;
      if (fired) moved.push(id);
    }
    return moved;
  }

  playbackStatus(playbackId: string, now: number): PlaybackStatus | undefined {
    const layer = this.layers.get(playbackId);
    if (layer === undefined || layer.kind !== 'playback') return undefined;
    const fading = layer.everStarted && now < layer.fadeStart + layer.fadeMs;
    const progress = !layer.everStarted ? 0 : layer.fadeMs <= 0 ? 1 : Math.min(1, Math.max(0, (now - layer.fadeStart) / layer.fadeMs));
    const state = this.cueLists.get(playbackId);
    let cueList: CueListStatus | null = null;
    if (state) {
      const next = state.nextIndex();
      cueList = {
        loop: state.loop,
        count: state.cues.length,
        current: state.current,
        currentId: state.cues[state.current]?.id ?? null,
        next,
        nextId: state.cues[next]?.id ?? null,
        followDueAt: state.followDue,
      };
    }
    return { id: playbackId, lookId: layer.lookId, fading, progress, releasing: layer.releasing && fading, cueList };
  }

  playbacks(now: number): PlaybackStatus[] {
    const out: PlaybackStatus[] = [];
    for (const layer of this.layers.values()) if (layer.kind === 'playback') out.push(this.playbackStatus(layer.id, now)!);
    return out;
  }

  /**
   * The merged output of a universe at `now` BEFORE grand master and blackout, as a fresh copy: what to record
   * into a scene ("record from the current output" must not capture a blackout or a pulled-down master).
   */
  preMasterOutput(universe: number, now: number): Uint8Array {
    if (this.checkUniverse(universe)) throw new RangeError(`universe ${universe} is not 1–${this.universeCount}`);
    this.advanceAll(now);
    const patch = this.patches[universe]!;
    const slots = this.universeSlots[universe]!;
    const out = new Uint8Array(DMX_CHANNELS);
    for (let c = 0; c < DMX_CHANNELS; c++) {
      const f = patch.fineOf[c]!;
      if (f < 0 && patch.coarseOf[c]! >= 0) continue;
      write16(out, c, f, mergedValue(slots, patch, c, f));
    }
    return out;
  }

  layerInfo(): LayerInfo[] {
    return [...this.layers.values()].map((l) => ({ id: l.id, kind: l.kind, universes: [...l.slots.keys()].sort((a, b) => a - b) }));
  }

  // ── render ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Computes the output of every universe whose sources changed or that has a fade or timed blackout
   * running (and only those), sets `changed` and returns the universes whose output changed.
   * Runs tick(now) first, so auto-follows fire even if the caller never ticks.
   */
  render(now: number): number[] {
    this.tick(now);
    this.advanceAll(now);
    const factor = this.master.factor(now);
    if (factor !== this.renderedFactor) {
      this.renderedFactor = factor;
      this.markAllDirty();
    }
    const changed = this.changed;
    changed.fill(0);
    const list: number[] = [];
    for (let u = 1; u <= this.universeCount; u++) {
      if (this.dirty[u] === 0) continue;
      this.dirty[u] = 0;
      if (renderUniverse(this.universeSlots[u]!, this.patches[u]!, factor, this.outputs[u]!, this.mergeScratch)) {
        changed[u] = 1;
        list.push(u);
      }
    }
    return list;
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────────────

  private checkUniverse(universe: number): Result | undefined {
    return Number.isInteger(universe) && universe >= 1 && universe <= this.universeCount ? undefined : fail(`universe ${universe} is not 1–${this.universeCount}`);
  }

  private layerOf(id: string, kind: LayerKind): Layer | string {
    if (typeof id !== 'string' || id.length === 0) return 'a layer needs an id';
    const existing = this.layers.get(id);
    if (existing) return existing.kind === kind ? existing : `"${id}" is already a ${existing.kind} layer (wanted ${kind})`;
    const layer = new Layer(id, kind);
    this.layers.set(id, layer);
    return layer;
  }

  private slotFor(layer: Layer, universe: number): LayerSlot {
    let slot = layer.slots.get(universe);
    if (slot === undefined) {
      slot = new LayerSlot(layer, universe);
      layer.slots.set(universe, slot);
      this.universeSlots[universe]!.push(slot);
    }
    return slot;
  }

  private dropSlot(slot: LayerSlot): void {
    slot.layer.slots.delete(slot.universe);
    const list = this.universeSlots[slot.universe]!;
    const i = list.indexOf(slot);
    if (i >= 0) list.splice(i, 1);
    this.dirty[slot.universe] = 1;
  }

  private forgetIfGone(layer: Layer): void {
    if (layer.kind === 'input' && layer.slots.size === 0) this.layers.delete(layer.id);
  }

  private markAllDirty(): void {
    this.dirty.fill(1);
    this.dirty[0] = 0;
  }

  /** Brings every fading layer to `now`; finished fades drop the channels they released. */
  private advanceAll(now: number): void {
    for (const layer of this.layers.values()) {
      if (!advanceLayer(layer, now, this.patches)) continue;
      for (const slot of layer.slots.values()) {
        this.dirty[slot.universe] = 1;
        if (!layer.fading && slot.isEmpty()) this.dropSlot(slot);
      }
      if (!layer.fading) this.forgetIfGone(layer);
    }
  }

  /**
   * What this layer puts on stage for a channel/pair now. For an LTP channel mid-release that is its start
   * blended towards the latest other layer, as the merge shows it.
   */
  private ownValue(slot: LayerSlot, slots: readonly LayerSlot[], patch: UniversePatch, c: number, f: number): number {
    if (slot.phase[c] !== PHASE_RELEASE || patch.kind[c] === KIND_HTP) return read16(slot.values, c, f);
    let under: LayerSlot | undefined;
    let underSerial = -1;
    for (const s of slots) {
      if (s === slot || (s.set[c] === 0 && (f < 0 || s.set[f] === 0))) continue;
      const serial = f < 0 ? s.serial[c]! : Math.max(s.serial[c]!, s.serial[f]!);
      if (serial > underSerial) {
        under = s;
        underSerial = serial;
      }
    }
    const from = read16(slot.start, c, f);
    const to = under === undefined ? 0 : read16(under.values, c, f);
    return Math.round(from + (to - from) * slot.layer.progress);
  }

  private releaseChannel(slot: LayerSlot, c: number, f: number, own: number, fade: boolean): void {
    if (fade) {
      write16(slot.start, c, f, own);
      write16(slot.values, c, f, own);
      slot.phase[c] = PHASE_RELEASE;
      if (f >= 0) slot.phase[f] = PHASE_RELEASE;
      slot.moving++;
      slot.hasReleases = true;
      slot.layer.fading = true;
    } else {
      slot.set[c] = slot.values[c] = slot.phase[c] = 0;
      if (f >= 0) slot.set[f] = slot.values[f] = slot.phase[f] = 0;
    }
  }

  /** Starts a new fade clock on a layer, re-basing channels still moving at their current values (no jump). */
  private restartClock(layer: Layer, now: number, fadeMs: number): void {
    for (const slot of layer.slots.values()) {
      if (slot.moving === 0) continue;
      const patch = this.patches[slot.universe]!;
      const slots = this.universeSlots[slot.universe]!;
      for (let c = 0; c < DMX_CHANNELS; c++) {
        if (slot.phase[c] === PHASE_STATIC || patch.coarseOf[c]! >= 0) continue;
        const f = patch.fineOf[c]!;
        const own = this.ownValue(slot, slots, patch, c, f);
        write16(slot.start, c, f, own);
        write16(slot.values, c, f, own);
      }
    }
    layer.fadeStart = now;
    layer.fadeMs = fadeMs;
    layer.progress = 0;
    layer.everStarted = true;
  }

  private playCue(playbackId: string, state: CueListState, index: number, at: number, armFollow: boolean): void {
    const cue = state.cues[index]!;
    const layer = this.layerOf(playbackId, 'playback') as Layer;
    this.play(layer, cue.look, cue.fadeMs, at);
    state.played(index, at, armFollow);
  }

  private play(layer: Layer, look: CompiledLook, fadeMs: number, now: number): void {
    this.applyLook(layer, look, fadeMs, now);
    layer.lookId = look.id;
    layer.releasing = false;
  }

  /**
   * The heart of GO and release: every channel in `look` gets a new target (starting from the stage for LTP,
   * from the layer's own value for HTP); every channel the layer held that is not in `look` is released.
   * Then the layer's clock restarts at `now`.
   */
  private applyLook(layer: Layer, look: CompiledLook, fadeMs: number, now: number): void {
    this.advanceAll(now);
    const fade = fadeMs > 0;
    const serial = ++this.serial;
    const universes = new Set<number>(layer.slots.keys());
    for (const lu of look.universes) universes.add(lu.universe);
    let moving = false;
    for (const u of universes) {
      const entry = look.universes.find((lu) => lu.universe === u);
      const slot = entry ? this.slotFor(layer, u) : layer.slots.get(u)!;
      const patch = this.patches[u]!;
      const slots = this.universeSlots[u]!;
      const wanted = this.lookScratch.fill(-1);
      if (entry) for (let i = 0; i < entry.channels.length; i++) wanted[entry.channels[i]!] = entry.values[i]!;
      slot.moving = 0;
      for (let c = 0; c < DMX_CHANNELS; c++) {
        const f = patch.fineOf[c]!;
        if (f < 0 && patch.coarseOf[c]! >= 0) continue; // fine channel: handled with its coarse
        let target: number;
        if (f < 0) target = wanted[c]!;
        else {
          // A look naming one byte of a pair means the other byte is 0: the pair is one value.
          const hi = wanted[c]!;
          const lo = wanted[f]!;
          target = hi < 0 && lo < 0 ? -1 : (Math.max(hi, 0) << 8) | Math.max(lo, 0);
        }
        if (this.applyChannel(slot, slots, patch, c, f, target, serial, fade)) slot.moving++;
      }
      if (slot.moving > 0) moving = true;
      this.dirty[u] = 1;
      if (slot.isEmpty()) this.dropSlot(slot);
    }
    layer.fadeStart = now;
    layer.fadeMs = fade ? fadeMs : 0;
    layer.progress = moving ? 0 : 1;
    layer.fading = moving;
    layer.everStarted = true;
  }

  /** One channel (or pair) of a GO; returns whether it now moves on the layer's clock. */
  private applyChannel(slot: LayerSlot, slots: readonly LayerSlot[], patch: UniversePatch, c: number, f: number, target: number, serial: number, fade: boolean): boolean {
    const held = slot.set[c] === 1 || (f >= 0 && slot.set[f] === 1);
    if (!held && target < 0) return false;
    const phase = slot.phase[c]!;
    const own = held ? this.ownValue(slot, slots, patch, c, f) : 0;
    if (target < 0) {
      this.releaseChannel(slot, c, f, own, fade); // counts itself in slot.moving
      return false;
    }
    // Where was this layer already heading? Only a different destination is a change that takes LTP over.
    const heading = !held || phase === PHASE_RELEASE ? -1 : phase === PHASE_FADE_IN ? read16(slot.target, c, f) : read16(slot.values, c, f);
    const takesOver = heading !== target;
    const from = takesOver && patch.kind[c] !== KIND_HTP ? ltpValue(slots, c, f) : own;
    if (takesOver) {
      slot.serial[c] = serial;
      if (f >= 0) slot.serial[f] = serial;
    }
    slot.set[c] = 1;
    if (f >= 0) slot.set[f] = 1;
    write16(slot.target, c, f, target);
    const moves = fade && from !== target;
    write16(slot.start, c, f, from);
    write16(slot.values, c, f, moves ? from : target);
    slot.phase[c] = moves ? PHASE_FADE_IN : PHASE_STATIC;
    if (f >= 0) slot.phase[f] = slot.phase[c]!;
    return moves;
  }
}
