import { z } from 'zod';
import { method, none } from './method-spec.ts';
import { section } from './settings-spec.ts';

/**
 * SNMP polling: the targets (settings `snmp.targets[]`), their health, "Test now", and the switches'
 * port grids for the Network page.
 */

export const snmpVersions = ['v1', 'v2c', 'v3'] as const;
export const snmpProfiles = ['geist', 'switch', 'generic'] as const;
export const snmpAuthProtocols = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export const snmpPrivProtocols = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export const snmpSecurityLevels = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;

const oid = z
  .string({ error: 'give an OID, e.g. 1.3.6.1.2.1.1.3.0' })
  .trim()
  .regex(/^\.?(0|[1-9]\d{0,9})(\.(0|[1-9]\d{0,9})){1,127}$/, 'an OID is numbers joined by dots, e.g. 1.3.6.1.2.1.1.3.0 (names like sysUpTime.0 are not understood)');

const finiteNumber = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a finite number`);

/** One OID a generic target reads: value × scale + offset, shown as `name` in `unit`. */
export const SnmpGenericOid = z
  .object({
    oid,
    name: z
      .string({ error: 'name the reading, e.g. ups_load' })
      .trim()
      .min(1, 'name the reading, e.g. ups_load')
      .max(64, 'keep the name to 64 characters')
      .regex(/^[A-Za-z][A-Za-z0-9_. ]*$/, 'a reading name starts with a letter and has only letters, digits, spaces, _ and .'),
    scale: finiteNumber('scale').optional(),
    offset: finiteNumber('offset').optional(),
    unit: z.string({ error: 'the unit must be text' }).trim().max(16, 'keep the unit to 16 characters').optional(),
  })
  .strict();
export type SnmpGenericOid = z.infer<typeof SnmpGenericOid>;

const secret = (what: string) =>
  z
    .string({ error: `give the ${what}` })
    .min(8, `the ${what} must be at least 8 characters (SNMPv3 requires it)`)
    .max(128, `keep the ${what} to 128 characters`);

export const SnmpV3Credentials = z
  .object({
    user: z.string({ error: 'give the SNMPv3 user name' }).trim().min(1, 'give the SNMPv3 user name').max(32, 'SNMPv3 user names are at most 32 characters'),
    level: z.enum(snmpSecurityLevels, { error: 'level is noAuthNoPriv, authNoPriv or authPriv' }).default('authPriv'),
    authProtocol: z.enum(snmpAuthProtocols, { error: `authProtocol is one of ${snmpAuthProtocols.join(', ')}` }).default('sha'),
    authKey: secret('auth password').optional(),
    privProtocol: z.enum(snmpPrivProtocols, { error: `privProtocol is one of ${snmpPrivProtocols.join(', ')}` }).default('aes'),
    privKey: secret('privacy password').optional(),
  })
  .strict();
export type SnmpV3Credentials = z.infer<typeof SnmpV3Credentials>;

const targetShape = z
  .object({
    /** Stable id (letters, digits, . _ - : @); default `<profile>@<host>:<port>`. */
    id: z
      .string({ error: 'the id must be text' })
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/, 'an id is up to 64 letters, digits, dots, dashes, underscores, colons or @, starting with a letter or digit')
      .optional(),
    /** What people call it ("Rack Watchdog"); default the host. */
    name: z.string({ error: 'the name must be text' }).trim().max(64, 'keep the name to 64 characters').optional(),
    host: z
      .string({ error: 'give the agent’s address, e.g. 10.0.0.5' })
      .trim()
      .min(1, 'give the agent’s address, e.g. 10.0.0.5')
      .max(253, 'a host name is at most 253 characters')
      .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'an address is an IPv4 address like 10.0.0.5 or a host name like watchdog.local'),
    port: z.number({ error: 'port must be a number' }).int('port must be a whole number').min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535').default(161),
    version: z.enum(snmpVersions, { error: 'version is v1, v2c or v3' }).default('v2c'),
    /** v1/v2c read community. */
    community: z.string({ error: 'the community must be text' }).min(1, 'give the community (often "public")').max(64, 'keep the community to 64 characters').optional(),
    v3: SnmpV3Credentials.optional(),
    profile: z.enum(snmpProfiles, { error: 'profile is geist, switch or generic' }),
    intervalS: z.number({ error: 'the interval must be a number of seconds' }).int('use whole seconds').min(1, 'poll at most once a second').max(86_400, 'poll at least once a day').default(30),
    timeoutMs: z.number({ error: 'the timeout must be a number of milliseconds' }).int('use whole milliseconds').min(100, 'the timeout must be at least 100 ms').max(60_000, 'the timeout can be at most 60000 ms').default(2000),
    retries: z.number({ error: 'retries must be a number' }).int('retries must be a whole number').min(0, 'retries must be 0–10').max(10, 'retries must be 0–10').default(1),
    /** Generic profile: the OIDs to read. */
    oids: z.array(SnmpGenericOid).max(200, 'at most 200 OIDs per target').optional(),
    /** false keeps the target in the list without polling it. */
    enabled: z.boolean({ error: 'enabled is true or false' }).default(true),
  })
  .strict();

type TargetShape = z.output<typeof targetShape>;

function checkTarget(t: TargetShape, ctx: z.RefinementCtx): void {
  if (t.version === 'v3') {
    if (!t.v3) ctx.addIssue({ code: 'custom', path: ['v3'], message: 'SNMPv3 needs credentials: v3.user (and the passwords its security level needs)' });
    else {
      if (t.v3.level !== 'noAuthNoPriv' && !t.v3.authKey) ctx.addIssue({ code: 'custom', path: ['v3', 'authKey'], message: `security level ${t.v3.level} needs the auth password` });
      if (t.v3.level === 'authPriv' && !t.v3.privKey) ctx.addIssue({ code: 'custom', path: ['v3', 'privKey'], message: 'security level authPriv needs the privacy password' });
    }
  } else if (t.community === undefined) ctx.addIssue({ code: 'custom', path: ['community'], message: `SNMP${t.version} needs the community (often "public")` });
  if (t.profile === 'generic') {
    if (!t.oids?.length) ctx.addIssue({ code: 'custom', path: ['oids'], message: 'a generic target needs at least one OID to read' });
    const names = new Set<string>();
    t.oids?.forEach((o, i) => {
      const key = o.name.toLowerCase().replace(/\s+/g, '_');
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['oids', i, 'name'], message: `the reading name "${o.name}" is used twice` });
      names.add(key);
    });
  }
}

/** One SNMP agent to poll. */
export const SnmpTarget = targetShape.superRefine(checkTarget);
export type SnmpTarget = z.output<typeof SnmpTarget>;
export type SnmpTargetInput = z.input<typeof SnmpTarget>;

/** A target's id: the one given, else `<profile>@<host>:<port>` (host lower-cased). */
export function snmpTargetId(t: Pick<SnmpTarget, 'id' | 'host' | 'port' | 'profile'>): string {
  return t.id ?? `${t.profile}@${t.host.toLowerCase()}:${t.port}`;
}

export const SnmpTargets = z
  .array(SnmpTarget)
  .max(500, 'at most 500 SNMP targets')
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      const id = snmpTargetId(t);
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `two targets have the id "${id}": give one of them its own id` });
      seen.add(id);
    });
  });

export const snmpSettings = {
  /** SNMP agents to poll (Geist Watchdogs, switches, anything with OIDs). */
  snmp: section({
    schema: z
      .object({
        targets: SnmpTargets,
        /**
         * Listen for SNMP v1/v2c traps (linkDown/linkUp…): a trap from a target's host makes it poll at once,
         * so a port going down shows within a second instead of at the next poll. Off by default: it listens
         * on every interface. 162 needs administrator rights; point the switch at this port instead.
         */
        traps: z
          .object({
            enabled: z.boolean({ error: 'traps.enabled is true or false' }),
            port: z.number({ error: 'the trap port must be a number' }).int('the trap port must be a whole number').min(1, 'the trap port must be 1–65535').max(65535, 'the trap port must be 1–65535'),
          })
          .strict(),
      })
      .strict(),
    defaults: { targets: [], traps: { enabled: false, port: 1162 } },
    merge: 'keys',
  }),
};

// ---------------------------------------------------------------------------------------------------
// Status, test, switches

/** `pending`: not polled yet; `off`: in the list but disabled. The others are what the last poll found. */
export const snmpHealthStates = ['pending', 'ok', 'timeout', 'auth', 'bad-data', 'unreachable', 'off'] as const;
export type SnmpHealthState = (typeof snmpHealthStates)[number];

const epochMs = z.number().int().nonnegative();

export const SnmpTargetStatus = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  version: z.enum(snmpVersions),
  profile: z.enum(snmpProfiles),
  /** Built in (the demo site's simulated agents): not in settings, not editable. */
  builtIn: z.boolean(),
  enabled: z.boolean(),
  intervalS: z.number().positive(),
  state: z.enum(snmpHealthStates),
  /** What the last poll found, in words ("no answer (10.0.0.5:161): wrong community or unreachable"). */
  message: z.string(),
  /** Since when the state has been what it is. */
  since: epochMs,
  lastPollAt: epochMs.nullable(),
  lastOkAt: epochMs.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  polls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Devices the target's last good poll reported. */
  devices: z.array(z.string()),
  readings: z.number().int().nonnegative(),
  /** Unusable or noteworthy values of the last poll (first few). */
  notes: z.array(z.string()),
  /** Values ignored as unusable (wrong type, absurd, missing) since polling started; each new kind is logged. */
  badValues: z.number().int().nonnegative(),
});
export type SnmpTargetStatus = z.infer<typeof SnmpTargetStatus>;

export const SnmpTestResult = z.object({
  state: z.enum(snmpHealthStates),
  message: z.string(),
  durationMs: z.number().nonnegative(),
  /** Round trips the poll took. */
  requests: z.number().int().nonnegative(),
  /** What the agent answered (the first 300 values), in OID order. */
  answered: z.array(z.object({ oid: z.string(), type: z.string(), value: z.string() })),
  answeredTotal: z.number().int().nonnegative(),
  /** What the profile made of it. */
  devices: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      model: z.string(),
      name: z.string().nullable(),
      samples: z.array(z.object({ metric: z.string(), unit: z.string(), value: z.number() })),
    }),
  ),
  notes: z.array(z.object({ oid: z.string().nullable(), reason: z.string(), notice: z.boolean() })),
});
export type SnmpTestResult = z.infer<typeof SnmpTestResult>;

export const snmpPortStates = ['up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'] as const;

export const SnmpPort = z.object({
  /** ifIndex. */
  index: z.number().int(),
  /** ifAlias if set, else ifName, else ifDescr. */
  label: z.string(),
  name: z.string().nullable(),
  alias: z.string().nullable(),
  oper: z.enum(snmpPortStates).nullable(),
  admin: z.enum(snmpPortStates).nullable(),
  /**
   * Seen up since the console started watching. A down port that never was is an unused socket (grey);
   * one that was up and went down is a link lost (red).
   */
  wasUp: z.boolean(),
  speedBps: z.number().nonnegative().nullable(),
  inBps: z.number().nonnegative().nullable(),
  outBps: z.number().nonnegative().nullable(),
  /** Per second, since the previous poll. */
  inErrors: z.number().nonnegative().nullable(),
  outErrors: z.number().nonnegative().nullable(),
  inDiscards: z.number().nonnegative().nullable(),
  outDiscards: z.number().nonnegative().nullable(),
});
export type SnmpPort = z.infer<typeof SnmpPort>;

export const SnmpSwitch = z.object({
  targetId: z.string(),
  deviceId: z.string(),
  /** sysName, else the target's name. */
  name: z.string(),
  host: z.string(),
  model: z.string(),
  firmware: z.string().nullable(),
  uptimeS: z.number().nonnegative().nullable(),
  /** When these values were read. */
  ts: epochMs,
  ports: z.array(SnmpPort),
  /** Box temperatures (°C), fans and power supplies where the switch answers them. */
  temperatures: z.array(z.object({ key: z.string(), celsius: z.number() })),
  fans: z.array(z.object({ key: z.string(), state: z.string(), ok: z.boolean() })),
  psus: z.array(z.object({ key: z.string(), state: z.string(), ok: z.boolean() })),
});
export type SnmpSwitch = z.infer<typeof SnmpSwitch>;

export const snmpMethods = {
  'snmp.status': method({ params: none, result: z.array(SnmpTargetStatus), access: 'view', summary: 'Every SNMP target (and the demo’s built-in ones) with its health: ok, timeout, auth, bad data, unreachable.' }),
  'snmp.switches': method({ params: none, result: z.array(SnmpSwitch), access: 'view', summary: 'Each polled switch with its ports (up/down, speed, in/out rate, errors) as of its last poll.' }),
  'snmp.test': method({
    params: z
      .object({
        /** A target as it would be saved (need not be saved yet)… */
        target: SnmpTarget.optional(),
        /** …or the id of a configured or built-in target. */
        id: z.string({ error: 'give the target id' }).min(1, 'give the target id').max(100, 'a target id is at most 100 characters').optional(),
      })
      .strict()
      .refine((p) => (p.target === undefined) !== (p.id === undefined), 'give either target (a configuration to try) or id (a configured target)'),
    result: SnmpTestResult,
    access: 'control',
    summary: '“Test now”: poll one target once and show what the agent answered and what the console made of it. Saves nothing.',
  }),
} as const;

export const snmpTopics = {
  'snmp.target': SnmpTargetStatus, // key: target id; after every poll and every change
  'snmp.switch': SnmpSwitch, // key: device id; after every good poll of a switch
} as const;
