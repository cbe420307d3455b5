import type { Settings, SnmpHealthState, SnmpSwitch, SnmpTarget, SnmpTargetStatus, SnmpTestResult } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import type { ClientConfig, SnmpClient } from '../../native/snmp/client.ts';
import type { PollOutcome } from '../../native/snmp/poll.ts';
import { CoreError } from '../runtime/errors.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import type { Timeline } from '../runtime/timeline.ts';
import { DemoAgents } from './demo.ts';
import { TrapReceiver } from '../../native/snmp/trap-receiver.ts';
import type { SnmpTrap } from '../../native/snmp/trap-codec.ts';
import { TargetRunner } from './runner.ts';
import { switchView } from './switch-view.ts';
import { runtimeTarget, samePolling, type RuntimeTarget } from './targets.ts';
import { testTarget } from './test-now.ts';

export interface SnmpConfig {
  targets: Settings['snmp']['targets'];
  traps: Settings['snmp']['traps'];
  demo: { enabled: boolean; intervalMs: number };
}

export interface SnmpServiceDeps {
  sink: IngestSink;
  hub: EventHub;
  timeline: Timeline;
  now: () => number;
  /** Tests swap the net-snmp client. */
  createClient?: (config: ClientConfig) => SnmpClient;
}

/** The demo polls its simulated agents no faster than this, whatever the demo's own interval. */
const demoMinIntervalMs = 250;
/** New targets' first polls are spread over this much (or their interval, if shorter). */
const spreadMs = 5000;

const failing = (s: SnmpHealthState) => s === 'timeout' || s === 'auth' || s === 'bad-data' || s === 'unreachable';

/**
 * SNMP polling as a Service: one runner per target (settings `snmp.targets[]`, plus the demo site's two
 * simulated agents while the demo is on), target health in the service status and on the timeline,
 * readings into telemetry, profile events (a port going down…) on the timeline, switches' port grids live.
 */
export class SnmpService implements Service<SnmpConfig> {
  readonly name = 'snmp';
  readonly label = 'SNMP polling';
  private readonly deps: SnmpServiceDeps;
  private readonly runners = new Map<string, TargetRunner>();
  private readonly switches = new Map<string, SnmpSwitch>();
  /** Ports seen up since the core started, per switch device: a port that never was is unused, not lost. */
  private readonly portsSeenUp = new Map<string, Set<number>>();
  private readonly demo = new DemoAgents();
  private demoTargets: RuntimeTarget[] = [];
  private ctx: ServiceContext | undefined;
  private readonly traps = new TrapReceiver();
  /** The trap port listened on now (undefined: not listening), and why not when it should. */
  private trapPort: number | undefined;
  private trapProblem: string | undefined;
  private trapsFromStrangers = 0;

  constructor(deps: SnmpServiceDeps) {
    this.deps = deps;
  }

  config(settings: Settings): SnmpConfig {
    return { targets: settings.snmp.targets, traps: settings.snmp.traps, demo: { enabled: settings.demo.enabled, intervalMs: settings.demo.intervalMs } };
  }

  enabled(config: SnmpConfig): boolean {
    return config.demo.enabled || config.targets.length > 0 || config.traps.enabled;
  }

  offMessage(): string {
    return 'no SNMP targets (Network → Add target)';
  }

  async start(config: SnmpConfig, ctx: ServiceContext): Promise<void> {
    this.ctx = ctx;
    await this.apply(config);
  }

  async reconfigure(next: SnmpConfig, _previous: SnmpConfig, ctx: ServiceContext): Promise<void> {
    this.ctx = ctx;
    await this.apply(next);
  }

  async stop(): Promise<void> {
    await this.traps.stop();
    this.trapPort = undefined;
    const runners = [...this.runners.values()];
    this.runners.clear();
    this.switches.clear();
    await Promise.all(runners.map((r) => r.stop()));
    await this.demo.stop();
    this.demoTargets = [];
  }

  /** Poll every running target once, now, without waiting for its timer (tests; a "refresh"). */
  async pollNow(): Promise<void> {
    await Promise.all([...this.runners.values()].filter((r) => r.target.enabled).map((r) => r.poll()));
  }

  /** Every target's status: the demo's first, then settings order. */
  status(): SnmpTargetStatus[] {
    return [...this.runners.values()].map((r) => r.status);
  }

