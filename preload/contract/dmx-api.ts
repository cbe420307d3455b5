import { z } from 'zod';
import { DMX_CHANNELS, DMX_TIME_MAX_MS, DmxCueList, DmxLookValues, DmxPatch, DmxScene, DmxUniverseValues } from './dmx.ts';
import { method, none } from './method-spec.ts';
import { checkSerialDmx, serialDmxDefaults, serialDmxShape } from './dmx-serial.ts';
import { section } from './settings-spec.ts';

/**
 * The DMX capability's slice of the contract: its settings section, live shapes, methods and topics.
 * Data shapes shared with the store and the engine (patch, scenes, cue lists) are in dmx.ts.
 */

/** Most universes the engine runs (numbered 1..N). */
export const DMX_ENGINE_UNIVERSES_MAX = 512;

const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, 'give an IPv4 address like 10.0.0.5');
/** An IPv4 address, or '' = not chosen (automatic / none). */
const optionalIp = z.union([z.literal(''), ipv4]);
const engineUniverse = z.number().int('a universe is a whole number').min(1, 'universes start at 1').max(DMX_ENGINE_UNIVERSES_MAX, `universes go up to ${DMX_ENGINE_UNIVERSES_MAX}`);
const portAddress = z.number().int('a Port-Address is a whole number').min(0, 'Port-Addresses are 0–32767').max(32767, 'Port-Addresses are 0–32767');
const sacnUniverse = z.number().int('an sACN universe is a whole number').min(1, 'sACN universes are 1–63999').max(63999, 'sACN universes are 1–63999');
const timeMs = z.number().int('use whole milliseconds').min(0, 'a time cannot be negative').max(DMX_TIME_MAX_MS, 'times go up to an hour');

export const DmxOutput = z.discriminatedUnion('protocol', [
  z
    .object({
      protocol: z.literal('artnet'),
      /** Engine universe sent. */
      universe: engineUniverse,
      portAddress,
      /** Unicast to this node; '' = to the nodes ArtPoll found for this Port-Address, else directed broadcast. */
      target: optionalIp.default(''),
    })
    .strict(),
  z
    .object({
      protocol: z.literal('sacn'),
      universe: engineUniverse,
      sacnUniverse,
      /** Unicast to this receiver; '' = multicast 239.255.hi.lo. */
      target: optionalIp.default(''),
      priority: z.number().int().min(0, 'priority is 0–200').max(200, 'priority is 0–200').default(100),
    })
    .strict(),
]);
export type DmxOutput = z.infer<typeof DmxOutput>;

export const DmxInput = z.discriminatedUnion('protocol', [
  z
    .object({
      protocol: z.literal('artnet'),
      portAddress,
      /** Engine universe this input belongs to (its monitor, and the merge target). */
      universe: engineUniverse,
      /** Merge into the output as a layer (HTP/LTP by patch); off = monitor only. */
      merge: z.boolean().default(false),
      /** After this long without a frame the source counts as lost and its layer is released (the last good frame is held until then). */
      lossTimeoutMs: z.number().int().min(500, 'at least 500 ms').max(60_000, 'at most 60 s').default(3000),
    })
    .strict(),
  z
    .object({
      protocol: z.literal('sacn'),
      sacnUniverse,
      universe: engineUniverse,
      merge: z.boolean().default(false),
      lossTimeoutMs: z.number().int().min(500, 'at least 500 ms').max(60_000, 'at most 60 s').default(3000),
    })
    .strict(),
]);
export type DmxInput = z.infer<typeof DmxInput>;

