import type { DeviceSighting, Sample } from '../../../native/ingest.ts';
import { ignored, rejected, type MapContext, type MapResult, type MappedEvent, type MappedReading, type Mapper } from './mapper.ts';
import { parseJsonObjectPayload } from './payload.ts';

/**
 * Victron Venus OS GX over MQTT (dbus-flashmq; PROTOCOLS.md §5, README and src/ read at bb470b7a):
 *   N/<portal>/<service>/<instance>/<D-Bus path>  {"value": v}   notification, NOT retained
 *       {"value": null}  = the D-Bus value is invalid;   empty payload (0 bytes) = the device disappeared
 *       settings carry extra keys: {"max":1,"min":0,"value":1}
 *   N/<portal>/system/0/Serial is the one retained topic (src/types.cpp should_be_retained) — how an
 *       unknown portal is discovered before anyone sends it a keep-alive
 *   N/<portal>/heartbeat {"value":<unix s>} every 3 s while kept alive (src/state.cpp heartbeat)
 *   N/<portal>/full_publish_completed {"value":<unix s>} ends a full republish
 *   R/<portal>/keepalive   '' = keep alive + republish everything; {"keepalive-options":["suppress-republish"]}
 *       keeps alive without it. Keep-alive lapses after 60 s; send every 30 s.
 *   W/<portal>/<service>/<instance>/<path> {"value": v}  write (never retained)
 * Paths (Venus dbus wiki "dbus.md", venus-html5-app TOPICS.md @ fb34c1de): system/0/Dc/Battery/{Soc,Voltage,
 * Current,Power}, system/0/Dc/Pv/Power, system/0/Ac/PvOn{Output,Grid,Genset}/L<n>/Power, system/0/SystemState/State,
 * system/0/VebusInstance, vebus/<i>/Ac/ActiveIn/{P,L<n>/P,ActiveInput}, vebus/<i>/Ac/Out/{P,L<n>/P}, vebus/<i>/Mode,
 * vebus/<i>/Ac/In/<n>/CurrentLimit, settings/0/Settings/SystemSetup/MaxChargeCurrent, …/Alarms/* (0 OK, 1 warning, 2 alarm).
 *
 * One state object per mapper instance (per connection) remembers portals, service instances and the
 * values the GX summary needs; the GX summary is one device per portal, `victron:<portal>`.
 */

export const victronSummaryUnits = {
  soc: '%',
  battery_voltage: 'V',
  battery_current: 'A',
  battery_power: 'W',
  ac_in_power: 'W',
  ac_out_power: 'W',
  pv_power: 'W',
  /** 1 charger only, 2 inverter only, 3 on, 4 off. */
  inverter_mode: '',
  /** system/0/SystemState/State code (0 off … 9 inverting, 256 discharging …). */
  system_state: '',
  /** A; −1 = no limit (DVCC default). */
  charge_current_limit: 'A',
  ac_input_current_limit: 'A',
  /** Highest active GX alarm level: 0 none, 1 warning, 2 alarm. */
  alarm: '',
} as const;

export type VictronSummaryMetric = keyof typeof victronSummaryUnits;

export const inverterModeNames: Readonly<Record<number, string>> = { 1: 'Charger only', 2: 'Inverter only', 3: 'On', 4: 'Off' };

export interface VictronServiceInfo {
  service: string;
  instance: number;
  productId?: number;
  productName?: string;
  customName?: string;
  /** False after the GX announced the device gone (empty payloads) until it speaks again. */
  present: boolean;
  firstSeen: number;
  lastSeen: number;
}

export interface VictronAcInputLimit {
  instance: number;
  /** The `<n>` in vebus/<instance>/Ac/In/<n>/CurrentLimit as the device publishes it. */
  input: number;
  limit?: number;
  adjustable?: boolean;
}

export interface VictronPortalInfo {
  portalId: string;
  /** The connection it was last heard on (undefined for a configured portal never heard). */
  connectionId?: string;
  firstSeen?: number;
  lastSeen?: number;
  systemName?: string;
  fullPublishCompletedAt?: number;
  keepAliveSentAt?: number;
  mainVebusInstance?: number;
  services: VictronServiceInfo[];
  acInputLimits: VictronAcInputLimit[];
  summary: Partial<Record<VictronSummaryMetric, number>>;
}