  switchList(): SnmpSwitch[] {
    return [...this.switches.values()];
  }

  /** "Test now" for a configuration (saved or not) or a running target's id. */
  async test(params: { target?: SnmpTarget; id?: string }): Promise<SnmpTestResult> {
    let target: RuntimeTarget;
    if (params.target) target = runtimeTarget(params.target);
    else {
      const runner = this.runners.get(params.id ?? '');
      if (!runner) throw new CoreError('not_found', `no SNMP target with id "${params.id ?? ''}" is running (is it saved, and is the SNMP service on?)`);
      target = runner.target;
    }
    return testTarget(target, this.deps.now, this.deps.createClient);
  }

  /** How many traps came in, how many were not ours to read, and how many named no target. */
  trapStats(): { listening: number | null; received: number; rejected: number; unmatched: number } {
    return { listening: this.trapPort ?? null, received: this.traps.received, rejected: this.traps.rejected, unmatched: this.trapsFromStrangers };
  }

  /** A trap makes the targets at its sender's address (with its community, for v1/v2c targets) poll at once. */
  private onTrap(trap: SnmpTrap, from: string): void {
    const matches = [...this.runners.values()].filter((r) => {
      const t = r.target;
      if (!t.enabled || t.client.host.toLowerCase() !== from.toLowerCase()) return false;
      return t.version === 'v3' || t.client.community === trap.community; // v1/v2c targets always carry a community (runtimeTarget)
    });
    if (matches.length === 0) {
      this.trapsFromStrangers++;
      this.ctx?.logger.debug('SNMP trap from an address with no matching target', { from, trap: trap.trapOid, community: trap.community.length });
      return;
    }
    this.ctx?.logger.info('SNMP trap: polling now', { from, kind: trap.kind, ifIndex: trap.ifIndex, targets: matches.map((r) => r.target.id) });
    for (const r of matches) r.pollSoon();
  }

  private async applyTraps(traps: SnmpConfig['traps']): Promise<void> {
    const wanted = traps.enabled ? traps.port : undefined;
    if (wanted === this.trapPort && this.trapProblem === undefined) return;
    await this.traps.stop();
    this.trapPort = undefined;
    this.trapProblem = undefined;
    if (wanted === undefined) return;
    try {
      await this.traps.start(wanted, '0.0.0.0', {
        onTrap: (trap, from) => this.onTrap(trap, from),
        onReject: (reason, from) => this.ctx?.logger.debug('not an SNMP trap we read', { from, reason }),
        onError: (error) => this.ctx?.logger.warn('SNMP trap socket failed', { error }),
      });
      this.trapPort = this.traps.port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.trapProblem =
        code === 'EADDRINUSE' ? `trap port ${wanted} in use (snmptrapd?)` : code === 'EACCES' ? `trap port ${wanted} needs administrator rights: use 1024 or above` : `cannot listen for traps on ${wanted}: ${(error as Error).message}`;
    }
  }

  private async apply(config: SnmpConfig): Promise<void> {
    await this.applyTraps(config.traps);
    const wanted: RuntimeTarget[] = [];
    if (config.demo.enabled) {
      const intervalMs = Math.max(demoMinIntervalMs, config.demo.intervalMs);
      // The agents keep running across interval changes (their clocks, and the devices' history, go on).
      if (this.demoTargets.length === 0) this.demoTargets = await this.demo.start(this.deps.now, intervalMs);
      else this.demoTargets = this.demoTargets.map((t) => ({ ...t, intervalMs }));
      wanted.push(...this.demoTargets);
    } else if (this.demoTargets.length > 0) {
      this.demoTargets = [];
      await this.demo.stop();
    }
    wanted.push(...config.targets.map(runtimeTarget));

    const keep = new Map<string, TargetRunner>();
    const stopping: Promise<void>[] = [];
    for (const [id, runner] of this.runners) {
      const next = wanted.find((t) => t.id === id);
      if (next && samePolling(next, runner.target)) keep.set(id, runner);
      else {
        stopping.push(runner.stop());
        for (const [deviceId, view] of this.switches) if (view.targetId === id) this.switches.delete(deviceId);
      }
    }
    await Promise.all(stopping);
    this.runners.clear();
    const fresh: TargetRunner[] = [];
    for (const t of wanted) {
      const runner =
        keep.get(t.id) ??
        new TargetRunner(t, {
          sink: this.deps.sink,
          now: this.deps.now,
          createClient: this.deps.createClient,
          onStatus: (s, p) => this.onStatus(s, p),
          onResult: (target, outcome) => this.onResult(target, outcome),
          onError: (error) => this.ctx?.logger.error('SNMP poll could not be recorded', { target: t.id, error }),
          onBadData: (target, reasons) =>
            this.ctx?.logger.warn('SNMP answer held values that were ignored', { target: target.id, count: reasons.length, first: reasons.slice(0, 5).map((b) => (b.oid ? `${b.reason} (${b.oid})` : b.reason)) }),
        });
      if (!keep.has(t.id)) fresh.push(runner);
      this.runners.set(t.id, runner);
    }
    fresh.forEach((runner, i) => {
      const spread = runner.target.builtIn ? 0 : (Math.min(spreadMs, runner.target.intervalMs) * i) / fresh.length;
      runner.start(spread);
      this.deps.hub.publish('snmp.target', runner.target.id, runner.status);
    });
    this.report();
  }

