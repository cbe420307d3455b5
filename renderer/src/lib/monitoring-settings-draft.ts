import { monitoringSettings, type Settings } from '../../../preload/contract/index.ts';
import { changedKeys, checkSection, typedNumber, type SectionCheck } from './section-draft.ts';

/** Settings → Monitoring as the form holds it: how long each tier is kept, and where readings are forwarded. */

export type Retention = Settings['retention'];
export type Forwarding = Settings['forwarding'];

export interface RetentionDraft {
  rawDays: string;
  minuteDays: string;
  /** '' = forever */
  hourDays: string;
}

export function toRetentionDraft(r: Retention): RetentionDraft {
  return { rawDays: String(r.rawDays), minuteDays: String(r.minuteDays), hourDays: r.hourDays === null ? '' : String(r.hourDays) };
}

export function fromRetentionDraft(d: RetentionDraft): SectionCheck<Retention> {
  return checkSection(monitoringSettings.retention.schema, 'retention', {
    rawDays: typedNumber(d.rawDays),
    minuteDays: typedNumber(d.minuteDays),
    hourDays: d.hourDays.trim() === '' ? null : typedNumber(d.hourDays),
  });
}

/** Numbers as typed; the rest as stored. */
export type ForwardingDraft = Omit<Forwarding, 'batchSize' | 'flushIntervalMs' | 'maxBacklog'> & { batchSize: string; flushIntervalMs: string; maxBacklog: string };

export function toForwardingDraft(f: Forwarding): ForwardingDraft {
  return { ...f, batchSize: String(f.batchSize), flushIntervalMs: String(f.flushIntervalMs), maxBacklog: String(f.maxBacklog) };
}

export function fromForwardingDraft(d: ForwardingDraft): SectionCheck<Forwarding> {
  return checkSection(monitoringSettings.forwarding.schema, 'forwarding', {
    ...d,
    url: d.url.trim(),
    batchSize: typedNumber(d.batchSize),
    flushIntervalMs: typedNumber(d.flushIntervalMs),
    maxBacklog: typedNumber(d.maxBacklog),
  });
}

/** The settings.update for both parts: only what changed; empty when nothing did. */
export function monitoringPatch(retention: Retention, forwarding: Forwarding, saved: Settings): { retention?: Partial<Retention>; forwarding?: Partial<Forwarding> } {
  const r = changedKeys(retention, saved.retention);
  const f = changedKeys(forwarding, saved.forwarding);
  return { ...(Object.keys(r).length ? { retention: r } : {}), ...(Object.keys(f).length ? { forwarding: f } : {}) };
}

/** Which credentials the chosen target takes: InfluxDB 1.x a user and password, 2.x and VictoriaMetrics a token. */
export const credentialKind = (kind: Forwarding['kind']): 'user' | 'token' => (kind === 'influxdb-v1' ? 'user' : 'token');
