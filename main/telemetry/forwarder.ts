import type { ForwardingStatus, Settings } from '../../preload/contract/index.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import type { ForwardBacklog } from '../store/forward-backlog.ts';
import type { ReadingWriter, SeriesRow } from '../store/readings-repo.ts';
import { line, seriesKey } from './line-protocol.ts';

export type ForwardingConfig = Settings['forwarding'];

export interface ForwardingCredentials {
  username: string | null;
  password: string | null;
  token: string | null;
}

export interface CredentialStore {
  get(): ForwardingCredentials;
  set(next: ForwardingCredentials): void;
}

export interface ForwarderDeps {
  writer: Pick<ReadingWriter, 'onInserted'>;
  backlog: ForwardBacklog;
  settings: () => Settings;
  series: (id: number) => SeriesRow | undefined;
  device: (id: string) => { name: string | null; room: string | null } | undefined;
  credentials: CredentialStore;
  now: () => number;
  /** Injectable for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Longest wait between retries while the target is down (default 60 s). */
  maxBackoffMs?: number;
  /** How often the status (with the waiting count) is refreshed (default 2 s). */
  statusEveryMs?: number;
}

const kindLabel: Record<ForwardingConfig['kind'], string> = { 'influxdb-v1': 'InfluxDB 1.x', 'influxdb-v2': 'InfluxDB 2.x', victoriametrics: 'VictoriaMetrics' };
const requestTimeoutMs = 15_000;

/** 1234567 → "1 234 567" (the status strip's grouping). */
export const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Where a configuration sends readings, in words. */
export function describeTarget(c: ForwardingConfig): string {
  const where = `${kindLabel[c.kind]} at ${c.url}`;
  if (c.kind === 'influxdb-v1') return `${where} (db ${c.database}${c.retentionPolicy ? `, rp ${c.retentionPolicy}` : ''})`;
  if (c.kind === 'influxdb-v2') return `${where} (org ${c.org || '—'}, bucket ${c.bucket})`;
  return where;
}

/** The write endpoint and headers for a target: line protocol, millisecond timestamps. */
export function writeRequest(c: ForwardingConfig, creds: ForwardingCredentials): { url: string; headers: Record<string, string> } {
  const base = c.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  const basic = () => {
    if (creds.username) headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
  };
  if (c.kind === 'influxdb-v1') {
    basic();
    const q = new URLSearchParams({ db: c.database, precision: 'ms' });
    if (c.retentionPolicy) q.set('rp', c.retentionPolicy);
    return { url: `${base}/write?${q}`, headers };
  }
  if (c.kind === 'influxdb-v2') {
    if (creds.token) headers.Authorization = `Token ${creds.token}`;
    return { url: `${base}/api/v2/write?${new URLSearchParams({ org: c.org, bucket: c.bucket, precision: 'ms' })}`, headers };
  }
  if (creds.token) headers.Authorization = `Bearer ${creds.token}`;
  else basic();
  return { url: `${base}/write?precision=ms`, headers };
}

type Outcome = { ok: true } | { ok: false; kind: 'down' | 'refused' | 'rejected' | 'too-large'; reason: string; retryAfterMs?: number };

/** Reads a target's answer: InfluxDB and VictoriaMetrics put the reason in JSON `error`/`message` or plain text. */
async function outcomeOf(res: Response): Promise<Outcome> {
  if (res.ok) return { ok: true };
  let text = '';
  try {
    text = (await res.text()).slice(0, 500);
  } catch {
    // no body
  }
  let reason = text.trim();
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown };
    reason = String(j.error ?? j.message ?? reason);
  } catch {
    // plain text
  }
  reason = `${reason || res.statusText || 'no reason given'} (HTTP ${res.status})`;
  if (res.status === 413) return { ok: false, kind: 'too-large', reason };
  if (res.status === 400 || res.status === 422) return { ok: false, kind: 'rejected', reason };
  if (res.status === 429 || res.status >= 500) {
    const after = Number(res.headers.get('retry-after'));
    return { ok: false, kind: 'down', reason, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined };
  }
  return { ok: false, kind: 'refused', reason };
}

/** Why a request never got an answer, in words ("connection refused", "timed out"). */
function networkReason(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code;
  if (e.name === 'TimeoutError') return 'no answer in 15 s';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  return e.cause?.message ?? e.message ?? 'network error';
}

/**
 * Forwards every stored reading to InfluxDB (1.x `/write`, 2.x `/api/v2/write`) or VictoriaMetrics in line
 * protocol. Readings enter an on-disk backlog in the same transaction that stores them (so none is lost
 * across a restart or counted twice), and leave it only once the target has accepted them; the target keeps
 * one point per series and timestamp, so a batch re-sent after a crash is not doubled. Batched (batchSize,
 * or whatever waited flushIntervalMs), retried with backoff while the target is down, bounded (maxBacklog).
 */
