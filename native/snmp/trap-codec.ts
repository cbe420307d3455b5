import { isBerError, readInt32, readOidContent, readTlv, type BerError, type Tlv } from './ber.ts';
import { ifEntry } from './mib.ts';

/**
 * SNMP v1 Trap and v2c SNMPv2-Trap PDUs (RFC 1157 §4.1.6, RFC 3416 §4.2.6), decoded far enough to act on
 * them: who sent it, with which community, which notification (v1 generic traps mapped to their v2 OIDs,
 * RFC 3584 §3.1) and which interface it is about. Pure: bytes in, a value or a reason out; never throws.
 */

/** snmpTraps (RFC 3418): coldStart .1, warmStart .2, linkDown .3, linkUp .4, authenticationFailure .5. */
export const snmpTrapsOid = '1.3.6.1.6.3.1.1.5';
const snmpTrapOidVarbind = '1.3.6.1.6.3.1.1.4.1.0';
const ifIndexColumn = `${ifEntry}.1.`;

export type TrapKind = 'coldStart' | 'warmStart' | 'linkDown' | 'linkUp' | 'authenticationFailure' | 'other';
const kinds: Record<string, TrapKind> = {
  [`${snmpTrapsOid}.1`]: 'coldStart',
  [`${snmpTrapsOid}.2`]: 'warmStart',
  [`${snmpTrapsOid}.3`]: 'linkDown',
  [`${snmpTrapsOid}.4`]: 'linkUp',
  [`${snmpTrapsOid}.5`]: 'authenticationFailure',
};

export interface SnmpTrap {
  /** 0 = SNMPv1 Trap-PDU, 1 = SNMPv2-Trap. */
  version: 0 | 1;
  /** The community as sent, read as Latin-1 so any bytes survive. */
  community: string;
  /** The notification's OID (v1 generic traps as their RFC 3584 equivalents; enterprise-specific as enterprise.0.specific). */
  trapOid: string;
  kind: TrapKind;
  /** The interface a link trap is about (ifIndex varbind, or the instance of an ifEntry column), if it says. */
  ifIndex: number | null;
  /** v1's agent-addr field (the agent's own idea of its address); null for v2c. */
  agentAddress: string | null;
  /** OIDs of the varbinds, for logs. */
  varbindOids: string[];
}

export type DecodedTrap = { ok: true; trap: SnmpTrap } | { ok: false; reason: string };

const maxTrapVarbinds = 128;
const bad = (reason: string): DecodedTrap => ({ ok: false, reason });
const latin1 = (bytes: Uint8Array, t: Tlv) => String.fromCharCode(...bytes.subarray(t.start, Math.min(t.end, t.start + 256)));

function expectTag(bytes: Uint8Array, pos: number, limit: number, tag: number, what: string): Tlv | BerError {
  const t = readTlv(bytes, pos, limit);
  if (isBerError(t)) return { reason: `${what}: ${t.reason}` };
  if (t.tag !== tag) return { reason: `${what}: expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}` };
  return t;
}

/** Decode one datagram as an SNMP trap. Anything else (a request, a response, SNMPv3, garbage) is a reason. */
export function decodeTrap(bytes: Uint8Array): DecodedTrap {
  const outer = readTlv(bytes, 0, bytes.length);
  if (isBerError(outer)) return bad(`message: ${outer.reason}`);
  if (outer.tag !== 0x30) return bad(`message is not a SEQUENCE (tag 0x${outer.tag.toString(16)})`);
  if (outer.end !== bytes.length) return bad(`${bytes.length - outer.end} stray bytes after the message`);
  const versionTlv = expectTag(bytes, outer.start, outer.end, 0x02, 'version');
  if (isBerError(versionTlv)) return bad(versionTlv.reason);
  const version = readInt32(bytes, versionTlv);
  if (isBerError(version)) return bad(`version: ${version.reason}`);
  if (version === 3) return bad('SNMPv3 traps are not received (send v2c traps to the console)');
  if (version !== 0 && version !== 1) return bad(`unknown SNMP version ${version}`);
  const communityTlv = expectTag(bytes, versionTlv.end, outer.end, 0x04, 'community');
  if (isBerError(communityTlv)) return bad(communityTlv.reason);
  const community = latin1(bytes, communityTlv);
  const pdu = readTlv(bytes, communityTlv.end, outer.end);
  if (isBerError(pdu)) return bad(`PDU: ${pdu.reason}`);
  if (pdu.end !== outer.end) return bad('stray bytes after the PDU');

  if (pdu.tag === 0xa4) {
    if (version !== 0) return bad('a v1 Trap-PDU in a v2c message');
    return decodeV1(bytes, pdu, community);
  }
  if (pdu.tag === 0xa7) {
    if (version !== 1) return bad('an SNMPv2-Trap PDU in a v1 message');
    return decodeV2(bytes, pdu, community);
  }
  if (pdu.tag === 0xa6) return bad('InformRequest is not answered (configure the switch to send traps, not informs)');
  return bad(`not a trap (PDU tag 0x${pdu.tag.toString(16)})`);
}

interface Varbinds {
  oids: string[];
  /** Each varbind's value TLV. */
  values: Tlv[];
}

