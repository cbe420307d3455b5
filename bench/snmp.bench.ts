// SNMP polling figures.
//  1. Throughput: 200 simulated agents (in a child process, loopback, one UDP port each; half Geist Watchdogs,
//     half 10-port switches) polled through the real poller (net-snmp client + profiles), all at once: one
//     sweep of all 200, then back-to-back polling for a while — with and without one dead target (a port that
//     never answers, 1 s timeout + 1 retry), alternated three times. The dead one must not slow the rest.
//  2. The core's CPU with 50 targets at the default 30 s interval: a real core (createCore) polls 50 agents
//     that run in a separate process (so their CPU is not counted); process.cpuUsage() over a window of one
//     interval after the first full cycle, against the same core idle (no targets) over the same length.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../main/core/app.ts';
import { SnmpClient } from '../native/snmp/client.ts';
import { pollOnce } from '../native/snmp/poll.ts';
import { createProfile } from '../native/snmp/profiles/index.ts';
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

/** Poll 200 agents (served by a child process, so their CPU is not the poller's) and, if asked, one dead target too. */
async function throughput(ports: readonly number[], deadPort: number | undefined) {
  const targets: Target[] = ports.map((port, i) => ({
    client: new SnmpClient({ host: '127.0.0.1', port, version: '2c', community: 'public', timeoutMs: 1000, retries: 1 }),
    profile: createProfile({ profile: i % 2 === 0 ? 'geist' : 'switch' }),
    state: undefined,
    dead: false,
  }));
  if (deadPort !== undefined) {
    targets.push({ client: new SnmpClient({ host: '127.0.0.1', port: deadPort, version: '2c', community: 'public', timeoutMs: 1000, retries: 1 }), profile: createProfile({ profile: 'switch' }), state: undefined, dead: true });
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function (): Promise<Record<string, unknown>> {
  const agents = await agentProcess(200);
  // The dead target: a UDP port that takes requests and never answers.
  const silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  const deadPort = silent.address().port;
  try {
    await throughput(agents.ports, undefined); // warm-up: the first run pays for the JIT
    // Alternate without/with three times: the machine's load drifts, so compare medians of neighbours.
    const runs: { withoutDead: Awaited<ReturnType<typeof throughput>>; withOneDead: Awaited<ReturnType<typeof throughput>> }[] = [];
    for (let i = 0; i < 3; i++) runs.push({ withoutDead: await throughput(agents.ports, undefined), withOneDead: await throughput(agents.ports, deadPort) });
    const sweepWithout = median(runs.map((r) => r.withoutDead.sweep.liveDoneMs));
    const sweepWith = median(runs.map((r) => r.withOneDead.sweep.liveDoneMs));
    const rateWithout = median(runs.map((r) => r.withoutDead.sustained.livePollsPerSecond));
    const rateWith = median(runs.map((r) => r.withOneDead.sustained.livePollsPerSecond));
    return {
      throughput200: {
        agents: '200 simulated agents (half Geist, half 10-port switch) in a child process; the poller (net-snmp client + profiles) in this one',
        liveTargetsPerSecond: { withoutDead: Math.round((200 / sweepWithout) * 1000), withOneDead: Math.round((200 / sweepWith) * 1000) },
        sweepLiveDoneMs: { withoutDead: sweepWithout, withOneDead: sweepWith, ratio: Number((sweepWith / sweepWithout).toFixed(2)) },
        sustainedLivePollsPerSecond: { withoutDead: rateWithout, withOneDead: rateWith, ratio: Number((rateWith / rateWithout).toFixed(2)) },
        deadTargetPollMs: 'timeout 1000 ms + 1 retry: about 2000 ms per poll, on its own socket',
        runs,
      },
      cpu50at30s: await coreCpu(),
    };
  } finally {
    silent.close();
    await agents.stop();
  }
}
