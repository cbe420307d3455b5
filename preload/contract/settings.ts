import { z } from 'zod';
import { dmxSettings } from './dmx-api.ts';
import { deepMerge, deepPartial, section, type DeepPartial } from './settings-spec.ts';
import { snmpSettings } from './snmp.ts';
import { bleSettings } from './ble.ts';
import { scheduleSettings } from './schedule-api.ts';
import { mqttSettings } from './mqtt.ts';
import { monitoringSettings, upgradeLegacySettings } from './monitoring.ts';

/**
 * Settings are declared ONCE, here, as sections. Each section names its schema, its defaults and how a
 * patch merges into it ('keys': key by key; 'replace': the whole value, e.g. a list). Everything else —
 * the Settings schema, the defaults, the patch schema, the merge, the list of sections a service can own
 * and the docs check — is derived from this table, so a new section is one entry.
 */

export const port = z.number().int('port must be a whole number').min(0, 'port must be 0–65535').max(65535, 'port must be 0–65535');

const threshold = z
  .object({
    /** Metric this applies to, e.g. "temperature". */
    metric: z.string().trim().min(1, 'name the metric').max(64, 'keep the metric name to 64 characters'),
    /** Limit to one device; omitted = every device with this metric. */
    deviceId: z.string().min(1).max(200).optional(),
    warnAbove: z.number().optional(),
    alarmAbove: z.number().optional(),
    warnBelow: z.number().optional(),
    alarmBelow: z.number().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    // A warning must come before the alarm it warns of, or the alarm fires with no warning at all.
    if (t.warnAbove !== undefined && t.alarmAbove !== undefined && t.warnAbove >= t.alarmAbove)
      ctx.addIssue({ code: 'custom', path: ['warnAbove'], message: `warn above (${t.warnAbove}) must be lower than alarm above (${t.alarmAbove})` });
    if (t.warnBelow !== undefined && t.alarmBelow !== undefined && t.warnBelow <= t.alarmBelow)
      ctx.addIssue({ code: 'custom', path: ['warnBelow'], message: `warn below (${t.warnBelow}) must be higher than alarm below (${t.alarmBelow})` });
    const lowest = Math.max(t.warnBelow ?? -Infinity, t.alarmBelow ?? -Infinity);
    const highest = Math.min(t.warnAbove ?? Infinity, t.alarmAbove ?? Infinity);
    if (lowest >= highest) ctx.addIssue({ code: 'custom', path: ['warnBelow'], message: `the "below" limits (${lowest}) must be lower than the "above" limits (${highest})` });
  });
export type Threshold = z.infer<typeof threshold>;

export const settingsSections = {
  site: section({
    schema: z.object({ name: z.string().trim().min(1, 'give the site a name').max(80, 'keep the site name to 80 characters') }).strict(),
    defaults: { name: 'Showsite' },
    merge: 'keys',
  }),
  /** LAN access for browsers/tablets and the HTTP automation API. Off by default on the desktop. */
  remote: section({
    schema: z.object({ enabled: z.boolean(), host: z.string().trim().min(1, 'give an address to listen on').max(255), port }).strict(),
    defaults: { enabled: false, host: '127.0.0.1', port: 8787 },
    merge: 'keys',
  }),
  telemetry: section({
    schema: z
      .object({
        staleAfterS: z.number().int('use whole seconds').min(5, 'stale-after must be at least 5 s').max(86_400, 'stale-after can be at most 86400 s (a day)'),
        // rawRetentionDays moved to retention.rawDays (monitoring.ts); old files still load.
      })
      .strict(),
    defaults: { staleAfterS: 120 },
    merge: 'keys',
  }),
  thresholds: section({
    schema: z.array(threshold).max(500, 'at most 500 threshold rules'),
    defaults: [
      { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
      { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
    ],
    merge: 'replace',
  }),
  demo: section({
    schema: z
      .object({
        enabled: z.boolean(),
        /** How often each simulated sensor reports. */
        intervalMs: z.number().int('use whole milliseconds').min(50, 'the demo interval must be at least 50 ms').max(60_000, 'the demo interval can be at most 60000 ms'),
      })
      .strict(),
    defaults: { enabled: false, intervalMs: 2000 },
    merge: 'keys',
  }),
  // Capabilities declare their sections beside their methods and are spread in here, e.g. `...snmpSettings`.
  ...snmpSettings,
  ...bleSettings,
  ...dmxSettings,
  ...scheduleSettings,
  ...mqttSettings,
  ...monitoringSettings,
};

type Sections = typeof settingsSections;
export type SettingsSection = keyof Sections;
export const settingsSectionNames = Object.keys(settingsSections) as SettingsSection[];

type SchemaOf<K extends SettingsSection> = Sections[K]['schema'];
type PatchOf<K extends SettingsSection> = z.ZodOptional<z.ZodType<Sections[K]['merge'] extends 'keys' ? DeepPartial<z.output<SchemaOf<K>>> : z.output<SchemaOf<K>>>>;

const mapSections = <R>(fn: <K extends SettingsSection>(name: K, spec: Sections[K]) => R): Record<SettingsSection, R> =>
  Object.fromEntries(settingsSectionNames.map((k) => [k, fn(k, settingsSections[k])])) as Record<SettingsSection, R>;

export const Settings = z.object(mapSections((_k, s) => s.schema) as { [K in SettingsSection]: SchemaOf<K> }).strict();
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = mapSections((_k, s) => s.defaults) as Settings;

/**
 * A settings file or update: any subset of sections; each section given is merged as its spec says.
 * Keys that moved (telemetry.rawRetentionDays → retention.rawDays) are upgraded first, so old files load.
 */
export const SettingsPatch = z.preprocess(
  upgradeLegacySettings,
  z
    .object(
      mapSections((_k, s) => (s.merge === 'keys' ? deepPartial(s.schema).optional() : s.schema.optional())) as unknown as {
        [K in SettingsSection]: PatchOf<K>;
      },
    )
    .strict(),
);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Apply a (validated) patch to settings: key-by-key sections merge, 'replace' sections are swapped whole. */
export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  return mapSections((k, s) => {
    const given = (patch as Record<string, unknown>)[k];
    if (given === undefined) return base[k];
    return s.merge === 'keys' ? deepMerge(base[k], given) : given;
  }) as Settings;
}

/** The sections that differ between two settings objects. */
export function changedSections(a: Settings, b: Settings): SettingsSection[] {
  return settingsSectionNames.filter((s) => JSON.stringify(a[s]) !== JSON.stringify(b[s]));
}
