import { dewPoint, humidity, temperature, wander, type RoomClimate } from '../sim/climate.ts';
import { geist, geistAirFlowCol, geistInternalCol, geistInternalLegacyCol, geistTempSensorCol, ifCol, ifEntry, ifXCol, ifXEntry, netgear, sys } from './mib.ts';
import { compareOids, normalizeOid, type Varbind, type VarbindType } from './varbind.ts';

/**
 * Simulated SNMP agents for the demo site: a MIB whose values are pure functions of time, so an
 * in-process agent (or snmpsim, via `snmprec`) can serve them and the real poller reads them.
 * - `createSimGeist`: Geist Watchdog 100, firmware 3.2.0 (or the ≤ 3.0.0 layout), internal sensor, two
 *   remote probes (the exhaust one runs hot, cycling through 35 °C every 4 min) and one airflow sensor.
 * - `createSimSwitch`: a 10-port M4300-style switch: ports with plausible traffic on 64-bit (and 32-bit)
 *   octet counters, port 4 flapping (down 20 s every 3 min), port 7 collecting input errors in a short
 *   burst every 7 min, port 9 unplugged, port 10 disabled, plus a CPU interface a switch profile skips.
 */

export interface SimMib {
  /** Every OID served, in walk order. */
  readonly oids: readonly string[];
  /** The value at `oid` at time `now`; noSuchObject/noSuchInstance when there is none. */
  get(oid: string, now: number): Varbind;
  /** The first OID after `oid` (which need not exist) with its value; endOfMibView past the end. */
  getNext(oid: string, now: number): Varbind;
  /** Up to `count` successive getNext answers from `oid` (GETBULK repetitions); ends with endOfMibView if reached. */
  getBulk(oid: string, count: number, now: number): Varbind[];
  /** The whole tree at `now` as snmpsim `.snmprec` lines (`OID|type|value`), newline-terminated. */
  snmprec(now: number): string;
}

export type CellValue = [VarbindType, Varbind['value']];

/** One served OID and its value as a function of time. */
export interface SimCell {
  oid: string;
  read(now: number): CellValue;
}

