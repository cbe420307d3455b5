// SNMP polling figures.
//  1. Throughput: 200 simulated agents (in-process, loopback, one UDP port each; half Geist Watchdogs, half
//     10-port switches) polled through the real poller (net-snmp client + profiles), all at once: one sweep
//     of all 200, then back-to-back polling for a while — with and without one dead target (an agent that
//     never answers, 1 s timeout + 1 retry). The dead one must not slow the rest.
//  2. The core's CPU with 50 targets at the default 30 s interval: a real core (createCore) polls 50 agents
//     that run in a separate process (so their CPU is not counted); process.cpuUsage() over a window of one
//     interval after the first full cycle, against the same core idle (no targets) over the same length.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/core/app.ts';
import { SimSnmpAgent } from '../native/snmp/agent.ts';
import { SnmpClient } from '../native/snmp/client.ts';
import { pollOnce } from '../native/snmp/poll.ts';
import { createProfile } from '../native/snmp/profiles/index.ts';
import { createSimGeist, createSimSwitch } from '../native/snmp/sim-mib.ts';
import { percentiles } from './stats.ts';

const loopSeconds = Number(process.env.SNMP_BENCH_LOOP_SECONDS ?? 5);
const cpuWindowS = Number(process.env.SNMP_BENCH_CPU_SECONDS ?? 30);
const root = fileURLToPath(new URL('..', import.meta.url));

interface Target {
  client: SnmpClient;
  profile: ReturnType<typeof createProfile>;
  state: unknown;
  dead: boolean;
}

async function throughput(withDead: boolean) {
  const agents: SimSnmpAgent[] = [];
  const targets: Target[] = [];
  const t0 = Date.now();
  for (let i = 0; i < 200; i++) {
    const geist = i % 2 === 0;
    const agent = new SimSnmpAgent({ mib: geist ? createSimGeist({ bootAt: t0, unit: i }) : createSimSwitch({ bootAt: t0 - 86_400_000 }) });
    agents.push(agent);
    const { port } = await agent.start();
    targets.push({ client: new SnmpClient({ host: '127.0.0.1', port, version: '2c', community: 'public', timeoutMs: 1000, retries: 1 }), profile: createProfile({ profile: geist ? 'geist' : 'switch' }), state: undefined, dead: false });
  }
  if (withDead) {
    const dead = new SimSnmpAgent({ mib: createSimSwitch() });
    dead.silent = true;
    agents.push(dead);
    const { port } = await dead.start();
    targets.push({ client: new SnmpClient({ host: '127.0.0.1', port, version: '2c', community: 'public', timeoutMs: 1000, retries: 1 }), profile: createProfile({ profile: 'switch' }), state: undefined, dead: true });
  }
  const live = targets.filter((t) => !t.dead);
  const pollOne = async (t: Target) => {
    const out = await pollOnce(t.client, t.profile, t.state, { now: Date.now });
    t.state = out.result?.state ?? t.state;
    return out;
  };

  // Warm-up sweep (first polls have no rates), then one timed sweep of everything at once.
  await Promise.all(live.map(pollOne));
  const sweepStart = performance.now();
  const liveDone: number[] = [];
  const sweep = await Promise.all(
    targets.map(async (t) => {
      const out = await pollOne(t);
      if (!t.dead) liveDone.push(performance.now() - sweepStart);
      return out;
    }),
  );
  const sweepAllMs = performance.now() - sweepStart;
  const sweepLiveMs = Math.max(...liveDone);
  const okInSweep = sweep.filter((o) => o.health.state === 'ok').length;

  // Back-to-back: every target polls again as soon as its last poll ended, for a while.
  const durations: number[] = [];
  let polls = 0;
  const end = performance.now() + loopSeconds * 1000;
  await Promise.all(
    targets.map(async (t) => {
      while (performance.now() < end) {
        const started = performance.now();
        const out = await pollOne(t);
        if (!t.dead) {
          durations.push(performance.now() - started);
          if (out.health.state === 'ok') polls++;
        }
      }
    }),
  );
  for (const t of targets) t.client.close();
  await Promise.all(agents.map((a) => a.stop()));
  return {
    targets: targets.length,
    sweep: { liveTargetsPerSecond: Math.round((live.length / sweepLiveMs) * 1000), liveDoneMs: Math.round(sweepLiveMs), allDoneMs: Math.round(sweepAllMs), ok: okInSweep },
    sustained: { livePollsPerSecond: Math.round(polls / loopSeconds), pollMs: percentiles(durations) },
  };
}

