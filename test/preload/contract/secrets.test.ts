import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Settings, redactSecrets, redacted, secretKeys } from '../../../preload/contract/index.ts';

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, into);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value)) into.add(name);
      propertyNames(value, into);
    }
  }
  return into;
}

describe('secrets in settings', () => {
  it('every settings key that looks like a secret is in secretKeys (a new password field cannot leak to viewers unnoticed)', () => {
    const names = propertyNames(z.toJSONSchema(Settings, { io: 'input', unrepresentable: 'any' }));
    expect(names.size).toBeGreaterThan(20); // the walk really saw the settings
    const secretLooking = [...names].filter((n) => /pass|secret|community|authkey|privkey|apikey/i.test(n));
    expect(secretLooking.length).toBeGreaterThan(0);
    for (const name of secretLooking) expect(secretKeys, `settings key "${name}"`).toContain(name);
  });

  it('replaces set secrets at any depth, keeps empty ones empty, and leaves the input untouched', () => {
    const input = {
      mqtt: { broker: { users: [{ username: 'gw', password: 'hunter22' }] }, connections: [{ id: 'gx', password: '' }] },
      snmp: { targets: [{ host: '10.0.0.5', community: 'private', v3: { user: 'ops', authKey: 'authkey123', privKey: 'privkey123' } }] },
      demo: { enabled: true },
    };
    const before = structuredClone(input);
    const out = redactSecrets(input);
    expect(out.mqtt.broker.users[0]?.password).toBe(redacted);
    expect(out.mqtt.connections[0]?.password).toBe('');
    expect(out.snmp.targets[0]).toEqual({ host: '10.0.0.5', community: redacted, v3: { user: 'ops', authKey: redacted, privKey: redacted } });
    expect(out.demo).toBe(input.demo); // untouched branches are shared, not copied
    expect(input).toEqual(before);
    expect(JSON.stringify(out)).not.toMatch(/hunter22|private|authkey123|privkey123/);
  });

  it('returns values without secrets as they are (a DMX frame is not copied)', () => {
    const frame = { universe: 1, values: Array.from({ length: 512 }, (_, i) => i % 256) };
    expect(redactSecrets(frame)).toBe(frame);
    expect(redactSecrets(42)).toBe(42);
    expect(redactSecrets(null)).toBe(null);
  });
});
