import type { SnmpHealthState, SnmpPort, SnmpSwitch, SnmpTarget, SnmpTargetInput } from '../../../../preload/contract/index.ts';

/** Link speed as a switch's front panel says it: 10G, 2.5G, 1G, 100M. */
export function formatSpeed(bps: number | null): string {
  if (bps === null || !(bps > 0)) return '—';
  if (bps >= 1e9) return `${trim(bps / 1e9)}G`;
  if (bps >= 1e6) return `${trim(bps / 1e6)}M`;
  return `${trim(bps / 1e3)}k`;
}

const trim = (n: number) => (n >= 100 || Number.isInteger(n) ? n.toFixed(0) : n >= 10 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, ''));

/** A traffic rate, short: "420 Mb/s", "1.2 Gb/s", "35 kb/s", "0". */
export function formatRate(bps: number | null): string {
  if (bps === null) return '—';
  if (bps <= 0) return '0';
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(bps >= 1e10 ? 0 : 1)}\u00a0Gb/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(bps >= 1e7 ? 0 : 1)}\u00a0Mb/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(bps >= 1e4 ? 0 : 1)}\u00a0kb/s`;
  return `${Math.round(bps)}\u00a0b/s`;
}

/** Errors (or discards) per second: "0", "0.2/s", "12/s". */
export function formatPerSecond(n: number | null): string {
  if (n === null) return '—';
  if (n <= 0) return '0';
  return `${n >= 10 ? Math.round(n) : n.toFixed(n >= 1 ? 1 : 2).replace(/\.?0+$/, '')}/s`;
}

/** How full the link is, 0–1 (the busier direction), or null when the speed or rate is unknown. */
export function utilisation(port: Pick<SnmpPort, 'speedBps' | 'inBps' | 'outBps'>): number | null {
  if (port.speedBps === null || !(port.speedBps > 0)) return null;
  const busiest = Math.max(port.inBps ?? -1, port.outBps ?? -1);
  if (busiest < 0) return null;
  return Math.min(1, busiest / port.speedBps);
}

/**
 * What a port cell shows: up; DOWN (a link that was up is lost: red); no link (enabled but never up since
 * the console started watching: an unused socket, grey); off (disabled); or unknown.
 */
export type PortLook = 'up' | 'down' | 'nolink' | 'off' | 'unknown';

export function portLook(port: Pick<SnmpPort, 'oper' | 'admin' | 'wasUp'>): PortLook {
  if (port.admin === 'down') return 'off';
  if (port.oper === 'up') return 'up';
  if (port.oper === null || port.oper === 'testing' || port.oper === 'dormant' || port.oper === 'unknown') return 'unknown';
  return port.wasUp ? 'down' : 'nolink';
}

export const portLookLabel: Record<PortLook, string> = { up: 'UP', down: 'DOWN', nolink: 'NO LINK', off: 'OFF', unknown: '?' };

export function hasErrors(port: Pick<SnmpPort, 'inErrors' | 'outErrors'>): boolean {
  return (port.inErrors ?? 0) + (port.outErrors ?? 0) > 0;
}

/** "8 up · 1 down · 1 no link · 1 off · errors on 1" for a switch's heading. */
export function portSummary(ports: readonly SnmpPort[]): { up: number; down: number; nolink: number; off: number; erroring: number } {
  const out = { up: 0, down: 0, nolink: 0, off: 0, erroring: 0 };
  for (const p of ports) {
    const look = portLook(p);
    if (look === 'up') out.up++;
    else if (look === 'down') out.down++;
    else if (look === 'nolink') out.nolink++;
    else if (look === 'off') out.off++;
    if (hasErrors(p)) out.erroring++;
  }
  return out;
}

/** "3 d 4 h", "5 h 12 min", "12 min". */
export function formatUptime(seconds: number | null): string {
  if (seconds === null) return '—';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}\u00a0d ${h}\u00a0h`;
  if (h > 0) return `${h}\u00a0h ${m}\u00a0min`;
  return `${m}\u00a0min`;
}

export const healthLabel: Record<SnmpHealthState, string> = {
  pending: 'Waiting',
  ok: 'OK',
  timeout: 'No answer',
  auth: 'Refused',
  'bad-data': 'Bad data',
  unreachable: 'Unreachable',
  off: 'Off',
};

/** A failing state needs a person; pending and off don't. */
export const isFailing = (s: SnmpHealthState) => s === 'timeout' || s === 'auth' || s === 'bad-data' || s === 'unreachable';

