import type { Sample } from '../../ingest.ts';
import { geist, geistAirFlowCol, geistInternalCol, geistInternalLegacyCol, geistTempSensorCol } from '../mib.ts';
import { finite, hostKey, round, type BadData, type ProfileDevice, type ProfileEvent, type ProfileInput, type ProfileResult, type SnmpProfile } from '../profile.ts';
import { describeUnreadable, extractTable, isException, readBytes, readInteger, readString, type TableProblems, type TableRows, type Varbind } from '../varbind.ts';

/**
 * Geist Watchdog 100 (GEIST-V4-MIB). Every sensor is a device:
 * - the internal sensor (`climate-monitor`): temperature, humidity, dewpoint;
 * - remote temperature probes (`temperature-probe`, tempSensorTable): temperature;
 * - airflow sensors (`climate-monitor`, airFlowSensorTable): temperature, airflow, humidity, dewpoint.
 * Remote sensors have the internal sensor as parent. Ids: `snmp:<hostKey>:geist:<serial>`; a row without
 * a usable serial falls back to `snmp:<hostKey>:geist:<internal|temp|airflow>-<index>`.
 *
 * Temperatures always come out in °C: when the agent's temperatureUnits flag says °F (0) they are
 * converted (rounded to 0.01 °C); °C readings keep the agent's 0.1° resolution.
 *
 * Firmware ≤ 3.0.0 lays the internal table out differently (name 3, serial 4, avail 5, temp 6, hum 7,
 * dew 8). The layout follows productVersion; the columns themselves also tell (column 4 is an OCTET STRING
 * serial in the old layout and an INTEGER availability in the MIB layout; column 8 exists only in the old
 * one). When the version is missing or unparseable the columns decide; when version and columns disagree
 * the columns win (they are what is actually there) and the disagreement is reported as bad data. With no
 * evidence either way the MIB layout is assumed (a notice says so).
 */

export interface GeistState {
  profile: 'geist';
  /** Last availability per sensor device id, for "unavailable" / "available again" events. */
  avail: Record<string, number>;
}

export type GeistLayout = 'mib' | 'legacy';

/** `3.2.0` → [3, 2, 0]; tolerates a leading `v` and trailing text; undefined when no version is in there. */
export function parseFirmwareVersion(text: string | undefined): [number, number, number] | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?/i.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Layout implied by a firmware version: ≤ 3.0.0 is the old internal-table layout. */
export function layoutForVersion(v: [number, number, number]): GeistLayout {
  const [major, minor, patch] = v;
  return major < 3 || (major === 3 && minor === 0 && patch === 0) ? 'legacy' : 'mib';
}

/** What the internal table's columns say about the layout; undefined when they don't say (or contradict). */
export function layoutFromColumns(rows: TableRows): GeistLayout | undefined {
  let legacy = false;
  let mib = false;
  for (const row of rows.values()) {
    const c4 = row.get(4);
    if (c4?.type === 'OctetString') legacy = true;
    else if (c4?.type === 'Integer') mib = true;
    const c8 = row.get(8);
    if (c8 !== undefined && !isException(c8)) legacy = true;
  }
  return legacy === mib ? undefined : legacy ? 'legacy' : 'mib';
}

/**
 * A sensor serial usable inside an id: printable id-safe text as is (`41D88039003580C3`); net-snmp's spaced
 * hex rendering (`91 54 06 9D …`) joined; anything else (binary) as upper-case hex of its bytes.
 */
export function serialOf(vb: Varbind | undefined): string | undefined {
  const bytes = readBytes(vb);
  if (bytes === undefined || bytes.length === 0) return undefined;
  const text = typeof vb?.value === 'string' ? vb.value.trim() : undefined;
  if (text !== undefined && /^[0-9A-Fa-f]{2}( [0-9A-Fa-f]{2})+$/.test(text)) return text.replace(/ /g, '').toUpperCase();
  let printable = true;
  for (const b of bytes) if (b < 0x20 || b > 0x7e) printable = false;
  if (printable) {
    const trimmed = String.fromCharCode(...bytes.subarray(0, 64)).trim();
    if (trimmed === '') return undefined;
    if (bytes.length <= 64 && /^[A-Za-z0-9._-]{1,64}$/.test(trimmed)) return trimmed;
  }
  let hex = '';
  for (const b of bytes.subarray(0, 32)) hex += b.toString(16).toUpperCase().padStart(2, '0');
  return hex;
}

type Conversion = 'temp' | 'percent';

interface Metric {
  column: number;
  metric: string;
  conversion: Conversion;
}

interface TableSpec {
  /** Table key used in fallback ids and messages. */
  key: 'internal' | 'temp' | 'airflow';
  entry: string;
  kind: 'climate-monitor' | 'temperature-probe';
  model: string;
  cols: { serial: number; name: number; avail: number };
  metrics: Metric[];
}

const tempRange = { min: -100, max: 200 };

