import { createRequire } from 'node:module';
import type NetSnmp from 'net-snmp';
import type { NetSnmpVarbind, Session, SessionOptions } from 'net-snmp';
import { compareOids, isUnder, type Varbind, type VarbindType } from './varbind.ts';

/**
 * One agent, spoken to through net-snmp: GETs of scalars and walks of subtrees, answers converted to the
 * console's `Varbind`. v1 and v2c with a community, v3 with a USM user (authPriv SHA/AES and friends).
 * Each client has its own UDP socket and its own requests in flight, so a slow or dead agent only ever
 * delays itself.
 */

export type SnmpVersion = '1' | '2c' | '3';
export type AuthProtocol = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type PrivProtocol = 'des' | 'aes' | 'aes256b' | 'aes256r';
export type SecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

export interface V3Credentials {
  user: string;
  level: SecurityLevel;
  authProtocol?: AuthProtocol;
  authKey?: string;
  privProtocol?: PrivProtocol;
  privKey?: string;
}

export interface ClientConfig {
  host: string;
  port: number;
  version: SnmpVersion;
  /** v1/v2c. */
  community?: string;
  /** v3. */
  v3?: V3Credentials;
  /** Wait for each answer this long before resending (ms). */
  timeoutMs: number;
  /** Resends after the first try. */
  retries: number;
  /** Most varbinds asked for in one GET or GETBULK (default 60: answers stay near one Ethernet frame). */
  maxVarbinds?: number;
}

/** net-snmp's BER tags → our type names (README of this folder). */
const typeNames: Record<number, VarbindType> = {
  2: 'Integer',
  4: 'OctetString',
  5: 'Null',
  6: 'ObjectIdentifier',
  64: 'IpAddress',
  65: 'Counter32',
  66: 'Gauge32',
  67: 'TimeTicks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'NoSuchObject',
  129: 'NoSuchInstance',
  130: 'EndOfMibView',
};

/** A net-snmp varbind as ours. Bytes stay bytes (a Buffer is a Uint8Array): old Geist firmware sends a binary serial. */
export function toVarbind(v: NetSnmpVarbind): Varbind {
  const type = typeNames[v.type] ?? 'Null';
  const raw = v.value;
  const value: Varbind['value'] =
    raw === undefined || raw === null ? null : typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'string' || raw instanceof Uint8Array ? raw : null;
  return { oid: String(v.oid), type, value };
}

/** What one walk ended with, when it ended early (a loop, the row cap, an agent error). */
export interface WalkNote {
  root: string;
  reason: string;
}

export interface WalkResult {
  tables: Map<string, Varbind[]>;
  notes: WalkNote[];
}

/** Longest walk of one subtree: a 52-port switch's column is 52 rows; nothing we read has thousands. */
export const maxRowsPerWalk = 5000;

/** net-snmp's version numbers (its Version1/Version2c/Version3). */
const versionCodes = { '1': 0, '2c': 1, '3': 3 } as const;

let netSnmp: typeof NetSnmp | undefined;
/** net-snmp, loaded on first use: a core with no SNMP targets never pays for it at start. */
function snmpLibrary(): typeof NetSnmp {
  netSnmp ??= createRequire(import.meta.url)('net-snmp') as typeof NetSnmp;
  return netSnmp;
}

export class SnmpClient {
  readonly config: ClientConfig;
  private session: Session | undefined;
  /** Requests sent (each retry is not counted; each GET/GETNEXT/GETBULK round trip is). */
  requests = 0;

  constructor(config: ClientConfig) {
    this.config = config;
  }

  private open(): Session {
    if (this.session) return this.session;
    const c = this.config;
    const options: SessionOptions = { port: c.port, retries: c.retries, timeout: c.timeoutMs, transport: 'udp4', version: versionCodes[c.version], backoff: 1 };
    const snmp = snmpLibrary();
    let session: Session;
    if (c.version === '3') {
      const v3 = c.v3;
      if (!v3) throw Object.assign(new Error('SNMPv3 needs a user'), { name: 'RequestInvalidError' });
      session = snmp.createV3Session(c.host, {
        name: v3.user,
        level: snmp.SecurityLevel[v3.level],
        ...(v3.level !== 'noAuthNoPriv' ? { authProtocol: snmp.AuthProtocols[v3.authProtocol ?? 'sha'], authKey: v3.authKey ?? '' } : {}),
        ...(v3.level === 'authPriv' ? { privProtocol: snmp.PrivProtocols[v3.privProtocol ?? 'aes'], privKey: v3.privKey ?? '' } : {}),
      }, options);
    } else session = snmp.createSession(c.host, c.community ?? 'public', options);
    // net-snmp emits 'error' for an unparseable datagram; unhandled, that would throw out of the socket.
    session.on('error', () => {});
    this.session = session;
    return session;
  }

  /** Drop the socket (pending requests fail). The next request opens a fresh one. */
  close(): void {
    const s = this.session;
    this.session = undefined;
    try {
      s?.close();
    } catch {
      // already closed
    }
  }

  private call<T>(fn: (s: Session, cb: (error: Error | null, value: T) => void) => void): Promise<T> {
    const session = this.open();
    this.requests++;
    return new Promise<T>((resolve, reject) => {
      try {
        fn(session, (error, value) => (error ? reject(error) : resolve(value)));
      } catch (error) {
        reject(error);
      }
    });
  }

