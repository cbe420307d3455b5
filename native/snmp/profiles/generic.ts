import type { Sample } from '../../ingest.ts';
import { finite, hostKey, type BadData, type ProfileDevice, type ProfileResult, type SnmpProfile } from '../profile.ts';
import { describeUnreadable, isException, normalizeOid, readNumber, readString, type Varbind } from '../varbind.ts';

/**
 * User-listed OIDs on any agent: one device per target, `snmp:<hostKey>` (kind `other`), one sample per
 * OID: `value × scale + offset` with the user's metric name and unit. Numeric types are read as numbers
 * (Counter64 too, and an Opaque float); an OCTET STRING that is a plain decimal number ("23.5", as many
 * agents print sensor values) is accepted; anything else is bad data. Counters are reported as they are
 * (no rates).
 */

export interface GenericOid {
  /** Numeric OID; a leading dot is fine. */
  oid: string;
  /** Metric name; lower-cased, blanks become `_`. Empty → `oid.<oid>`. */
  name: string;
  /** Default 1. */
  scale?: number;
  /** Default 0. */
  offset?: number;
  /** Display unit; default ''. */
  unit?: string;
}

export interface GenericOptions {
  oids: readonly GenericOid[];
}

/** The generic profile keeps no state between polls. */
export interface GenericState {
  profile: 'generic';
}

interface Prepared {
  oid: string;
  metric: string;
  scale: number;
  offset: number;
  unit: string;
}

/** What's wrong with one configured OID, or undefined when it's usable. */
export function checkGenericOid(entry: GenericOid): string | undefined {
  if (typeof entry?.oid !== 'string' || normalizeOid(entry.oid.trim()) === undefined) return `"${String(entry?.oid)}" is not a numeric OID`;
  if (entry.scale !== undefined && (typeof entry.scale !== 'number' || !Number.isFinite(entry.scale))) return `scale ${String(entry.scale)} is not a number`;
  if (entry.offset !== undefined && (typeof entry.offset !== 'number' || !Number.isFinite(entry.offset))) return `offset ${String(entry.offset)} is not a number`;
  return undefined;
}

export function metricName(name: unknown, oid: string): string {
  const m = typeof name === 'string' ? name.trim().toLowerCase().replace(/\s+/g, '_').slice(0, 64) : '';
  return m === '' ? `oid.${oid}` : m;
}

const decimalText = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*$/;

/** A numeric varbind, or decimal text in an OCTET STRING. */
export function readGenericNumber(vb: Varbind | undefined): number | undefined {
  const n = readNumber(vb);
  if (n !== undefined) return n;
  const text = readString(vb);
  if (text === undefined || text.length > 40 || !decimalText.test(text)) return undefined;
  return finite(Number(text));
}

export function createGenericProfile(options: GenericOptions): SnmpProfile<GenericState> {
  const prepared: Prepared[] = [];
  const configProblems: BadData[] = [];
  const seen = new Set<string>();
  for (const entry of Array.isArray(options?.oids) ? options.oids : []) {
    const problem = checkGenericOid(entry);
    if (problem) {
      configProblems.push({ oid: typeof entry?.oid === 'string' ? entry.oid : undefined, reason: `configured OID skipped: ${problem}` });
      continue;
    }
    const oid = normalizeOid(entry.oid.trim())!;
    const metric = metricName(entry.name, oid);
    if (seen.has(metric)) {
      configProblems.push({ oid, reason: `configured OID skipped: metric name "${metric}" is used twice` });
      continue;
    }
    seen.add(metric);
    prepared.push({ oid, metric, scale: entry.scale ?? 1, offset: entry.offset ?? 0, unit: typeof entry.unit === 'string' ? entry.unit : '' });
  }
  return {
    name: 'generic',
    get: [...new Set(prepared.map((p) => p.oid))],
    walk: [],
    interpret: (input, _state, now): ProfileResult<GenericState> => {
      const badData: BadData[] = [...configProblems];
      const samples: Sample[] = [];
      let answered = false;
      for (const p of prepared) {
        const vb = input.scalars.get(p.oid);
        if (vb !== undefined && !isException(vb)) answered = true;
        const raw = readGenericNumber(vb);
        if (raw === undefined) {
          badData.push({ oid: p.oid, reason: `${p.metric}: ${describeUnreadable(vb, 'number')}` });
          continue;
        }
        const value = finite(raw * p.scale + p.offset);
        if (value === undefined) {
          badData.push({ oid: p.oid, reason: `${p.metric}: ${raw} × ${p.scale} + ${p.offset} is not a finite number` });
          continue;
        }
        samples.push({ metric: p.metric, unit: p.unit, value, ts: now });
      }
      const devices: ProfileDevice[] = [];
      if (answered) devices.push({ sighting: { id: `snmp:${hostKey(input.target)}`, kind: 'other', model: 'SNMP agent', source: 'snmp' }, samples });
      return { devices, events: [], badData, state: { profile: 'generic' } };
    },
  };
}
