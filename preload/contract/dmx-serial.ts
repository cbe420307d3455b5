import { z } from 'zod';
import { DMX_CHANNELS } from './dmx.ts';
import { method, none } from './method-spec.ts';

/**
 * DMX over serial ports, the DMX capability's second slice: the Enttec DMX USB Pro (out and in), DMX text
 * input from a SparkFun DMX shield, and channel monitors (a channel of any input or of the output, scaled
 * into a display unit and logged as telemetry). Its keys live inside the `dmx` settings section
 * (`dmx.enttec`, `dmx.serialInputs`, `dmx.monitors`): dmx-api.ts adds them, and this file must not import
 * dmx-api.ts (that would be an import cycle).
 */

/** Must equal DMX_ENGINE_UNIVERSES_MAX in dmx-api.ts (a test checks; importing it would be a cycle). */
const ENGINE_UNIVERSES_MAX = 512;
/** dmx.input.<n> topics go up to 63: every kind of input together stays within 64. */
export const DMX_INPUTS_MAX = 64;

const engineUniverse = z
  .number({ error: 'give a universe number' })
  .int('a universe is a whole number')
  .min(1, 'universes start at 1')
  .max(ENGINE_UNIVERSES_MAX, `universes go up to ${ENGINE_UNIVERSES_MAX}`);
const channel = z.number({ error: 'give a channel 1–512' }).int('a channel is a whole number').min(1, 'channels are 1–512').max(DMX_CHANNELS, 'channels are 1–512');
const lossTimeoutMs = z.number().int('use whole milliseconds').min(500, 'at least 500 ms').max(60_000, 'at most 60 s');

/** A serial port: an absolute path (`/dev/ttyUSB0`, `/dev/serial/by-id/…`, `/dev/cu.usbserial-…`) or a Windows `COM3`. */
export const serialPath = z
  .string({ error: 'give a serial port, e.g. /dev/ttyUSB0 or COM3' })
  .trim()
  .min(1, 'give a serial port, e.g. /dev/ttyUSB0 or COM3')
  .max(200, 'keep the port path to 200 characters')
  .regex(/^(\/[^\s\0]+|COM[1-9]\d{0,2})$/, 'a serial port is a path like /dev/ttyUSB0 (macOS /dev/cu.usbserial-…) or COM3 on Windows');

export const DmxEnttecSettings = z
  .object({
    /** Drive an Enttec DMX USB Pro: its DMX OUT sends `universe`; its DMX IN can be an input. */
    enabled: z.boolean(),
    /** 'auto' = find it (FTDI serial devices, confirmed by the widget's answer to a serial-number / parameters request), or a path. */
    port: z
      .string({ error: 'port is "auto" or a serial port like /dev/ttyUSB0 or COM3' })
      .trim()
      .max(200, 'keep the port path to 200 characters')
      .regex(/^(auto|\/[^\s\0]+|COM[1-9]\d{0,2})$/, 'port is "auto" or a serial port like /dev/ttyUSB0 (macOS /dev/cu.usbserial-…) or COM3 on Windows'),
    /** Frames a second sent to the widget (continuous refresh, the newest frame each time; the widget tops out at 40). */
    rateHz: z.number({ error: 'rateHz is 1–40' }).int('rateHz is a whole number').min(1, 'rateHz is 1–40').max(40, 'rateHz is 1–40 (the widget sends at most 40 frames a second)'),
    /** Engine universe sent out of the widget. */
    universe: engineUniverse,
    /** Channels per frame (1–512). Fewer make shorter DMX frames; 512 sends the whole universe. */
    slots: z.number({ error: 'slots is 1–512' }).int('slots is a whole number').min(1, 'slots is 1–512').max(DMX_CHANNELS, 'slots is 1–512'),
    input: z
      .object({
        /** Read the widget's DMX IN (label 5 packets, or label 9 changes) as an input. */
        enabled: z.boolean(),
        /** Engine universe this input belongs to (its monitor, and the merge target). */
        universe: engineUniverse,
        /** Ask the widget for changes only (label 8 = 1 → label 9 messages) instead of every packet (label 5). */
        changesOnly: z.boolean(),
        /** Merge into the output as a layer (HTP/LTP by patch); off = monitor only. */
        merge: z.boolean(),
        /** Silent this long = lost (layer released). Not used with changesOnly: an unchanging input sends nothing. */
        lossTimeoutMs,
      })
      .strict(),
  })
  .strict();
export type DmxEnttecSettings = z.infer<typeof DmxEnttecSettings>;