export function switchTitle(s: Pick<SnmpSwitch, 'name' | 'model' | 'host'>): string {
  return s.name || s.host;
}

// ---------------------------------------------------------------------------------------------------
// The add/edit form's draft: text as typed, turned into a target only when tested or saved.

export interface OidDraft {
  oid: string;
  name: string;
  scale: string;
  offset: string;
  unit: string;
}

export interface TargetDraft {
  id: string;
  name: string;
  host: string;
  port: string;
  version: 'v1' | 'v2c' | 'v3';
  community: string;
  user: string;
  level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
  authProtocol: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  authKey: string;
  privProtocol: 'des' | 'aes' | 'aes256b' | 'aes256r';
  privKey: string;
  profile: 'geist' | 'switch' | 'generic';
  intervalS: string;
  timeoutMs: string;
  retries: string;
  enabled: boolean;
  oids: OidDraft[];
}

export const emptyOid = (): OidDraft => ({ oid: '', name: '', scale: '', offset: '', unit: '' });

export function newDraft(): TargetDraft {
  return {
    id: '',
    name: '',
    host: '',
    port: '161',
    version: 'v2c',
    community: 'public',
    user: '',
    level: 'authPriv',
    authProtocol: 'sha',
    authKey: '',
    privProtocol: 'aes',
    privKey: '',
    profile: 'switch',
    intervalS: '30',
    timeoutMs: '2000',
    retries: '1',
    enabled: true,
    oids: [emptyOid()],
  };
}

export function draftFrom(t: SnmpTarget): TargetDraft {
  return {
    id: t.id ?? '',
    name: t.name ?? '',
    host: t.host,
    port: String(t.port),
    version: t.version,
    community: t.community ?? '',
    user: t.v3?.user ?? '',
    level: t.v3?.level ?? 'authPriv',
    authProtocol: t.v3?.authProtocol ?? 'sha',
    authKey: t.v3?.authKey ?? '',
    privProtocol: t.v3?.privProtocol ?? 'aes',
    privKey: t.v3?.privKey ?? '',
    profile: t.profile,
    intervalS: String(t.intervalS),
    timeoutMs: String(t.timeoutMs),
    retries: String(t.retries),
    enabled: t.enabled,
    oids: t.oids?.length ? t.oids.map((o) => ({ oid: o.oid, name: o.name, scale: o.scale === undefined ? '' : String(o.scale), offset: o.offset === undefined ? '' : String(o.offset), unit: o.unit ?? '' })) : [emptyOid()],
  };
}

/** Typed text → a number for the core to judge ("" stays absent; "abc" goes as text so the core says why). */
function num(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : (t as unknown as number);
}

/** The draft as the contract's target. The core validates; this only shapes what was typed. */
export function targetFromDraft(d: TargetDraft): SnmpTargetInput {
  const t: SnmpTargetInput = { host: d.host.trim(), version: d.version, profile: d.profile, enabled: d.enabled };
  const optional = { id: d.id.trim(), name: d.name.trim() };
  if (optional.id) t.id = optional.id;
  if (optional.name) t.name = optional.name;
  const port = num(d.port);
  if (port !== undefined) t.port = port;
  const intervalS = num(d.intervalS);
  if (intervalS !== undefined) t.intervalS = intervalS;
  const timeoutMs = num(d.timeoutMs);
  if (timeoutMs !== undefined) t.timeoutMs = timeoutMs;
  const retries = num(d.retries);
  if (retries !== undefined) t.retries = retries;
  if (d.version === 'v3') {
    t.v3 = { user: d.user.trim(), level: d.level, authProtocol: d.authProtocol, privProtocol: d.privProtocol };
    // Left out when blank, so the core says "needs the auth password" rather than "at least 8 characters".
    if (d.level !== 'noAuthNoPriv' && d.authKey !== '') t.v3.authKey = d.authKey;
    if (d.level === 'authPriv' && d.privKey !== '') t.v3.privKey = d.privKey;
  } else if (d.community !== '') t.community = d.community;
  if (d.profile === 'generic') {
    t.oids = d.oids
      .filter((o) => o.oid.trim() !== '' || o.name.trim() !== '')
      .map((o) => {
        const entry: NonNullable<SnmpTargetInput['oids']>[number] = { oid: o.oid.trim(), name: o.name.trim() };
        const scale = num(o.scale);
        const offset = num(o.offset);
        if (scale !== undefined) entry.scale = scale;
        if (offset !== undefined) entry.offset = offset;
        if (o.unit.trim()) entry.unit = o.unit.trim();
        return entry;
      });
  }
  return t;
}