export interface KeepAliveMessage {
  portalId: string;
  connectionId?: string;
  topic: string;
  payload: string;
  /** True when it asks for a full republish (empty payload). */
  full: boolean;
}

export interface VictronMapperOptions {
  /** Portals to keep alive even before they are heard (needed on the VRM cloud broker, where `N/#` is not allowed). */
  portalIds?: string[];
  /** Default 30 000 ms (dbus-flashmq's recommendation for its 60 s timeout). */
  keepAliveIntervalMs?: number;
  /** A portal silent this long gets a full republish with its next keep-alive. Default 60 000 ms. */
  aliveTimeoutMs?: number;
}

export interface VictronMapper extends Mapper {
  portals(): VictronPortalInfo[];
  portal(portalId: string): VictronPortalInfo | undefined;
  /** Keep-alives due now (a query: nothing changes). */
  keepAlivesDue(now: number): KeepAliveMessage[];
  /** Record that a keep-alive went out. */
  markKeepAliveSent(portalId: string, now: number): void;
  /** keepAlivesDue + markKeepAliveSent for each. */
  takeKeepAlives(now: number): KeepAliveMessage[];
  /** The next keep-alive to this portal (or all) asks for a full republish — e.g. after a reconnect. */
  requestFullRepublish(portalId?: string): void;
  /** Last value seen on N/<portal>/<service>/<instance><path> (path with a leading '/'); null = invalid; undefined = unknown. */
  value(portalId: string, service: string, instance: number, path: string): number | string | null | undefined;
  /** Same, by N/ topic — plugs into `createGxControl({ currentValue })`. */
  valueAt(notifyTopic: string): number | string | null | undefined;
}

const portalIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const servicePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const instancePattern = /^\d{1,10}$/;

export function victronDeviceId(portalId: string): string {
  return `victron:${portalId}`;
}

export type VictronTopic =
  | { prefix: string; portalId: string; special: string }
  | { prefix: string; portalId: string; service: string; instance: number; path: string };

/** Split `N/<portal>/<service>/<instance>/<path…>`; `special` for two-level topics (heartbeat, full_publish_completed, keepalive). */
export function parseVictronTopic(topic: string): VictronTopic | { error: string } {
  if (typeof topic !== 'string') return { error: 'topic is not a string' };
  const levels = topic.split('/');
  const prefix = levels[0]!;
  if (prefix !== 'N' && prefix !== 'R' && prefix !== 'W') return { error: 'not a Venus N/R/W topic' };
  const portalId = levels[1] ?? '';
  if (!portalIdPattern.test(portalId)) return { error: 'invalid portal id' };
  if (levels.length === 3) return { prefix, portalId, special: levels[2]! };
  if (levels.length < 5) return { error: 'topic too short for <service>/<instance>/<path>' };
  const service = levels[2]!;
  const inst = levels[3]!;
  if (!servicePattern.test(service)) return { error: 'invalid service type' };
  if (!instancePattern.test(inst) || Number(inst) > 0x7fffffff) return { error: 'device instance is not a number' };
  for (let i = 4; i < levels.length; i++) if (levels[i]!.length === 0) return { error: 'empty level in the D-Bus path' };
  return { prefix, portalId, service, instance: Number(inst), path: '/' + levels.slice(4).join('/') };
}

export type VictronPayload = { kind: 'gone' } | { kind: 'value'; value: unknown } | { kind: 'bad'; reason: string };

/** `{"value": v}` → value; 0 bytes → gone; anything else → bad. */
export function parseVictronPayload(payload: Uint8Array): VictronPayload {
  if (payload.byteLength === 0) return { kind: 'gone' };
  const parsed = parseJsonObjectPayload(payload);
  if (!parsed.ok) return { kind: 'bad', reason: parsed.reason === 'payload is not a JSON object' ? 'payload is not {"value": …}' : parsed.reason };
  if (!Object.hasOwn(parsed.value, 'value')) return { kind: 'bad', reason: 'payload has no "value" key' };
  return { kind: 'value', value: parsed.value.value };
}

// ---------------------------------------------------------------------------------------------------
// Keep-alive, read and write builders

const suppressRepublish = JSON.stringify({ 'keepalive-options': ['suppress-republish'] });

/**
 * R/<portal>/keepalive. Full = empty payload (the GX republishes every topic); otherwise suppress-republish.
 * `echo` (Venus ≥ 3.50) makes the GX echo the token in N/<portal>/full_publish_completed.
 */