function internalSpec(layout: GeistLayout, model: string): TableSpec {
  const c = layout === 'legacy' ? geistInternalLegacyCol : geistInternalCol;
  return {
    key: 'internal',
    entry: geist.internalEntry,
    kind: 'climate-monitor',
    model,
    cols: { serial: c.serial, name: c.name, avail: c.avail },
    metrics: [
      { column: c.temp, metric: 'temperature', conversion: 'temp' },
      { column: c.humidity, metric: 'humidity', conversion: 'percent' },
      { column: c.dewPoint, metric: 'dewpoint', conversion: 'temp' },
    ],
  };
}

const tempSensorSpec: TableSpec = {
  key: 'temp',
  entry: geist.tempSensorEntry,
  kind: 'temperature-probe',
  model: 'Geist remote temperature probe',
  cols: { serial: geistTempSensorCol.serial, name: geistTempSensorCol.name, avail: geistTempSensorCol.avail },
  metrics: [{ column: geistTempSensorCol.temp, metric: 'temperature', conversion: 'temp' }],
};

const airFlowSpec: TableSpec = {
  key: 'airflow',
  entry: geist.airFlowSensorEntry,
  kind: 'climate-monitor',
  model: 'Geist airflow sensor',
  cols: { serial: geistAirFlowCol.serial, name: geistAirFlowCol.name, avail: geistAirFlowCol.avail },
  metrics: [
    { column: geistAirFlowCol.temp, metric: 'temperature', conversion: 'temp' },
    { column: geistAirFlowCol.flow, metric: 'airflow', conversion: 'percent' },
    { column: geistAirFlowCol.humidity, metric: 'humidity', conversion: 'percent' },
    { column: geistAirFlowCol.dewPoint, metric: 'dewpoint', conversion: 'temp' },
  ],
};

function isGeistState(s: unknown): s is GeistState {
  return typeof s === 'object' && s !== null && (s as GeistState).profile === 'geist' && typeof (s as GeistState).avail === 'object' && (s as GeistState).avail !== null;
}

function macText(vb: Varbind | undefined): string | undefined {
  if (vb?.type === 'OctetString' && vb.value instanceof Uint8Array && vb.value.length === 6) {
    return [...vb.value].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
  }
  const s = readString(vb)?.trim();
  return s ? s : undefined;
}

export function createGeistProfile(): SnmpProfile<GeistState> {
  return {
    name: 'geist',
    get: [geist.productTitle, geist.productVersion, geist.productFriendlyName, geist.productMacAddress, geist.temperatureUnits],
    walk: [geist.internalEntry, geist.tempSensorEntry, geist.airFlowSensorEntry],
    interpret: interpretGeist,
  };
}

