import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../preload/contract/index.ts';
import { credentialKind, fromForwardingDraft, fromRetentionDraft, monitoringPatch, toForwardingDraft, toRetentionDraft } from '../../renderer/src/lib/monitoring-settings-draft.ts';

const saved = defaultSettings;

describe('Settings → Monitoring draft', () => {
  it('round-trips the stored values; an empty hourly box means forever', () => {
    const r = fromRetentionDraft(toRetentionDraft(saved.retention));
    expect(r).toEqual({ ok: true, value: saved.retention, errors: {} });
    expect(saved.retention.hourDays).toBeNull();
    expect(toRetentionDraft(saved.retention).hourDays).toBe('');
    expect(fromRetentionDraft({ rawDays: '7', minuteDays: '30', hourDays: '400' })).toMatchObject({ ok: true, value: { rawDays: 7, minuteDays: 30, hourDays: 400 } });
  });

  it('a bad number gets the contract’s message under its own key, and nothing is valid', () => {
    const r = fromRetentionDraft({ rawDays: 'ten', minuteDays: '0', hourDays: '' });
    expect(r.ok).toBe(false);
    expect(Object.keys(r.errors).sort()).toEqual(['retention.minuteDays', 'retention.rawDays']);
    const f = fromForwardingDraft({ ...toForwardingDraft(saved.forwarding), url: 'ftp://x', batchSize: '5' });
    expect(f.ok).toBe(false);
    expect(Object.keys(f.errors).sort()).toEqual(['forwarding.batchSize', 'forwarding.url']);
    expect(f.errors['forwarding.batchSize']).toMatch(/at least 100/);
  });

  it('the patch carries only what changed, per section', () => {
    const f = fromForwardingDraft({ ...toForwardingDraft(saved.forwarding), enabled: true, url: ' http://10.0.0.5:8086 ' });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(monitoringPatch(saved.retention, f.value, saved)).toEqual({ forwarding: { enabled: true, url: 'http://10.0.0.5:8086' } });
    expect(monitoringPatch({ ...saved.retention, rawDays: 30 }, saved.forwarding, saved)).toEqual({ retention: { rawDays: 30 } });
    expect(monitoringPatch(saved.retention, saved.forwarding, saved)).toEqual({});
  });

  it('InfluxDB 1.x takes a user and password; 2.x and VictoriaMetrics a token', () => {
    expect(credentialKind('influxdb-v1')).toBe('user');
    expect(credentialKind('influxdb-v2')).toBe('token');
    expect(credentialKind('victoriametrics')).toBe('token');
  });
});
