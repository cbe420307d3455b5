import { DMX_CHANNELS, type DmxChannelType, type DmxFixture } from '../../../preload/contract/dmx.ts';

/** What the universe view knows about one address: which fixture has it and as what. */
export interface ChannelInfo {
  type: DmxChannelType;
  fixtureId: string;
  fixtureName: string;
  /** Position in the fixture, from 1 (as on the fixture's label). */
  position: number;
  /** The low byte of a 16-bit pair. */
  fine: boolean;
  /** First address of its fixture: the grid draws a fixture boundary there. */
  first: boolean;
}

/** 512 entries (index = address − 1); null = unpatched (a raw intensity channel). */
export function universeChannelMap(patch: readonly DmxFixture[], universe: number): (ChannelInfo | null)[] {
  const map: (ChannelInfo | null)[] = new Array<ChannelInfo | null>(DMX_CHANNELS).fill(null);
  for (const f of patch) {
    if (f.universe !== universe) continue;
    const fine = new Set((f.fine ?? []).map(([, fi]) => fi));
    const coarseOfFine = new Map((f.fine ?? []).map(([c, fi]) => [fi, c] as const));
    f.channels.forEach((type, i) => {
      const index = f.address - 1 + i;
      if (index >= DMX_CHANNELS) return;
      // A fine channel takes its coarse channel's type (the contract says the pair moves as one).
      const coarse = coarseOfFine.get(i);
      map[index] = { type: coarse === undefined ? type : (f.channels[coarse] ?? type), fixtureId: f.id, fixtureName: f.name, position: i + 1, fine: fine.has(i), first: i === 0 };
    });
  }
  return map;
}

/** Channels that are not 0, as "ch 1–4, 20" — a one-line summary for screen readers and the view's caption. */
export function activeRanges(channels: readonly number[]): string {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i <= channels.length; i++) {
    const on = i < channels.length && (channels[i] ?? 0) > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      parts.push(start === i - 1 ? `${start + 1}` : `${start + 1}–${i}`);
      start = -1;
    }
  }
  return parts.length === 0 ? 'every channel at 0' : `channels ${parts.join(', ')} above 0`;
}
