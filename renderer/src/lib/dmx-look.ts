import { DMX_CHANNELS, type DmxChannelType, type DmxFixture, type DmxLookValues } from '../../../preload/contract/dmx.ts';

/**
 * Editing a scene's values (`{"<universe>": {"<channel>": value}}`) without mutating it. A channel that is
 * absent is not part of the scene (GO leaves it to the other layers); 0 is a value like any other.
 */

export function lookGet(values: DmxLookValues, universe: number, channel: number): number | undefined {
  return values[String(universe)]?.[String(channel)];
}

/** Sets several channels of one look at once; `undefined` removes a channel (and an emptied universe). */
export function lookPatch(values: DmxLookValues, entries: readonly { universe: number; channel: number; value: number | undefined }[]): DmxLookValues {
  const next: DmxLookValues = { ...values };
  const copied = new Set<string>();
  for (const { universe, channel, value } of entries) {
    const u = String(universe);
    if (!copied.has(u)) {
      next[u] = { ...(next[u] ?? {}) };
      copied.add(u);
    }
    const channels = next[u]!;
    if (value === undefined) delete channels[String(channel)];
    else channels[String(channel)] = Math.round(Math.min(255, Math.max(0, value)));
  }
  for (const u of copied) if (Object.keys(next[u]!).length === 0) delete next[u];
  return next;
}

export function lookSet(values: DmxLookValues, universe: number, channel: number, value: number | undefined): DmxLookValues {
  return lookPatch(values, [{ universe, channel, value }]);
}

/** How many channels a look sets. */
export function lookSize(values: DmxLookValues): number {
  let n = 0;
  for (const u of Object.values(values)) n += Object.keys(u).length;
  return n;
}

/** One control in the editor: an 8-bit channel, or a 16-bit pair moved as one value 0–65535. */
export type FixtureControl =
  | { kind: 'byte'; type: DmxChannelType; index: number; address: number }
  | { kind: 'pair'; type: DmxChannelType; index: number; address: number; fineAddress: number };

/** A fixture's controls in channel order; the fine half of a 16-bit pair has no control of its own. */
export function fixtureControls(fixture: DmxFixture): FixtureControl[] {
  const fineOf = new Map<number, number>();
  const isFine = new Set<number>();
  for (const [coarse, fine] of fixture.fine ?? []) {
    fineOf.set(coarse, fine);
    isFine.add(fine);
  }
  const out: FixtureControl[] = [];
  fixture.channels.forEach((type, index) => {
    if (isFine.has(index)) return;
    const address = fixture.address + index;
    const fine = fineOf.get(index);
    out.push(fine === undefined ? { kind: 'byte', type, index, address } : { kind: 'pair', type, index, address, fineAddress: fixture.address + fine });
  });
  return out;
}

/** Every DMX address a fixture occupies. */
export function fixtureAddresses(fixture: DmxFixture): number[] {
  return fixture.channels.map((_, i) => fixture.address + i).filter((a) => a <= DMX_CHANNELS);
}

/** A control's value in a look (16-bit pairs as coarse × 256 + fine); undefined when the look leaves it out. */
export function controlValue(values: DmxLookValues, universe: number, control: FixtureControl): number | undefined {
  const coarse = lookGet(values, universe, control.address);
  if (control.kind === 'byte') return coarse;
  const fine = lookGet(values, universe, control.fineAddress);
  if (coarse === undefined && fine === undefined) return undefined;
  return (coarse ?? 0) * 256 + (fine ?? 0);
}

/** Writes a control's value (0–255, or 0–65535 for a pair). */
export function setControl(values: DmxLookValues, universe: number, control: FixtureControl, value: number): DmxLookValues {
  if (control.kind === 'byte') return lookSet(values, universe, control.address, value);
  const v = Math.round(Math.min(65535, Math.max(0, value)));
  return lookPatch(values, [
    { universe, channel: control.address, value: v >> 8 },
    { universe, channel: control.fineAddress, value: v & 0xff },
  ]);
}

