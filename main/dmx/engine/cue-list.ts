// Cue-list position and auto-follow timing. The engine plays the looks; this only decides which cue and when.
import type { DmxCueList, DmxLookValues, DmxScene } from '../../../preload/contract/dmx.ts';
import type { CompiledLook } from './look.ts';

/** A cue as the engine takes it: the look already resolved from its scene, the fade already chosen. */
export interface EngineCue {
  id: string;
  look: { id: string; values: DmxLookValues };
  fadeMs: number;
  /** Hold after this cue's fade completes, then the next cue fires by itself; omitted = wait for GO. */
  followMs?: number;
}

export interface EngineCueList {
  loop: boolean;
  cues: EngineCue[];
}

export interface CompiledCue {
  readonly id: string;
  readonly look: CompiledLook;
  readonly fadeMs: number;
  readonly followMs: number | null;
}

export class CueListState {
  cues: readonly CompiledCue[];
  loop: boolean;
  /** Index of the cue last played; −1 = nothing played (the next GO plays the first cue). */
  current = -1;
  /** When the pending auto-follow fires (clock ms), or null. */
  followDue: number | null = null;

  constructor(cues: readonly CompiledCue[], loop: boolean) {
    this.cues = cues;
    this.loop = loop;
  }

  /** The cue GO would play: −1 when there is none (end of a list without loop, or an empty list). */
  nextIndex(): number {
    const n = this.cues.length;
    if (n === 0) return -1;
    if (this.current + 1 < n) return this.current + 1;
    return this.loop ? 0 : -1;
  }

  /** The cue BACK would play: −1 when there is none (nothing played, or the first cue without loop). */
  previousIndex(): number {
    const n = this.cues.length;
    if (this.current < 0 || n === 0) return -1;
    if (this.current > 0) return this.current - 1;
    return this.loop ? n - 1 : -1;
  }

  /** Records that cue `index` started at `at`; arms its auto-follow when it has one and `arm` is set. */
  played(index: number, at: number, arm: boolean): void {
    this.current = index;
    const cue = this.cues[index];
    this.followDue = arm && cue !== undefined && cue.followMs !== null && this.nextIndex() >= 0 ? at + cue.fadeMs + cue.followMs : null;
  }

  reset(): void {
    this.current = -1;
    this.followDue = null;
  }
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Turns a stored cue list into the engine's form: each cue's scene looked up, its fade = the cue's fadeMs or
 * else the scene's. Fails naming the first cue whose scene is missing.
 */
export function resolveCueList(list: DmxCueList, scenes: Iterable<DmxScene>): Resolved<EngineCueList> {
  const byId = new Map<string, DmxScene>();
  for (const s of scenes) byId.set(s.id, s);
  const cues: EngineCue[] = [];
  for (const [i, cue] of list.cues.entries()) {
    const scene = byId.get(cue.sceneId);
    if (scene === undefined) return { ok: false, error: `cue ${i + 1} ("${cue.id}") uses scene "${cue.sceneId}", which does not exist` };
    const resolved: EngineCue = { id: cue.id, look: { id: scene.id, values: scene.values }, fadeMs: cue.fadeMs ?? scene.fadeMs };
    if (cue.followMs !== undefined) resolved.followMs = cue.followMs;
    cues.push(resolved);
  }
  return { ok: true, value: { loop: list.loop, cues } };
}
