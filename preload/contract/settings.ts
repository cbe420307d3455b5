import { z } from 'zod';

const threshold = z
  .object({
    /** Metric this applies to, e.g. "temperature". */
    metric: z.string().min(1).max(64),
    /** Limit to one device; omitted = every device with this metric. */
    deviceId: z.string().min(1).max(200).optional(),
    warnAbove: z.number().optional(),
    alarmAbove: z.number().optional(),
    warnBelow: z.number().optional(),
    alarmBelow: z.number().optional(),
  })
  .strict();
export type Threshold = z.infer<typeof threshold>;

export const Settings = z
  .object({
    site: z.object({ name: z.string().trim().min(1, 'give the site a name').max(80, 'keep the site name to 80 characters') }).strict(),
    /** LAN access for browsers/tablets and the HTTP automation API. Off by default on the desktop. */
    remote: z
      .object({
        enabled: z.boolean(),
        host: z.string().min(1, 'give an address to listen on').max(255),
        port: z.number().int('port must be a whole number').min(0, 'port must be 0–65535').max(65535, 'port must be 0–65535'),
      })
      .strict(),
    telemetry: z
      .object({
        staleAfterS: z.number().int('use whole seconds').min(5, 'stale-after must be at least 5 s').max(86_400, 'stale-after can be at most 86400 s (a day)'),
        rawRetentionDays: z.number().int().min(1).max(3650),
      })
      .strict(),
    thresholds: z.array(threshold).max(500),
    demo: z
      .object({
        enabled: z.boolean(),
        /** How often each simulated sensor reports. */
        intervalMs: z.number().int().min(50).max(60_000),
      })
      .strict(),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  site: { name: 'Showsite' },
  remote: { enabled: false, host: '127.0.0.1', port: 8787 },
  telemetry: { staleAfterS: 120, rawRetentionDays: 30 },
  thresholds: [
    { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
    { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
  ],
  demo: { enabled: false, intervalMs: 2000 },
};

/** A settings file or update: any subset of sections; each section given is merged key by key. */
export const SettingsPatch = z
  .object({
    site: Settings.shape.site.partial().optional(),
    remote: Settings.shape.remote.partial().optional(),
    telemetry: Settings.shape.telemetry.partial().optional(),
    thresholds: Settings.shape.thresholds.optional(),
    demo: Settings.shape.demo.partial().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