function interpretGeist(input: ProfileInput, prior: GeistState | undefined, now: number): ProfileResult<GeistState> {
  const previous = isGeistState(prior) ? prior : undefined;
  const badData: BadData[] = [];
  const events: ProfileEvent[] = [];
  const devices: ProfileDevice[] = [];
  const state: GeistState = { profile: 'geist', avail: {} };
  const host = hostKey(input.target);

  // Temperature unit: °C unless the agent says °F. A value we can't read leaves temperatures out.
  const unitsVb = input.scalars.get(geist.temperatureUnits);
  const units = readInteger(unitsVb);
  let fahrenheit = false;
  let tempsUsable = true;
  if (units === 0) fahrenheit = true;
  else if (units !== 1) {
    if (unitsVb === undefined || isException(unitsVb)) {
      badData.push({ oid: geist.temperatureUnits, reason: `temperatureUnits ${describeUnreadable(unitsVb, '0 (°F) or 1 (°C)')}; assuming °C` });
    } else {
      tempsUsable = false;
      badData.push({ oid: geist.temperatureUnits, reason: `temperatureUnits ${units === undefined ? describeUnreadable(unitsVb, '0 (°F) or 1 (°C)') : `is ${units}, not 0 (°F) or 1 (°C)`}; temperatures left out` });
    }
  }

  const versionText = readString(input.scalars.get(geist.productVersion))?.trim();
  const version = parseFirmwareVersion(versionText);
  const problems: TableProblems = { duplicates: [] };
  const walks = input.tables;
  const internalRows = extractTable(walks, geist.internalEntry, problems);
  const fromColumns = layoutFromColumns(internalRows);
  let layout: GeistLayout;
  if (version) {
    layout = layoutForVersion(version);
    if (fromColumns && fromColumns !== layout) {
      badData.push({ oid: geist.productVersion, reason: `firmware ${versionText} implies the ${layout} internal-table layout but the columns hold the ${fromColumns} one; using the columns` });
      layout = fromColumns;
    }
  } else {
    layout = fromColumns ?? 'mib';
    if (internalRows.size > 0) {
      badData.push({ oid: geist.productVersion, reason: `no readable productVersion (${JSON.stringify(versionText ?? null)}); internal-table layout ${fromColumns ? `taken from its columns: ${layout}` : 'assumed to be the MIB one'}`, notice: true });
    }
  }

  const title = readString(input.scalars.get(geist.productTitle))?.trim();
  const model = title ? (/^geist\b/i.test(title) ? title : `Geist ${title}`) : 'Geist Watchdog 100';
  const friendly = readString(input.scalars.get(geist.productFriendlyName))?.trim();
  const mac = macText(input.scalars.get(geist.productMacAddress));

  const usedIds = new Set<string>();
  let parentId: string | undefined;
  const tables: [TableSpec, TableRows][] = [
    [internalSpec(layout, model), internalRows],
    [tempSensorSpec, extractTable(walks, geist.tempSensorEntry, problems)],
    [airFlowSpec, extractTable(walks, geist.airFlowSensorEntry, problems)],
  ];
  for (const oid of problems.duplicates) badData.push({ oid, reason: 'answered twice with different values; the first answer was used' });

  for (const [spec, rows] of tables) {
    for (const [index, row] of rows) {
      const serialVb = row.get(spec.cols.serial);
      const serial = serialOf(serialVb);
      let id = serial ? `snmp:${host}:geist:${serial}` : `snmp:${host}:geist:${spec.key}-${index}`;
      if (!serial) badData.push({ oid: `${spec.entry}.${spec.cols.serial}.${index}`, reason: `${spec.key} sensor ${index}: serial ${describeUnreadable(serialVb, 'serial string')}; id from its index` });
      if (usedIds.has(id)) {
        badData.push({ oid: `${spec.entry}.${spec.cols.serial}.${index}`, reason: `${spec.key} sensor ${index}: serial ${serial} already used by another sensor; id from its index` });
        id = `snmp:${host}:geist:${spec.key}-${index}`;
        if (usedIds.has(id)) continue;
      }
      usedIds.add(id);
      if (spec.key === 'internal' && parentId === undefined) parentId = id;

      const label = readString(row.get(spec.cols.name))?.trim() || (spec.key === 'internal' ? friendly : undefined) || undefined;
      const shown = label ? `"${label}"` : `${spec.key} sensor ${index}`;
      const availVb = row.get(spec.cols.avail);
      let avail = readInteger(availVb);
      if (availVb !== undefined && (avail === undefined || avail < 0 || avail > 2)) {
        badData.push({ oid: availVb.oid, reason: `${spec.key} sensor ${index}: availability ${avail === undefined ? describeUnreadable(availVb, 'availability 0–2') : `${avail} is not 0–2`}` });
        avail = undefined;
      }
      const was = previous?.avail[id];
      if (avail !== undefined) state.avail[id] = avail;
      if (avail === 0) {
        // An unplugged or failed sensor: no device this poll, so it goes stale instead of looking fresh.
        badData.push({ oid: availVb?.oid, reason: `sensor ${shown} reports itself unavailable`, notice: true });
        if (was !== undefined && was !== 0) events.push({ severity: 'warn', deviceId: id, message: `Geist sensor ${shown} became unavailable` });
        continue;
      }
      if (was === 0 && avail !== undefined) events.push({ severity: 'info', deviceId: id, message: `Geist sensor ${shown} is available again` });
      if (avail === 2) badData.push({ oid: availVb?.oid, reason: `sensor ${shown} reports itself partially unavailable`, notice: true });

      const samples: Sample[] = [];
      for (const m of spec.metrics) {
        const vb = row.get(m.column);
        const oid = `${spec.entry}.${m.column}.${index}`;
        if (m.conversion === 'temp' && !tempsUsable) continue;
        const raw = readInteger(vb);
        if (raw === undefined) {
          badData.push({ oid, reason: `${shown} ${m.metric}: ${describeUnreadable(vb, 'INTEGER')}` });
          continue;
        }
        const value = m.conversion === 'temp' ? finite(fahrenheit ? round(((raw / 10 - 32) * 5) / 9, 2) : round(raw / 10, 1)) : raw;
        const ok = value !== undefined && (m.conversion === 'temp' ? value >= tempRange.min && value <= tempRange.max : value >= 0 && value <= 100);
        if (!ok || value === undefined) {
          badData.push({ oid, reason: `${shown} ${m.metric}: ${raw} is out of range` });
          continue;
        }
        samples.push({ metric: m.metric, unit: m.conversion === 'temp' ? '°C' : '%', value, ts: now });
      }

      const device: ProfileDevice = {
        sighting: { id, kind: spec.kind, model: spec.model, source: 'snmp', parentId: spec.key === 'internal' ? null : (parentId ?? null) },
        samples,
      };
      if (label) device.name = { name: label };
      if (spec.key === 'internal') {
        const attributes: Record<string, string> = { layout, temperatureUnits: fahrenheit ? '°F (converted to °C)' : '°C' };
        if (versionText) attributes.firmware = versionText;
        if (friendly) attributes.product = friendly;
        if (mac) attributes.mac = mac;
        if (serial) attributes.serial = serial;
        device.attributes = attributes;
      } else if (serial) device.attributes = { serial };
      devices.push(device);
    }
  }
  return { devices, events, badData, state };
}