export class ForwardingService implements Service<ForwardingConfig> {
  readonly name = 'forwarding';
  readonly label = 'Forwarding';
  private readonly d: ForwarderDeps;
  private cfg: ForwardingConfig | undefined;
  private ctx: ServiceContext | undefined;
  private abort: AbortController | undefined;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  /** Readings of the head row already accepted (a row bigger than a batch goes out in slices). */
  private headOffset = 0;
  private headId = -1;
  private chunkLimit = Infinity;
  private failures = 0;
  private state: ForwardingStatus['state'] = 'off';
  private reason: string | null = null;
  private notice: string | null = null;
  sent = 0;
  dropped = 0;
  rejected = 0;
  private lastSentAt: number | null = null;
  /** The last failure or refusal, kept after recovery (status shows it). */
  private lastError: string | null = null;

  constructor(deps: ForwarderDeps) {
    this.d = deps;
    // Captured whether or not the sender runs (it may start after the first readings, or be restarting):
    // while forwarding is on in Settings, every stored reading goes into the backlog with it.
    deps.writer.onInserted((r) => {
      const c = this.d.settings().forwarding;
      if (!c.enabled) return;
      this.dropped += this.d.backlog.append(r, this.d.now(), c.maxBacklog);
      this.wakeUp?.();
    });
  }

  config(settings: Settings): ForwardingConfig {
    return settings.forwarding;
  }

  enabled(config: ForwardingConfig): boolean {
    return config.enabled;
  }

  offMessage(): string {
    const waiting = this.d.backlog.size;
    return waiting > 0 ? `turned off; ${grouped(waiting)} readings kept for when it is turned back on` : 'turned off (Settings → Monitoring can send every reading to InfluxDB or VictoriaMetrics)';
  }

  start(config: ForwardingConfig, ctx: ServiceContext): void {
    this.cfg = config;
    this.ctx = ctx;
    this.failures = 0;
    this.chunkLimit = Infinity;
    this.state = 'starting';
    this.reason = null;
    const abort = new AbortController();
    this.abort = abort;
    this.loopDone = this.loop(abort.signal).catch((error: unknown) => {
      ctx.logger.error('forwarding stopped unexpectedly', { error });
      this.setState('error', `stopped unexpectedly: ${(error as Error).message}`);
    });
    this.statusTimer = setInterval(() => this.publish(), this.d.statusEveryMs ?? 2000);
    this.statusTimer.unref();
    this.publish();
  }

  reconfigure(next: ForwardingConfig, _previous: ForwardingConfig, ctx: ServiceContext): void {
    this.cfg = next;
    this.ctx = ctx;
    this.failures = 0;
    this.chunkLimit = Infinity;
    this.wakeUp?.();
    this.publish();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    this.wakeUp?.();
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
    await this.loopDone;
    this.loopDone = undefined;
    this.abort = undefined;
    this.state = 'off';
  }

  /** What forwarding.status answers. */
  status(): ForwardingStatus {
    const c = this.d.settings().forwarding;
    const creds = this.d.credentials.get();
    const state = c.enabled ? this.state : 'off';
    return {
      enabled: c.enabled,
      target: c.enabled ? describeTarget(c) : null,
      state,
      message: state === 'off' ? this.offMessage() : this.message(),
      waiting: this.d.backlog.size,
      sent: this.sent,
      dropped: this.dropped,
      rejected: this.rejected,
      lastSentAt: this.lastSentAt,
      lastError: this.lastError,
      credentials: { username: creds.username, password: creds.password !== null, token: creds.token !== null },
    };
  }

  /** New credentials apply from the next request (a refused target is retried at once). */
  setCredentials(patch: { username?: string; password?: string; token?: string }): ForwardingStatus {
    const cur = this.d.credentials.get();
    const pick = (v: string | undefined, was: string | null) => (v === undefined ? was : v === '' ? null : v);
    this.d.credentials.set({ username: pick(patch.username, cur.username), password: pick(patch.password, cur.password), token: pick(patch.token, cur.token) });
    this.failures = 0;
    this.wakeUp?.();
    return this.status();
  }

  private message(): string {
    const c = this.cfg ?? this.d.settings().forwarding;
    const waiting = this.d.backlog.size;
    const target = describeTarget(c);
    if (this.state === 'lost') return `target down (${this.reason}), ${grouped(waiting)} readings waiting`;
    if (this.state === 'error') return `${kindLabel[c.kind]} refused the readings: ${this.reason}; retrying, ${grouped(waiting)} readings waiting`;
    if (this.state === 'starting') return `connecting to ${target}`;
    const catchingUp = waiting > 2 * c.batchSize ? ` — catching up, ${grouped(waiting)} readings waiting` : '';
    return `forwarding to ${target}${catchingUp}${this.state === 'degraded' && this.notice ? `; ${this.notice}` : ''}`;
  }

  private setState(state: ForwardingStatus['state'], reason: string | null): void {
    this.state = state;
    this.reason = reason;
    if (reason !== null) this.lastError = reason;
    this.publish();
  }

  private publish(): void {
    if (!this.ctx || this.state === 'off') return;
    this.ctx.report(this.state === 'starting' ? 'starting' : this.state, this.message());
  }