/** A SparkFun DMX shield (or any sketch printing `DMX: read value from channel N: V` lines) on a serial port. */
export const DmxSerialInput = z
  .object({
    port: serialPath,
    baudRate: z.number({ error: 'give a baud rate, e.g. 115200' }).int('a baud rate is a whole number').min(300, 'baud rates are 300–4000000').max(4_000_000, 'baud rates are 300–4000000').default(115_200),
    /** Only channels firstChannel..lastChannel are taken; the rest of the lines are counted as filtered. */
    firstChannel: channel.default(1),
    lastChannel: channel.default(DMX_CHANNELS),
    universe: engineUniverse,
    merge: z.boolean().default(false),
    lossTimeoutMs: lossTimeoutMs.default(3000),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.firstChannel > s.lastChannel) ctx.addIssue({ code: 'custom', path: ['lastChannel'], message: `the last channel (${s.lastChannel}) comes before the first (${s.firstChannel})` });
  });
export type DmxSerialInput = z.infer<typeof DmxSerialInput>;

/**
 * Where a monitor reads: `output:<universe>` (what goes on stage, after merge, grand master and blackout) or
 * an input: `artnet:<Port-Address>`, `sacn:<universe>`, `enttec`, `serial:<port>`.
 */
export const monitorSourcePattern = /^(output:[1-9]\d{0,2}|artnet:\d{1,5}|sacn:\d{1,5}|enttec|serial:\S+)$/;

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a finite number`);

export const DmxMonitor = z
  .object({
    /** Stable id: the device is `dmx-monitor:<id>`, so renaming the monitor never splits its history. */
    id: z
      .string({ error: 'give the monitor an id' })
      .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'a monitor id is lower-case letters, digits, - and _ (up to 48), e.g. led-wall'),
    name: z.string({ error: 'give the monitor a name' }).trim().min(1, 'give the monitor a name').max(64, 'keep the name to 64 characters'),
    room: z.string({ error: 'the room must be text' }).trim().max(64, 'keep the room to 64 characters').default(''),
    source: z.string({ error: 'give a source, e.g. output:1 or artnet:0' }).regex(monitorSourcePattern, 'source is output:<universe>, artnet:<Port-Address>, sacn:<universe>, enttec or serial:<port>'),
    channel,
    /** The fine channel of a 16-bit pair (raw = channel × 256 + fineChannel, 0–65535); omitted = 8-bit (0–255). */
    fineChannel: channel.optional(),
    /** Raw range that maps onto low..high (defaults: 0 and the full scale, 255 or 65535); raw values outside it are clamped. */
    rawLow: z.number().int('rawLow is a whole number').min(0, 'rawLow is at least 0').max(65_535, 'rawLow is at most 65535').optional(),
    rawHigh: z.number().int('rawHigh is a whole number').min(0, 'rawHigh is at least 0').max(65_535, 'rawHigh is at most 65535').optional(),
    /** The display value at rawLow and at rawHigh (linear in between), e.g. 0 and 11000 nits. */
    low: finite('low'),
    high: finite('high'),
    unit: z.string({ error: 'the unit must be text' }).trim().max(16, 'keep the unit to 16 characters').default(''),
    /** Telemetry metric name (thresholds and history use it). */
    metric: z
      .string()
      .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'a metric name is lower-case letters, digits, _ and . starting with a letter, e.g. brightness')
      .default('level'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const full = m.fineChannel === undefined ? 255 : 65_535;
    if (m.fineChannel !== undefined && m.fineChannel === m.channel) ctx.addIssue({ code: 'custom', path: ['fineChannel'], message: 'the fine channel must differ from the coarse channel' });
    const lowRaw = m.rawLow ?? 0;
    const highRaw = m.rawHigh ?? full;
    if (highRaw > full) ctx.addIssue({ code: 'custom', path: ['rawHigh'], message: `an ${full === 255 ? '8-bit channel' : '16-bit pair'} reads at most ${full}` });
    if (lowRaw >= highRaw) ctx.addIssue({ code: 'custom', path: ['rawHigh'], message: `rawHigh (${highRaw}) must be above rawLow (${lowRaw})` });
  });
export type DmxMonitor = z.infer<typeof DmxMonitor>;

/** The keys this slice adds to the `dmx` section, and their defaults. */
export const serialDmxShape = {
  enttec: DmxEnttecSettings,
  serialInputs: z.array(DmxSerialInput).max(16, 'at most 16 serial inputs'),
  monitors: z.array(DmxMonitor).max(256, 'at most 256 monitors'),
};

export const serialDmxDefaults: { enttec: DmxEnttecSettings; serialInputs: DmxSerialInput[]; monitors: DmxMonitor[] } = {
  enttec: { enabled: false, port: 'auto', rateHz: 40, universe: 1, slots: 512, input: { enabled: false, universe: 1, changesOnly: false, merge: false, lossTimeoutMs: 3000 } },
  serialInputs: [],
  monitors: [],
};

/** What checkSerialDmx needs of the whole `dmx` section. */
export interface SerialDmxCheckable {
  universes: number;
  inputs: readonly ({ protocol: 'artnet'; portAddress: number } | { protocol: 'sacn'; sacnUniverse: number })[];
  enttec: DmxEnttecSettings;
  serialInputs: readonly DmxSerialInput[];
  monitors: readonly DmxMonitor[];
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

/** Does the Enttec's input count as an input (status, dmx.input.<n>)? */
export const enttecInputOn = (enttec: DmxEnttecSettings) => enttec.enabled && enttec.input.enabled;

/** Cross-key rules of the `dmx` section that involve this slice (called from its superRefine). */
export function checkSerialDmx(s: SerialDmxCheckable, ctx: IssueSink): void {
  const beyond = (u: number, path: (string | number)[]) => {
    if (u > s.universes) ctx.addIssue({ code: 'custom', path, message: `universe ${u} is beyond the ${s.universes} the engine runs` });
  };
  beyond(s.enttec.universe, ['enttec', 'universe']);
  beyond(s.enttec.input.universe, ['enttec', 'input', 'universe']);
  const ports = new Set<string>();
  s.serialInputs.forEach((input, i) => {
    beyond(input.universe, ['serialInputs', i, 'universe']);
    if (ports.has(input.port)) ctx.addIssue({ code: 'custom', path: ['serialInputs', i, 'port'], message: `${input.port} is listed twice` });
    ports.add(input.port);
    if (s.enttec.enabled && s.enttec.port === input.port) ctx.addIssue({ code: 'custom', path: ['serialInputs', i, 'port'], message: `${input.port} is the Enttec's port (dmx.enttec.port); one port can do one job` });
  });
  const total = s.inputs.length + (enttecInputOn(s.enttec) ? 1 : 0) + s.serialInputs.length;
  if (total > DMX_INPUTS_MAX) ctx.addIssue({ code: 'custom', path: ['serialInputs'], message: `at most ${DMX_INPUTS_MAX} inputs in all (Art-Net, sACN, Enttec and serial), not ${total}` });

  const ids = new Set<string>();
  s.monitors.forEach((m, i) => {
    if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'id'], message: `monitor id "${m.id}" is used twice` });
    ids.add(m.id);
    const problem = monitorSourceProblem(m.source, s);
    if (problem) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'source'], message: problem });
  });
}

