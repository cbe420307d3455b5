import { z } from 'zod';
import { method, none } from './method-spec.ts';
import { section } from './settings-spec.ts';

/**
 * Bluetooth LE sensors heard directly: settings `ble`, the list of advertisers the decoders do not know,
 * recording one device's advertisements to a capture file, and assigning a model to a device by hand.
 */

/**
 * Models a device can be assigned by hand (every model the decoders read, PROTOCOLS.md §1.2). The
 * decoders' own list lives in native/ble/; a test keeps the two equal.
 */
export const bleAssignableModels = [
  'H5051', 'H5052', 'H5055', 'H5071', 'H5072', 'H5074', 'H5075', 'H5100', 'H5101', 'H5102', 'H5103', 'H5104', 'H5105',
  'H5106', 'H5108', 'H5110', 'H5112', 'H5129', 'H5140', 'H5174', 'H5177', 'H5178', 'H5179', 'H5181', 'H5182', 'H5183',
  'H5184', 'H5185', 'H5191', 'H5198',
] as const;
export type BleAssignableModel = (typeof bleAssignableModels)[number];

const macPattern = /^[0-9A-Fa-f]{2}([:-]?)(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$/;

/** A MAC address in any common spelling, given back as `AA:BB:CC:DD:EE:FF`. */
export const bleMac = z
  .string({ error: 'give the Bluetooth address, e.g. A4:C1:38:DD:DB:F8' })
  .trim()
  .regex(macPattern, 'a Bluetooth address looks like A4:C1:38:DD:DB:F8')
  .transform((s) => s.replace(/[:-]/g, '').toUpperCase().replace(/(..)(?!$)/g, '$1:'));

const modelName = z.enum(bleAssignableModels, { error: `the model is one the decoders know: ${bleAssignableModels.join(', ')}` });

export const BleAssignment = z.object({ mac: bleMac, model: modelName }).strict();
export type BleAssignment = z.output<typeof BleAssignment>;

const companyId = z.number({ error: 'a company id is a number, e.g. 76 (0x004C, Apple)' }).int('a company id is a whole number').min(0, 'company ids are 0–65535').max(65535, 'company ids are 0–65535');

export const bleSettings = {
  /** Govee sensors read straight from the laptop's Bluetooth adapter. */
  ble: section({
    schema: z
      .object({
        /** Scan with the laptop's adapter. The demo's simulated sensors go through the decoders either way. */
        enabled: z.boolean({ error: 'enabled is true or false' }),
        /** Store at most one reading per series per this many seconds (0 = every advertisement); live tiles always get the newest. */
        minIntervalS: z.number({ error: 'give a number of seconds' }).int('use whole seconds').min(0, 'the store interval cannot be negative').max(3600, 'the store interval can be at most 3600 s'),
        /** Advertisements weaker than this (dBm) are ignored: the neighbours' sensors. −127 keeps everything. */
        rssiFloor: z.number({ error: 'give a signal level in dBm, e.g. -90' }).int('use whole dBm').min(-127, 'the signal floor is −127…0 dBm').max(0, 'the signal floor is −127…0 dBm'),
        /** How many undecoded advertisers the list keeps (the most recently heard); 0 = keep none. */
        unknownMax: z.number({ error: 'give a number' }).int('use a whole number').min(0, 'unknownMax is 0–1000').max(1000, 'unknownMax is 0–1000'),
        /** Companies whose advertisements are not listed as unknown (phones, laptops, earbuds): 76 Apple, 6 Microsoft, 117 Samsung. */
        unknownIgnoreCompanies: z.array(companyId).max(64, 'at most 64 company ids'),
        /** Where recordings go: empty = `captures` in the data folder; a relative path is taken from the data folder. */
        captureFolder: z.string({ error: 'the capture folder must be text' }).trim().max(500, 'keep the folder path to 500 characters'),
        /** Longest recording. */
        captureMaxMinutes: z.number({ error: 'give a number of minutes' }).int('use whole minutes').min(1, 'recordings last at least 1 minute').max(1440, 'recordings last at most 1440 minutes (a day)'),
        /** Largest capture file; a recording stops when it reaches this. */
        captureMaxMb: z.number({ error: 'give a size in MB' }).int('use whole megabytes').min(1, 'a capture file may hold at least 1 MB').max(1000, 'a capture file may hold at most 1000 MB'),
        /** Devices decoded as a given model whatever they advertise (e.g. an H5075 heard without its name). */
        assignments: z
          .array(BleAssignment)
          .max(500, 'at most 500 assignments')
          .superRefine((list, ctx) => {
            const seen = new Set<string>();
            list.forEach((a, i) => {
              if (seen.has(a.mac)) ctx.addIssue({ code: 'custom', path: [i, 'mac'], message: `${a.mac} is assigned twice` });
              seen.add(a.mac);
            });
          }),
      })
      .strict(),
    defaults: {
      enabled: true,
      minIntervalS: 10,
      rssiFloor: -127,
      unknownMax: 200,
      unknownIgnoreCompanies: [76, 6, 117],
      captureFolder: '',
      captureMaxMinutes: 60,
      captureMaxMb: 50,
      assignments: [],
    },
    merge: 'keys',
  }),
};

const epochMs = z.number().int().nonnegative();

/** An advertiser the decoders could not turn into readings (most recently heard first in `ble.unknown`). */
export const BleUnknownAdvertiser = z.object({
  mac: z.string(),
  name: z.string().nullable(),
  rssi: z.number().nullable(),
  /** Company id of the first manufacturer-data entry (Govee meat probes put MAC octets here). */
  companyId: z.number().int().nullable(),
  /** Manufacturer data as hex, company id first as on air: paste it into `showsite decode --mfr`. Entries joined by a space. */
  data: z.string(),
  serviceUuids: z.array(z.string()),
  serviceData: z.array(z.object({ uuid: z.string(), data: z.string() })),
  /** Why it was not decoded. */
  reason: z.string(),
  /** The model its name or service UUID announces, when there is one (e.g. H5194). */
  model: z.string().nullable(),
  /** The model an operator assigned to this address, if any. */
  assignedModel: z.string().nullable(),
  /** Advertisements heard from it. */
  count: z.number().int().nonnegative(),
  firstSeen: epochMs,
  lastSeen: epochMs,
  recording: z.boolean(),
});
export type BleUnknownAdvertiser = z.infer<typeof BleUnknownAdvertiser>;

/** A recording of one device's advertisements to a JSON-lines capture file (`showsite decode --capture FILE` replays it). */
export const BleRecording = z.object({
  mac: z.string(),
  /** Absolute path of the capture file. */
  file: z.string(),
  startedAt: epochMs,
  /** When it stops (or stopped). */
  until: epochMs,
  /** Advertisements written. */
  count: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  active: z.boolean(),
  /** Why it stopped: `time`, `size`, `operator`, `stopped` (Bluetooth turned off or the console stopped), `error: …`. */
  endReason: z.string().nullable(),
});
export type BleRecording = z.infer<typeof BleRecording>;

export const BleStats = z.object({
  /** Where advertisements come from: the adapter (noble), a replayed capture file (tests), or nowhere. */
  scanner: z.enum(['adapter', 'replay', 'off']),
  scanning: z.boolean(),
  /** The scanner's last word, e.g. "Bluetooth unavailable: no adapter (AF_BLUETOOTH not supported)". */
  message: z.string(),
  /** Distinct sensors the scanner (not the demo) decoded in the last five minutes. */
  sensorsHeard: z.number().int().nonnegative(),
  advertisements: z.number().int().nonnegative(),
  decoded: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  malformed: z.number().int().nonnegative(),
  belowRssiFloor: z.number().int().nonnegative(),
  /** Readings stored, and readings that only updated the live view (the store rate limit). Counters include the demo's advertisements. */
  readingsStored: z.number().int().nonnegative(),
  readingsLiveOnly: z.number().int().nonnegative(),
});
export type BleStats = z.infer<typeof BleStats>;

const minutes = z
  .number({ error: 'give the minutes to record, 1–1440' })
  .int('record whole minutes')
  .min(1, 'record at least 1 minute')
  .max(1440, 'record at most 1440 minutes (a day)');

export const bleMethods = {
  'ble.unknown': method({ params: none, result: z.array(BleUnknownAdvertiser), access: 'view', summary: 'Bluetooth advertisers the decoders could not read, most recently heard first.' }),
  'ble.stats': method({ params: none, result: BleStats, access: 'view', summary: 'Bluetooth scanner state and counters.' }),
  'ble.record': method({
    params: z.object({ mac: bleMac, minutes: minutes.default(5) }).strict(),
    result: BleRecording,
    access: 'control',
    summary: 'Write every advertisement of one device to a capture file for N minutes (again = extend).',
  }),
  'ble.stopRecording': method({ params: z.object({ mac: bleMac }).strict(), result: BleRecording, access: 'control', summary: 'Stop recording a device now.' }),
  'ble.recordings': method({ params: none, result: z.array(BleRecording), access: 'view', summary: 'Recordings of this run, newest first.' }),
  'ble.assign': method({
    params: z.object({ mac: bleMac, model: modelName.nullable() }).strict(),
    result: z.array(BleAssignment),
    access: 'control',
    summary: 'Decode a device as this model from now on (null removes the assignment); saved in settings.',
  }),
} as const;