  /** Wait until woken (new readings, new settings, stop) or `ms` passed. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let lastSend = 0;
    while (!signal.aborted) {
      const c = this.cfg!;
      const waiting = this.d.backlog.size;
      if (waiting === 0) {
        if (this.state === 'starting') this.setState('ok', null);
        await this.sleep(60_000, signal);
        continue;
      }
      // Batch: send at once when a batch is full, else when the oldest has waited flushIntervalMs.
      const since = this.d.now() - lastSend;
      if (waiting < c.batchSize && since < c.flushIntervalMs && this.failures === 0) {
        await this.sleep(c.flushIntervalMs - since, signal);
        if (this.d.backlog.size < c.batchSize && this.d.now() - lastSend < c.flushIntervalMs) continue;
      }
      if (signal.aborted) break;
      lastSend = this.d.now();
      const outcome = await this.sendOnce(c, signal);
      if (signal.aborted) break;
      if (outcome.ok) {
        this.failures = 0;
        this.notice = null;
        if (this.state !== 'ok') this.setState('ok', null);
        continue;
      }
      if (outcome.kind === 'too-large' && this.chunkLimit > 100) continue; // halved in sendOnce: try again at once
      if (outcome.kind === 'rejected' || outcome.kind === 'too-large') continue; // dropped in sendOnce
      this.failures++;
      this.setState(outcome.kind === 'down' ? 'lost' : 'error', outcome.reason);
      const backoff = Math.min(this.d.maxBackoffMs ?? 60_000, 1000 * 2 ** Math.min(this.failures - 1, 10));
      await this.sleepFully(outcome.retryAfterMs ?? backoff, signal);
    }
  }

  /** Backoff: only stop (or new credentials/settings, which reset failures) cut it short. */
  private async sleepFully(ms: number, signal: AbortSignal): Promise<void> {
    const end = this.d.now() + ms;
    while (!signal.aborted && this.failures > 0 && this.d.now() < end) await this.sleep(Math.max(1, end - this.d.now()), signal);
  }

  /** Send the oldest batch; on success take it out of the backlog. */
  private async sendOnce(c: ForwardingConfig, signal: AbortSignal): Promise<Outcome> {
    const limit = Math.min(c.batchSize, this.chunkLimit);
    const rows = this.d.backlog.peek(limit + this.headOffset);
    if (rows.length === 0) return { ok: true };
    if (rows[0]!.id !== this.headId) {
      this.headId = rows[0]!.id;
      this.headOffset = 0;
    }
    const lines: string[] = [];
    const keys = new Map<number, string | null>();
    const keyOf = (id: number): string | null => {
      let k = keys.get(id);
      if (k === undefined) {
        const s = this.d.series(id);
        const dev = s && this.d.device(s.deviceId);
        k = s ? seriesKey({ metric: s.metric, deviceId: s.deviceId, name: dev?.name ?? null, room: dev?.room ?? null, unit: s.unit }) : null;
        keys.set(id, k);
      }
      return k;
    };
    // Which rows (and how far into the last one) this request covers.
    const covered: { id: number; count: number; upTo: number }[] = [];
    for (const [ri, row] of rows.entries()) {
      const start = ri === 0 ? this.headOffset : 0;
      let i = start;
      for (; i < row.count && lines.length < limit; i++) {
        const k = keyOf(row.series[i]!);
        if (k !== null) lines.push(line(k, row.value[i]!, row.ts[i]!)); // null: the series was deleted since (device forgotten)
      }
      covered.push({ id: row.id, count: row.count, upTo: i });
      if (lines.length >= limit) break;
    }
    const finish = () => {
      for (const cv of covered) {
        if (cv.upTo >= cv.count) {
          this.d.backlog.done(cv.id, cv.count);
          if (cv.id === this.headId) this.headOffset = 0;
        } else {
          this.headId = cv.id;
          this.headOffset = cv.upTo;
        }
      }
    };
    if (lines.length === 0) {
      finish();
      return { ok: true };
    }
    const { url, headers } = writeRequest(c, this.d.credentials.get());
    let res: Response;
    try {
      res = await (this.d.fetch ?? fetch)(url, { method: 'POST', headers, body: `${lines.join('\n')}\n`, signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]) });
    } catch (error) {
      if (signal.aborted) return { ok: false, kind: 'down', reason: 'stopped' };
      return { ok: false, kind: 'down', reason: networkReason(error) };
    }
    const outcome = await outcomeOf(res);
    if (outcome.ok) {
      finish();
      this.sent += lines.length;
      this.lastSentAt = this.d.now();
      return outcome;
    }
    if (outcome.kind === 'too-large' && limit > 100) {
      this.chunkLimit = Math.max(100, Math.floor(lines.length / 2));
      return outcome;
    }
    if (outcome.kind === 'rejected' || outcome.kind === 'too-large') {
      // Retrying the same lines cannot help (a field type clash, a bad name): drop them so the rest flows.
      finish();
      this.rejected += lines.length;
      this.notice = `the target refused ${grouped(lines.length)} readings: ${outcome.reason}`;
      this.ctx?.logger.warn('forwarding target refused a batch; dropped it', { readings: lines.length, reason: outcome.reason });
      this.state = 'degraded';
      this.reason = outcome.reason;
      this.lastError = outcome.reason;
      this.publish();
    }
    return outcome;
  }
}
