import { DMX_CHANNELS, type DmxChannelType, type DmxFixture } from '../../../preload/contract/dmx.ts';
import { parseWhole } from './dmx-format.ts';

/** A fixture as the patch editor holds it: numbers as typed, 16-bit pairs as text ("1+2, 3+4"). */
export interface FixtureDraft {
  /** Stable React key; not saved. */
  key: number;
  id: string;
  name: string;
  universe: string;
  address: string;
  channels: DmxChannelType[];
  fine: string;
}

/** Ready-made channel lists, so a dimmer or an RGB par is one tap. */
export const fixtureTemplates: readonly { label: string; channels: readonly DmxChannelType[]; fine?: string }[] = [
  { label: 'Dimmer (1 ch)', channels: ['intensity'] },
  { label: 'RGB (3 ch)', channels: ['red', 'green', 'blue'] },
  { label: 'Dimmer + RGB (4 ch)', channels: ['intensity', 'red', 'green', 'blue'] },
  { label: 'RGBW (4 ch)', channels: ['red', 'green', 'blue', 'white'] },
  { label: 'Dimmer + RGBWA-UV (7 ch)', channels: ['intensity', 'red', 'green', 'blue', 'white', 'amber', 'uv'] },
  { label: 'Moving head, 16-bit (6 ch)', channels: ['pan', 'pan', 'tilt', 'tilt', 'intensity', 'generic'], fine: '1+2, 3+4' },
];

export const channelTypeLabel: Record<DmxChannelType, string> = {
  intensity: 'Intensity',
  red: 'Red',
  green: 'Green',
  blue: 'Blue',
  white: 'White',
  amber: 'Amber',
  uv: 'UV',
  pan: 'Pan',
  tilt: 'Tilt',
  generic: 'Generic',
};

/** [[0, 1], [2, 3]] → "1+2, 3+4" (channel positions inside the fixture, counted from 1 as on its label). */
export function formatFinePairs(pairs: readonly (readonly [number, number])[] | undefined): string {
  return (pairs ?? []).map(([c, f]) => `${c + 1}+${f + 1}`).join(', ');
}

/** "1+2, 3+4" → [[0, 1], [2, 3]]; "" → []. Positions must be inside the fixture's channel count. */
export function parseFinePairs(input: string, channelCount: number): { ok: true; value: [number, number][] } | { ok: false; message: string } {
  const t = input.trim().replace(/\s*([+/])\s*/g, '$1');
  if (t === '') return { ok: true, value: [] };
  const pairs: [number, number][] = [];
  for (const part of t.split(/[\s,;]+/).filter((p) => p !== '')) {
    const m = /^(\d+)[+/](\d+)$/.exec(part);
    if (!m) return { ok: false, message: 'Write 16-bit pairs as coarse+fine channel positions, e.g. 1+2, 3+4' };
    const coarse = Number(m[1]);
    const fine = Number(m[2]);
    if (coarse < 1 || fine < 1 || coarse > channelCount || fine > channelCount) return { ok: false, message: `Pair ${coarse}+${fine}: this fixture has channels 1–${channelCount}` };
    pairs.push([coarse - 1, fine - 1]);
  }
  return { ok: true, value: pairs };
}

export function toFixtureDrafts(patch: readonly DmxFixture[]): FixtureDraft[] {
  return patch.map((f, key) => ({
    key,
    id: f.id,
    name: f.name,
    universe: String(f.universe),
    address: String(f.address),
    channels: [...f.channels],
    fine: formatFinePairs(f.fine),
  }));
}

/**
 * Drafts → the patch the core takes, and typing mistakes keyed like the core's issue paths
 * ("patch.0.address"). Overlaps and duplicate ids are the core's to judge: it says which fixtures collide.
 */
export function fromFixtureDrafts(drafts: readonly FixtureDraft[], universes: number): { patch: DmxFixture[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const patch = drafts.map((d, i): DmxFixture => {
    const universe = parseWhole(d.universe, 1, universes, 'The universe');
    const address = parseWhole(d.address, 1, DMX_CHANNELS, 'The address');
    const fine = parseFinePairs(d.fine, d.channels.length);
    if (!universe.ok) errors[`patch.${i}.universe`] = universe.message;
    if (!address.ok) errors[`patch.${i}.address`] = address.message;
    if (!fine.ok) errors[`patch.${i}.fine`] = fine.message;
    if (d.name.trim() === '') errors[`patch.${i}.name`] = 'Give the fixture a name';
    if (d.channels.length === 0) errors[`patch.${i}.channels`] = 'A fixture has at least one channel';
    else if (address.ok && address.value + d.channels.length - 1 > DMX_CHANNELS)
      errors[`patch.${i}.channels`] = `The fixture would end at address ${address.value + d.channels.length - 1}, past 512`;
    const f: DmxFixture = { id: d.id, name: d.name.trim(), universe: universe.ok ? universe.value : 1, address: address.ok ? address.value : 1, channels: [...d.channels] };
    if (fine.ok && fine.value.length > 0) f.fine = fine.value;
    return f;
  });
  return { patch, errors };
}

/** An id no fixture in the drafts uses yet: "fx-1", "fx-2", … */
export function newFixtureId(drafts: readonly { id: string }[]): string {
  const taken = new Set(drafts.map((d) => d.id));
  for (let n = drafts.length + 1; ; n++) if (!taken.has(`fx-${n}`)) return `fx-${n}`;
}

/** The first address in `universe` after every fixture already there (1 when it is empty; capped at 512). */
export function nextFreeAddress(drafts: readonly FixtureDraft[], universe: number): number {
  let next = 1;
  for (const d of drafts) {
    if (Number(d.universe) !== universe) continue;
    const start = Number(d.address);
    if (Number.isInteger(start) && start >= 1) next = Math.max(next, start + d.channels.length);
  }
  return Math.min(next, DMX_CHANNELS);
}
