import type { Sample } from '../../ingest.ts';
import { agentRestarted, counterRate, maxOctetRate, maxPacketRate, type CounterMemo, type CounterWidth } from '../counters.ts';
import { boxItemStateNames, ifCol, ifEntry, ifStatusNames, ifXCol, ifXEntry, netgear, sys } from '../mib.ts';
import { finite, hostKey, round, type BadData, type ProfileDevice, type ProfileEvent, type ProfileInput, type ProfileResult, type SnmpProfile } from '../profile.ts';
import {
  collectUnder,
  describeUnreadable,
  extractTable,
  isAnswered,
  isValidOid,
  readCounter32,
  readCounter64,
  readInteger,
  readOid,
  readString,
  readUnsigned32,
  type TableProblems,
  type Varbind,
} from '../varbind.ts';

/**
 * A managed switch over IF-MIB / SNMPv2-MIB (tested with the Netgear M4300 OIDs of PROTOCOLS.md §4.2).
 *
 * One device per switch, `snmp:<hostKey>:switch` (kind `switch`, named from sysName). Its ports are series
 * of that device, keyed by ifIndex N:
 *
 * | metric                | unit    | meaning |
 * |-----------------------|---------|---------|
 * | `uptime`              | `s`     | sysUpTime |
 * | `port.N.oper`         | ``      | ifOperStatus (1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent, 7 lowerLayerDown) |
 * | `port.N.admin`        | ``      | ifAdminStatus (1 up, 2 down, 3 testing) |
 * | `port.N.speed`        | `bit/s` | ifHighSpeed × 10^6, else ifSpeed (0 = no link / unknown) |
 * | `port.N.in_bps`, `port.N.out_bps` | `bit/s` | from ifHCIn/OutOctets (else the 32-bit ifIn/OutOctets) over the poll interval |
 * | `port.N.in_errors`, `port.N.out_errors` | `err/s` | ifIn/OutErrors per second |
 * | `port.N.in_discards`, `port.N.out_discards` | `pkt/s` | ifIn/OutDiscards per second |
 * | `temperature.U.S`     | `°C`    | Netgear boxServicesTempSensorTemperature, unit U sensor S |
 * | `fan.U.F`, `psu.U.P`  | ``      | Netgear boxServices item state (1 not present, 2 operational, 3 failed, 4 powering, 5 no power, 6 not powering, 7 incompatible) |
 *
 * Port names go in the device's attributes: `port.N.name` (ifName), `port.N.alias` (ifAlias),
 * `port.N.descr` (ifDescr), `port.N.label` (alias if set, else name, else descr).
 *
 * Rates need two polls; the first poll after start, after an agent restart, or after a counter changed
 * width has none. Events (all on the switch device): a port whose oper status leaves `up` while its admin
 * status is up → warn; a port coming back up → info; a port's errors/s (in + out) rising above the
 * threshold after a known interval at or below it → warn, dropping back → info; fans/PSUs leaving
 * `operational` → warn, returning → info; the agent restarting → warn. The first poll emits no events.
 */

export interface SwitchOptions {
  /** Errors per second (in + out) above which a port counts as erroring. Default 0: any error. */
  errorRateThreshold?: number;
  /**
   * `ethernet` (default): only interfaces whose ifType is Ethernet-like (6, 62, 69, 117) or a LAG (161),
   * plus any whose ifType isn't answered — VLAN, CPU and loopback interfaces stay out of the port grid.
   * `all`: every interface.
   */
  portTypes?: 'ethernet' | 'all';
}

interface PortMemo {
  oper?: number;
  admin?: number;
  /** Whether the last known error rate was above the threshold; undefined until a rate was seen. */
  errorsHot?: boolean;
  counters: Record<string, CounterMemo>;
}

export interface SwitchState {
  profile: 'switch';
  /** When the previous poll happened (epoch ms). */
  at: number;
  /** sysUpTime (ticks) at the previous poll. */
  uptime?: number;
  ports: Record<string, PortMemo>;
  /** Fan/PSU states by metric name (`fan.1.2`). */
  items: Record<string, number>;
}