const DmxSettings = z
  .object({
    /** The engine (scenes, cues, faders, universe view); outputs have their own switches. */
    enabled: z.boolean(),
    universes: engineUniverse,
    artnet: z
      .object({
        enabled: z.boolean(),
        /** Address of the network interface Art-Net runs on ('' = none chosen yet: nothing is sent). */
        interface: optionalIp,
        /** UDP port (Art-Net is 6454; another only for tests on one machine). */
        port: z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535'),
        /** Broadcast address ('' = the interface's directed broadcast). */
        broadcast: optionalIp,
        /** Most ArtDmx frames per second per universe (sent on change; DMX512 tops out at 44). */
        refreshHz: z.number().int().min(1, 'at least 1 frame a second').max(44, 'at most 44 frames a second (the DMX512 limit)'),
        /** An unchanged universe is sent again this often, so nodes never time out (Art-Net allows 4 s). */
        keepAliveMs: z.number().int().min(100, 'at least 100 ms').max(4000, 'at most 4000 ms (Art-Net nodes time out after 4 s)'),
        pollIntervalS: z.number().int().min(1, 'poll at least every 60 s').max(60, 'poll at least every 60 s'),
        /** A node that has not answered a poll for this long is shown as lost. */
        nodeTimeoutS: z.number().int().min(2, 'at least 2 s').max(120, 'at most 120 s'),
        /** Our name in other consoles' node lists. */
        shortName: z.string().trim().min(1, 'give a short name').max(17, 'Art-Net short names are at most 17 characters'),
      })
      .strict(),
    sacn: z
      .object({
        enabled: z.boolean(),
        interface: optionalIp,
        sourceName: z.string().trim().min(1, 'give a source name').max(63, 'sACN source names are at most 63 characters'),
        refreshHz: z.number().int().min(1).max(44),
        keepAliveMs: z.number().int().min(100).max(4000),
      })
      .strict(),
    outputs: z.array(DmxOutput).max(1024, 'at most 1024 outputs'),
    inputs: z.array(DmxInput).max(64, 'at most 64 inputs'),
    ...serialDmxShape, // enttec, serialInputs, monitors (dmx-serial.ts)
  })
  .strict()
  .superRefine((s, ctx) => {
    s.outputs.forEach((o, i) => {
      if (o.universe > s.universes) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'universe'], message: `universe ${o.universe} is beyond the ${s.universes} the engine runs` });
    });
    s.inputs.forEach((o, i) => {
      if (o.universe > s.universes) ctx.addIssue({ code: 'custom', path: ['inputs', i, 'universe'], message: `universe ${o.universe} is beyond the ${s.universes} the engine runs` });
    });
    const seen = new Set<string>();
    s.inputs.forEach((o, i) => {
      const key = o.protocol === 'artnet' ? `artnet:${o.portAddress}` : `sacn:${o.sacnUniverse}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['inputs', i], message: `${key.replace(':', ' ')} is listed twice` });
      seen.add(key);
    });
    checkSerialDmx(s, ctx);
  });
export type DmxSettings = z.infer<typeof DmxSettings>;

export const dmxSettings = {
  dmx: section({
    schema: DmxSettings,
    defaults: {
      enabled: true,
      universes: 64,
      // Off until an interface is chosen: a laptop must never spray Art-Net onto whatever network it is on.
      artnet: { enabled: false, interface: '', port: 6454, broadcast: '', refreshHz: 44, keepAliveMs: 1000, pollIntervalS: 3, nodeTimeoutS: 10, shortName: 'Showsite Console' },
      sacn: { enabled: false, interface: '', sourceName: 'Showsite Console', refreshHz: 44, keepAliveMs: 1000 },
      outputs: [{ protocol: 'artnet', universe: 1, portAddress: 0, target: '' }],
      inputs: [],
      ...serialDmxDefaults,
    },
    merge: 'keys',
  }),
};

// ── live status ────────────────────────────────────────────────────────────────────────────────────

export const outputStates = ['ok', 'idle', 'lost', 'error', 'off'] as const;

export const DmxOutputStatus = z.object({
  /** Index in settings.dmx.outputs. */
  index: z.number().int(),
  protocol: z.enum(['artnet', 'sacn', 'enttec']),
  universe: z.number().int(),
  /** Where it goes, in words: "Port-Address 0:0:1 → 2 nodes", "sACN 5 multicast", "Enttec /dev/ttyUSB0". */
  destination: z.string(),
  /** ok = sending; idle = nothing to send to yet; lost = its node(s) stopped answering / device unplugged; error = socket/port failure (retrying). */
  state: z.enum(outputStates),
  message: z.string(),
  /** Frames per second over the last second. */
  fps: z.number(),
  framesSent: z.number().int(),
  errors: z.number().int(),
  /** ms since the last frame went out (null: none yet). */
  lastFrameAgeMs: z.number().nullable(),
});
export type DmxOutputStatus = z.infer<typeof DmxOutputStatus>;

export const ArtNetNode = z.object({
  ip: z.string(),
  mac: z.string(),
  shortName: z.string(),
  longName: z.string(),
  nodeReport: z.string(),
  /** Ports and their Port-Addresses. */
  ports: z.array(z.object({ index: z.number().int(), output: z.number().int().nullable(), input: z.number().int().nullable() })),
  /** ms since its last ArtPollReply. */
  lastReplyAgeMs: z.number(),
  state: z.enum(['ok', 'lost']),
});
export type ArtNetNode = z.infer<typeof ArtNetNode>;

export const DmxInputStatus = z.object({
  index: z.number().int(),
  protocol: z.enum(['artnet', 'sacn', 'enttec', 'serial']),
  /** What it listens to, in words: "Art-Net 0:0:1", "sACN 7". */
  source: z.string(),
  universe: z.number().int(),
  merge: z.boolean(),
  /** waiting = nothing received yet; receiving; lost = silent past its timeout (layer released). */
  state: z.enum(['waiting', 'receiving', 'lost', 'error']),
  /** Who sends it (IP and name when known). */
  sender: z.string().nullable(),
  fps: z.number(),
  lastFrameAgeMs: z.number().nullable(),
  framesReceived: z.number().int(),
  rejected: z.number().int(),
  /** What the source is doing or why it fails, in words (serial ports: "/dev/ttyUSB1: permission denied — …"). */
  message: z.string().optional(),
});
export type DmxInputStatus = z.infer<typeof DmxInputStatus>;

export const DmxPlaybackStatus = z.object({
  id: z.string(),
  /** Scene (or cue's scene) now on stage for this playback, null when released. */
  sceneId: z.string().nullable(),
  fading: z.boolean(),
  progress: z.number(),
  cueList: z
    .object({
      current: z.number().int(),
      currentId: z.string().nullable(),
      next: z.number().int(),
      nextId: z.string().nullable(),
      /** ms until an auto-follow fires, or null. */
      followInMs: z.number().nullable(),
    })
    .nullable(),
});
export type DmxPlaybackStatus = z.infer<typeof DmxPlaybackStatus>;

export const DmxStatus = z.object({
  running: z.boolean(),
  universes: z.number().int(),
  grandMaster: z.number(),
  blackout: z.object({ on: z.boolean(), level: z.number(), fading: z.boolean() }),
  outputs: z.array(DmxOutputStatus),
  inputs: z.array(DmxInputStatus),
  nodes: z.array(ArtNetNode),
  playbacks: z.array(DmxPlaybackStatus),
  /** The frame clock: ticks per second and how late it ran (p99 over the last seconds, ms). */
  clock: z.object({ hz: z.number(), lateP99Ms: z.number() }),
  /** Art-Net timecode last received, or null. */
  timecode: z.object({ text: z.string(), type: z.string(), ageMs: z.number() }).nullable(),
});
export type DmxStatus = z.infer<typeof DmxStatus>;

/** One universe's 512 channel values. */
export const DmxUniverseFrame = z.object({ universe: z.number().int(), channels: z.array(z.number().int().min(0).max(255)).length(DMX_CHANNELS) });
export type DmxUniverseFrame = z.infer<typeof DmxUniverseFrame>;

/** The DMX library as the UI and show files see it. */
export const DmxLibrary = z.object({ patch: DmxPatch, scenes: z.array(DmxScene), cueLists: z.array(DmxCueList) });
export type DmxLibrary = z.infer<typeof DmxLibrary>;

export const NetworkInterface = z.object({ name: z.string(), address: z.string(), netmask: z.string(), broadcast: z.string(), internal: z.boolean() });

// ── methods ────────────────────────────────────────────────────────────────────────────────────────

const universeParam = z.number({ error: 'give a universe number' }).int('a universe is a whole number').min(1, 'universes start at 1').max(DMX_ENGINE_UNIVERSES_MAX, `universes go up to ${DMX_ENGINE_UNIVERSES_MAX}`);
const idParam = z.string({ error: 'give an id' }).trim().min(1, 'give an id').max(64, 'ids are at most 64 characters');
const fadeParam = timeMs.optional();
const sceneFields = {
  name: z.string({ error: 'give the scene a name' }).trim().min(1, 'give the scene a name').max(80, 'keep names to 80 characters'),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb').optional(),
  fadeMs: timeMs,
  values: DmxLookValues,
};

export const dmxMethods = {
  'dmx.status': method({ params: none, result: DmxStatus, access: 'view', summary: 'Outputs, inputs, Art-Net nodes, playbacks, grand master and blackout.' }),
  'dmx.universe': method({ params: z.object({ universe: universeParam }).strict(), result: DmxUniverseFrame, access: 'view', summary: 'One universe’s output after merge, grand master and blackout.' }),
  'dmx.input': method({ params: z.object({ index: z.number().int().min(0) }).strict(), result: DmxUniverseFrame, access: 'view', summary: 'The last frame an input received (its monitor).' }),
  'dmx.set': method({
    params: z.object({ universe: universeParam, channels: DmxUniverseValues }).strict(),
    result: DmxUniverseFrame,
    access: 'control',
    summary: 'Set channels on the manual layer (values 0–255, channels 1–512); merged HTP/LTP with the rest.',
  }),
  'dmx.release': method({
    params: z.object({ universe: universeParam.optional(), channels: z.array(z.number().int().min(1).max(DMX_CHANNELS)).max(DMX_CHANNELS).optional(), fadeMs: fadeParam }).strict(),
    result: z.object({ released: z.boolean() }),
    access: 'control',
    summary: 'Release manual channels (all of a universe, or everything) so the other layers show through.',
  }),
  'dmx.blackout': method({ params: z.object({ on: z.boolean({ error: 'on must be true or false' }), fadeMs: fadeParam }).strict(), result: DmxStatus, access: 'control', summary: 'Blackout on/off, instant or timed. Blackout wins over everything.' }),
  'dmx.master': method({ params: z.object({ level: z.number({ error: 'level is 0–1' }).min(0, 'level is 0–1').max(1, 'level is 0–1') }).strict(), result: DmxStatus, access: 'control', summary: 'Grand master 0–1 (scales intensity only).' }),
  'dmx.interfaces': method({ params: none, result: z.array(NetworkInterface), access: 'view', summary: 'This computer’s IPv4 interfaces (to choose Art-Net/sACN’s).' }),
  'dmx.library': method({ params: none, result: DmxLibrary, access: 'view', summary: 'Patch, scenes and cue lists.' }),
  'dmx.patch': method({ params: z.object({ patch: DmxPatch }).strict(), result: DmxLibrary, access: 'control', summary: 'Replace the patch (decides HTP vs LTP per channel and drives the editor).' }),

  'scenes.list': method({ params: none, result: z.array(DmxScene), access: 'view', summary: 'Every scene, in button order.' }),
  'scenes.create': method({ params: z.object(sceneFields).strict(), result: DmxScene, access: 'control', summary: 'A new scene from values; answers it with its id.' }),
  'scenes.record': method({
    params: z
      .object({
        name: sceneFields.name,
        colour: sceneFields.colour,
        fadeMs: timeMs.default(3000),
        /** Record only these fixtures (ids); omitted = every channel that is not 0. */
        fixtures: z.array(idParam).max(4096).optional(),
        /** Record only these universes; omitted = all. */
        universes: z.array(universeParam).max(DMX_ENGINE_UNIVERSES_MAX).optional(),
      })
      .strict(),
    result: DmxScene,
    access: 'control',
    summary: 'A new scene recorded from what is on stage now (before grand master and blackout).',
  }),
  'scenes.update': method({
    params: z.object({ id: idParam, name: sceneFields.name.optional(), colour: sceneFields.colour, fadeMs: timeMs.optional(), values: DmxLookValues.optional() }).strict(),
    result: DmxScene,
    access: 'control',
    summary: 'Change a scene’s name, colour, fade or values.',
  }),
  'scenes.delete': method({ params: z.object({ id: idParam }).strict(), result: z.object({ deleted: z.string() }), access: 'control', summary: 'Delete a scene (refused while a cue list uses it).' }),
  'scenes.reorder': method({ params: z.object({ ids: z.array(idParam).max(10_000) }).strict(), result: z.array(DmxScene), access: 'control', summary: 'Put the scene buttons in this order.' }),
  'scenes.go': method({ params: z.object({ id: idParam, fadeMs: fadeParam }).strict(), result: DmxStatus, access: 'control', summary: 'Crossfade from what is on stage to the scene (its own fade unless fadeMs is given).' }),
  'scenes.release': method({ params: z.object({ fadeMs: fadeParam }).strict(), result: DmxStatus, access: 'control', summary: 'Fade the scene playback out.' }),

  'cues.list': method({ params: none, result: z.array(DmxCueList), access: 'view', summary: 'Every cue list.' }),
  'cues.save': method({ params: z.object({ list: DmxCueList }).strict(), result: DmxCueList, access: 'control', summary: 'Create or replace a cue list (every cue’s scene must exist).' }),
  'cues.delete': method({ params: z.object({ id: idParam }).strict(), result: z.object({ deleted: z.string() }), access: 'control', summary: 'Delete a cue list.' }),
  'cues.go': method({ params: z.object({ id: idParam }).strict(), result: DmxStatus, access: 'control', summary: 'GO: the next cue of the list.' }),
  'cues.back': method({ params: z.object({ id: idParam }).strict(), result: DmxStatus, access: 'control', summary: 'BACK: the previous cue, with its fade.' }),
  'cues.jump': method({ params: z.object({ id: idParam, cue: z.number().int().min(1, 'cues are numbered from 1') }).strict(), result: DmxStatus, access: 'control', summary: 'Jump to cue n (1-based).' }),
  'cues.release': method({ params: z.object({ id: idParam, fadeMs: fadeParam }).strict(), result: DmxStatus, access: 'control', summary: 'Release a cue list’s playback.' }),
};
