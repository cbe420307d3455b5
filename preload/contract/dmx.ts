import { z } from 'zod';

/**
 * DMX data the UI, the store and the engine share: the patch, scenes and cue lists.
 * Universes are numbered from 1; channels are DMX addresses 1–512. In `values` maps the keys are those
 * numbers written as decimal strings (JSON object keys), e.g. `{"1": {"1": 255, "2": 128}}`.
 */

export const DMX_CHANNELS = 512;
/** Highest universe number a schema accepts (15-bit Art-Net Port-Address space); the engine also checks its own count. */
export const DMX_UNIVERSE_MAX = 32_768;
/** Longest fade or follow time: an hour. */
export const DMX_TIME_MAX_MS = 3_600_000;

/** Channel types the patch knows. Intensity merges HTP; every other type merges LTP (latest change wins). */
export const dmxChannelTypes = ['intensity', 'red', 'green', 'blue', 'white', 'amber', 'uv', 'pan', 'tilt', 'generic'] as const;
export type DmxChannelType = (typeof dmxChannelTypes)[number];
/** Colour types: on a fixture with no intensity channel these are scaled by grand master and blackout. */
export const dmxColourTypes: readonly DmxChannelType[] = ['red', 'green', 'blue', 'white', 'amber', 'uv'];

const id = z.string().trim().min(1, 'give it an id').max(64, 'keep ids to 64 characters');
const name = z.string().trim().min(1, 'give it a name').max(80, 'keep names to 80 characters');
const universe = z.number().int('a universe is a whole number').min(1, 'universes start at 1').max(DMX_UNIVERSE_MAX, `universes go up to ${DMX_UNIVERSE_MAX}`);
const dmxValue = z.number().int('DMX values are whole numbers').min(0, 'DMX values are 0–255').max(255, 'DMX values are 0–255');
const timeMs = z.number().int('use whole milliseconds').min(0, 'a time cannot be negative').max(DMX_TIME_MAX_MS, `times go up to ${DMX_TIME_MAX_MS} ms (an hour)`);
const numberKey = (max: number, what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]*$/, `${what} keys are whole numbers from 1`)
    .refine((k) => Number(k) <= max, `${what} keys go up to ${max}`);

/** One universe's channel values: `{"<channel 1–512>": 0–255}`. */
export const DmxUniverseValues = z.record(numberKey(DMX_CHANNELS, 'channel'), dmxValue);
export type DmxUniverseValues = z.infer<typeof DmxUniverseValues>;

/** A look: `{"<universe>": {"<channel>": 0–255}}`. */
export const DmxLookValues = z.record(numberKey(DMX_UNIVERSE_MAX, 'universe'), DmxUniverseValues);
export type DmxLookValues = z.infer<typeof DmxLookValues>;

/**
 * A patched fixture: `channels[i]` is the type of DMX address `address + i`. `fine` lists 16-bit pairs as
 * `[coarse, fine]` indexes into `channels` (0-based); a pair always moves together and takes the type of its
 * coarse channel.
 */
export const DmxFixture = z
  .object({
    id,
    name,
    universe,
    address: z.number().int('an address is a whole number').min(1, 'addresses are 1–512').max(DMX_CHANNELS, 'addresses are 1–512'),
    channels: z.array(z.enum(dmxChannelTypes)).min(1, 'a fixture has at least one channel').max(DMX_CHANNELS, 'a fixture has at most 512 channels'),
    fine: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).max(256).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const last = f.address + f.channels.length - 1;
    if (last > DMX_CHANNELS) ctx.addIssue({ code: 'custom', path: ['channels'], message: `the fixture ends at address ${last}, past 512` });
    const used = new Set<number>();
    for (const [i, [coarse, fine]] of (f.fine ?? []).entries()) {
      if (coarse >= f.channels.length || fine >= f.channels.length)
        ctx.addIssue({ code: 'custom', path: ['fine', i], message: `16-bit pair [${coarse}, ${fine}] points past the fixture's ${f.channels.length} channels` });
      else if (coarse === fine) ctx.addIssue({ code: 'custom', path: ['fine', i], message: 'a 16-bit pair needs two different channels' });
      else if (used.has(coarse) || used.has(fine)) ctx.addIssue({ code: 'custom', path: ['fine', i], message: 'a channel can be in only one 16-bit pair' });
      used.add(coarse);
      used.add(fine);
    }
  });
export type DmxFixture = z.infer<typeof DmxFixture>;

/** The whole patch: fixture ids are unique and no two fixtures share an address. */
export const DmxPatch = z
  .array(DmxFixture)
  .max(4096, 'at most 4096 fixtures')
  .superRefine((fixtures, ctx) => {
    const ids = new Set<string>();
    const owner = new Map<number, string>();
    fixtures.forEach((f, i) => {
      if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `fixture id "${f.id}" is used twice` });
      ids.add(f.id);
      for (let a = f.address; a < f.address + f.channels.length && a <= DMX_CHANNELS; a++) {
        const key = f.universe * 1024 + a;
        const other = owner.get(key);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: [i, 'address'], message: `"${f.name}" overlaps "${other}" at ${f.universe}.${a}` });
          return;
        }
        owner.set(key, f.name);
      }
    });
  });
export type DmxPatch = z.infer<typeof DmxPatch>;

/** A scene: a stored look and its default fade-in time. */
export const DmxScene = z
  .object({
    id,
    name,
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb').optional(),
    fadeMs: timeMs,
    values: DmxLookValues,
  })
  .strict();
export type DmxScene = z.infer<typeof DmxScene>;

/**
 * One cue: a scene, an optional fade (omitted = the scene's fadeMs) and an optional auto-follow.
 * `followMs` is a HOLD measured from the END of this cue's fade: the next cue fires at
 * GO time + fade + followMs (0 = the moment the fade completes). Omitted = wait for the operator's GO.
 */
export const DmxCue = z
  .object({
    id,
    sceneId: id,
    fadeMs: timeMs.optional(),
    followMs: timeMs.optional(),
  })
  .strict();
export type DmxCue = z.infer<typeof DmxCue>;

/** An ordered cue list; `loop` wraps GO after the last cue to the first (and BACK before the first to the last). */
export const DmxCueList = z
  .object({
    id,
    name,
    loop: z.boolean(),
    cues: z.array(DmxCue).max(1000, 'at most 1000 cues in a list'),
  })
  .strict()
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    list.cues.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['cues', i, 'id'], message: `cue id "${c.id}" is used twice` });
      ids.add(c.id);
    });
  });
export type DmxCueList = z.infer<typeof DmxCueList>;