const ethernetTypes = new Set([6, 62, 69, 117, 161]);
const ifSpeedSaturated = 4294967295;

function isSwitchState(s: unknown): s is SwitchState {
  if (typeof s !== 'object' || s === null) return false;
  const st = s as SwitchState;
  return st.profile === 'switch' && Number.isFinite(st.at) && typeof st.ports === 'object' && st.ports !== null && typeof st.items === 'object' && st.items !== null;
}

export function createSwitchProfile(options: SwitchOptions = {}): SnmpProfile<SwitchState> {
  const threshold = Number.isFinite(options.errorRateThreshold) && (options.errorRateThreshold ?? 0) >= 0 ? (options.errorRateThreshold ?? 0) : 0;
  const allTypes = options.portTypes === 'all';
  const ifColumns = [ifCol.descr, ifCol.type, ifCol.speed, ifCol.adminStatus, ifCol.operStatus, ifCol.inOctets, ifCol.inDiscards, ifCol.inErrors, ifCol.outOctets, ifCol.outDiscards, ifCol.outErrors];
  const ifXColumns = [ifXCol.name, ifXCol.hcInOctets, ifXCol.hcOutOctets, ifXCol.highSpeed, ifXCol.alias];
  return {
    name: 'switch',
    get: [sys.descr, sys.objectId, sys.upTime, sys.name],
    // Column walks, not whole tables: about a third of the varbinds on a 52-port switch.
    walk: [
      ...ifColumns.map((c) => `${ifEntry}.${c}`),
      ...ifXColumns.map((c) => `${ifXEntry}.${c}`),
      netgear.tempSensorTemperature,
      netgear.fanItemState,
      netgear.powSupplyItemState,
    ],
    interpret: (input, state, now) => interpretSwitch(input, isSwitchState(state) ? state : undefined, now, threshold, allTypes),
  };
}

/** `M4300-52G ProSAFE …, 12.0.9.3, B1.0.0.17` → model and firmware, as LibreNMS parses Netgear sysDescr. */
export function parseSysDescr(descr: string | undefined): { model?: string; version?: string } {
  if (!descr) return {};
  const out: { model?: string; version?: string } = {};
  const first = /^(\S{2,40})\s/.exec(descr.trim() + ' ')?.[1];
  if (first && /\d/.test(first) && /^[A-Za-z0-9][A-Za-z0-9._/+-]*$/.test(first)) out.model = first;
  const version = /,\s*v?(\d+(?:\.\d+)+)\s*,/.exec(descr)?.[1];
  if (version) out.version = version;
  return out;
}

