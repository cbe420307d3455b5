import { z } from 'zod';
import { deviceKinds } from './model.ts';
import { method, none } from './method-spec.ts';
import { section } from './settings-spec.ts';

/**
 * MQTT: the embedded broker, external broker connections, the mappers each connection feeds, user
 * mappings for ESP32 nodes and the like, publishing normalized device state, and the Victron GX
 * control panel. Settings `mqtt`; methods `mqtt.*`; live topics `mqtt.connections` and `mqtt.gx`.
 */

/** The message mappers a connection can feed (main/telemetry/mappers/). */
export const mqttMapperIds = ['omg-theengs', 'govee2mqtt', 'victron', 'frigate', 'user'] as const;
export type MqttMapperId = (typeof mqttMapperIds)[number];

/** The embedded broker's connection id; external connections may not use it. */
export const embeddedConnectionId = 'embedded';

// ---------------------------------------------------------------------------------------------------
// User mappings: "this topic pattern carries this metric of this device". The wildcard rule below
// restates main/telemetry/mappers/topic-match.ts filterProblem (a test keeps the two in step).

/** Why a string is not a valid MQTT subscription filter, or null. */
export function mqttFilterProblem(filter: string): string | null {
  if (filter.length === 0) return 'the pattern cannot be empty';
  if (filter.includes('\u0000')) return 'the pattern cannot contain a NUL character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return "'#' must be a whole level and the last one (e.g. 'esp32/#')";
    if (level.includes('+') && level !== '+') return "'+' must be a whole level (e.g. 'esp32/+/temperature')";
  }
  return null;
}

export type JsonPathStep = string | number;

const maxPathSteps = 32;

/**
 * `$.sensors[0].temp`, `temp.value`, `$['odd key'][2]`, `$` (the whole payload) → steps; a clear reason otherwise.
 * Names are anything but `.`, `[`, `]`, quotes and spaces; use the bracket form for the rest.
 */