export function buildKeepAlive(portalId: string, full: boolean, echo?: string): { topic: string; payload: string } {
  const topic = `R/${portalId}/keepalive`;
  if (!full) return { topic, payload: suppressRepublish };
  if (echo !== undefined) return { topic, payload: JSON.stringify({ 'keepalive-options': [{ 'full-publish-completed-echo': echo }] }) };
  return { topic, payload: '' };
}

/** R/<portal>/<service>/<instance><path> (empty payload): the GX answers on the N/ topic. */
export function buildVictronRead(portalId: string, service: string, instance: number, path: string): { topic: string; payload: string } {
  return { topic: `R/${portalId}/${service}/${instance}${path}`, payload: '' };
}

export type VictronWriteRequest =
  | { control: 'inverter_mode'; portalId: string; instance: number; value: number }
  | { control: 'charge_current_limit'; portalId: string; value: number }
  /** `input` is the <n> of vebus/<instance>/Ac/In/<n>/CurrentLimit as the device publishes it (1 = AC-in 1 on current firmware). */
  | { control: 'ac_input_current_limit'; portalId: string; instance: number; input: number; value: number };

export type VictronWrite =
  | { ok: true; topic: string; payload: string; notifyTopic: string; read: { topic: string; payload: string } }
  | { ok: false; error: string };

/** Largest AC input current limit we let anyone ask for: above any Multi/Quattro rating; the device coerces within its own range. */
export const maxAcInputCurrentLimit = 1000;

/** Validate a control write and build its W/ message (and the N/ topic that will confirm it). */
export function buildVictronWrite(req: VictronWriteRequest): VictronWrite {
  if (typeof req !== 'object' || req === null) return { ok: false, error: 'no write request' };
  if (typeof req.portalId !== 'string' || !portalIdPattern.test(req.portalId)) return { ok: false, error: 'portal id must be 1–64 letters, digits, _ or -' };
  const v = req.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, error: 'value must be a number' };
  let service: string;
  let instance: number;
  let path: string;
  switch (req.control) {
    case 'inverter_mode':
      if (!Number.isInteger(v) || v < 1 || v > 4) return { ok: false, error: `inverter mode must be 1 (charger only), 2 (inverter only), 3 (on) or 4 (off); got ${v}` };
      service = 'vebus';
      instance = req.instance;
      path = '/Mode';
      break;
    case 'charge_current_limit':
      if (!Number.isInteger(v) || v < -1 || v > 10000) return { ok: false, error: `charge current limit must be a whole number of amps from -1 (no limit) to 10000; got ${v}` };
      service = 'settings';
      instance = 0;
      path = '/Settings/SystemSetup/MaxChargeCurrent';
      break;
    case 'ac_input_current_limit':
      if (!Number.isInteger(req.input) || req.input < 0 || req.input > 2) return { ok: false, error: `AC input must be 0, 1 or 2 (as in vebus/<instance>/Ac/In/<n>/CurrentLimit); got ${String(req.input)}` };
      if (v < 0 || v > maxAcInputCurrentLimit) return { ok: false, error: `AC input current limit must be between 0 and ${maxAcInputCurrentLimit} A; got ${v}` };
      service = 'vebus';
      instance = req.instance;
      path = `/Ac/In/${req.input}/CurrentLimit`;
      break;
    default:
      return { ok: false, error: `unknown control '${String((req as { control?: unknown }).control)}'` };
  }
  if (!Number.isInteger(instance) || instance < 0 || instance > 0x7fffffff) return { ok: false, error: `device instance must be a whole number ≥ 0; got ${String(instance)}` };
  const tail = `${req.portalId}/${service}/${instance}${path}`;
  return { ok: true, topic: `W/${tail}`, payload: JSON.stringify({ value: v }), notifyTopic: `N/${tail}`, read: { topic: `R/${tail}`, payload: '' } };
}

// ---------------------------------------------------------------------------------------------------
// State

type ServiceState = VictronServiceInfo;

interface PortalState {
  portalId: string;
  connectionId?: string;
  firstSeen?: number;
  lastSeen?: number;
  systemName?: string;
  fullPublishCompletedAt?: number;
  keepAliveSentAt?: number;
  fullRequested: boolean;
  services: Map<string, ServiceState>;
  /** `${service}/${instance}${path}` → last valid number or string. */
  values: Map<string, number | string | null>;
  /** `${service}/${instance}${path}` → 0 | 1 | 2 for every …/Alarms/… path. */
  alarms: Map<string, number>;
}