function uptimeText(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min ${Math.floor(seconds % 60)} s`;
}

/** Counter kinds kept per port, their columns and ceilings. */
const counterSpecs = [
  { key: 'in', metric: 'in_bps', unit: 'bit/s', hc: ifXCol.hcInOctets, c32: ifCol.inOctets, octets: true },
  { key: 'out', metric: 'out_bps', unit: 'bit/s', hc: ifXCol.hcOutOctets, c32: ifCol.outOctets, octets: true },
  { key: 'inErrors', metric: 'in_errors', unit: 'err/s', hc: undefined, c32: ifCol.inErrors, octets: false },
  { key: 'outErrors', metric: 'out_errors', unit: 'err/s', hc: undefined, c32: ifCol.outErrors, octets: false },
  { key: 'inDiscards', metric: 'in_discards', unit: 'pkt/s', hc: undefined, c32: ifCol.inDiscards, octets: false },
  { key: 'outDiscards', metric: 'out_discards', unit: 'pkt/s', hc: undefined, c32: ifCol.outDiscards, octets: false },
] as const;

function interpretSwitch(input: ProfileInput, previous: SwitchState | undefined, now: number, threshold: number, allTypes: boolean): ProfileResult<SwitchState> {
  const badData: BadData[] = [];
  const events: ProfileEvent[] = [];
  const host = hostKey(input.target);
  const id = `snmp:${host}:switch`;
  const state: SwitchState = { profile: 'switch', at: now, ports: {}, items: {} };
  const samples: Sample[] = [];
  const attributes: Record<string, string> = {};
  let answered = false;

  const sysName = readString(input.scalars.get(sys.name))?.trim();
  const sysDescr = readString(input.scalars.get(sys.descr))?.trim();
  const sysObjectId = readOid(input.scalars.get(sys.objectId));
  if (sysName !== undefined || sysDescr !== undefined || sysObjectId !== undefined) answered = true;
  if (sysDescr) attributes.sysDescr = sysDescr;
  if (sysObjectId) attributes.sysObjectID = sysObjectId;
  const parsed = parseSysDescr(sysDescr);
  if (parsed.version) attributes.firmware = parsed.version;

  const upVb = input.scalars.get(sys.upTime);
  const uptime = upVb?.type === 'TimeTicks' ? readUnsigned32(upVb) : undefined;
  if (uptime === undefined) badData.push({ oid: sys.upTime, reason: `sysUpTime ${describeUnreadable(upVb, 'TimeTicks')}; agent restarts can't be told from counter resets` });
  else {
    answered = true;
    state.uptime = uptime;
    samples.push({ metric: 'uptime', unit: 's', value: uptime / 100, ts: now });
  }

  const elapsedMs = previous ? now - previous.at : NaN;
  const seconds = elapsedMs / 1000;
  let restarted = false;
  if (previous && previous.uptime !== undefined && uptime !== undefined && Number.isFinite(elapsedMs)) {
    restarted = agentRestarted(previous.uptime, uptime, elapsedMs);
    if (restarted) events.push({ severity: 'warn', deviceId: id, message: `Switch restarted (agent up ${uptimeText(uptime / 100)}); rates resume next poll` });
  }

  // Ports.
  const problems: TableProblems = { duplicates: [] };
  const walks = input.tables;
  const ifRows = extractTable(walks, ifEntry, problems);
  const ifxRows = extractTable(walks, ifXEntry, problems);
  for (const oid of problems.duplicates) badData.push({ oid, reason: 'answered twice with different values; the first answer was used' });
  const indexes = new Set<string>([...ifRows.keys(), ...ifxRows.keys()]);
  const sorted = [...indexes].filter((ix) => {
    if (/^\d{1,10}$/.test(ix)) return true;
    badData.push({ oid: `${ifEntry}.*.${ix}`, reason: `interface index ${ix} is not a single number` });
    return false;
  });
  sorted.sort((a, b) => Number(a) - Number(b));

  for (const ix of sorted) {
    const row = ifRows.get(ix);
    const xrow = ifxRows.get(ix);
    answered = true;
    const cell = (c: number) => row?.get(c);
    const xcell = (c: number) => xrow?.get(c);

    const typeVb = cell(ifCol.type);
    const ifType = readInteger(typeVb);
    if (typeVb !== undefined && ifType === undefined) badData.push({ oid: typeVb.oid, reason: `port ${ix} ifType ${describeUnreadable(typeVb, 'INTEGER')}` });
    if (!allTypes && ifType !== undefined && !ethernetTypes.has(ifType)) continue;

    const name = readString(xcell(ifXCol.name))?.trim() || undefined;
    const alias = readString(xcell(ifXCol.alias))?.trim() || undefined;
    const descr = readString(cell(ifCol.descr))?.trim() || undefined;
    const label = alias ? `"${alias}"${name ? ` (${name})` : ''}` : (name ?? descr ?? `#${ix}`);
    if (name) attributes[`port.${ix}.name`] = name;
    if (alias) attributes[`port.${ix}.alias`] = alias;
    if (descr) attributes[`port.${ix}.descr`] = descr;
    attributes[`port.${ix}.label`] = alias ?? name ?? descr ?? `#${ix}`;

    const status = (vb: Varbind | undefined, what: string): number | undefined => {
      if (!isAnswered(vb)) return undefined;
      const v = readInteger(vb);
      if (v !== undefined && ifStatusNames[v] !== undefined) return v;
      badData.push({ oid: vb.oid, reason: `port ${ix} ${what} ${v === undefined ? describeUnreadable(vb, 'INTEGER 1–7') : `${v} is not 1–7`}` });
      return undefined;
    };
    const admin = status(cell(ifCol.adminStatus), 'ifAdminStatus');
    const oper = status(cell(ifCol.operStatus), 'ifOperStatus');
    if (oper !== undefined) samples.push({ metric: `port.${ix}.oper`, unit: '', value: oper, ts: now });
    if (admin !== undefined) samples.push({ metric: `port.${ix}.admin`, unit: '', value: admin, ts: now });

    const speed = portSpeed(cell(ifCol.speed), xcell(ifXCol.highSpeed), ix, badData);
    if (speed !== undefined) samples.push({ metric: `port.${ix}.speed`, unit: 'bit/s', value: speed, ts: now });

    const prevPort = previous?.ports[ix];
    const memo: PortMemo = { counters: {} };
    if (oper !== undefined) memo.oper = oper;
    else if (prevPort?.oper !== undefined) memo.oper = prevPort.oper;
    if (admin !== undefined) memo.admin = admin;

    const rates: Record<string, number> = {};
    for (const spec of counterSpecs) {
      const reading = readPortCounter(spec.hc === undefined ? undefined : xcell(spec.hc), cell(spec.c32), ix, spec.key, badData);
      if (!reading) continue;
      memo.counters[spec.key] = reading;
      const before = prevPort?.counters?.[spec.key];
      if (!before || !previous) continue;
      const ceiling = spec.octets ? maxOctetRate(speed) : maxPacketRate(speed);
      const outcome = counterRate(before, reading, seconds, restarted, ceiling);
      if (outcome.rate === undefined) {
        if (outcome.reason === 'too-fast' || outcome.reason === 'went-backwards') {
          badData.push({ oid: `${reading.width === 64 ? ifXEntry : ifEntry}.${reading.width === 64 ? spec.hc : spec.c32}.${ix}`, reason: `port ${label} ${spec.key}: counter ${outcome.reason === 'too-fast' ? 'implies an impossible rate (several wraps or a reset?)' : 'went backwards (reset)'}; no rate this poll`, notice: true });
        }
        continue;
      }
      const value = spec.octets ? Math.round(outcome.rate * 8) : round(outcome.rate, 3);
      const checked = finite(value);
      if (checked === undefined || checked < 0) continue;
      rates[spec.key] = checked;
      samples.push({ metric: `port.${ix}.${spec.metric}`, unit: spec.unit, value: checked, ts: now });
    }

    // Events need a previous poll: the first poll reports state, not changes.
    if (prevPort && oper !== undefined && prevPort.oper !== undefined) {
      if (prevPort.oper === 1 && oper !== 1 && (admin === undefined || admin === 1)) {
        events.push({ severity: 'warn', deviceId: id, message: `Port ${label} went down (${ifStatusNames[oper]})` });
      } else if (prevPort.oper !== 1 && oper === 1) {
        events.push({ severity: 'info', deviceId: id, message: `Port ${label} is back up` });
      }
    }
    const inErr = rates.inErrors;
    const outErr = rates.outErrors;
    if (inErr !== undefined || outErr !== undefined) {
      const total = (inErr ?? 0) + (outErr ?? 0);
      const hot = total > threshold;
      if (prevPort?.errorsHot === false && hot) {
        events.push({ severity: 'warn', deviceId: id, message: `Port ${label} is seeing errors: ${round(total, 2)}/s (in ${round(inErr ?? 0, 2)}, out ${round(outErr ?? 0, 2)})` });
      } else if (prevPort?.errorsHot === true && !hot) {
        events.push({ severity: 'info', deviceId: id, message: `Port ${label} errors stopped` });
      }
      memo.errorsHot = hot;
    } else if (prevPort?.errorsHot !== undefined) memo.errorsHot = prevPort.errorsHot;
    state.ports[ix] = memo;
  }

  // Netgear box services: answered by some firmware, absent on others (absent is fine).
  for (const vb of collectUnder(walks, netgear.tempSensorTemperature)) {
    const index = unitIndex(vb.oid, netgear.tempSensorTemperature);
    answered = true;
    const t = readInteger(vb);
    if (index === undefined || t === undefined || t < -40 || t > 150) {
      badData.push({ oid: vb.oid, reason: `box temperature ${index === undefined ? 'has a malformed index' : t === undefined ? describeUnreadable(vb, 'INTEGER °C') : `${t} °C is out of range`}` });
      continue;
    }
    samples.push({ metric: `temperature.${index}`, unit: '°C', value: t, ts: now });
  }
  for (const [root, kind, title] of [
    [netgear.fanItemState, 'fan', 'Fan'],
    [netgear.powSupplyItemState, 'psu', 'Power supply'],
  ] as const) {
    for (const vb of collectUnder(walks, root)) {
      const index = unitIndex(vb.oid, root);
      answered = true;
      const v = readInteger(vb);
      if (index === undefined || v === undefined || boxItemStateNames[v] === undefined) {
        badData.push({ oid: vb.oid, reason: `${kind} state ${index === undefined ? 'has a malformed index' : v === undefined ? describeUnreadable(vb, 'INTEGER 1–7') : `${v} is not 1–7`}` });
        continue;
      }
      const metric = `${kind}.${index}`;
      samples.push({ metric, unit: '', value: v, ts: now });
      state.items[metric] = v;
      const was = previous?.items[metric];
      const shown = `${title} ${index.replace('.', '/')}`;
      if (was === 2 && v !== 2 && v !== 1) events.push({ severity: 'warn', deviceId: id, message: `${shown}: ${boxItemStateNames[v]}` });
      else if (was !== undefined && was !== 2 && v === 2) events.push({ severity: 'info', deviceId: id, message: `${shown} operational again` });
    }
  }

  const devices: ProfileDevice[] = [];
  if (answered) {
    const device: ProfileDevice = {
      sighting: { id, kind: 'switch', model: parsed.model ?? 'SNMP switch', source: 'snmp' },
      samples,
      attributes,
    };
    if (sysName) device.name = { name: sysName };
    devices.push(device);
  } else {
    badData.push({ reason: 'the agent answered none of the switch OIDs (sysName, sysUpTime, ifTable)' });
  }
  return { devices, events, badData, state };
}

