import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Settings, methods, topics, defaultSettings } from '../../preload/contract/index.ts';

const api = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');
const config = readFileSync(new URL('../../docs/CONFIG.md', import.meta.url), 'utf8');

describe('docs follow the contract', () => {
  it.each(Object.keys(methods))('docs/API.md documents method %s', (name) => {
    expect(api).toContain(`\`${name}\``);
  });

  it.each(Object.keys(topics))('docs/API.md documents topic %s', (name) => {
    expect(api).toContain(`\`${name}\``);
  });

  it('docs/CONFIG.md documents every settings key', () => {
    for (const [section, value] of Object.entries(defaultSettings)) {
      if (Array.isArray(value)) expect(config).toContain(`\`${section}[]\``);
      else for (const key of Object.keys(value)) expect(config).toContain(`\`${section}.${key}\``);
    }
  });

  it('the complete example in docs/CONFIG.md is a valid settings file', () => {
    const block = /```json\n([\s\S]*?)```/.exec(config)?.[1];
    expect(block).toBeDefined();
    expect(Settings.safeParse(JSON.parse(block!)).success).toBe(true);
  });
});