/** Why a monitor's source names nothing that is configured, or undefined when it is fine. */
function monitorSourceProblem(source: string, s: SerialDmxCheckable): string | undefined {
  const [kind, rest = ''] = splitSource(source);
  const n = Number(rest);
  switch (kind) {
    case 'output':
      return n >= 1 && n <= s.universes ? undefined : `output:${rest} — the engine runs universes 1–${s.universes}`;
    case 'artnet':
      return s.inputs.some((i) => i.protocol === 'artnet' && i.portAddress === n) ? undefined : `no Art-Net input on Port-Address ${rest} in dmx.inputs`;
    case 'sacn':
      return s.inputs.some((i) => i.protocol === 'sacn' && i.sacnUniverse === n) ? undefined : `no sACN input on universe ${rest} in dmx.inputs`;
    case 'serial':
      return s.serialInputs.some((i) => i.port === rest) ? undefined : `no serial input on ${rest} in dmx.serialInputs`;
    default:
      return undefined; // 'enttec': may be off for now; the monitor then has no value
  }
}

/** `"serial:/dev/ttyUSB1"` → `['serial', '/dev/ttyUSB1']`; `"enttec"` → `['enttec', '']`. */
export function splitSource(source: string): [string, string] {
  const at = source.indexOf(':');
  return at < 0 ? [source, ''] : [source.slice(0, at), source.slice(at + 1)];
}

// ── the serial ports found ─────────────────────────────────────────────────────────────────────────

export const SerialPortInfo = z.object({
  /** The device path (`/dev/ttyUSB0`, `COM3`). */
  path: z.string(),
  /** A path that survives replugging into another USB socket (`/dev/serial/by-id/…`), when the system has one. */
  stablePath: z.string().nullable(),
  /** USB vendor and product id, 4 lower-case hex digits each (`0403`, `6001`), when known. */
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  /** Looks like an Enttec DMX USB Pro (FTDI 0403:6001 and kin). A USB Pro and an Open DMX share the ids: auto-detect asks the widget to be sure. */
  likelyEnttec: z.boolean(),
  /** What this console uses it for now. */
  usedBy: z.enum(['enttec', 'serial-input']).nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfo>;

export const SerialPortList = z.object({
  ports: z.array(SerialPortInfo),
  /** system = the operating system's list (udev, IOKit, SetupAPI); scan = /dev and /sys read directly. */
  method: z.enum(['system', 'scan']),
  /** Why the list may be short (e.g. "udevadm is not installed: listed from /dev and /sys"), or null. */
  note: z.string().nullable(),
});
export type SerialPortList = z.infer<typeof SerialPortList>;

export const dmxSerialMethods = {
  'dmx.serialPorts': method({ params: none, result: SerialPortList, access: 'view', summary: 'Serial devices found (path, USB VID:PID, serial number) and which one the Enttec or a DMX text input uses.' }),
};
