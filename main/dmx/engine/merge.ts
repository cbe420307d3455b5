// Per-channel merge of the layers that touch one universe, then grand master/blackout, into the output buffer.
// Hot path (44 Hz × every changed universe): no allocation, typed arrays only.
import { DMX_CHANNELS } from '../../../preload/contract/dmx.ts';
import { PHASE_RELEASE, read16, type LayerSlot } from './layer.ts';
import { KIND_HTP, KIND_LTP, type UniversePatch } from './patch.ts';

/**
 * Highest value among the layers that set the channel (or, with f ≥ 0, the pair c/f as one 16-bit value, so
 * both bytes come from the same layer). 0 when no layer sets it.
 */
export function htpValue(slots: readonly LayerSlot[], c: number, f: number): number {
  let best = 0;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (s.set[c] === 0 && (f < 0 || s.set[f] === 0)) continue;
    const v = read16(s.values, c, f);
    if (v > best) best = v;
  }
  return best;
}

/**
 * The value of the layer whose change was latest. If that layer is releasing the channel with a fade, its
 * value blends from where it started towards the next-latest layer's value (0 if none) on its clock, so an
 * LTP release glides to what is underneath instead of dropping to 0 and jumping.
 */
export function ltpValue(slots: readonly LayerSlot[], c: number, f: number): number {
  let winner: LayerSlot | undefined;
  let winnerSerial = -1;
  let under: LayerSlot | undefined;
  let underSerial = -1;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    let serial: number;
    if (f < 0) {
      if (s.set[c] === 0) continue;
      serial = s.serial[c]!;
    } else {
      if (s.set[c] === 0 && s.set[f] === 0) continue;
      serial = Math.max(s.serial[c]!, s.serial[f]!);
    }
    if (serial > winnerSerial) {
      under = winner;
      underSerial = winnerSerial;
      winner = s;
      winnerSerial = serial;
    } else if (serial > underSerial) {
      under = s;
      underSerial = serial;
    }
  }
  if (winner === undefined) return 0;
  if (winner.phase[c] !== PHASE_RELEASE) return read16(winner.values, c, f);
  const from = read16(winner.start, c, f);
  const to = under === undefined ? 0 : read16(under.values, c, f);
  return Math.round(from + (to - from) * winner.layer.progress);
}

/** Pre-master merged value of a channel or pair, whatever its kind. */
export function mergedValue(slots: readonly LayerSlot[], patch: UniversePatch, c: number, f: number): number {
  return patch.kind[c] === KIND_HTP ? htpValue(slots, c, f) : ltpValue(slots, c, f);
}

/** Per-engine work arrays for renderUniverse (kept, so a render allocates nothing). */
export class MergeScratch {
  readonly best = new Int32Array(DMX_CHANNELS);
  readonly bestSerial = new Float64Array(DMX_CHANNELS);
  readonly winner = new Int16Array(DMX_CHANNELS);
}

/**
 * Merges one universe into `out` and scales intensity-like channels by `factor` (grand master × blackout).
 * Returns whether any byte of `out` changed. Single channels go in column passes, one layer at a time
 * (tight loops over typed arrays); 16-bit pairs and LTP releases, which are few, go channel by channel.
 */
export function renderUniverse(slots: readonly LayerSlot[], patch: UniversePatch, factor: number, out: Uint8Array, scratch: MergeScratch): boolean {
  let changed = false;
  if (slots.length === 0) {
    // Nothing sets anything here: all zero (cheap check first; most such universes are already dark).
    for (let c = 0; c < DMX_CHANNELS; c++) {
      if (out[c] !== 0) {
        out.fill(0);
        return true;
      }
    }
    return false;
  }
  const { kind, inPair } = patch;
  const scale = factor !== 1;
  const only = slots[0]!;
  if (slots.length === 1 && !only.hasReleases) {
    // One source (the common case: one playback owns the universe): its values are the merge.
    const { set, values } = only;
    for (let c = 0; c < DMX_CHANNELS; c++) {
      if (inPair[c] === 1) continue;
      let v = set[c] === 0 ? 0 : values[c]!;
      if (scale && kind[c] !== KIND_LTP) v = (v * factor + 0.5) | 0;
      if (out[c] !== v) {
        out[c] = v;
        changed = true;
      }
    }
    return writePairs(slots, patch, factor, out) || changed;
  }
  const { best, bestSerial, winner } = scratch;
  best.fill(0);
  bestSerial.fill(-1);
  let releases = false;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    const { set, values, serial } = s;
    if (s.hasReleases) releases = true;
    for (let c = 0; c < DMX_CHANNELS; c++) {
      if (set[c] === 0) continue;
      if (kind[c] === KIND_HTP) {
        const v = values[c]!;
        if (v > best[c]!) best[c] = v;
      } else {
        const serialC = serial[c]!;
        if (serialC > bestSerial[c]!) {
          bestSerial[c] = serialC;
          best[c] = values[c]!;
          winner[c] = i;
        }
      }
    }
  }
  if (releases) {
    for (let c = 0; c < DMX_CHANNELS; c++) {
      if (kind[c] === KIND_HTP || bestSerial[c]! < 0 || inPair[c] === 1) continue;
      if (slots[winner[c]!]!.phase[c] === PHASE_RELEASE) best[c] = ltpValue(slots, c, -1);
    }
  }
  for (let c = 0; c < DMX_CHANNELS; c++) {
    if (inPair[c] === 1) continue;
    let v = best[c]!;
    if (scale && kind[c] !== KIND_LTP) v = (v * factor + 0.5) | 0;
    if (out[c] !== v) {
      out[c] = v;
      changed = true;
    }
  }
  return writePairs(slots, patch, factor, out) || changed;
}

/** Merges, scales and writes the universe's 16-bit pairs (both bytes from the one winning layer). */
function writePairs(slots: readonly LayerSlot[], patch: UniversePatch, factor: number, out: Uint8Array): boolean {
  const { kind, pairs, fineOf } = patch;
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const c = pairs[i]!;
    const f = fineOf[c]!;
    const k = kind[c]!;
    let v = k === KIND_HTP ? htpValue(slots, c, f) : ltpValue(slots, c, f);
    if (factor !== 1 && k !== KIND_LTP) v = (v * factor + 0.5) | 0;
    const hi = v >> 8;
    const lo = v & 255;
    if (out[c] !== hi || out[f] !== lo) {
      out[c] = hi;
      out[f] = lo;
      changed = true;
    }
  }
  return changed;
}
