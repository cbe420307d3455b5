// A layer is one source of DMX (a playback, the manual layer, an input). Per universe it holds a slot:
// which channels it sets, their values, the order of their latest change (for LTP) and any fade in progress.
import { DMX_CHANNELS } from '../../../preload/contract/dmx.ts';
import { KIND_HTP, type UniversePatch } from './patch.ts';

export type LayerKind = 'playback' | 'manual' | 'input';

/** Channel holds its value. */
export const PHASE_STATIC = 0;
/** Channel fades from `start` to `target` on the layer's clock. */
export const PHASE_FADE_IN = 1;
/** Channel fades out on the layer's clock, then is released: HTP towards 0, LTP towards whatever is underneath. */
export const PHASE_RELEASE = 2;

export class LayerSlot {
  readonly universe: number;
  readonly layer: Layer;
  /** 1 where this layer sets the channel. */
  readonly set = new Uint8Array(DMX_CHANNELS);
  /** The layer's value now (for an LTP channel being released: the value the release started from). */
  readonly values = new Uint8Array(DMX_CHANNELS);
  /** Change serial of each channel's latest change: larger = later. A serial, not a time, so two changes in one ms still order. */
  readonly serial = new Float64Array(DMX_CHANNELS);
  readonly start = new Uint8Array(DMX_CHANNELS);
  readonly target = new Uint8Array(DMX_CHANNELS);
  readonly phase = new Uint8Array(DMX_CHANNELS);
  /** Channels whose phase is not static (so a settled slot costs nothing to advance); may overcount. */
  moving = 0;
  /** Some channel may be in PHASE_RELEASE (the merge then checks LTP winners that are releasing). */
  hasReleases = false;

  constructor(layer: Layer, universe: number) {
    this.layer = layer;
    this.universe = universe;
  }

  isEmpty(): boolean {
    return this.set.indexOf(1) < 0;
  }
}

export class Layer {
  readonly id: string;
  readonly kind: LayerKind;
  readonly slots = new Map<number, LayerSlot>();
  /** The layer's fade clock (one per layer: a GO or release moves all its channels together). */
  fadeStart = 0;
  fadeMs = 0;
  /** 0..1 on the clock, as of the last advance. */
  progress = 1;
  /** True while some channel still moves on the clock. */
  fading = false;
  /** Id of the look last sent with GO; null before any GO and after a release. */
  lookId: string | null = null;
  /** True from a release with a fade until it completes. */
  releasing = false;
  /** Whether a GO or release ever started the clock (progress is reported as 0 before). */
  everStarted = false;

  constructor(id: string, kind: LayerKind) {
    this.id = id;
    this.kind = kind;
  }
}

/** Reads a channel (f < 0) or a 16-bit pair (coarse c, fine f) from a byte array. */
export function read16(a: Uint8Array, c: number, f: number): number {
  return f < 0 ? a[c]! : (a[c]! << 8) | a[f]!;
}

/** Writes a channel (f < 0) or a 16-bit pair from a value of the matching width. */
export function write16(a: Uint8Array, c: number, f: number, v: number): void {
  if (f < 0) a[c] = v;
  else {
    a[c] = v >> 8;
    a[f] = v & 255;
  }
}

const lerp = (from: number, to: number, p: number) => Math.round(from + (to - from) * p);

/**
 * Moves a fading layer's values to time `now` (progress = (now − fadeStart) / fadeMs, so the result depends on
 * the time only, never on how often this is called). When the fade completes, targets are reached and
 * released channels leave the layer. Returns whether the layer was fading (its universes must be re-merged).
 */
export function advanceLayer(layer: Layer, now: number, patches: readonly UniversePatch[]): boolean {
  if (!layer.fading) return false;
  const raw = layer.fadeMs > 0 ? (now - layer.fadeStart) / layer.fadeMs : 1;
  // A broken clock (NaN) ends the fade rather than leaving it running for ever.
  const p = Number.isNaN(raw) ? 1 : Math.min(1, Math.max(0, raw));
  layer.progress = p;
  const done = p >= 1;
  for (const slot of layer.slots.values()) {
    if (slot.moving === 0) continue;
    const { phase, values, start, target, set } = slot;
    if (done) {
      // Byte by byte is exact here: a pair's bytes share a phase and land on their target bytes.
      for (let c = 0; c < DMX_CHANNELS; c++) {
        const ph = phase[c]!;
        if (ph === PHASE_FADE_IN) values[c] = target[c]!;
        else if (ph === PHASE_RELEASE) set[c] = values[c] = 0;
      }
      phase.fill(PHASE_STATIC);
      slot.moving = 0;
      slot.hasReleases = false;
      continue;
    }
    const { kind, inPair, pairs, fineOf } = patches[slot.universe]!;
    for (let c = 0; c < DMX_CHANNELS; c++) {
      const ph = phase[c]!;
      if (ph === PHASE_STATIC || inPair[c] === 1) continue;
      if (ph === PHASE_FADE_IN) values[c] = lerp(start[c]!, target[c]!, p);
      else if (kind[c] === KIND_HTP) values[c] = lerp(start[c]!, 0, p);
      // An LTP release keeps its start value; the merge blends it towards what is underneath.
    }
    for (let i = 0; i < pairs.length; i++) {
      const c = pairs[i]!;
      const f = fineOf[c]!;
      const ph = phase[c]!;
      if (ph === PHASE_FADE_IN) write16(values, c, f, lerp(read16(start, c, f), read16(target, c, f), p));
      else if (ph === PHASE_RELEASE && kind[c] === KIND_HTP) write16(values, c, f, lerp(read16(start, c, f), 0, p));
    }
  }
  if (done) {
    layer.fading = false;
    layer.releasing = false;
  }
  return true;
}
