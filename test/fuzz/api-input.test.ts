import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore, type Core } from '../../main/core/app.ts';
import { handleSocketMessage } from '../../main/api/ws-protocol.ts';
import { Settings, errorCodes, methods } from '../../preload/contract/index.ts';
import { seededRandom } from '../../native/sim/random.ts';
import { useTempDirs } from '../helpers/tmp.ts';

/** Random JSON-ish values: the shapes a broken client or a hostile one might send. */
function generator(seed: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const strings = ['', ' ', 'x'.repeat(300), '__proto__', 'constructor', '../../etc/passwd', '\u0000', '😀', 'null', '{}', 'ble:A4:C1:38:5A:10:01', 'temperature'];
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.3) return pick<unknown>([null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, ...strings]);
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const keys = ['id', 'name', 'room', 'notes', 'topics', 'limit', 'settings', 'site', 'demo', 'remote', 'enabled', 'port', '__proto__', 'constructor'];
    return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [pick(keys), value(depth + 1)]));
  };
  const methodNames = [...Object.keys(methods), 'devices.explode', '', 'toString', 'hasOwnProperty'];
  const message = (): string => {
    const r = rnd();
    if (r < 0.15) return pick(['', '{', '[]', 'null', '"str"', '{"id":', '\u0000\u0001', '{"id":1,"method":"devices.list"']);
    if (r < 0.3) return JSON.stringify(value(0));
    const env: Record<string, unknown> = { id: rnd() < 0.9 ? Math.floor(rnd() * 1000) : value(2), method: rnd() < 0.9 ? pick(methodNames) : value(2) };
    if (rnd() < 0.8) env.params = value(0);
    if (rnd() < 0.05) env.extra = 1;
    return JSON.stringify(env);
  };
  return { message };
}

describe('fuzz: random and malformed API input', () => {
  const tempDir = useTempDirs();
  let core: Core | undefined;
  afterEach(async () => core?.stop());

  it('every message gets a typed answer, the core keeps answering, and invalid input changes nothing', async () => {
    const dataDir = tempDir();
    core = await createCore({ mode: 'desktop', dataDir, version: 'fuzz', resourcesDir: join(dataDir, 'ui') });
    await core.start();
    const session = core.openSession({ deliver: () => {}, ready: () => true }, 'control');
    const before = (await session.call('settings.get', {})) as { result: unknown };
    const gen = generator(20261122);
    const codes = new Set<string>();
    let results = 0;
    const mutations: string[] = [];
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).length;
    for (let i = 0; i < 3000; i++) {
      const text = gen.message();
      const reply = await handleSocketMessage(session, text);
      if ('result' in reply && /"method":"settings\.(update|import)"/.test(text)) mutations.push(text);
      if ('error' in reply) {
        expect(errorCodes, `reply to ${text}`).toContain(reply.error.code);
        expect(reply.error.code, `reply to ${text}`).not.toBe('internal');
        expect(reply.error.message.length).toBeGreaterThan(0);
        codes.add(reply.error.code);
      } else results++;
    }
    // The generator reaches every layer: the envelope, the method table and the params schemas.
    expect([...codes]).toEqual(expect.arrayContaining(['invalid_request', 'unknown_method', 'invalid_params']));
    expect(results).toBeGreaterThan(0);
    expect(await session.call('system.health', {})).toMatchObject({ result: { ok: true } });
    // Settings change only through an accepted update, and what they became is still valid.
    const after = (await session.call('settings.get', {})) as { result: unknown };
    if (JSON.stringify(after.result) !== JSON.stringify(before.result)) expect(mutations.length).toBeGreaterThan(0);
    expect(Settings.safeParse(after.result).success).toBe(true);
    // "__proto__" keys in params never reach Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(protoKeys);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });
});