/** Build a MIB from cells (any order; sorted here). Duplicate OIDs: the first wins. */
export function createSimMib(cells: readonly SimCell[]): SimMib {
  const byOid = new Map<string, SimCell>();
  for (const c of cells) if (!byOid.has(c.oid)) byOid.set(c.oid, c);
  const sorted = [...byOid.values()].sort((a, b) => compareOids(a.oid, b.oid));
  const oids = sorted.map((c) => c.oid);

  const vb = (cell: SimCell, now: number): Varbind => {
    const [type, value] = cell.read(now);
    return { oid: cell.oid, type, value };
  };
  /** Index of the first cell strictly after `oid`. */
  const after = (oid: string): number => {
    let lo = 0;
    let hi = oids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOids(oids[mid]!, oid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const getNext = (oid: string, now: number): Varbind => {
    const query = normalizeOid(oid);
    const i = query === undefined ? oids.length : after(query);
    const cell = sorted[i];
    return cell ? vb(cell, now) : { oid: query ?? oid, type: 'EndOfMibView', value: null };
  };
  return {
    oids,
    get(oid, now) {
      const query = normalizeOid(oid);
      const cell = query === undefined ? undefined : byOid.get(query);
      if (cell) return vb(cell, now);
      // An instance of an object we serve (same parent) is noSuchInstance; anything else noSuchObject.
      const parent = query?.slice(0, Math.max(0, query.lastIndexOf('.')));
      const next = parent ? oids[after(parent)] : undefined;
      const sibling = parent !== undefined && next !== undefined && next.startsWith(`${parent}.`);
      return { oid: query ?? oid, type: sibling ? 'NoSuchInstance' : 'NoSuchObject', value: null };
    },
    getNext,
    getBulk(oid, count, now) {
      const out: Varbind[] = [];
      let at = oid;
      for (let i = 0; i < Math.min(Math.max(0, Math.floor(count)), 10_000); i++) {
        const v = getNext(at, now);
        out.push(v);
        if (v.type === 'EndOfMibView') break;
        at = v.oid;
      }
      return out;
    },
    snmprec(now) {
      let text = '';
      for (const cell of sorted) text += `${snmprecLine(vb(cell, now))}\n`;
      return text;
    },
  };
}

const snmprecTags: Record<VarbindType, string> = {
  Integer: '2',
  OctetString: '4',
  Null: '5',
  ObjectIdentifier: '6',
  IpAddress: '64',
  Counter32: '65',
  Gauge32: '66',
  TimeTicks: '67',
  Opaque: '68',
  Counter64: '70',
  NoSuchObject: '128',
  NoSuchInstance: '129',
  EndOfMibView: '130',
};

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** One `.snmprec` line. Binary or awkward text (|, newlines, non-ASCII) goes hex-encoded (`4x`). */
export function snmprecLine(vb: Varbind): string {
  const tag = snmprecTags[vb.type];
  const v = vb.value;
  if (v instanceof Uint8Array) return `${vb.oid}|${tag}x|${hex(v)}`;
  if (typeof v === 'string' && (vb.type === 'OctetString' || vb.type === 'Opaque') && !/^[\x20-\x7b\x7d\x7e]*$/.test(v)) {
    return `${vb.oid}|${tag}x|${hex(new TextEncoder().encode(v))}`;
  }
  return `${vb.oid}|${tag}|${v === null ? '' : String(v)}`;
}

// ---------------------------------------------------------------------------------------------------
// Helpers shared by the two simulated agents.

const ticksModulus = 4294967296;
const two32 = 1n << 32n;

function cell(oid: string, read: (now: number) => CellValue): SimCell {
  return { oid, read };
}
const fixed = (oid: string, type: VarbindType, value: Varbind['value']): SimCell => cell(oid, () => [type, value]);

function uptimeTicks(now: number, bootAt: number): number {
  return Math.floor(Math.max(0, now - bootAt) / 10) % ticksModulus;
}

function systemCells(descr: string, objectId: string, name: string, bootAt: number): SimCell[] {
  return [
    fixed(sys.descr, 'OctetString', descr),
    fixed(sys.objectId, 'ObjectIdentifier', objectId),
    cell(sys.upTime, (now) => ['TimeTicks', uptimeTicks(now, bootAt)]),
    fixed(sys.name, 'OctetString', name),
  ];
}

function bytesFromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Geist Watchdog 100

export interface SimGeistOptions {
  /** When the agent booted (epoch ms): sysUpTime counts from here, the hot probe's cycle starts here. */
  bootAt?: number;
  /** `current` (3.2.0, the MIB layout; default) or `legacy` (3.0.0, the shifted internal table, binary serial). */
  firmware?: 'current' | 'legacy';
  /** Report temperatures in °F (temperatureUnits = 0). */
  fahrenheit?: boolean;
  /** Varies serials and climate so two simulated Watchdogs differ; default 1. */
  unit?: number;
}

const rack: RoomClimate = { baseC: 24, swingC: 5, baseRh: 40 };

/** The simulated Watchdog's sensors, their labels and serials: the demo and tests can refer to them. */
export function simGeistSensors(unit = 1) {
  const u = (unit & 0xff).toString(16).toUpperCase().padStart(2, '0');
  return {
    internal: { serial: `41D88039${u}3580C3`, name: 'Rack room Watchdog' },
    probes: [
      { serial: `7E000A1B${u}C3D401`, name: 'Rack intake' },
      { serial: `7E000A1B${u}C3D402`, name: 'Rack exhaust' },
    ],
    airflow: { serial: `A3F00D00${u}000001`, name: 'Rack top airflow' },
  };
}

/** °C at time `now` for each simulated Geist reading (before encoding): for tests and the demo's expectations. */
export function simGeistClimate(now: number, bootAt = 0, unit = 1) {
  const seed = 7 + unit * 10;
  const t = temperature(rack, now, seed);
  const rh = humidity(rack, now, seed);
  const flowT = temperature(rack, now, seed + 3) + 1;
  const flowRh = humidity(rack, now, seed + 3);
  return {
    internal: { temp: t, humidity: rh, dew: dewPoint(t, rh) },
    probes: [temperature(rack, now, seed + 1) - 2, 33 + 4 * Math.sin(((now - bootAt) / 240_000) * 2 * Math.PI + 0.4) + 0.2 * wander(now, seed + 2)],
    airflow: { temp: flowT, flow: 62 + 12 * Math.sin((now - bootAt) / 90_000) + 4 * wander(now, seed + 4), humidity: flowRh, dew: dewPoint(flowT, flowRh) },
  };
}

export function createSimGeist(options: SimGeistOptions = {}): SimMib {
  const bootAt = options.bootAt ?? 0;
  const unit = options.unit ?? 1;
  const legacy = options.firmware === 'legacy';
  const f = options.fahrenheit === true;
  const sensors = simGeistSensors(unit);
  /** Tenths of a degree in the agent's unit. */
  const tenths = (c: number) => Math.round((f ? (c * 9) / 5 + 32 : c) * 10);
  const at = (now: number) => simGeistClimate(now, bootAt, unit);
  const pct = (v: number) => Math.round(Math.min(100, Math.max(0, v)));

  const cells: SimCell[] = [
    ...systemCells(`Geist Watchdog 100 (simulated), firmware ${legacy ? '3.0.0' : '3.2.0'}`, '1.3.6.1.4.1.21239.5.1', `watchdog-${unit}`, bootAt),
    fixed(geist.productTitle, 'OctetString', 'Watchdog 100'),
    fixed(geist.productVersion, 'OctetString', legacy ? '3.0.0' : '3.2.0'),
    fixed(geist.productFriendlyName, 'OctetString', sensors.internal.name),
    fixed(geist.productMacAddress, 'OctetString', new Uint8Array([0x00, 0x19, 0x85, 0x10, 0x20, unit & 0xff])),
    fixed(geist.deviceCount, 'Integer', 4),
    fixed(geist.temperatureUnits, 'Integer', f ? 0 : 1),
  ];

  const ie = geist.internalEntry;
  if (legacy) {
    const c = geistInternalLegacyCol;
    cells.push(
      fixed(`${ie}.${c.name}.1`, 'OctetString', sensors.internal.name),
      // Old firmware shows the serial as binary (net-snmp prints "Hex-STRING: 41 D8 …").
      fixed(`${ie}.${c.serial}.1`, 'OctetString', bytesFromHex(sensors.internal.serial)),
      fixed(`${ie}.${c.avail}.1`, 'Integer', 1),
      cell(`${ie}.${c.temp}.1`, (now) => ['Integer', tenths(at(now).internal.temp)]),
      cell(`${ie}.${c.humidity}.1`, (now) => ['Integer', pct(at(now).internal.humidity)]),
      cell(`${ie}.${c.dewPoint}.1`, (now) => ['Integer', tenths(at(now).internal.dew)]),
    );
  } else {
    const c = geistInternalCol;
    cells.push(
      fixed(`${ie}.${c.index}.1`, 'Integer', 1),
      fixed(`${ie}.${c.serial}.1`, 'OctetString', sensors.internal.serial),
      fixed(`${ie}.${c.name}.1`, 'OctetString', sensors.internal.name),
      fixed(`${ie}.${c.avail}.1`, 'Integer', 1),
      cell(`${ie}.${c.temp}.1`, (now) => ['Integer', tenths(at(now).internal.temp)]),
      cell(`${ie}.${c.humidity}.1`, (now) => ['Integer', pct(at(now).internal.humidity)]),
      cell(`${ie}.${c.dewPoint}.1`, (now) => ['Integer', tenths(at(now).internal.dew)]),
    );
  }

  const te = geist.tempSensorEntry;
  const tc = geistTempSensorCol;
  sensors.probes.forEach((p, k) => {
    const ix = k + 1;
    cells.push(
      fixed(`${te}.${tc.index}.${ix}`, 'Integer', ix),
      fixed(`${te}.${tc.serial}.${ix}`, 'OctetString', p.serial),
      fixed(`${te}.${tc.name}.${ix}`, 'OctetString', p.name),
      fixed(`${te}.${tc.avail}.${ix}`, 'Integer', 1),
      cell(`${te}.${tc.temp}.${ix}`, (now) => ['Integer', tenths(at(now).probes[k]!)]),
    );
  });

  const ae = geist.airFlowSensorEntry;
  const ac = geistAirFlowCol;
  cells.push(
    fixed(`${ae}.${ac.index}.1`, 'Integer', 1),
    fixed(`${ae}.${ac.serial}.1`, 'OctetString', sensors.airflow.serial),
    fixed(`${ae}.${ac.name}.1`, 'OctetString', sensors.airflow.name),
    fixed(`${ae}.${ac.avail}.1`, 'Integer', 1),
    cell(`${ae}.${ac.temp}.1`, (now) => ['Integer', tenths(at(now).airflow.temp)]),
    cell(`${ae}.${ac.flow}.1`, (now) => ['Integer', pct(at(now).airflow.flow)]),
    cell(`${ae}.${ac.humidity}.1`, (now) => ['Integer', pct(at(now).airflow.humidity)]),
    cell(`${ae}.${ac.dewPoint}.1`, (now) => ['Integer', tenths(at(now).airflow.dew)]),
  );
  return createSimMib(cells);
}

// ---------------------------------------------------------------------------------------------------
// Switch

export interface SimSwitchOptions {
  /** When the switch booted (epoch ms): sysUpTime and every counter count from here. */
  bootAt?: number;
  /** Serve ifHCIn/OutOctets (default true). Without them a poller must fall back to the 32-bit counters. */
  hcCounters?: boolean;
  sysName?: string;
}

interface SimPort {
  alias: string;
  /** Link speed in Mbit/s while up. */
  mbps: number;
  /** Average traffic in Mbit/s while up. */
  inMbps: number;
  outMbps: number;
  admin: 1 | 2;
  /** `link`: up; `flap`: down 20 s every 180 s; `unplugged`: admin up, oper down. */
  behaviour: 'link' | 'flap' | 'unplugged';
  /** Input errors: a burst of 5 in the first 30 s of every 7 minutes. */
  errorBursts?: boolean;
  /** Input discards per second. */
  discardRate?: number;
}

/** The simulated switch's ports (ifIndex = position + 1). Rates stay under 1 Gbit/s so 32-bit counters wrap at most once in 30 s. */
export const simSwitchPorts: readonly SimPort[] = [
  { alias: 'Uplink FOH', mbps: 10000, inMbps: 420, outMbps: 180, admin: 1, behaviour: 'link', discardRate: 0.2 },
  { alias: 'LED wall processor', mbps: 10000, inMbps: 15, outMbps: 850, admin: 1, behaviour: 'link' },
  { alias: 'Lighting desk', mbps: 1000, inMbps: 12, outMbps: 45, admin: 1, behaviour: 'link' },
  { alias: 'Stage box', mbps: 1000, inMbps: 80, outMbps: 60, admin: 1, behaviour: 'flap' },
  { alias: 'Dante primary', mbps: 1000, inMbps: 150, outMbps: 150, admin: 1, behaviour: 'link' },
  { alias: 'Dante secondary', mbps: 1000, inMbps: 150, outMbps: 150, admin: 1, behaviour: 'link' },
  { alias: 'Camera feed', mbps: 1000, inMbps: 300, outMbps: 5, admin: 1, behaviour: 'link', errorBursts: true },
  { alias: '', mbps: 1000, inMbps: 2, outMbps: 3, admin: 1, behaviour: 'link' },
  { alias: 'Spare', mbps: 1000, inMbps: 0, outMbps: 0, admin: 1, behaviour: 'unplugged' },
  { alias: '', mbps: 1000, inMbps: 0, outMbps: 0, admin: 2, behaviour: 'unplugged' },
];

const flapPeriodS = 180;
const flapDownS = 20;
/** The flapping port's cycle is offset so it is up when the demo starts. */
const flapOffsetS = 90;

/** Seconds of link-up time in [0, s] for a port down during the first 20 s of every (offset) 180 s cycle. */
function flapUpSeconds(s: number): number {
  const f = (x: number) => Math.floor(x / flapPeriodS) * (flapPeriodS - flapDownS) + Math.max(0, (x % flapPeriodS) - flapDownS);
  return f(s + flapOffsetS) - f(flapOffsetS);
}

/** Whether port `ix` (1-based) has link `seconds` after boot. */
export function simPortUp(ix: number, seconds: number): boolean {
  const p = simSwitchPorts[ix - 1];
  if (!p || p.admin !== 1 || p.behaviour === 'unplugged') return false;
  if (p.behaviour === 'flap') return (Math.max(0, seconds) + flapOffsetS) % flapPeriodS >= flapDownS;
  return true;
}

/** Octets port `ix` has moved `seconds` after boot, one direction: average rate ×(1 ± 0.25) on a slow swell. */
export function simPortOctets(ix: number, direction: 'in' | 'out', seconds: number): bigint {
  const p = simSwitchPorts[ix - 1];
  if (!p) return 0n;
  const s = Math.max(0, seconds);
  const bytesPerS = ((direction === 'in' ? p.inMbps : p.outMbps) * 1e6) / 8;
  if (bytesPerS === 0 || p.admin !== 1 || p.behaviour === 'unplugged') return 0n;
  if (p.behaviour === 'flap') return BigInt(Math.floor(bytesPerS * flapUpSeconds(s)));
  // ∫ r·(1 + 0.25·sin(t/60 + k)) dt = r·t + 15·r·(cos k − cos(t/60 + k)); never decreasing.
  const k = ix + (direction === 'in' ? 0 : 1.7);
  return BigInt(Math.floor(bytesPerS * s + 15 * bytesPerS * (Math.cos(k) - Math.cos(s / 60 + k))));
}

/** Input errors of port `ix` `seconds` after boot. */
export function simPortInErrors(ix: number, seconds: number): number {
  const p = simSwitchPorts[ix - 1];
  if (!p?.errorBursts) return 0;
  const s = Math.max(0, seconds);
  const inCycle = s % 420;
  return Math.floor(s / 420) * 5 + Math.min(5, Math.floor(inCycle / 6));
}

export function createSimSwitch(options: SimSwitchOptions = {}): SimMib {
  const bootAt = options.bootAt ?? 0;
  const hc = options.hcCounters !== false;
  const secs = (now: number) => Math.max(0, now - bootAt) / 1000;
  const c32 = (v: bigint) => Number(v % two32);
  const cells: SimCell[] = systemCells(
    'M4300-SIM ProSAFE 10-port simulated switch, 12.0.9.3, B1.0.0.17',
    '1.3.6.1.4.1.4526.100',
    options.sysName ?? 'show-core-switch',
    bootAt,
  );

  simSwitchPorts.forEach((p, k) => {
    const ix = k + 1;
    const e = (col: number) => `${ifEntry}.${col}.${ix}`;
    const x = (col: number) => `${ifXEntry}.${col}.${ix}`;
    const oper = (now: number): CellValue => ['Integer', simPortUp(ix, secs(now)) ? 1 : 2];
    const linkSpeed = (now: number) => (simPortUp(ix, secs(now)) ? p.mbps : 0);
    cells.push(
      fixed(e(ifCol.index), 'Integer', ix),
      fixed(e(ifCol.descr), 'OctetString', `Unit: 1 Slot: 0 Port: ${ix} ${p.mbps >= 10000 ? '10G' : 'Gigabit'} - Level`),
      fixed(e(ifCol.type), 'Integer', 6),
      cell(e(ifCol.speed), (now) => ['Gauge32', Math.min(4294967295, linkSpeed(now) * 1e6)]),
      fixed(e(ifCol.adminStatus), 'Integer', p.admin),
      cell(e(ifCol.operStatus), oper),
      cell(e(ifCol.inOctets), (now) => ['Counter32', c32(simPortOctets(ix, 'in', secs(now)))]),
      cell(e(ifCol.inDiscards), (now) => ['Counter32', Math.floor(secs(now) * (p.discardRate ?? 0)) % ticksModulus]),
      cell(e(ifCol.inErrors), (now) => ['Counter32', simPortInErrors(ix, secs(now)) % ticksModulus]),
      cell(e(ifCol.outOctets), (now) => ['Counter32', c32(simPortOctets(ix, 'out', secs(now)))]),
      fixed(e(ifCol.outDiscards), 'Counter32', 0),
      fixed(e(ifCol.outErrors), 'Counter32', 0),
      fixed(x(ifXCol.name), 'OctetString', `1/0/${ix}`),
      cell(x(ifXCol.highSpeed), (now) => ['Gauge32', linkSpeed(now)]),
      fixed(x(ifXCol.alias), 'OctetString', p.alias),
    );
    if (hc) {
      cells.push(
        cell(x(ifXCol.hcInOctets), (now) => ['Counter64', simPortOctets(ix, 'in', secs(now))]),
        cell(x(ifXCol.hcOutOctets), (now) => ['Counter64', simPortOctets(ix, 'out', secs(now))]),
      );
    }
  });

  // The CPU interface a real Netgear lists too (ifType other): a switch profile leaves it out of the ports.
  const cpu = 661;
  cells.push(
    fixed(`${ifEntry}.${ifCol.index}.${cpu}`, 'Integer', cpu),
    fixed(`${ifEntry}.${ifCol.descr}.${cpu}`, 'OctetString', 'CPU Interface:  0/5/1'),
    fixed(`${ifEntry}.${ifCol.type}.${cpu}`, 'Integer', 1),
    fixed(`${ifEntry}.${ifCol.adminStatus}.${cpu}`, 'Integer', 1),
    fixed(`${ifEntry}.${ifCol.operStatus}.${cpu}`, 'Integer', 1),
    fixed(`${ifXEntry}.${ifXCol.name}.${cpu}`, 'OctetString', 'CPU Interface:  0/5/1'),
  );

  cells.push(
    cell(`${netgear.tempSensorTemperature}.1.1`, (now) => ['Integer', Math.round(38 + 3 * wander(now, 31))]),
    cell(`${netgear.tempSensorTemperature}.1.2`, (now) => ['Integer', Math.round(44 + 2 * wander(now, 32))]),
    fixed(`${netgear.fanItemState}.1.1`, 'Integer', 2),
    fixed(`${netgear.fanItemState}.1.2`, 'Integer', 2),
    fixed(`${netgear.powSupplyItemState}.1.1`, 'Integer', 2),
    fixed(`${netgear.powSupplyItemState}.1.2`, 'Integer', 1),
  );
  return createSimMib(cells);
}