/** True when the look sets any of the fixture's channels. */
export function fixtureInLook(values: DmxLookValues, fixture: DmxFixture): boolean {
  return fixtureAddresses(fixture).some((a) => lookGet(values, fixture.universe, a) !== undefined);
}

/** Puts a fixture into the look (every channel, at the value given per address or 0) or takes it out. */
export function includeFixture(values: DmxLookValues, fixture: DmxFixture, include: boolean, from?: (address: number) => number | undefined): DmxLookValues {
  return lookPatch(
    values,
    fixtureAddresses(fixture).map((channel) => ({
      universe: fixture.universe,
      channel,
      value: include ? (lookGet(values, fixture.universe, channel) ?? from?.(channel) ?? 0) : undefined,
    })),
  );
}

/** The red, green and blue addresses of a fixture that has all three (the colour picker drives them), else null. */
export function rgbAddresses(fixture: DmxFixture): { red: number; green: number; blue: number } | null {
  const find = (type: DmxChannelType) => {
    const i = fixture.channels.indexOf(type);
    return i < 0 ? undefined : fixture.address + i;
  };
  const red = find('red');
  const green = find('green');
  const blue = find('blue');
  return red !== undefined && green !== undefined && blue !== undefined ? { red, green, blue } : null;
}

const hex2 = (n: number) => Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, '0');

/** 255, 128, 0 → "#ff8000" (the value of an `<input type="color">`). */
export function rgbToHex(r: number, g: number, b: number): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/** "#ff8000" → [255, 128, 0]; null for anything that is not #rrggbb. */
export function hexToRgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : null;
}

/** "universe.channel" keys of every patched address. */
export function patchedAddresses(patch: readonly DmxFixture[]): Set<string> {
  const s = new Set<string>();
  for (const f of patch) for (const a of fixtureAddresses(f)) s.add(`${f.universe}.${a}`);
  return s;
}

export interface RawEntry {
  universe: number;
  channel: number;
  value: number;
}

/** The look's channels no fixture covers, by universe then channel: the editor's raw rows. */
export function unpatchedEntries(values: DmxLookValues, patch: readonly DmxFixture[]): RawEntry[] {
  const patched = patchedAddresses(patch);
  const out: RawEntry[] = [];
  for (const [u, channels] of Object.entries(values)) {
    for (const [c, value] of Object.entries(channels)) {
      if (!patched.has(`${u}.${c}`)) out.push({ universe: Number(u), channel: Number(c), value });
    }
  }
  return out.sort((a, b) => a.universe - b.universe || a.channel - b.channel);
}

/**
 * "Load what is on stage" into a scene being edited: every channel of the fixtures the scene already
 * includes (a 0 there is part of the look), plus every other channel that is not 0 — the rule scenes.record
 * uses. `frames` maps universe → its 512 output values.
 */
export function lookFromStage(current: DmxLookValues, patch: readonly DmxFixture[], frames: ReadonlyMap<number, readonly number[]>): DmxLookValues {
  const keep = new Set<string>();
  for (const f of patch) if (fixtureInLook(current, f)) for (const a of fixtureAddresses(f)) keep.add(`${f.universe}.${a}`);
  const next: DmxLookValues = {};
  for (const [universe, channels] of frames) {
    const u: Record<string, number> = {};
    channels.forEach((value, i) => {
      const channel = i + 1;
      if (channel > DMX_CHANNELS) return;
      if (value !== 0 || keep.has(`${universe}.${channel}`)) u[String(channel)] = value;
    });
    if (Object.keys(u).length > 0) next[String(universe)] = u;
  }
  // Universes not read from the stage keep what the scene had.
  for (const [u, channels] of Object.entries(current)) if (!frames.has(Number(u))) next[u] = { ...channels };
  return next;
}

/** Universes a "load from stage" must read: those of the patch and those the scene already uses. */
export function universesToLoad(current: DmxLookValues, patch: readonly DmxFixture[], fallback: number): number[] {
  const s = new Set<number>(patch.map((f) => f.universe));
  for (const u of Object.keys(current)) s.add(Number(u));
  if (s.size === 0) s.add(fallback);
  return [...s].sort((a, b) => a - b);
}