  /**
   * GET each OID; the answers keyed by OID. v1 asks one OID at a time (a v1 agent fails a whole request
   * with noSuchName when one OID is missing; then that OID is simply absent). v2c/v3 ask in batches and
   * get noSuchObject/noSuchInstance in place. Other errors (timeout, auth) reject.
   */
  async get(oids: readonly string[]): Promise<Map<string, Varbind>> {
    const out = new Map<string, Varbind>();
    if (this.config.version === '1') {
      for (const oid of oids) {
        try {
          const [vb] = await this.call<NetSnmpVarbind[]>((s, cb) => s.get([oid], cb));
          if (vb) out.set(oid, toVarbind(vb));
        } catch (error) {
          if (isNoSuchName(error)) continue;
          throw error;
        }
      }
      return out;
    }
    const batch = Math.max(1, this.config.maxVarbinds ?? 60);
    for (let i = 0; i < oids.length; i += batch) {
      const part = oids.slice(i, i + batch);
      const answers = await this.call<NetSnmpVarbind[]>((s, cb) => s.get(part, cb));
      answers.forEach((vb, k) => {
        const asked = part[k];
        if (asked !== undefined) out.set(asked, toVarbind(vb));
      });
    }
    return out;
  }

  /**
   * Walk each subtree; rows keyed by root, in OID order. v2c/v3: GETBULK over several roots at once (the
   * answer is cut to what fits, so one request can move every column of a table a few rows); v1: GETNEXT
   * one root at a time. A walk stops at the end of its subtree, at endOfMibView, when the agent goes
   * backwards or repeats (a buggy agent: noted), or at `maxRowsPerWalk`.
   */
  async walk(roots: readonly string[]): Promise<WalkResult> {
    const tables = new Map<string, Varbind[]>();
    const notes: WalkNote[] = [];
    for (const r of roots) tables.set(r, []);
    if (this.config.version === '1') {
      for (const root of roots) await this.walkV1(root, tables.get(root)!, notes);
      return { tables, notes };
    }
    const maxVarbinds = Math.max(1, this.config.maxVarbinds ?? 60);
    const open = roots.map((root) => ({ root, at: root, rows: tables.get(root)! }));
    while (open.length > 0) {
      const batch = open.slice(0, maxVarbinds);
      const reps = Math.max(1, Math.floor(maxVarbinds / batch.length));
      const answer = await this.call<NetSnmpVarbind[][]>((s, cb) => s.getBulk(batch.map((b) => b.at), 0, reps, cb));
      let progressed = false;
      const finished = new Set<string>();
      batch.forEach((cursor, k) => {
        const column = answer[k];
        if (!column || column.length === 0) return; // cut off by the agent's size limit: ask again
        for (const raw of column) {
          const vb = toVarbind(raw);
          if (vb.type === 'EndOfMibView' || !isUnder(vb.oid, cursor.root)) {
            finished.add(cursor.root);
            return;
          }
          if (compareOids(vb.oid, cursor.at) <= 0) {
            notes.push({ root: cursor.root, reason: `the agent went backwards at ${vb.oid}: walk stopped` });
            finished.add(cursor.root);
            return;
          }
          cursor.rows.push(vb);
          cursor.at = vb.oid;
          progressed = true;
          if (cursor.rows.length >= maxRowsPerWalk) {
            notes.push({ root: cursor.root, reason: `more than ${maxRowsPerWalk} rows: walk stopped` });
            finished.add(cursor.root);
            return;
          }
        }
      });
      if (!progressed && finished.size === 0) {
        for (const c of batch) notes.push({ root: c.root, reason: 'the agent answered a bulk request with nothing: walk stopped' });
        break;
      }
      for (let i = open.length - 1; i >= 0; i--) if (finished.has(open[i]!.root)) open.splice(i, 1);
    }
    return { tables, notes };
  }

  private async walkV1(root: string, rows: Varbind[], notes: WalkNote[]): Promise<void> {
    let at = root;
    for (;;) {
      let answer: NetSnmpVarbind[];
      try {
        answer = await this.call<NetSnmpVarbind[]>((s, cb) => s.getNext([at], cb));
      } catch (error) {
        if (isNoSuchName(error)) return; // v1's end of the MIB
        throw error;
      }
      const raw = answer[0];
      if (!raw) return;
      const vb = toVarbind(raw);
      if (vb.type === 'EndOfMibView' || !isUnder(vb.oid, root)) return;
      if (compareOids(vb.oid, at) <= 0) {
        notes.push({ root, reason: `the agent went backwards at ${vb.oid}: walk stopped` });
        return;
      }
      rows.push(vb);
      at = vb.oid;
      if (rows.length >= maxRowsPerWalk) {
        notes.push({ root, reason: `more than ${maxRowsPerWalk} rows: walk stopped` });
        return;
      }
    }
  }
}

/** net-snmp's RequestFailedError for error-status 2 (noSuchName). */
function isNoSuchName(error: unknown): boolean {
  const e = error as { name?: unknown; status?: unknown };
  return e?.name === 'RequestFailedError' && e.status === 2;
}
