// `showsite decode`: turn one BLE advertisement (raw HCI event, manufacturer data, gateway message) or a
// capture file into readings, for debugging sensors and gateways. No I/O of its own: the caller passes
// readFile and prints stdout/stderr, so tests run it in-process.
import { parseArgs } from 'node:util';
import { emptyAdvertisement, normalizeMac, normalizeUuid } from '../../native/ble/advertisement.ts';
import { captureAdvertisements, parseCaptureLine } from '../../native/ble/capture.ts';
import { decodeHciEvent } from '../../native/ble/decode.ts';
import { decodeGatewayMessage } from '../../native/ble/gateway.ts';
import { decodeAdvertisement } from '../../native/ble/govee.ts';
import { parseHex } from '../../native/ble/hex.ts';
import type { DecodeResult } from '../../native/ble/result.ts';

export const decodeUsage = `Usage: showsite decode --hci HEX
       showsite decode --mfr HEX [--name NAME] [--uuid UUID]... [--mac MAC]
       showsite decode --json PAYLOAD
       showsite decode --capture FILE

Decodes a Govee BLE advertisement and prints one JSON object:
  {"model":"H5075","mac":"A4:C1:38:DD:DB:F8","readings":{"temperature":21.6,"humidity":59.2,"battery":59},"errors":[]}
Readings: temperature °C, humidity %, battery %, pm25 µg/m³, co2 ppm, probe1…probe6 °C, setpoint1… °C.
A value the device flags as bad is listed in "errors", never printed as a number.

Options:
  --hci HEX        a raw HCI LE advertising report event (04 3e … or 3e …); one line per report
  --mfr HEX        manufacturer data, company id first as on air (e.g. 88ec000418ee6400)
  --name NAME      with --mfr: the advertised local name (e.g. GVH5075_DBF8); it picks the model
  --uuid UUID      with --mfr: an advertised service UUID, repeatable (e.g. 9851 for H5198, whose air
                   bytes are 51 98; full 128-bit forms accepted)
  --mac MAC        with --mfr: the device address, echoed in the output
  --json PAYLOAD   an OpenMQTTGateway / Theengs Gateway BTtoMQTT message
  --capture FILE   replay a capture file (JSON lines, as the scanner records them): one line per advertisement
  -h, --help       this text

Hex may contain spaces or colons, in upper or lower case.
Exit status: 0 decoded (also when every value is flagged or every probe is unplugged),
1 input that cannot be decoded (one line on stderr), 2 bad usage.
`;

export interface DecodeCommandIo {
  readFile(path: string): Promise<string>;
}

export interface DecodeCommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `showsite decode` with the arguments after `decode` (a leading `decode` is tolerated). Never throws. */
export async function decodeCommand(argv: string[], io: DecodeCommandIo): Promise<DecodeCommandOutput> {
  try {
    return await run(argv[0] === 'decode' ? argv.slice(1) : argv, io);
  } catch (error) {
    return { code: 1, stdout: '', stderr: `showsite decode: internal error: ${oneLine((error as Error)?.message ?? String(error))}\n` };
  }
}

async function run(argv: string[], io: DecodeCommandIo): Promise<DecodeCommandOutput> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        hci: { type: 'string' },
        mfr: { type: 'string' },
        name: { type: 'string' },
        uuid: { type: 'string', multiple: true },
        mac: { type: 'string' },
        json: { type: 'string' },
        capture: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) return { code: 0, stdout: decodeUsage, stderr: '' };
  const inputs = (['hci', 'mfr', 'json', 'capture'] as const).filter((k) => values[k] !== undefined);
  if (inputs.length === 0) return usageError('give one of --hci, --mfr, --json or --capture');
  if (inputs.length > 1) return usageError(`give only one of --${inputs.join(', --')}`);
  if (inputs[0] !== 'mfr' && (values.name !== undefined || values.uuid !== undefined || values.mac !== undefined)) {
    return usageError('--name, --uuid and --mac go with --mfr');
  }
  if (values.hci !== undefined) return fromHci(values.hci);
  if (values.mfr !== undefined) return fromMfr(values.mfr, values.name, values.uuid ?? [], values.mac);
  if (values.json !== undefined) return single(decodeGatewayMessage(values.json));
  return fromCapture(values.capture!, io);
}

function usageError(message: string): DecodeCommandOutput {
  return { code: 2, stdout: '', stderr: `showsite decode: ${oneLine(message)}\n\n${decodeUsage}` };
}

