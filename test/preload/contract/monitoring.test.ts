import { describe, expect, it } from 'vitest';
import { DashboardFile, DashboardInput, Settings, SettingsPatch, defaultSettings, mergeSettings, resolveTime, upgradeLegacySettings } from '../../../preload/contract/index.ts';

const now = Date.UTC(2026, 4, 1, 12, 0, 0);
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('times the API takes', () => {
  it('ISO 8601 with a zone, dates, epoch ms and now-relative', () => {
    expect(resolveTime('2026-05-01T18:00:00Z', now)).toBe(Date.UTC(2026, 4, 1, 18));
    expect(resolveTime('2026-05-01T20:00:00+02:00', now)).toBe(Date.UTC(2026, 4, 1, 18));
    expect(resolveTime('2026-05-01T18:00:00.250Z', now)).toBe(Date.UTC(2026, 4, 1, 18, 0, 0, 250));
    expect(resolveTime('2026-05-01', now)).toBe(Date.UTC(2026, 4, 1));
    expect(resolveTime(1767225600000, now)).toBe(1767225600000);
    expect(resolveTime('1767225600000', now)).toBe(1767225600000);
    expect(resolveTime('now', now)).toBe(now);
    expect(resolveTime('now-15m', now)).toBe(now - 15 * 60_000);
    expect(resolveTime('now-7d', now)).toBe(now - 7 * 86_400_000);
    expect(resolveTime(' now-2w ', now)).toBe(now - 14 * 86_400_000);
  });

  it('refuses what is not a time, a date that does not exist, and a date-time without a zone', () => {
    for (const bad of ['yesterday', 'now-', 'now-5y', 'now+1h', '2026-02-30', '2026-13-01T00:00:00Z', '2026-05-01T18:00', '2026-05-01T25:00:00Z', '', -1, 1.5, 9e15]) {
      expect(resolveTime(bad, now), String(bad)).toBeUndefined();
    }
  });
});

describe('settings: per-tier retention replaces telemetry.rawRetentionDays', () => {
  it('defaults: raw 14 days, minutes 90, hours forever; forwarding off', () => {
    expect(defaultSettings.retention).toEqual({ rawDays: 14, minuteDays: 90, hourDays: null });
    expect(defaultSettings.forwarding.enabled).toBe(false);
    expect('rawRetentionDays' in defaultSettings.telemetry).toBe(false);
  });

  it('an old file with telemetry.rawRetentionDays still loads: the value becomes retention.rawDays', () => {
    const old = { site: { name: 'Old site' }, telemetry: { staleAfterS: 300, rawRetentionDays: 45 } };
    const patch = SettingsPatch.parse(old);
    expect(patch).toEqual({ site: { name: 'Old site' }, telemetry: { staleAfterS: 300 }, retention: { rawDays: 45 } });
    const merged = mergeSettings(defaultSettings, patch);
    expect(merged.retention).toEqual({ rawDays: 45, minuteDays: 90, hourDays: null });
    expect(Settings.safeParse(merged).success).toBe(true);
    // A file that sets both keeps its retention section's choice.
    expect(upgradeLegacySettings({ telemetry: { rawRetentionDays: 45 }, retention: { rawDays: 7 } })).toEqual({ telemetry: {}, retention: { rawDays: 7 } });
    // An old value out of range is refused under its new name.
    expect(messages(SettingsPatch.safeParse({ telemetry: { rawRetentionDays: 0 } }))).toEqual(['retention.rawDays: raw readings: keep at least 1 day']);
  });

  it('forwarding settings say what is wrong', () => {
    expect(messages(SettingsPatch.safeParse({ forwarding: { url: 'ftp://x', kind: 'graphite', batchSize: 10 } }))).toEqual([
      'forwarding.kind: kind is one of influxdb-v1, influxdb-v2, victoriametrics',
      'forwarding.url: give an http:// or https:// URL, e.g. http://10.0.0.5:8086',
      'forwarding.batchSize: batchSize: at least 100',
    ]);
  });
});

describe('dashboard shapes', () => {
  const panel = { id: 'p', type: 'stat', title: 'T', series: [{ device: 'd', metric: 'temperature' }], grid: { x: 0, y: 0, w: 4, h: 3 } };
  it('panels must fit the grid, have their own ids and sensible ranges', () => {
    expect(DashboardInput.safeParse({ id: 'stage', title: 'Stage', panels: [panel] }).success).toBe(true);
    expect(messages(DashboardInput.safeParse({ id: 'stage', title: 'Stage', panels: [{ ...panel, grid: { x: 20, y: 0, w: 6, h: 3 } }] }))).toEqual(['panels.0.grid.w: a panel must fit the 24-column grid (x + w ≤ 24)']);
    expect(messages(DashboardInput.safeParse({ id: 'stage', title: 'Stage', panels: [panel, panel] }))).toEqual(['panels: each panel needs its own id']);
    expect(messages(DashboardInput.safeParse({ id: 'stage', title: 'Stage', panels: [{ ...panel, min: 5, max: 1 }] }))).toEqual(['panels.0.min: min must be lower than max']);
    expect(messages(DashboardInput.safeParse({ id: 'Stage Left', title: 'x', panels: [] }))).toEqual(['id: a dashboard id is lower-case letters, digits and dashes (at most 64), e.g. stage-power']);
    expect(messages(DashboardInput.safeParse({ id: 'export', title: 'x', panels: [] }))).toEqual(['id: export and import are reserved; pick another id']);
    expect(messages(DashboardInput.safeParse({ id: 'x', title: 'x', panels: [{ ...panel, type: 'pie' }] }))).toEqual(['panels.0.type: a panel type is one of time-series, stat, gauge, table, state-timeline']);
  });

  it('a dashboards file names its format and version', () => {
    expect(messages(DashboardFile.safeParse({ format: 'grafana', version: 1, dashboards: [] }))).toEqual(['format: not a dashboards file (format must be "showsite-dashboards")']);
    expect(DashboardFile.safeParse({ format: 'showsite-dashboards', version: 1, dashboards: [{ id: 'a', title: 'A', panels: [] }] }).success).toBe(true);
  });
});
