import type { SnmpTargetStatus } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { SnmpClient, type ClientConfig } from '../../native/snmp/client.ts';
import { pollOnce, type PollOutcome } from '../../native/snmp/poll.ts';
import type { BadData, SnmpProfile } from '../../native/snmp/profile.ts';
import { createProfile } from '../../native/snmp/profiles/index.ts';
import type { RuntimeTarget } from './targets.ts';

export interface RunnerDeps {
  sink: IngestSink;
  now: () => number;
  /** After every poll (and on start/stop): the new status and the one before. */
  onStatus(status: SnmpTargetStatus, previous: SnmpTargetStatus): void;
  /** After every poll that got an answer the profile could read. */
  onResult(target: RuntimeTarget, outcome: PollOutcome): void;
  /** Tests swap the client. */
  createClient?: (config: ClientConfig) => SnmpClient;
  /** Something downstream of a poll failed (the store, a listener): logged; polling goes on. */
  onError?: (error: unknown) => void;
  /** A poll's answer held values the profile had to ignore, of a kind not seen before from this target (logged). */
  onBadData?: (target: RuntimeTarget, reasons: readonly BadData[]) => void;
}

/**
 * One target's life: poll every `intervalMs` on its own timer, hand what the profile made of the answer to
 * the ingest sink, keep its health. Targets never wait for each other: each has its own client (socket)
 * and timer, so a dead agent's timeouts delay only its own next poll. Polls never overlap: when one takes
 * longer than the interval the next starts as soon as it ends.
 */
export class TargetRunner {
  readonly target: RuntimeTarget;
  private readonly deps: RunnerDeps;
  private readonly profile: SnmpProfile;
  private client: SnmpClient | undefined;
  private state: unknown;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private inFlight: Promise<PollOutcome> | undefined;
  /** A trap asked for a poll while one was running: poll again right after it. */
  private againAfterThis = false;
  private current: SnmpTargetStatus;
  /** Names already offered to the registry (offer each once). */
  private readonly named = new Set<string>();
  /** Kinds of bad data already logged for this target (reason without the OID), so a bad column logs once, not every poll. */
  private readonly loggedBad = new Set<string>();

  constructor(target: RuntimeTarget, deps: RunnerDeps) {
    this.target = target;
    this.deps = deps;
    this.profile = createProfile(target.profile);
    const now = deps.now();
    this.current = {
      id: target.id,
      name: target.name,
      host: target.client.host,
      port: target.client.port,
      version: target.version,
      profile: target.profile.profile,
      builtIn: target.builtIn,
      enabled: target.enabled,
      intervalS: target.intervalMs / 1000,
      state: target.enabled ? 'pending' : 'off',
      message: target.enabled ? 'waiting for the first answer' : 'disabled in settings',
      since: now,
      lastPollAt: null,
      lastOkAt: null,
      durationMs: null,
      polls: 0,
      failures: 0,
      devices: [],
      readings: 0,
      notes: [],
      badValues: 0,
    };
  }

  get status(): SnmpTargetStatus {
    return this.current;
  }

  /** Start polling: the first poll after `firstDelayMs` (spreads many targets over the first interval). */
  start(firstDelayMs = 0): void {
    if (this.running || !this.target.enabled) return;
    this.running = true;
    this.schedule(firstDelayMs);
  }

  /** Stop polling; a poll in flight is cancelled (its socket closed) and its answer ignored. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.client?.close();
    this.client = undefined;
    await this.inFlight?.catch(() => undefined);
  }

  /**
   * Poll soon, out of turn (the agent sent a trap: a port went down). A burst of traps within `debounceMs`
   * gives one poll; a poll already running is followed by one more. Then the usual interval resumes.
   */
  pollSoon(debounceMs = 200): void {
    if (!this.running) return;
    if (this.inFlight) {
      this.againAfterThis = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule(debounceMs);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollAndReschedule();
    }, Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private async pollAndReschedule(): Promise<void> {
    const started = this.deps.now();
    try {
      await this.poll();
    } catch (error) {
      this.deps.onError?.(error);
    } finally {
      const again = this.againAfterThis;
      this.againAfterThis = false;
      this.schedule(again ? 0 : this.target.intervalMs - (this.deps.now() - started));
    }
  }

  /** Poll once now (the scheduler's tick; tests call it directly). Resolves with the outcome. */
  poll(): Promise<PollOutcome> {
    if (this.inFlight) return this.inFlight;
    const run = (async () => {
      this.client ??= (this.deps.createClient ?? ((c) => new SnmpClient(c)))(this.target.client);
      const client = this.client;
      const outcome = await pollOnce(client, this.profile, this.state, { now: this.deps.now, identity: this.target.identity });
      // Stopped meanwhile: the answer belongs to a target that no longer runs.
      if (!this.stopped) this.apply(outcome);
      return outcome;
    })();
    this.inFlight = run;
    const clear = () => {
      if (this.inFlight === run) this.inFlight = undefined;
    };
    run.then(clear, clear); // the caller handles the rejection; this only clears the slot
    return run;
  }

  private apply(outcome: PollOutcome): void {
    const { sink } = this.deps;
    const result = outcome.result;
    if (result) {
      this.state = result.state;
      for (const d of result.devices) {
        sink.ingest(d.sighting, d.samples);
        if (d.name && !this.named.has(d.sighting.id)) {
          this.named.add(d.sighting.id);
          sink.suggestName(d.sighting.id, this.target.room ? { ...d.name, room: this.target.room } : d.name);
        }
      }
      this.deps.onResult(this.target, outcome);
      const faults = result.badData.filter((b) => !b.notice);
      const unseen = faults.filter((b) => !this.loggedBad.has(b.reason) && this.loggedBad.size < 200);
      for (const b of unseen) this.loggedBad.add(b.reason);
      if (unseen.length > 0) this.deps.onBadData?.(this.target, unseen);
    }
    // A failed poll keeps the profile's memory: the first answer after an outage still reports what changed
    // meanwhile (a port that went down), and an agent restart during it shows in sysUpTime.
    const previous = this.current;
    const state = outcome.health.state;
    const good = state === 'ok';
    this.current = {
      ...previous,
      state,
      message: outcome.health.message,
      since: state === previous.state ? previous.since : outcome.startedAt + outcome.durationMs,
      lastPollAt: outcome.startedAt,
      lastOkAt: good ? outcome.startedAt + outcome.durationMs : previous.lastOkAt,
      durationMs: outcome.durationMs,
      polls: previous.polls + 1,
      failures: previous.failures + (good ? 0 : 1),
      devices: result ? result.devices.map((d) => d.sighting.id) : previous.devices,
      readings: result ? result.devices.reduce((n, d) => n + d.samples.length, 0) : 0,
      notes: result ? result.badData.slice(0, 5).map((b) => (b.oid ? `${b.reason} (${b.oid})` : b.reason)) : [],
      badValues: previous.badValues + (result ? result.badData.filter((b) => !b.notice).length : 0),
    };
    this.deps.onStatus(this.current, previous);
  }
}
