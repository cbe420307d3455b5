import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Settings, SettingsPatch, defaultSettings, mergeSettings, methods, topics, topicFamilies, settingsSections } from '../../preload/contract/index.ts';
import { httpRoutes } from '../../main/api/http-routes.ts';

const api = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');
const config = readFileSync(new URL('../../docs/CONFIG.md', import.meta.url), 'utf8');

describe('docs follow the contract', () => {
  it.each(Object.keys(methods))('docs/API.md documents method %s', (name) => {
    expect(api).toContain(`\`${name}\``);
  });

  it.each(Object.keys(topics))('docs/API.md documents topic %s', (name) => {
    expect(api).toContain(`\`${name}\``);
  });

  it.each(httpRoutes.map((r) => `${r.verb} ${r.path}`))('docs/API.md documents HTTP route %s', (route) => {
    expect(api).toContain(`\`${route}`);
  });

  it.each(Object.keys(topicFamilies))('docs/API.md documents topic family %s', (name) => {
    expect(api).toContain(`\`${name}.<n>\``);
  });

  /** Every documentable key of a section's defaults: nested objects dotted, lists as `key[]`. */
  const keysOf = (prefix: string, value: unknown): string[] => {
    if (Array.isArray(value)) return [`${prefix}[]`];
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => keysOf(`${prefix}.${k}`, v));
    return [prefix];
  };

  it.each(Object.entries(settingsSections).flatMap(([name, spec]) => keysOf(name, spec.defaults)))('docs/CONFIG.md documents settings key %s', (key) => {
    expect(config).toContain(`\`${key}\``);
  });

  it('the first json block of docs/CONFIG.md is exactly the defaults (it says so)', () => {
    const block = /```json\n([\s\S]*?)```/.exec(config)?.[1];
    expect(JSON.parse(block!)).toEqual(defaultSettings);
  });

  it('every json example in docs/CONFIG.md is a valid settings file', () => {
    const blocks = [...config.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      const patch = SettingsPatch.safeParse(JSON.parse(block));
      expect(patch.success, `${block.slice(0, 80)}… ${JSON.stringify(patch.error?.issues.slice(0, 2))}`).toBe(true);
      expect(Settings.safeParse(mergeSettings(defaultSettings, patch.data!)).success).toBe(true);
    }
  });

  it('the complete example in docs/CONFIG.md is a valid settings file', () => {
    const block = /```json\n([\s\S]*?)```/.exec(config)?.[1];
    expect(block).toBeDefined();
    expect(Settings.safeParse(JSON.parse(block!)).success).toBe(true);
  });
});
