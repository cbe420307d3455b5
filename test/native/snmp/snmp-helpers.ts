import type { ProfileInput, SnmpProfile, TargetRef } from '../../../native/snmp/profile.ts';
import type { SimMib } from '../../../native/snmp/sim-mib.ts';
import { isUnder, type Varbind, type VarbindType } from '../../../native/snmp/varbind.ts';

export function vb(oid: string, type: VarbindType, value: Varbind['value']): Varbind {
  return { oid: oid.replace(/^\./, ''), type, value };
}

/** Split answered varbinds the way the poller would: exact GET OIDs into scalars, walk subtrees into tables. */
export function inputFrom(varbinds: readonly Varbind[], profile: Pick<SnmpProfile, 'get' | 'walk'>, target: TargetRef = { host: '10.0.0.5', port: 161 }): ProfileInput {
  const scalars = new Map<string, Varbind>();
  const tables = new Map<string, Varbind[]>();
  for (const root of profile.walk) tables.set(root, []);
  for (const v of varbinds) {
    if (profile.get.includes(v.oid) && !scalars.has(v.oid)) scalars.set(v.oid, v);
    for (const root of profile.walk) if (isUnder(v.oid, root)) tables.get(root)!.push(v);
  }
  return { target, scalars, tables };
}

/** Poll a simulated MIB like the real poller: GET each scalar, GETBULK-walk each subtree. */
export function pollMib(mib: SimMib, profile: Pick<SnmpProfile, 'get' | 'walk'>, now: number, target: TargetRef = { host: '127.0.0.1', port: 16161 }): ProfileInput {
  const scalars = new Map<string, Varbind>();
  for (const oid of profile.get) scalars.set(oid, mib.get(oid, now));
  const tables = new Map<string, Varbind[]>();
  for (const root of profile.walk) {
    const rows: Varbind[] = [];
    let at = root;
    walk: for (;;) {
      const batch = mib.getBulk(at, 10, now);
      if (batch.length === 0) break;
      for (const v of batch) {
        if (v.type === 'EndOfMibView' || !isUnder(v.oid, root)) break walk;
        rows.push(v);
        at = v.oid;
      }
    }
    tables.set(root, rows);
  }
  return { target, scalars, tables };
}