/** Start `n` agents (half Geist, half switch) in a child process; resolves with their ports and a stop function. */
async function agentProcess(n: number): Promise<{ ports: number[]; stop: () => Promise<void> }> {
  const code = `
    import { SimSnmpAgent } from ${JSON.stringify(join(root, 'native/snmp/agent.ts'))};
    import { createSimGeist, createSimSwitch } from ${JSON.stringify(join(root, 'native/snmp/sim-mib.ts'))};
    const t0 = Date.now();
    const ports = [];
    for (let i = 0; i < ${n}; i++) {
      const a = new SimSnmpAgent({ mib: i % 2 === 0 ? createSimGeist({ bootAt: t0, unit: i }) : createSimSwitch({ bootAt: t0 - 86400000 }) });
      ports.push((await a.start()).port);
    }
    console.log(JSON.stringify(ports));
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  `;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ports = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out) as number[]);
    });
    proc.once('exit', (code) => reject(new Error(`agent process exited with ${code}`)));
  });
  return {
    ports,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.stdin.end();
      }),
  };
}

async function coreCpu() {
  const agents = await agentProcess(50);
  const dataDir = mkdtempSync(join(tmpdir(), 'showsite-snmp-bench-'));
  const core = await createCore({ mode: 'desktop', dataDir, version: 'bench', resourcesDir: join(dataDir, 'ui') });
  try {
    await core.start();
    const measure = async (seconds: number) => {
      const before = process.cpuUsage();
      const t = performance.now();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const used = process.cpuUsage(before);
      const wall = (performance.now() - t) / 1000;
      return { cpuMs: Math.round((used.user + used.system) / 1000), percentOfOneCore: Math.round(((used.user + used.system) / 1e6 / wall) * 10_000) / 100 };
    };
    const idle = await measure(Math.min(10, cpuWindowS));
    core.configure({ snmp: { targets: agents.ports.map((port, i) => ({ id: `t${i}`, host: '127.0.0.1', port, community: 'public', profile: i % 2 === 0 ? 'geist' : 'switch', intervalS: 30 })) } });
    await core.settled();
    // The first cycle (spread over 5 s) has no rates yet; measure from the second poll of every target on.
    await new Promise((r) => setTimeout(r, 6000));
    const polling = await measure(cpuWindowS);
    const statuses = core.services().find((s) => s.name === 'snmp');
    return {
      targets: 50,
      intervalS: 30,
      windowS: cpuWindowS,
      idleCore: idle,
      pollingCore: polling,
      snmpCpuMsPer30s: Math.round(((polling.cpuMs - (idle.cpuMs * cpuWindowS) / Math.min(10, cpuWindowS)) * 30) / cpuWindowS),
      service: statuses?.message,
      how: 'process.cpuUsage() (user+system) of the core process over the window; agents run in a child process; idle = same core with no targets, scaled to the window',
    };
  } finally {
    await core.stop();
    await agents.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function (): Promise<Record<string, unknown>> {
  await throughput(false); // warm-up: the first run pays for the JIT
  const withoutDead = await throughput(false);
  const withDead = await throughput(true);
  return {
    throughput200: {
      withoutDead,
      withOneDead: withDead,
      deadSlowsLiveBy: `${Math.round((1 - withDead.sustained.livePollsPerSecond / withoutDead.sustained.livePollsPerSecond) * 100)} % (sustained live polls/s; noise on a 2-core machine is ±10 %)`,
    },
    cpu50at30s: await coreCpu(),
  };
}