export function parseJsonPath(path: string): { ok: true; steps: JsonPathStep[] } | { ok: false; reason: string } {
  const src = path.trim();
  if (src.length > 256) return { ok: false, reason: 'the JSON path is longer than 256 characters' };
  const steps: JsonPathStep[] = [];
  let i = 0;
  if (src[0] === '$') i = 1;
  let first = true;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '.' || (first && i === 0 && c !== '[')) {
      if (c === '.') i++;
      const m = /^[^.[\]'"\s]+/.exec(src.slice(i));
      if (!m) return { ok: false, reason: `expected a key name at character ${i + 1} of the JSON path` };
      steps.push(m[0]);
      i += m[0].length;
    } else if (c === '[') {
      const rest = src.slice(i);
      const idx = /^\[(\d{1,6})\]/.exec(rest);
      const quoted = /^\[(['"])([^'"]{1,128})\1\]/.exec(rest);
      if (idx) {
        steps.push(Number(idx[1]));
        i += idx[0].length;
      } else if (quoted) {
        steps.push(quoted[2]!);
        i += quoted[0].length;
      } else {
        return { ok: false, reason: `expected [number] or ['key'] at character ${i + 1} of the JSON path` };
      }
    } else {
      return { ok: false, reason: `unexpected '${c}' at character ${i + 1} of the JSON path (use . or [ between steps)` };
    }
    first = false;
    if (steps.length > maxPathSteps) return { ok: false, reason: `the JSON path has more than ${maxPathSteps} steps` };
  }
  return { ok: true, steps };
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const UserMapping = z
  .object({
    /** MQTT filter with + and #, e.g. `esp32/+/sensor/temperature`. */
    pattern: z
      .string()
      .trim()
      .min(1, 'the pattern cannot be empty')
      .max(256, 'the pattern is at most 256 characters')
      .superRefine((p, ctx) => {
        const problem = mqttFilterProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** Index (0-based) of the topic level that is the device id. */
    deviceIdSegment: z.number().int('the device id level must be a whole number').min(0).max(63).optional(),
    /** …or one fixed device id for everything this pattern matches. */
    deviceId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a device id is 1–128 letters, digits, . _ : or -, starting with a letter or digit')
      .optional(),
    /** `$.sensors[0].temp`, `temp.value`…; absent = the payload is a plain number. */
    jsonPath: z
      .string()
      .max(256)
      .superRefine((p, ctx) => {
        const r = parseJsonPath(p);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
      })
      .optional(),
    metric: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'a metric is lower-case letters, digits, _ and ., starting with a letter (e.g. temperature)'),
    unit: z.string().max(16, 'a unit is at most 16 characters'),
    scale: finite.refine((v) => v !== 0, 'a scale of 0 would turn every value into 0').optional(),
    offset: finite.optional(),
    expectedIntervalS: z.number().int().min(1).max(7 * 86400, 'the expected interval is at most 7 days').optional(),
    kind: z.enum(deviceKinds).optional(),
    model: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((m, ctx) => {
    const hasSegment = m.deviceIdSegment !== undefined;
    const hasFixed = m.deviceId !== undefined;
    if (hasSegment === hasFixed) {
      ctx.addIssue({ code: 'custom', path: ['deviceIdSegment'], message: 'give either the topic level that holds the device id (deviceIdSegment) or a fixed deviceId — exactly one' });
      return;
    }
    if (hasSegment && mqttFilterProblem(m.pattern) === null) {
      const levels = m.pattern.split('/');
      const seg = m.deviceIdSegment!;
      const hash = levels.indexOf('#');
      if (hash === -1 && seg >= levels.length) {
        ctx.addIssue({ code: 'custom', path: ['deviceIdSegment'], message: `the pattern has ${levels.length} levels (0–${levels.length - 1}); level ${seg} does not exist` });
      } else if (seg < levels.length && levels[seg] !== '+' && levels[seg] !== '#') {
        ctx.addIssue({
          code: 'custom',
          path: ['deviceIdSegment'],
          message: `level ${seg} of the pattern is the fixed word '${levels[seg]}', so every device would get the same id — point at a + level or set a fixed deviceId`,
        });
      }
    }
  });

export type UserMapping = z.infer<typeof UserMapping>;

// ---------------------------------------------------------------------------------------------------
// Settings

const tcpPort = z.number({ error: 'the port is a number, e.g. 1883' }).int('the port is a whole number').min(1, 'the port is 1–65535').max(65535, 'the port is 1–65535');

/** An MQTT subscription filter in an ACL (`+` and `#` allowed). */
const aclFilter = z
  .string({ error: 'a topic filter is text, e.g. home/#' })
  .trim()
  .min(1, 'a topic filter cannot be empty')
  .max(256, 'a topic filter is at most 256 characters')
  .superRefine((f, ctx) => {
    const problem = mqttFilterProblem(f);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.replace('the pattern', 'the filter') });
  });

export const MqttBrokerUser = z
  .object({
    username: z.string({ error: 'give a user name' }).trim().min(1, 'give a user name').max(64, 'keep the user name to 64 characters'),
    password: z.string({ error: 'give a password' }).min(1, 'give a password').max(128, 'keep the password to 128 characters'),
    /** Filters this user may subscribe to (a subscription must lie inside one of them). Default: everything. */
    read: z.array(aclFilter).max(32, 'at most 32 read filters').default(['#']),
    /** Filters this user may publish to. Default: everything. */
    write: z.array(aclFilter).max(32, 'at most 32 write filters').default(['#']),
  })
  .strict();
export type MqttBrokerUser = z.output<typeof MqttBrokerUser>;

const mapperList = z
  .array(z.enum(mqttMapperIds, { error: `a mapper is one of ${mqttMapperIds.join(', ')}` }))
  .max(mqttMapperIds.length)
  .refine((l) => new Set(l).size === l.length, 'a mapper is listed twice');

const portalId = z
  .string({ error: 'a VRM portal id is text, e.g. e0ff50a097c0' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a VRM portal id is letters and digits, e.g. e0ff50a097c0');

export const MqttConnection = z
  .object({
    /** Stable id (lower-case letters, digits, - and _): names the connection in status, logs and `mqtt.publish`. */
    id: z
      .string({ error: 'give the connection an id, e.g. gx' })
      .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a connection id is 1–32 lower-case letters, digits, - or _ (e.g. gx, venue-broker)')
      .refine((id) => id !== embeddedConnectionId, `"${embeddedConnectionId}" is the built-in broker; pick another id`),
    /** What the operator calls it. Empty = the id. */
    label: z.string({ error: 'the label is text' }).trim().max(64, 'keep the label to 64 characters').default(''),
    enabled: z.boolean({ error: 'enabled is true or false' }).default(true),
    host: z.string({ error: 'give the broker address, e.g. 192.168.1.50' }).trim().min(1, 'give the broker address, e.g. 192.168.1.50').max(255, 'keep the address to 255 characters'),
    port: tcpPort.default(1883),
    /** MQTT over TLS (a GX on 8883, a cloud broker). */
    tls: z.boolean({ error: 'tls is true or false' }).default(false),
    /** Accept a certificate no trusted authority signed (a GX's self-signed one). */
    tlsInsecure: z.boolean({ error: 'tlsInsecure is true or false' }).default(false),
    username: z.string({ error: 'the user name is text' }).max(128, 'keep the user name to 128 characters').default(''),
    password: z.string({ error: 'the password is text' }).max(256, 'keep the password to 256 characters').default(''),
    /** Fixed client id (the broker keeps our session and queued QoS 1 messages under it). Empty = `showsite-<connection id>`. */
    clientId: z
      .string({ error: 'the client id is text' })
      .trim()
      .max(64, 'keep the client id to 64 characters')
      .regex(/^[\x21-\x7e]*$/, 'the client id is printable characters without spaces')
      .default(''),
    /** Which mappers read this connection's messages. */
    mappers: mapperList.default([...mqttMapperIds]),
    /** GX portals to keep alive before they are heard (needed where `N/#` is not allowed, e.g. VRM). */
    victronPortalIds: z.array(portalId).max(16, 'at most 16 portal ids').default([]),
  })
  .strict();
export type MqttConnection = z.output<typeof MqttConnection>;

const siteSlug = z
  .string({ error: 'the site id is text, e.g. main' })
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'the site id is 1–32 letters, digits, - or _ (it is a topic level: showsite/<site>/devices/…)');

export const mqttSettings = {
  mqtt: section({
    schema: z
      .object({
        /** The broker inside the console: gateways, ESP32 nodes and a GX publish straight to the laptop. */
        broker: z
          .object({
            enabled: z.boolean({ error: 'enabled is true or false' }),
            /** TCP port. Bound to loopback unless LAN access is on (settings.remote.enabled, or serve --host). */
            port: tcpPort,
            /** Empty: anyone who can reach the port may connect. Otherwise a user name and password are required. */
            users: z
              .array(MqttBrokerUser)
              .max(64, 'at most 64 broker users')
              .superRefine((users, ctx) => {
                const seen = new Set<string>();
                users.forEach((u, i) => {
                  if (seen.has(u.username)) ctx.addIssue({ code: 'custom', path: [i, 'username'], message: `user "${u.username}" is listed twice` });
                  seen.add(u.username);
                });
              }),
            /** Which mappers read what is published to the embedded broker. */
            mappers: mapperList,
          })
          .strict(),
        /** External brokers: a GX, the venue's Mosquitto, a cloud broker. */
        connections: z
          .array(MqttConnection)
          .max(32, 'at most 32 connections')
          .superRefine((list, ctx) => {
            const seen = new Set<string>();
            list.forEach((c, i) => {
              if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `connection id "${c.id}" is used twice` });
              seen.add(c.id);
            });
          }),
        /** User mappings (the `user` mapper of every connection that enables it). */
        mappings: z.array(UserMapping).max(500, 'at most 500 user mappings'),
        /** OpenMQTTGateway / Theengs: keep other brands' decoded sensors too (default: Govee only — a gateway hears the neighbours). */
        gateways: z.object({ allBrands: z.boolean({ error: 'allBrands is true or false' }) }).strict(),
        govee2mqtt: z.object({ temperatureScale: z.enum(['C', 'F'], { error: 'the temperature scale is C or F' }) }).strict(),
        frigate: z
          .object({
            /** Frigate's web address (e.g. http://frigate.local:5000) for clip links on the timeline; empty = no links. */
            url: z
              .string({ error: 'the Frigate URL is text' })
              .trim()
              .max(255, 'keep the Frigate URL to 255 characters')
              .refine((u) => u === '' || /^https?:\/\/[^\s/?#]+[^\s?#]*$/.test(u), 'the Frigate URL looks like http://frigate.local:5000'),
            topicPrefix: z
              .string({ error: 'the topic prefix is text' })
              .regex(/^[^+#/\s]{1,64}$/, 'the topic prefix is one topic level without + # / or spaces (Frigate default: frigate)'),
          })
          .strict(),
        /** Normalized device state and names, retained, under showsite/<site>/devices/<deviceId>/state and …/meta. */
        publish: z
          .object({
            enabled: z.boolean({ error: 'enabled is true or false' }),
            site: siteSlug,
            /** Where to publish: `embedded` or an external connection's id. */
            connection: z.string({ error: 'give a connection id' }).min(1, 'give a connection id').max(32, 'a connection id is at most 32 characters'),
            /** A device's state is republished at most this often (on change only). */
            minIntervalMs: z.number({ error: 'give milliseconds' }).int('use whole milliseconds').min(100, 'republish at most every 100 ms').max(3_600_000, 'republish at least hourly'),
          })
          .strict(),
      })
      .strict()
      .superRefine((m, ctx) => {
        const ids = new Set([embeddedConnectionId, ...m.connections.map((c) => c.id)]);
        if (!ids.has(m.publish.connection)) ctx.addIssue({ code: 'custom', path: ['publish', 'connection'], message: `no connection "${m.publish.connection}" (use ${[...ids].join(', ')})` });
      }),
    defaults: {
      broker: { enabled: true, port: 1883, users: [], mappers: [...mqttMapperIds] },
      connections: [],
      mappings: [],
      gateways: { allBrands: false },
      govee2mqtt: { temperatureScale: 'C' },
      frigate: { url: '', topicPrefix: 'frigate' },
      publish: { enabled: true, site: 'main', connection: embeddedConnectionId, minIntervalMs: 1000 },
    },
    merge: 'keys',
  }),
};

// ---------------------------------------------------------------------------------------------------
// Status and GX shapes

const epochMs = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

export const mqttConnectionStates = ['off', 'connecting', 'connected', 'reconnecting', 'error'] as const;

export const MqttReject = z.object({ at: epochMs, mapper: z.string(), topic: z.string(), reason: z.string() });
export type MqttReject = z.infer<typeof MqttReject>;

export const MqttConnectionStatus = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['embedded', 'external']),
  /** host:port (for the embedded broker: where it listens). */
  address: z.string(),
  state: z.enum(mqttConnectionStates),
  /** A sentence a person understands: "listening on 127.0.0.1:1883 — 3 clients", "port 1883 in use — …". */
  message: z.string(),
  since: epochMs,
  tls: z.boolean(),
  mappers: z.array(z.enum(mqttMapperIds)),
  /** Embedded broker: clients connected now (null for external connections). */
  clients: count.nullable(),
  messages: count,
  readings: count,
  events: count,
  ignored: count,
  rejected: count,
  lastMessageAt: epochMs.nullable(),
  /** The latest rejected messages, newest first (at most 5). */
  rejects: z.array(MqttReject),
});
export type MqttConnectionStatus = z.infer<typeof MqttConnectionStatus>;

export const gxControls = ['inverter_mode', 'charge_current_limit', 'ac_input_current_limit'] as const;
export type GxControlName = (typeof gxControls)[number];

export const GxControlState = z.object({
  control: z.enum(gxControls),
  /** VE.Bus instance (inverter mode, AC input limit); null for the system-wide charge current limit. */
  instance: z.number().int().nullable(),
  /** AC input n of vebus/<instance>/Ac/In/<n>/CurrentLimit; null otherwise. */
  input: z.number().int().nullable(),
  /** As the GX last reported it (null: not reported or invalid). */
  value: z.number().nullable(),
  /** The GX says it can be changed (null: it did not say). */
  adjustable: z.boolean().nullable(),
  pending: z.object({ wanted: z.number(), requestedAt: epochMs, deadline: epochMs }).nullable(),
  /** How the last request ended. */
  last: z.object({ outcome: z.enum(['confirmed', 'reverted']), wanted: z.number(), value: z.number().nullable(), message: z.string(), at: epochMs }).nullable(),
});
export type GxControlState = z.infer<typeof GxControlState>;

export const GxPortal = z.object({
  connection: z.string(),
  portalId: z.string(),
  /** The GX summary device (`victron:<portal>`). */
  deviceId: z.string(),
  name: z.string().nullable(),
  lastSeen: epochMs.nullable(),
  keepAliveSentAt: epochMs.nullable(),
  /** soc, battery_voltage, battery_current, battery_power, ac_in_power, ac_out_power, pv_power, inverter_mode, … */
  summary: z.record(z.string(), z.number()),
  controls: z.array(GxControlState),
  services: z.array(z.object({ service: z.string(), instance: z.number().int(), name: z.string().nullable(), present: z.boolean() })),
});
export type GxPortal = z.infer<typeof GxPortal>;

export const MappingTestResult = z.union([
  z.object({ ok: z.literal(true), deviceId: z.string(), metric: z.string(), unit: z.string(), value: z.number(), expectedIntervalS: z.number().nullable() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type MappingTestResult = z.infer<typeof MappingTestResult>;

const connectionRef = z.string({ error: 'give a connection id' }).min(1, 'give a connection id').max(32, 'a connection id is at most 32 characters');

export const mqttMethods = {
  'mqtt.connections': method({ params: none, result: z.array(MqttConnectionStatus), access: 'view', summary: 'The embedded broker and every external connection: state, counters, latest rejects.' }),
  'mqtt.testMapping': method({
    params: z
      .object({
        mapping: UserMapping,
        topic: z.string({ error: 'enter the topic the sample was published on' }).min(1, 'enter the topic the sample was published on').max(1024, 'a topic is at most 1024 characters'),
        payload: z.string({ error: 'paste the sample payload' }).max(256 * 1024, 'the sample is at most 256 KB'),
      })
      .strict(),
    result: MappingTestResult,
    access: 'view',
    summary: 'Try a user mapping on a pasted sample message: the reading it would give, or why not. Changes nothing.',
  }),
  'mqtt.publish': method({
    params: z
      .object({
        topic: z
          .string({ error: 'give a topic' })
          .min(1, 'give a topic')
          .max(1024, 'a topic is at most 1024 characters')
          .refine((t) => !t.includes('+') && !t.includes('#'), 'a published topic cannot contain + or #'),
        payload: z.string({ error: 'the payload is text' }).max(256 * 1024, 'the payload is at most 256 KB'),
        retain: z.boolean({ error: 'retain is true or false' }).default(false),
        qos: z.union([z.literal(0), z.literal(1)], { error: 'qos is 0 or 1' }).default(0),
        connection: connectionRef.default(embeddedConnectionId),
      })
      .strict(),
    result: z.object({ connection: z.string(), topic: z.string(), bytes: count }),
    access: 'control',
    summary: 'Publish one message on the embedded broker or an external connection (the running order’s “MQTT publish” cue uses the same path).',
  }),
  'mqtt.gx': method({ params: none, result: z.array(GxPortal), access: 'view', summary: 'Victron GX systems heard: summary values and the controls with pending/confirmed state.' }),
  'mqtt.gxSet': method({
    params: z
      .object({
        connection: connectionRef,
        portalId,
        control: z.enum(gxControls, { error: `the control is one of ${gxControls.join(', ')}` }),
        /** VE.Bus instance; default: the GX's main VE.Bus device. */
        instance: z.number({ error: 'the instance is a number' }).int('the instance is a whole number').min(0, 'the instance is 0 or more').optional(),
        /** AC input n (ac_input_current_limit only); default: the input the GX publishes a limit for. */
        input: z.number({ error: 'the AC input is a number' }).int('the AC input is 0, 1 or 2').min(0, 'the AC input is 0, 1 or 2').max(2, 'the AC input is 0, 1 or 2').optional(),
        value: z.number({ error: 'give the value to set' }).finite('give a finite number'),
      })
      .strict(),
    result: GxPortal,
    access: 'control',
    summary: 'Write a GX control (inverter mode, charge or AC input current limit); pending until the GX republishes it.',
  }),
} as const;

export const mqttTopics = {
  'mqtt.connections': MqttConnectionStatus, // key: connection id
  'mqtt.gx': z.array(GxPortal), // key: constant — every GX heard, on change (at most a few a second)
} as const;