  private onStatus(status: SnmpTargetStatus, previous: SnmpTargetStatus): void {
    if (this.runners.get(status.id)?.status !== status) return; // a runner being replaced
    this.deps.hub.publish('snmp.target', status.id, status);
    if (status.state !== previous.state) {
      const deviceId = status.devices[0] ?? previous.devices[0] ?? null;
      if (failing(status.state)) this.deps.timeline.record({ kind: 'system', severity: 'warn', deviceId, message: `SNMP ${status.name}: ${status.message}` });
      else if (status.state === 'ok' && failing(previous.state)) this.deps.timeline.record({ kind: 'system', severity: 'info', deviceId, message: `SNMP ${status.name} is answering again` });
      this.report();
    }
  }

  private onResult(target: RuntimeTarget, outcome: PollOutcome): void {
    const result = outcome.result;
    if (!result || !this.runners.has(target.id)) return;
    for (const e of result.events) {
      this.deps.timeline.record({ kind: e.severity === 'info' ? 'alert.cleared' : 'alert.raised', severity: e.severity, deviceId: e.deviceId, message: e.message });
    }
    const ts = outcome.startedAt + outcome.durationMs;
    for (const d of result.devices) {
      if (d.sighting.kind !== 'switch') continue;
      let seen = this.portsSeenUp.get(d.sighting.id);
      if (!seen) this.portsSeenUp.set(d.sighting.id, (seen = new Set()));
      const view = switchView(d, { id: target.id, name: target.name, host: target.client.host }, ts, seen);
      for (const p of view.ports) if (p.wasUp) seen.add(p.index);
      this.switches.set(view.deviceId, view);
      this.deps.hub.publish('snmp.switch', view.deviceId, view);
    }
  }

  /** The service's one-line status: all answering, some not (named), or none. */
  private report(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const all = [...this.runners.values()].filter((r) => r.target.enabled).map((r) => r.status);
    const demo = this.demoTargets.length;
    const what = `${all.length} target${all.length === 1 ? '' : 's'}${demo ? ` (${demo} simulated for the demo)` : ''}`;
    if (this.trapProblem) return ctx.report('degraded', `${this.trapProblem}; polling ${what} on their intervals`);
    if (all.length === 0) return ctx.report('ok', this.trapPort === undefined ? 'every SNMP target is disabled' : `listening for traps on UDP ${this.trapPort}; no targets to poll`);
    const bad = all.filter((s) => failing(s.state));
    if (bad.length === 0) {
      const waiting = all.filter((s) => s.state === 'pending').length;
      const traps = this.trapPort === undefined ? '' : `; traps on UDP ${this.trapPort}`;
      return ctx.report('ok', `polling ${what}: ${waiting ? 'waiting for the first answers' : 'all answering'}${traps}`);
    }
    const first = bad[0]!;
    const detail = `${first.name}: ${first.message}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}`;
    if (bad.length === all.length) return ctx.report('lost', `none of ${what} answering — ${detail}`);
    ctx.report('degraded', `${bad.length} of ${what} not answering — ${detail}`);
  }
}