/** Limits that keep a hostile or broken publisher from growing memory without bound. */
const maxPortals = 64;
const maxServicesPerPortal = 512;
const maxValuesPerPortal = 20_000;

const serviceLabels: Readonly<Record<string, string>> = {
  vebus: 'VE.Bus',
  battery: 'Battery',
  solarcharger: 'Solar charger',
  inverter: 'Inverter',
  multi: 'Multi RS',
  charger: 'Charger',
  system: 'System',
  pvinverter: 'PV inverter',
  dcdc: 'DC-DC',
  genset: 'Generator',
};

/** Services whose disappearance the operator must hear about (the others: PV inverters sleep every night). */
const importantServices = new Set(['vebus', 'battery', 'multi', 'inverter', 'system']);

const pvAcKeys = ['Output', 'Grid', 'Genset'].flatMap((where) => [1, 2, 3].map((l) => `system/0/Ac/PvOn${where}/L${l}/Power`));

function humanAlarm(path: string): string {
  const i = path.indexOf('/Alarms/');
  const name = i >= 0 ? path.slice(i + 8) : path;
  return name
    .split('/')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ')
    .replace(/\bl(\d)\b/g, 'L$1');
}

export function createVictronMapper(options: VictronMapperOptions = {}): VictronMapper {
  const keepAliveIntervalMs = options.keepAliveIntervalMs ?? 30_000;
  const aliveTimeoutMs = options.aliveTimeoutMs ?? 60_000;
  const portals = new Map<string, PortalState>();
  const configured = (options.portalIds ?? []).filter((p) => portalIdPattern.test(p));
  const newPortal = (portalId: string): PortalState => ({ portalId, fullRequested: false, services: new Map(), values: new Map(), alarms: new Map() });
  for (const p of configured) portals.set(p, newPortal(p));

  const topics = configured.length > 0 ? configured.map((p) => `N/${p}/#`) : ['N/#'];

  const num = (p: PortalState, key: string): number | undefined => {
    const v = p.values.get(key);
    return typeof v === 'number' ? v : undefined;
  };

  const mainVebus = (p: PortalState): number | undefined => {
    const sys = num(p, 'system/0/VebusInstance');
    if (sys !== undefined && Number.isInteger(sys)) return sys;
    let lowest: number | undefined;
    for (const s of p.services.values()) if (s.service === 'vebus' && s.present && (lowest === undefined || s.instance < lowest)) lowest = s.instance;
    return lowest;
  };

  const sumDefined = (p: PortalState, keys: readonly string[]): number | undefined => {
    let total: number | undefined;
    for (const k of keys) {
      const v = num(p, k);
      if (v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  };

  const phases = (base: string) => [1, 2, 3].map((l) => `${base}/L${l}/P`);

  /** The AC input current limit of the input in use (or the first one when inverting / unknown). */
  const acInputLimit = (p: PortalState, vb: number): number | undefined => {
    const inputs = acInputs(p, vb);
    if (inputs.length === 0) return undefined;
    const zeroBased = inputs.some((i) => i.input === 0);
    const active = num(p, `vebus/${vb}/Ac/ActiveIn/ActiveInput`);
    if (active === 0 || active === 1) {
      const wanted = zeroBased ? active : active + 1;
      const hit = inputs.find((i) => i.input === wanted);
      if (hit?.limit !== undefined) return hit.limit;
    }
    return inputs.find((i) => i.limit !== undefined)?.limit;
  };

  const acInputs = (p: PortalState, vb: number): VictronAcInputLimit[] => {
    const out: VictronAcInputLimit[] = [];
    for (let n = 0; n <= 2; n++) {
      const limit = num(p, `vebus/${vb}/Ac/In/${n}/CurrentLimit`);
      const adj = num(p, `vebus/${vb}/Ac/In/${n}/CurrentLimitIsAdjustable`);
      if (limit === undefined && adj === undefined) continue;
      const entry: VictronAcInputLimit = { instance: vb, input: n };
      if (limit !== undefined) entry.limit = limit;
      if (adj !== undefined) entry.adjustable = adj !== 0;
      out.push(entry);
    }
    return out;
  };

  const summaryValue = (p: PortalState, metric: VictronSummaryMetric): number | undefined => {
    const vb = mainVebus(p);
    switch (metric) {
      case 'soc':
        return num(p, 'system/0/Dc/Battery/Soc');
      case 'battery_voltage':
        return num(p, 'system/0/Dc/Battery/Voltage');
      case 'battery_current':
        return num(p, 'system/0/Dc/Battery/Current');
      case 'battery_power':
        return num(p, 'system/0/Dc/Battery/Power');
      case 'pv_power':
        // DC-coupled (solar chargers) plus AC-coupled PV inverters on any phase.
        return sumDefined(p, ['system/0/Dc/Pv/Power', ...pvAcKeys]);
      case 'system_state':
        return num(p, 'system/0/SystemState/State');
      case 'charge_current_limit':
        return num(p, 'settings/0/Settings/SystemSetup/MaxChargeCurrent');
      case 'ac_in_power':
        return vb === undefined ? undefined : (num(p, `vebus/${vb}/Ac/ActiveIn/P`) ?? sumDefined(p, phases(`vebus/${vb}/Ac/ActiveIn`)));
      case 'ac_out_power':
        return vb === undefined ? undefined : (num(p, `vebus/${vb}/Ac/Out/P`) ?? sumDefined(p, phases(`vebus/${vb}/Ac/Out`)));
      case 'inverter_mode':
        return vb === undefined ? undefined : num(p, `vebus/${vb}/Mode`);
      case 'ac_input_current_limit':
        return vb === undefined ? undefined : acInputLimit(p, vb);
      case 'alarm': {
        if (p.alarms.size === 0) return undefined;
        let max = 0;
        for (const level of p.alarms.values()) if (level > max) max = level;
        return max;
      }
    }
  };

  const vebusMetrics: VictronSummaryMetric[] = ['ac_in_power', 'ac_out_power', 'inverter_mode', 'ac_input_current_limit'];

  /** Which summary metrics a path feeds (after the state took the new value). */
  const affected = (p: PortalState, service: string, instance: number, path: string): VictronSummaryMetric[] => {
    if (path.includes('/Alarms/') || path.startsWith('/Alarms/')) return ['alarm'];
    if (service === 'system' && instance === 0) {
      switch (path) {
        case '/Dc/Battery/Soc':
          return ['soc'];
        case '/Dc/Battery/Voltage':
          return ['battery_voltage'];
        case '/Dc/Battery/Current':
          return ['battery_current'];
        case '/Dc/Battery/Power':
          return ['battery_power'];
        case '/Dc/Pv/Power':
          return ['pv_power'];
        case '/SystemState/State':
          return ['system_state'];
        case '/VebusInstance':
          return vebusMetrics;
      }
      if (/^\/Ac\/PvOn(?:Output|Grid|Genset)\/L[123]\/Power$/.test(path)) return ['pv_power'];
      return [];
    }
    if (service === 'settings' && instance === 0 && path === '/Settings/SystemSetup/MaxChargeCurrent') return ['charge_current_limit'];
    if (service === 'vebus' && instance === mainVebus(p)) {
      if (path === '/Mode') return ['inverter_mode'];
      if (path === '/Ac/ActiveIn/P' || /^\/Ac\/ActiveIn\/L[123]\/P$/.test(path)) return ['ac_in_power'];
      if (path === '/Ac/Out/P' || /^\/Ac\/Out\/L[123]\/P$/.test(path)) return ['ac_out_power'];
      if (path === '/Ac/ActiveIn/ActiveInput' || /^\/Ac\/In\/[012]\/CurrentLimit$/.test(path)) return ['ac_input_current_limit'];
    }
    return [];
  };

  const label = (p: PortalState) => `GX ${p.systemName ?? p.portalId}`;
  const serviceLabel = (service: string, instance: number) => `${serviceLabels[service] ?? service} ${instance}`;

  const touchService = (p: PortalState, service: string, instance: number, now: number): { state: ServiceState | undefined; cameBack: boolean } => {
    const key = `${service}/${instance}`;
    let s = p.services.get(key);
    if (!s) {
      if (p.services.size >= maxServicesPerPortal) return { state: undefined, cameBack: false };
      s = { service, instance, present: true, firstSeen: now, lastSeen: now };
      p.services.set(key, s);
      return { state: s, cameBack: false };
    }
    const cameBack = !s.present;
    s.present = true;
    s.lastSeen = now;
    return { state: s, cameBack };
  };

  const forgetService = (p: PortalState, service: string, instance: number) => {
    const prefix = `${service}/${instance}/`;
    for (const k of p.values.keys()) if (k.startsWith(prefix)) p.values.delete(k);
    for (const k of p.alarms.keys()) if (k.startsWith(prefix)) p.alarms.delete(k);
  };

  /** The portal a valid message came from, created on first hearing (undefined past the portal limit). */
  const heard = (portalId: string, ctx: MapContext): PortalState | undefined => {
    let p = portals.get(portalId);
    if (!p) {
      if (portals.size >= maxPortals) return undefined;
      p = newPortal(portalId);
      portals.set(portalId, p);
    }
    p.firstSeen ??= ctx.now;
    p.lastSeen = ctx.now;
    p.connectionId = ctx.connectionId;
    return p;
  };

  const map = (topic: string, payload: Uint8Array, ctx: MapContext): MapResult => {
    const t = parseVictronTopic(topic);
    if ('error' in t) return t.error === 'not a Venus N/R/W topic' ? ignored(t.error) : rejected(t.error);
    if (t.prefix !== 'N') return ignored('read/write request, not a notification');
    if ('special' in t) {
      if (t.special !== 'heartbeat' && t.special !== 'full_publish_completed') return ignored('unknown GX portal topic');
      const p = heard(t.portalId, ctx);
      if (!p) return ignored('too many GX portals on one connection');
      if (t.special === 'full_publish_completed') p.fullPublishCompletedAt = ctx.now;
      return ignored(`GX ${t.special}`);
    }
    // Check the payload before a portal is created, so junk on N/… never earns keep-alives.
    const pl = parseVictronPayload(payload);
    if (pl.kind === 'bad') return rejected(pl.reason);
    const p = heard(t.portalId, ctx);
    if (!p) return ignored('too many GX portals on one connection');
    const now = ctx.now;
    const { service, instance, path } = t;
    const key = `${service}/${instance}${path}`;

    const events: MappedEvent[] = [];
    const deviceId = victronDeviceId(p.portalId);

    if (pl.kind === 'gone') {
      const s = p.services.get(`${service}/${instance}`);
      // The GX sends an empty payload on every topic of the vanished device: say it once.
      if (s && s.present) {
        s.present = false;
        forgetService(p, service, instance);
        events.push({ severity: importantServices.has(service) ? 'warn' : 'info', deviceId, message: `${label(p)}: ${serviceLabel(service, instance)} disappeared` });
        return { kind: 'event', events };
      }
      p.values.delete(key);
      p.alarms.delete(key);
      return ignored('device gone (already known)');
    }

    if (typeof pl.value === 'number' && !Number.isFinite(pl.value)) return rejected('value is out of range');
    const { state: svc, cameBack } = touchService(p, service, instance, now);
    if (cameBack) events.push({ severity: 'info', deviceId, message: `${label(p)}: ${serviceLabel(service, instance)} is back` });
    const value = pl.value;
    let name: string | undefined;

    if (value === null) {
      if (p.values.has(key) || p.values.size < maxValuesPerPortal) p.values.set(key, null);
      p.alarms.delete(key);
    } else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string') {
      if (p.values.has(key) || p.values.size < maxValuesPerPortal) p.values.set(key, value);
      if (svc) {
        if (path === '/ProductId' && typeof value === 'number') svc.productId = value;
        else if (path === '/ProductName' && typeof value === 'string') svc.productName = value.slice(0, 128);
        else if (path === '/CustomName' && typeof value === 'string') svc.customName = value.slice(0, 128);
      }
      // The system name set on the GX (Settings → System setup; localsettings path) names the summary device.
      if (service === 'settings' && path === '/Settings/SystemSetup/SystemName' && typeof value === 'string') {
        const n = value.trim().slice(0, 64);
        p.systemName = n.length > 0 ? n : undefined;
        if (n.length > 0) name = n;
      }
    }

    const isAlarm = path.includes('/Alarms/') || path.startsWith('/Alarms/');
    if (isAlarm && typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2) {
      const before = p.alarms.get(key);
      p.alarms.set(key, value);
      if (before !== value && (value !== 0 || (before !== undefined && before > 0))) {
        const what = `${serviceLabel(service, instance)} ${humanAlarm(path)}`;
        events.push({
          severity: value === 2 ? 'alarm' : value === 1 ? 'warn' : 'info',
          deviceId,
          message: `${label(p)}: ${what} ${value === 2 ? 'alarm' : value === 1 ? 'warning' : 'cleared'}`,
        });
      }
    }

    const samples: Sample[] = [];
    if (value !== null) {
      for (const metric of affected(p, service, instance, path)) {
        const v = summaryValue(p, metric);
        if (v !== undefined && Number.isFinite(v)) samples.push({ metric, unit: victronSummaryUnits[metric], value: v, ts: now });
      }
    }

    if (samples.length > 0 || name !== undefined) {
      const sighting: DeviceSighting = { id: deviceId, kind: 'power', model: 'Victron GX', source: 'victron' };
      const item: MappedReading = { sighting, samples };
      if (name !== undefined) item.name = { name };
      return events.length > 0 ? { kind: 'readings', items: [item], events } : { kind: 'readings', items: [item] };
    }
    if (events.length > 0) return { kind: 'event', events };
    if (value === null) return ignored('invalid value (null)');
    return ignored('not a GX summary path');
  };

  const info = (p: PortalState): VictronPortalInfo => {
    const vb = mainVebus(p);
    const summary: Partial<Record<VictronSummaryMetric, number>> = {};
    for (const m of Object.keys(victronSummaryUnits) as VictronSummaryMetric[]) {
      const v = summaryValue(p, m);
      if (v !== undefined && Number.isFinite(v)) summary[m] = v;
    }
    const out: VictronPortalInfo = {
      portalId: p.portalId,
      services: [...p.services.values()].map((s) => ({ ...s })).sort((a, b) => a.service.localeCompare(b.service) || a.instance - b.instance),
      acInputLimits: vb === undefined ? [] : acInputs(p, vb),
      summary,
    };
    if (p.connectionId !== undefined) out.connectionId = p.connectionId;
    if (p.firstSeen !== undefined) out.firstSeen = p.firstSeen;
    if (p.lastSeen !== undefined) out.lastSeen = p.lastSeen;
    if (p.systemName !== undefined) out.systemName = p.systemName;
    if (p.fullPublishCompletedAt !== undefined) out.fullPublishCompletedAt = p.fullPublishCompletedAt;
    if (p.keepAliveSentAt !== undefined) out.keepAliveSentAt = p.keepAliveSentAt;
    if (vb !== undefined) out.mainVebusInstance = vb;
    return out;
  };

  const keepAlivesDue = (now: number): KeepAliveMessage[] => {
    const out: KeepAliveMessage[] = [];
    for (const p of portals.values()) {
      if (p.keepAliveSentAt !== undefined && now - p.keepAliveSentAt < keepAliveIntervalMs) continue;
      // Full republish the first time, when asked, and after a silence long enough for the GX to have stopped.
      const full = p.keepAliveSentAt === undefined || p.fullRequested || p.lastSeen === undefined || now - p.lastSeen > aliveTimeoutMs;
      const msg: KeepAliveMessage = { portalId: p.portalId, ...buildKeepAlive(p.portalId, full), full };
      if (p.connectionId !== undefined) msg.connectionId = p.connectionId;
      out.push(msg);
    }
    return out;
  };

  const markKeepAliveSent = (portalId: string, now: number) => {
    const p = portals.get(portalId);
    if (!p) return;
    p.keepAliveSentAt = now;
    p.fullRequested = false;
  };

  return {
    id: 'victron',
    label: 'Victron GX (Venus OS MQTT)',
    topics,
    map,
    portals: () => [...portals.values()].map(info),
    portal: (id) => {
      const p = portals.get(id);
      return p ? info(p) : undefined;
    },
    keepAlivesDue,
    markKeepAliveSent,
    takeKeepAlives(now) {
      const due = keepAlivesDue(now);
      for (const k of due) markKeepAliveSent(k.portalId, now);
      return due;
    },
    requestFullRepublish(portalId) {
      for (const p of portals.values()) if (portalId === undefined || p.portalId === portalId) p.fullRequested = true;
    },
    value(portalId, service, instance, path) {
      return portals.get(portalId)?.values.get(`${service}/${instance}${path}`);
    },
    valueAt(notifyTopic) {
      const t = parseVictronTopic(notifyTopic);
      if ('error' in t || 'special' in t || t.prefix !== 'N') return undefined;
      return portals.get(t.portalId)?.values.get(`${t.service}/${t.instance}${t.path}`);
    },
  };
}