function readVarbinds(bytes: Uint8Array, list: Tlv): Varbinds | BerError {
  const oids: string[] = [];
  const values: Tlv[] = [];
  for (let p = list.start; p < list.end; ) {
    const vb = expectTag(bytes, p, list.end, 0x30, 'varbind');
    if (isBerError(vb)) return vb;
    const name = expectTag(bytes, vb.start, vb.end, 0x06, 'varbind name');
    if (isBerError(name)) return name;
    const oid = readOidContent(bytes, name);
    if (isBerError(oid)) return { reason: `varbind name: ${oid.reason}` };
    const value = readTlv(bytes, name.end, vb.end);
    if (isBerError(value)) return { reason: `varbind value: ${value.reason}` };
    if (value.end !== vb.end) return { reason: 'stray bytes inside a varbind' };
    if (oids.length === maxTrapVarbinds) return { reason: `more than ${maxTrapVarbinds} varbinds` };
    oids.push(oid);
    values.push(value);
    p = vb.end;
  }
  return { oids, values };
}

/** The interface a link trap names: the ifIndex varbind's value, else the instance of any ifEntry column. */
function ifIndexOf(bytes: Uint8Array, vbs: Varbinds): number | null {
  for (let i = 0; i < vbs.oids.length; i++) {
    const oid = vbs.oids[i]!;
    if (oid.startsWith(ifIndexColumn) && vbs.values[i]!.tag === 0x02) {
      const v = readInt32(bytes, vbs.values[i]!);
      if (!isBerError(v) && v > 0 && v <= 2147483647) return v;
    }
  }
  for (const oid of vbs.oids) {
    if (!oid.startsWith(`${ifEntry}.`)) continue;
    const rest = oid.slice(ifEntry.length + 1).split('.');
    const n = rest.length === 2 ? Number(rest[1]) : Number.NaN;
    if (Number.isSafeInteger(n) && n > 0 && n <= 2147483647) return n;
  }
  return null;
}

function decodeV2(bytes: Uint8Array, pdu: Tlv, community: string): DecodedTrap {
  let at = pdu.start;
  for (const name of ['request-id', 'error-status', 'error-index']) {
    const t = expectTag(bytes, at, pdu.end, 0x02, name);
    if (isBerError(t)) return bad(t.reason);
    const v = readInt32(bytes, t);
    if (isBerError(v)) return bad(`${name}: ${v.reason}`);
    at = t.end;
  }
  const list = expectTag(bytes, at, pdu.end, 0x30, 'variable-bindings');
  if (isBerError(list)) return bad(list.reason);
  if (list.end !== pdu.end) return bad('stray bytes after the variable-bindings');
  const vbs = readVarbinds(bytes, list);
  if (isBerError(vbs)) return bad(vbs.reason);
  // RFC 3416 §4.2.6: sysUpTime.0 first, snmpTrapOID.0 second. Be lenient about the order, not the presence.
  const i = vbs.oids.indexOf(snmpTrapOidVarbind);
  if (i < 0) return bad('no snmpTrapOID.0 varbind: not a notification');
  const value = vbs.values[i]!;
  if (value.tag !== 0x06) return bad('snmpTrapOID.0 is not an OBJECT IDENTIFIER');
  const trapOid = readOidContent(bytes, value);
  if (isBerError(trapOid)) return bad(`snmpTrapOID.0: ${trapOid.reason}`);
  return { ok: true, trap: { version: 1, community, trapOid, kind: kinds[trapOid] ?? 'other', ifIndex: ifIndexOf(bytes, vbs), agentAddress: null, varbindOids: vbs.oids } };
}

function decodeV1(bytes: Uint8Array, pdu: Tlv, community: string): DecodedTrap {
  const enterpriseTlv = expectTag(bytes, pdu.start, pdu.end, 0x06, 'enterprise');
  if (isBerError(enterpriseTlv)) return bad(enterpriseTlv.reason);
  const enterprise = readOidContent(bytes, enterpriseTlv);
  if (isBerError(enterprise)) return bad(`enterprise: ${enterprise.reason}`);
  const addr = expectTag(bytes, enterpriseTlv.end, pdu.end, 0x40, 'agent-addr');
  if (isBerError(addr)) return bad(addr.reason);
  if (addr.end - addr.start !== 4) return bad('agent-addr is not 4 bytes');
  const agentAddress = [...bytes.subarray(addr.start, addr.end)].join('.');
  const numbers: number[] = [];
  let at = addr.end;
  for (const [name, tag] of [['generic-trap', 0x02], ['specific-trap', 0x02], ['time-stamp', 0x43]] as const) {
    const t = expectTag(bytes, at, pdu.end, tag, name);
    if (isBerError(t)) return bad(t.reason);
    const v = readInt32(bytes, t);
    if (isBerError(v)) return bad(`${name}: ${v.reason}`);
    numbers.push(v);
    at = t.end;
  }
  const [generic, specific] = numbers as [number, number];
  if (generic < 0 || generic > 6) return bad(`generic-trap ${generic} is not 0–6`);
  const list = expectTag(bytes, at, pdu.end, 0x30, 'variable-bindings');
  if (isBerError(list)) return bad(list.reason);
  if (list.end !== pdu.end) return bad('stray bytes after the variable-bindings');
  const vbs = readVarbinds(bytes, list);
  if (isBerError(vbs)) return bad(vbs.reason);
  // RFC 3584 §3.1: generic 0–5 become snmpTraps.(generic+1); 6 (enterpriseSpecific) becomes enterprise.0.specific.
  const trapOid = generic === 6 ? `${enterprise}.0.${specific}` : `${snmpTrapsOid}.${generic + 1}`;
  return { ok: true, trap: { version: 0, community, trapOid, kind: kinds[trapOid] ?? 'other', ifIndex: ifIndexOf(bytes, vbs), agentAddress, varbindOids: vbs.oids } };
}
