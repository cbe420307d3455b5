import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../main/runtime/errors.ts';
import { SettingsService } from '../../../main/settings/service.ts';
import { openDatabase } from '../../../main/store/db.ts';
import { SettingsRepo } from '../../../main/store/settings-repo.ts';
import { defaultSettings } from '../../../preload/contract/index.ts';
import { quietLogger } from '../../helpers/core.ts';

function rig() {
  const db = openDatabase(':memory:');
  const repo = new SettingsRepo(db);
  return { db, repo, service: new SettingsService(repo, quietLogger) };
}

describe('settings', () => {
  it('starts from defaults and merges a partial update section by section', () => {
    const { service } = rig();
    expect(service.get()).toEqual(defaultSettings);
    const next = service.update({ site: { name: 'Glastonbury Park' }, demo: { enabled: true } });
    expect(next.site.name).toBe('Glastonbury Park');
    expect(next.demo).toEqual({ enabled: true, intervalMs: defaultSettings.demo.intervalMs });
    expect(next.remote).toEqual(defaultSettings.remote);
  });

  it('persists changes for the next start', () => {
    const { repo, service } = rig();
    service.update({ telemetry: { staleAfterS: 300 } });
    expect(new SettingsService(repo, quietLogger).get().telemetry.staleAfterS).toBe(300);
  });

  it.each([
    ['a wrong type', { demo: { enabled: 'yes' } }, 'demo.enabled'],
    ['an unknown section', { lighting: {} }, 'lighting'],
    ['an unknown key', { site: { name: 'x', colour: 'red' } }, 'colour'],
    ['an out-of-range value', { remote: { port: 70000 } }, 'remote.port'],
    ['an empty site name', { site: { name: '' } }, 'site.name'],
    ['not an object', [1, 2, 3], 'expected object'],
    ['a warning above its alarm', { thresholds: [{ metric: 'temperature', warnAbove: 50, alarmAbove: 20 }] }, 'warn above (50) must be lower than alarm above (20)'],
    ['a warning below its alarm', { thresholds: [{ metric: 'temperature', warnBelow: -5, alarmBelow: 0 }] }, 'warn below (-5) must be higher than alarm below (0)'],
    ['"below" limits over the "above" ones', { thresholds: [{ metric: 'humidity', warnBelow: 80, warnAbove: 60 }] }, 'must be lower than the "above" limits'],
  ])('rejects %s with a clear error and changes nothing', (_what, patch, mention) => {
    const { repo, service } = rig();
    service.update({ site: { name: 'Before' } });
    let error: unknown;
    try {
      service.update(patch);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).kind).toBe('invalid');
    expect((error as CoreError).message).toContain(mention);
    expect(service.get().site.name).toBe('Before');
    expect(new SettingsService(repo, quietLogger).get()).toEqual(service.get());
  });

  it('a damaged stored section falls back to its default without losing the others', () => {
    const { db, repo, service } = rig();
    service.update({ site: { name: 'Kept' } });
    db.prepare("UPDATE settings SET value = '{not json' WHERE key = 'settings.telemetry'").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('settings.demo', '{\"enabled\": 3}')").run();
    const again = new SettingsService(repo, quietLogger).get();
    expect(again.site.name).toBe('Kept');
    expect(again.demo).toEqual(defaultSettings.demo);
  });

  it('makes an access token once and keeps it; --token replaces it', () => {
    const { service } = rig();
    const first = service.token();
    expect(first.length).toBeGreaterThanOrEqual(16);
    expect(service.token()).toBe(first);
    service.setToken('my-own-token');
    expect(service.token()).toBe('my-own-token');
    service.setToken('T'); // the operator's choice, however short (README's example uses it)
    expect(service.token()).toBe('T');
    expect(() => service.setToken('')).toThrow(CoreError);
    expect(() => service.setToken('has space in it')).toThrow(CoreError);
    expect(() => service.setToken('x'.repeat(257))).toThrow(CoreError);
    expect(service.viewerToken()).not.toBe(service.token());
    expect(() => service.setToken(service.viewerToken())).toThrow(/differ from the viewer token/);
  });

  it('notifies listeners only when something changed', () => {
    const { service } = rig();
    const seen: string[] = [];
    service.onChange((n) => seen.push(n.site.name));
    service.update({ site: { name: 'A' } });
    service.update({ site: { name: 'A' } });
    expect(seen).toEqual(['A']);
  });
});
