import type { SnmpTarget } from '../../preload/contract/index.ts';
import { snmpTargetId } from '../../preload/contract/index.ts';
import type { ClientConfig } from '../../native/snmp/client.ts';
import type { TargetRef } from '../../native/snmp/profile.ts';
import type { ProfileSpec } from '../../native/snmp/profiles/index.ts';

/** A target as the poller runs it: from settings, or built in (the demo's simulated agents). */
export interface RuntimeTarget {
  id: string;
  name: string;
  builtIn: boolean;
  enabled: boolean;
  /** The contract's spelling of the version, for status. */
  version: SnmpTarget['version'];
  client: ClientConfig;
  profile: ProfileSpec;
  intervalMs: number;
  /** Whose devices these are when not host:port (the demo's agents move port; their devices keep their ids). */
  identity?: TargetRef;
  /** A room for the names the agent suggests (the demo's rack lives in "Amp rack"). */
  room?: string;
}

const versions = { v1: '1', v2c: '2c', v3: '3' } as const;

/** A saved target → what the poller needs. */
export function runtimeTarget(t: SnmpTarget): RuntimeTarget {
  const client: ClientConfig = { host: t.host, port: t.port, version: versions[t.version], timeoutMs: t.timeoutMs, retries: t.retries };
  if (t.version === 'v3' && t.v3) {
    client.v3 = { user: t.v3.user, level: t.v3.level, authProtocol: t.v3.authProtocol, privProtocol: t.v3.privProtocol };
    if (t.v3.authKey !== undefined) client.v3.authKey = t.v3.authKey;
    if (t.v3.privKey !== undefined) client.v3.privKey = t.v3.privKey;
  } else client.community = t.community ?? 'public';
  const profile: ProfileSpec = t.profile === 'generic' ? { profile: 'generic', oids: t.oids ?? [] } : { profile: t.profile };
  return {
    id: snmpTargetId(t),
    name: t.name?.trim() || t.host,
    builtIn: false,
    enabled: t.enabled,
    version: t.version,
    client,
    profile,
    intervalMs: t.intervalS * 1000,
  };
}

/** Whether two runtime targets poll the same way (if so a settings change leaves the running one alone). */
export function samePolling(a: RuntimeTarget, b: RuntimeTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