function portSpeed(speedVb: Varbind | undefined, highVb: Varbind | undefined, ix: string, badData: BadData[]): number | undefined {
  const high = highVb?.type === 'Gauge32' ? readUnsigned32(highVb) : undefined;
  if (isAnswered(highVb) && high === undefined) badData.push({ oid: highVb.oid, reason: `port ${ix} ifHighSpeed ${describeUnreadable(highVb, 'Gauge32')}` });
  const low = speedVb?.type === 'Gauge32' ? readUnsigned32(speedVb) : undefined;
  if (isAnswered(speedVb) && low === undefined) badData.push({ oid: speedVb.oid, reason: `port ${ix} ifSpeed ${describeUnreadable(speedVb, 'Gauge32')}` });
  if (high !== undefined && high > 0) return high * 1e6;
  if (low !== undefined && low > 0 && low !== ifSpeedSaturated) return low;
  if (high === 0 || low === 0) return 0;
  return undefined;
}

/** The 64-bit counter when it reads, else the 32-bit one; a garbled answer is bad data. */
function readPortCounter(hcVb: Varbind | undefined, c32Vb: Varbind | undefined, ix: string, key: string, badData: BadData[]): CounterMemo | undefined {
  if (isAnswered(hcVb)) {
    const v = readCounter64(hcVb);
    if (v !== undefined) return { value: v, width: 64 };
    badData.push({ oid: hcVb.oid, reason: `port ${ix} ${key} ${describeUnreadable(hcVb, 'Counter64')}` });
  }
  if (isAnswered(c32Vb)) {
    const v = readCounter32(c32Vb);
    if (v !== undefined) return { value: BigInt(v), width: 32 as CounterWidth };
    badData.push({ oid: c32Vb.oid, reason: `port ${ix} ${key} ${describeUnreadable(c32Vb, 'Counter32')}` });
  }
  return undefined;
}

/** `<root>.<unit>.<item>` → `unit.item`, or undefined when the index isn't two numbers. */
function unitIndex(oid: string, root: string): string | undefined {
  const index = oid.slice(root.length + 1);
  return /^\d{1,10}\.\d{1,10}$/.test(index) && isValidOid(index) ? index : undefined;
}
