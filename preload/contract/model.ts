import { z } from 'zod';

/** Epoch milliseconds. */
const epochMs = z.number().int().nonnegative();

export const deviceKinds = ['thermo-hygrometer', 'meat-probe', 'climate-monitor', 'temperature-probe', 'switch', 'power', 'dmx-node', 'other'] as const;
export const deviceSources = ['sim', 'ble', 'mqtt', 'snmp', 'victron', 'artnet', 'serial', 'schedule'] as const;

/** A device as shown to users: identity from the registry, name/room joined from device_names. */
export const Device = z.object({
  id: z.string(),
  kind: z.enum(deviceKinds),
  model: z.string(),
  source: z.enum(deviceSources),
  parentId: z.string().nullable(),
  firstSeen: epochMs,
  lastSeen: epochMs,
  rssi: z.number().nullable(),
  battery: z.number().nullable(),
  name: z.string().nullable(),
  room: z.string().nullable(),
  notes: z.string().nullable(),
  // Registry tools (MQTT issue): optional so older producers and fixtures stay valid.
  /** Hidden by the operator: still stored, not shown live, no alerts. */
  hidden: z.boolean().optional(),
  /** How often its source or mapping says it reports (s); null = the site-wide telemetry.staleAfterS applies. */
  expectedIntervalS: z.number().positive().nullable().optional(),
  /** Why its name looks auto-generated ("no name", "the factory name"…), or null when a person named it. */
  needsName: z.string().nullable().optional(),
  /** Gateways that hear it (BLE through OpenMQTTGateway/Theengs), most recently heard first. */
  heardVia: z.array(z.object({ gatewayId: z.string(), connectionId: z.string(), rssi: z.number().nullable(), lastSeen: epochMs })).optional(),
  /** Other ids that now mean this device (identities merged into it). */
  aliases: z.array(z.string()).optional(),
});
export type Device = z.infer<typeof Device>;

export const readingStates = ['ok', 'warn', 'alarm'] as const;
export type ReadingState = (typeof readingStates)[number];

/** The newest value of one series. Staleness is judged by the viewer from ts + staleAfterS, so it stays true between pushes. */
export const LiveReading = z.object({
  seriesId: z.number().int(),
  deviceId: z.string(),
  metric: z.string(),
  unit: z.string(),
  value: z.number(),
  ts: epochMs,
  state: z.enum(readingStates),
  staleAfterS: z.number().positive(),
});
export type LiveReading = z.infer<typeof LiveReading>;

export const eventKinds = ['alert.raised', 'alert.cleared', 'device.lost', 'device.found', 'operator', 'system'] as const;
export const severities = ['info', 'warn', 'alarm'] as const;

/** One line of the site timeline: alerts, operator actions, devices lost/found, system notes. */
export const TimelineEvent = z.object({
  id: z.number().int(),
  ts: epochMs,
  kind: z.enum(eventKinds),
  severity: z.enum(severities),
  deviceId: z.string().nullable(),
  message: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const serviceStates = ['starting', 'ok', 'degraded', 'lost', 'off', 'error'] as const;
export type ServiceState = (typeof serviceStates)[number];

/**
 * How one long-running part of the core is doing (the demo site, the LAN server, the DMX outputs, the
 * BLE scanner, a broker connection…): a state, a sentence a person understands, and since when.
 */
export const ServiceStatus = z.object({
  /** Stable name, e.g. `lan`, `demo`, `dmx`, `ble`, `mqtt.broker`. */
  name: z.string(),
  /** What the operator calls it, e.g. "LAN access", "Demo site". */
  label: z.string(),
  state: z.enum(serviceStates),
  message: z.string(),
  since: epochMs,
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const Health = z.object({ ok: z.literal(true), version: z.string(), uptimeS: z.number().nonnegative() });
export type Health = z.infer<typeof Health>;

export const SystemInfo = z.object({
  version: z.string(),
  now: epochMs,
  startedAt: epochMs,
  dataDir: z.string(),
  node: z.string(),
  platform: z.string(),
  demo: z.boolean(),
  /** desktop = the Electron app (LAN access follows settings.remote); serve = headless, web server always on. */
  mode: z.enum(['desktop', 'serve']),
  /** What this session may do: view (viewer token) or control. */
  access: z.enum(['view', 'control']),
  /** Where a browser on the LAN can open the console (empty when LAN access is off). */
  remoteUrls: z.array(z.string()),
  /** Every service's status, in start order. */
  services: z.array(ServiceStatus),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const AccessInfo = z.object({
  /** Grants control: may change settings, names, the show. */
  token: z.string(),
  /** Grants view only: for a stage manager's or a client's tablet. */
  viewerToken: z.string(),
  remoteUrls: z.array(z.string()),
});
export type AccessInfo = z.infer<typeof AccessInfo>;
