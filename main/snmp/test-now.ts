import type { SnmpTestResult } from '../../preload/contract/index.ts';
import { SnmpClient, type ClientConfig } from '../../native/snmp/client.ts';
import { pollOnce, showValue } from '../../native/snmp/poll.ts';
import { createProfile } from '../../native/snmp/profiles/index.ts';
import { compareOids, type Varbind } from '../../native/snmp/varbind.ts';
import type { RuntimeTarget } from './targets.ts';

/** Most answered values a test shows. */
const maxShown = 300;
const maxTestTimeoutMs = 5000;

/**
 * "Test now": poll a target once with a fresh client and profile (no memory of earlier polls, so a
 * switch shows states and counters but no rates yet), and report what the agent answered and what the
 * console made of it. Nothing is stored.
 */
export async function testTarget(target: RuntimeTarget, now: () => number, createClient: (c: ClientConfig) => SnmpClient = (c) => new SnmpClient(c)): Promise<SnmpTestResult> {
  // A person is waiting: at most two tries of 5 s each, whatever the target's own patience.
  const client = createClient({ ...target.client, timeoutMs: Math.min(target.client.timeoutMs, maxTestTimeoutMs), retries: Math.min(target.client.retries, 1) });
  try {
    const outcome = await pollOnce(client, createProfile(target.profile), undefined, { now, identity: target.identity });
    const all = new Map<string, Varbind>();
    for (const vb of outcome.scalars.values()) all.set(vb.oid, vb);
    for (const rows of outcome.tables.values()) for (const vb of rows) all.set(vb.oid, vb);
    const answered = [...all.values()].sort((a, b) => compareOids(a.oid, b.oid));
    const result = outcome.result;
    return {
      state: outcome.health.state,
      message: outcome.health.message,
      durationMs: outcome.durationMs,
      requests: outcome.requests,
      answered: answered.slice(0, maxShown).map((vb) => ({ oid: vb.oid, type: vb.type, value: showValue(vb) })),
      answeredTotal: answered.length,
      devices: (result?.devices ?? []).map((d) => ({
        id: d.sighting.id,
        kind: d.sighting.kind,
        model: d.sighting.model,
        name: d.name?.name ?? null,
        samples: d.samples.map((s) => ({ metric: s.metric, unit: s.unit, value: s.value })),
      })),
      notes: (result?.badData ?? []).slice(0, 100).map((b) => ({ oid: b.oid ?? null, reason: b.reason, notice: b.notice === true })),
    };
  } finally {
    client.close();
  }
}
