import { z } from 'zod';
import { Device } from './model.ts';
import { deviceId, label, method } from './method-spec.ts';

/**
 * Registry tools: bulk rename and room, merge two identities, hide or forget a device, names export and
 * import for the next site. Also the two rules both sides need: which names are auto-generated ("needs a
 * name") and when a device counts as stale given its expected report interval.
 */

// ---------------------------------------------------------------------------------------------------
// Shared rules (pure; the registry and the Devices page both use them)

/** A device silent for this many expected intervals is stale (one missed report is normal radio life). */
export const staleAfterIntervals = 3;

/**
 * Seconds of silence after which a device's values are stale: three expected intervals when its source
 * or mapping says how often it reports, else the site-wide `telemetry.staleAfterS`.
 */
export function staleAfterSFor(expectedIntervalS: number | null | undefined, siteStaleAfterS: number): number {
  if (typeof expectedIntervalS === 'number' && Number.isFinite(expectedIntervalS) && expectedIntervalS > 0) return Math.max(5, Math.round(expectedIntervalS * staleAfterIntervals));
  return siteStaleAfterS;
}

export type NameProblem = 'no name' | 'an address, not a name' | 'the factory name' | 'the device id';

const macLike = /^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$/i;
const hexRun = /(?:^|[^0-9a-f])[0-9a-f]{12}(?:$|[^0-9a-f])|(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}/i;
/** Govee and other BLE sensors' advertised names: GVH5075_1A2B, Govee_H5074_1234, GV5179_1767, h5075_5a9, ihoment_H6199_AB12, B5178C545… */
const factoryBle = /^(?:gvh|gv|govee_?h?|ihoment_h|h|b)?[5-7]\d{3}[a-z]?(?:[_ -]?[0-9a-f]{3,6}|[0-9a-f]{4,6})$/i;
/** ESP32/ESPHome/Tasmota/Shelly defaults: ESP32-1A2B3C, esp_5a3f2b, tasmota_5A3F2B-1234, shellyplus1-a8032ab12345… */
const factoryNode = /^(?:esp(?:32|8266|home)?|tasmota|shelly[a-z0-9]*|sonoff|sensor|device|node|mqtt|ble|tele)[-_ ]?(?:[0-9a-f]{4,12})(?:[-_][0-9a-f]{2,6})?$/i;

/**
 * Why a device's name is not one a person gave it (so it "needs a name"), or null when it is fine:
 * empty, a MAC-like or long hex address, the device id itself, or a factory name such as `h5075_5a9`,
 * `GVH5075_1A2B` or `ESP32-1A2B3C`.
 */
export function nameProblem(name: string | null | undefined, id = ''): NameProblem | null {
  const n = (name ?? '').trim();
  if (n.length === 0) return 'no name';
  if (id !== '' && (n === id || n.toLowerCase() === id.toLowerCase())) return 'the device id';
  const bare = n.replace(/^[a-z]+:/i, '');
  if (macLike.test(bare) || hexRun.test(n)) return 'an address, not a name';
  if (factoryBle.test(n) || factoryNode.test(n)) return 'the factory name';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Methods

const ids = z.array(deviceId).min(1, 'select at least one device').max(1000, 'at most 1000 devices at once');

export const NameRow = z
  .object({
    id: deviceId,
    name: label(64).optional(),
    room: label(64).optional(),
    notes: label(1000).optional(),
  })
  .strict();
export type NameRow = z.output<typeof NameRow>;

export const NamesImportReport = z.object({
  /** Known devices whose name, room or notes changed. */
  applied: z.number().int().nonnegative(),
  /** Rows that changed nothing. */
  unchanged: z.number().int().nonnegative(),
  /** Ids not seen yet: kept, and applied when that device first reports. */
  pending: z.number().int().nonnegative(),
  /** One line per row, in order: what happened to it. */
  rows: z.array(z.object({ line: z.number().int().positive(), id: z.string(), outcome: z.enum(['applied', 'unchanged', 'pending']) })),
});
export type NamesImportReport = z.infer<typeof NamesImportReport>;

const format = z.enum(['csv', 'json'], { error: 'the format is csv or json' });

export const devicesToolMethods = {
  'devices.setRoom': method({
    params: z.object({ ids, room: label(64) }).strict(),
    result: z.array(Device),
    access: 'control',
    summary: 'Put several devices in one room (empty clears it).',
  }),
  'devices.bulkRename': method({
    params: z
      .object({
        rows: z
          .array(NameRow)
          .min(1, 'give at least one row')
          .max(1000, 'at most 1000 rows at once')
          .superRefine((rows, ctx) => {
            const seen = new Set<string>();
            rows.forEach((r, i) => {
              if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${r.id} appears twice` });
              seen.add(r.id);
              if (r.name === undefined && r.room === undefined && r.notes === undefined) ctx.addIssue({ code: 'custom', path: [i], message: `row for ${r.id} sets nothing: give a name, room or notes` });
            });
          }),
      })
      .strict(),
    result: z.array(Device),
    access: 'control',
    summary: 'Name several known devices at once (each row: id and any of name, room, notes; empty clears). All or nothing.',
  }),
  'devices.merge': method({
    params: z
      .object({ from: deviceId, into: deviceId })
      .strict()
      .refine((p) => p.from !== p.into, { message: 'pick two different devices', path: ['into'] }),
    result: Device,
    access: 'control',
    summary: 'Join two identities of one device: history moves to `into`, `from` becomes its alias from then on.',
  }),
  'devices.hide': method({
    params: z.object({ ids, hidden: z.boolean({ error: 'hidden is true or false' }) }).strict(),
    result: z.array(Device),
    access: 'control',
    summary: 'Hide devices (still stored, not shown live, no alerts) or show them again.',
  }),
  'devices.forget': method({
    params: z.object({ id: deviceId }).strict(),
    result: z.object({ id: z.string(), series: z.number().int().nonnegative(), readings: z.number().int().nonnegative() }),
    access: 'control',
    summary: 'Remove a device with its name and history; it comes back as new if it reports again.',
  }),
  'devices.exportNames': method({
    params: z.object({ format: format.default('csv') }).strict(),
    result: z.object({ format, text: z.string(), count: z.number().int().nonnegative() }),
    access: 'view',
    summary: 'Every name, room and note (also those waiting for a device not seen yet) as CSV or JSON, for the next site.',
  }),
  'devices.importNames': method({
    params: z
      .object({
        format,
        text: z.string({ error: 'paste the names' }).min(1, 'paste the names').max(2_000_000, 'the file is at most 2 MB'),
        /** Check and report, change nothing. */
        dryRun: z.boolean({ error: 'dryRun is true or false' }).default(false),
      })
      .strict(),
    result: NamesImportReport,
    access: 'control',
    summary: 'Apply names from CSV (`id,name,room[,notes]`, empty cell = unchanged) or JSON; unknown ids wait for their device. All or nothing.',
  }),
} as const;