function fail(message: string): DecodeCommandOutput {
  return { code: 1, stdout: '', stderr: `showsite decode: ${oneLine(message)}\n` };
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function rejectLine(r: Extract<DecodeResult, { ok: false }>): string {
  const what = r.reason === 'unknown' ? 'unknown device' : 'malformed input';
  return `${what}${r.model !== undefined && !r.message.startsWith(r.model) ? ` (${r.model})` : ''}: ${r.message}`;
}

/** The printed shape: model, mac, readings, errors (+ rssi, notes when there are any). */
function printable(r: Extract<DecodeResult, { ok: true }>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = { ...extra, model: r.model, mac: r.mac ?? null, readings: r.readings, errors: r.errors };
  if (r.rssi !== undefined) o.rssi = r.rssi;
  if (r.notes !== undefined && r.notes.length > 0) o.notes = r.notes;
  return o;
}

function single(r: DecodeResult, stderr = ''): DecodeCommandOutput {
  if (!r.ok) return fail(rejectLine(r));
  return { code: 0, stdout: `${JSON.stringify(printable(r))}\n`, stderr };
}

function fromHci(text: string): DecodeCommandOutput {
  const hex = parseHex(text, { oddDigits: 'reject' });
  if (!hex.ok) return fail(`malformed input: --hci: ${hex.message}`);
  const results = decodeHciEvent(hex.bytes);
  if (results.length === 1) return single(results[0]!);
  // Several reports in one event: one line each; it succeeds if any decodes.
  const lines = results.map((r) => JSON.stringify(r.ok ? printable(r) : { mac: r.mac ?? null, reason: r.reason, error: r.message }));
  if (!results.some((r) => r.ok)) return { code: 1, stdout: '', stderr: `showsite decode: none of the ${results.length} reports could be decoded\n` };
  return { code: 0, stdout: lines.map((l) => `${l}\n`).join(''), stderr: '' };
}

function fromMfr(text: string, name: string | undefined, uuids: readonly string[], mac: string | undefined): DecodeCommandOutput {
  const hex = parseHex(text);
  if (!hex.ok) return fail(`malformed input: --mfr: ${hex.message}`);
  if (hex.bytes.length < 2) return fail(`malformed input: --mfr holds ${hex.bytes.length} byte(s); it must start with the 2-byte company id`);
  const adv = emptyAdvertisement();
  adv.manufacturerData.push({ companyId: hex.bytes[0]! | (hex.bytes[1]! << 8), data: hex.bytes.subarray(2) });
  if (name !== undefined) adv.name = name;
  for (const u of uuids) {
    const norm = normalizeUuid(u);
    if (norm === undefined) return usageError(`--uuid ${JSON.stringify(u)} is not a UUID (give 4 hex digits such as 9851, or a full UUID)`);
    adv.serviceUuids.push(norm);
  }
  if (mac !== undefined) {
    const m = normalizeMac(mac);
    if (m === undefined) return usageError(`--mac ${JSON.stringify(mac)} is not a MAC address`);
    adv.mac = m;
  }
  const note = hex.droppedNibble ? 'showsite decode: note: odd number of hex digits in --mfr; the last digit was ignored\n' : '';
  const r = decodeAdvertisement(adv);
  if (!r.ok && name === undefined && /local name/.test(r.message)) r.message += ' (give it with --name, e.g. --name GVH5105_5D6F)';
  return single(r, note);
}

async function fromCapture(path: string, io: DecodeCommandIo): Promise<DecodeCommandOutput> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return fail(`cannot read ${path}: ${(error as Error)?.message ?? String(error)}`);
  }
  const out: string[] = [];
  let records = 0;
  let decoded = 0;
  let unknown = 0;
  let malformed = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNo = index + 1;
    const parsed = parseCaptureLine(line);
    if (!parsed.ok) {
      if (parsed.message === 'skip') return;
      records++;
      malformed++;
      out.push(JSON.stringify({ line: lineNo, reason: 'malformed', error: parsed.message }));
      return;
    }
    records++;
    const rec = parsed.record;
    const advs = captureAdvertisements(rec);
    if (!advs.ok) {
      malformed++;
      out.push(JSON.stringify({ line: lineNo, ts: rec.ts, mac: rec.mac ?? null, reason: 'malformed', error: advs.message }));
      return;
    }
    for (const { advertisement, error } of advs.advertisements) {
      const r: DecodeResult = error === undefined ? decodeAdvertisement(advertisement) : { ok: false, reason: 'malformed', message: `advertising data: ${error}` };
      if (r.ok) {
        decoded++;
        out.push(JSON.stringify(printable(r, { ts: rec.ts })));
      } else {
        if (r.reason === 'unknown') unknown++;
        else malformed++;
        out.push(JSON.stringify({ line: lineNo, ts: rec.ts, mac: r.mac ?? rec.mac ?? null, reason: r.reason, ...(r.model ? { model: r.model } : {}), error: r.message }));
      }
    }
  });
  const stdout = out.map((l) => `${l}\n`).join('');
  if (records === 0) return fail(`${path} holds no capture lines`);
  if (decoded === 0) return { code: 1, stdout, stderr: `showsite decode: nothing in ${path} could be decoded (${unknown} unknown, ${malformed} malformed)\n` };
  return { code: 0, stdout, stderr: '' };
}
