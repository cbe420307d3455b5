// The patch compiled for the merge: per universe, how each channel merges and which channels pair up as 16-bit.
import { DMX_CHANNELS, dmxColourTypes, type DmxFixture } from '../../../preload/contract/dmx.ts';

/** Highest takes precedence, scaled by grand master/blackout: intensity channels and unpatched channels. */
export const KIND_HTP = 0;
/** Latest change wins, but scaled by grand master/blackout: colour channels of a fixture with no intensity channel. */
export const KIND_LTP_MASTERED = 1;
/** Latest change wins, never scaled: pan, tilt, generic, and colour on fixtures that have an intensity channel. */
export const KIND_LTP = 2;
export type ChannelKind = typeof KIND_HTP | typeof KIND_LTP_MASTERED | typeof KIND_LTP;

/** One universe's merge rules, indexed by channel 0..511 (DMX address − 1). */
export interface UniversePatch {
  readonly kind: Uint8Array;
  /** For a coarse channel of a 16-bit pair, its fine channel; else −1. */
  readonly fineOf: Int16Array;
  /** For a fine channel of a 16-bit pair, its coarse channel; else −1 (the merge skips fine channels). */
  readonly coarseOf: Int16Array;
  /** 1 on both channels of every 16-bit pair (the fast 8-bit passes skip them). */
  readonly inPair: Uint8Array;
  /** Coarse channel of each pair, ascending. */
  pairs: Int16Array;
}

function emptyUniversePatch(): UniversePatch {
  return {
    kind: new Uint8Array(DMX_CHANNELS),
    fineOf: new Int16Array(DMX_CHANNELS).fill(-1),
    coarseOf: new Int16Array(DMX_CHANNELS).fill(-1),
    inPair: new Uint8Array(DMX_CHANNELS),
    pairs: new Int16Array(0),
  };
}

/** Every unpatched universe shares this one (all raw intensity, no pairs); nobody writes to it. */
export const UNPATCHED: UniversePatch = emptyUniversePatch();

export interface CompiledPatch {
  /** Index = universe number (1..count); index 0 is unused. */
  readonly universes: readonly UniversePatch[];
  readonly problems: readonly string[];
}

/**
 * Compiles fixtures into per-universe merge rules. Checks what the engine relies on (universe in range,
 * fixture fits, pairs valid, no overlaps) and reports each problem; the caller applies the patch only when
 * there are none.
 */
export function compilePatch(fixtures: readonly DmxFixture[], universeCount: number): CompiledPatch {
  const universes: UniversePatch[] = [UNPATCHED];
  for (let u = 1; u <= universeCount; u++) universes.push(UNPATCHED);
  const problems: string[] = [];
  const owned = new Map<number, string>();

  for (const f of fixtures) {
    const label = `fixture "${f.name}" (${f.id})`;
    if (!Number.isInteger(f.universe) || f.universe < 1 || f.universe > universeCount) {
      problems.push(`${label}: universe ${f.universe} is outside 1–${universeCount}`);
      continue;
    }
    const first = f.address - 1;
    if (!Number.isInteger(f.address) || first < 0 || first + f.channels.length > DMX_CHANNELS || f.channels.length === 0) {
      problems.push(`${label}: channels ${f.address}–${f.address + f.channels.length - 1} do not fit in 1–512`);
      continue;
    }
    let patch = universes[f.universe]!;
    if (patch === UNPATCHED) universes[f.universe] = patch = emptyUniversePatch();

    const hasIntensity = f.channels.includes('intensity');
    let overlap = false;
    f.channels.forEach((type, i) => {
      const key = f.universe * 1024 + first + i;
      const other = owned.get(key);
      if (other !== undefined && !overlap) {
        problems.push(`${label} overlaps ${other} at ${f.universe}.${first + i + 1}`);
        overlap = true;
      }
      owned.set(key, label);
      patch.kind[first + i] = type === 'intensity' ? KIND_HTP : !hasIntensity && dmxColourTypes.includes(type) ? KIND_LTP_MASTERED : KIND_LTP;
    });

    for (const [coarse, fine] of f.fine ?? []) {
      const ok = Number.isInteger(coarse) && Number.isInteger(fine) && coarse >= 0 && fine >= 0 && coarse < f.channels.length && fine < f.channels.length && coarse !== fine;
      if (!ok) {
        problems.push(`${label}: 16-bit pair [${coarse}, ${fine}] is not two different channels of the fixture`);
        continue;
      }
      const c = first + coarse;
      const n = first + fine;
      if (patch.fineOf[c] !== -1 || patch.coarseOf[c] !== -1 || patch.fineOf[n] !== -1 || patch.coarseOf[n] !== -1) {
        problems.push(`${label}: channel in two 16-bit pairs`);
        continue;
      }
      patch.fineOf[c] = n;
      patch.coarseOf[n] = c;
      patch.inPair[c] = patch.inPair[n] = 1;
      // The pair is one value, so it merges and scales by its coarse channel's rule.
      patch.kind[n] = patch.kind[c]!;
    }
  }
  for (const patch of universes) {
    if (patch === UNPATCHED) continue;
    const coarse: number[] = [];
    patch.fineOf.forEach((f, c) => f >= 0 && coarse.push(c));
    patch.pairs = Int16Array.from(coarse);
  }
  return { universes, problems };
}
