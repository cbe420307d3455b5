import type { DmxCueList, DmxScene } from '../../../preload/contract/dmx.ts';
import type { DmxOutputStatus, DmxPlaybackStatus, DmxStatus } from '../../../preload/contract/dmx-api.ts';

/** The scene buttons' playback id in `dmx.status`. */
export const SCENES_PLAYBACK = 'scenes';
export const cueListPlaybackId = (listId: string) => `cuelist:${listId}`;

export function findPlayback(status: DmxStatus | null, id: string): DmxPlaybackStatus | undefined {
  return status?.playbacks.find((p) => p.id === id);
}

/** The scene button's live state: on stage (active), and how far its fade has come. */
export interface SceneButtonState {
  active: boolean;
  fading: boolean;
  /** 0..1 */
  progress: number;
}

export function sceneButtonState(playback: DmxPlaybackStatus | undefined, sceneId: string): SceneButtonState {
  if (!playback || playback.sceneId !== sceneId) return { active: false, fading: false, progress: 0 };
  return { active: true, fading: playback.fading, progress: playback.fading ? Math.min(1, Math.max(0, playback.progress)) : 1 };
}

export interface CueView {
  /** 0-based position in the list. */
  index: number;
  /** "Cue 3". */
  label: string;
  sceneName: string;
  fadeMs: number;
  followMs: number | undefined;
}

export interface CueListView {
  current: CueView | null;
  next: CueView | null;
  /** The list's playback holds nothing (never played, or released). */
  released: boolean;
  fading: boolean;
  progress: number;
  followInMs: number | null;
}

/** A cue in words, with its scene's name and the fade it really uses (its own, else its scene's). */
export function cueView(list: DmxCueList, index: number, scenes: ReadonlyMap<string, DmxScene>): CueView | null {
  const cue = list.cues[index];
  if (!cue) return null;
  const scene = scenes.get(cue.sceneId);
  return { index, label: `Cue ${index + 1}`, sceneName: scene?.name ?? `missing scene ${cue.sceneId}`, fadeMs: cue.fadeMs ?? scene?.fadeMs ?? 0, followMs: cue.followMs };
}

/**
 * What the big current/next display shows for a list. Before its first GO the core has no playback for it:
 * nothing is current and GO plays cue 1.
 */
export function cueListView(list: DmxCueList, playback: DmxPlaybackStatus | undefined, scenes: ReadonlyMap<string, DmxScene>): CueListView {
  const cl = playback?.cueList;
  if (!playback || !cl) {
    return { current: null, next: cueView(list, 0, scenes), released: true, fading: false, progress: 0, followInMs: null };
  }
  return {
    current: cl.current >= 0 ? cueView(list, cl.current, scenes) : null,
    next: cl.next >= 0 ? cueView(list, cl.next, scenes) : null,
    released: playback.sceneId === null,
    fading: playback.fading,
    progress: Math.min(1, Math.max(0, playback.progress)),
    followInMs: cl.followInMs,
  };
}

/** Outputs that need the operator now: lost or failing. */
export function troubledOutputs(status: DmxStatus | null): DmxOutputStatus[] {
  return status?.outputs.filter((o) => o.state === 'lost' || o.state === 'error') ?? [];
}

export const outputStateLabel: Record<DmxOutputStatus['state'], string> = { ok: 'OK', idle: 'Idle', lost: 'LOST', error: 'ERROR', off: 'Off' };

/** "Art-Net universe 1" / "sACN universe 3" — how an output is named in the banner and the list. */
export function outputName(o: Pick<DmxOutputStatus, 'protocol' | 'universe'>): string {
  const p = o.protocol === 'artnet' ? 'Art-Net' : o.protocol === 'sacn' ? 'sACN' : 'Enttec';
  return `${p} · universe ${o.universe}`;
}

/** Moves item `from` to `to` (both indexes into the list), for reordering scene buttons. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}
