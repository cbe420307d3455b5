import { describe, expect, it } from 'vitest';
import { ServiceController } from '../../../main/core/services.ts';
import type { Service } from '../../../main/runtime/service.ts';
import { defaultSettings, type ServiceStatus, type Settings } from '../../../preload/contract/index.ts';
import { quietLogger } from '../../helpers/core.ts';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** A service that records what happens to it; its config is settings.site.name, "off" turns it off. */
function probe(name: string, log: string[], behaviour: { startMs?: number; stopThrows?: boolean; stopHangs?: boolean; startThrows?: boolean } = {}) {
  let active = 0;
  let maxActive = 0;
  const service: Service<string> & { maxActive: () => number } = {
    name,
    label: name.toUpperCase(),
    config: (s: Settings) => s.site.name,
    enabled: (c) => c !== 'off',
    async start(config, ctx) {
      active++;
      maxActive = Math.max(maxActive, active);
      log.push(`${name}:start:${config}`);
      await tick(behaviour.startMs ?? 0);
      active--;
      if (behaviour.startThrows) throw new Error('no such port');
      ctx.report('ok', `running ${config}`);
    },
    async stop() {
      log.push(`${name}:stop`);
      if (behaviour.stopHangs) await new Promise(() => {});
      if (behaviour.stopThrows) throw new Error('stuck');
    },
    stopTimeoutMs: 50,
    maxActive: () => maxActive,
  };
  return service;
}

const withName = (name: string): Settings => ({ ...defaultSettings, site: { name } });

describe('service controller', () => {
  it('starts in order and stops in reverse', async () => {
    const log: string[] = [];
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(probe('a', log)).add(probe('b', log));
    await c.startAll(withName('x'));
    await c.stopAll();
    expect(log).toEqual(['a:start:x', 'b:start:x', 'b:stop', 'a:stop']);
    expect(c.statuses().map((s) => s.state)).toEqual(['off', 'off']);
  });

  it('a service whose stop throws or hangs does not keep the others running', async () => {
    const log: string[] = [];
    const c = new ServiceController({ logger: quietLogger, now: () => 0 })
      .add(probe('a', log))
      .add(probe('b', log, { stopHangs: true }))
      .add(probe('c', log, { stopThrows: true }));
    await c.startAll(withName('x'));
    await c.stopAll();
    expect(log.filter((l) => l.endsWith(':stop'))).toEqual(['c:stop', 'b:stop', 'a:stop']);
  });

  it('a service that fails to start shows error with the reason; the others run', async () => {
    const log: string[] = [];
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(probe('a', log, { startThrows: true })).add(probe('b', log));
    const failed = await c.startAll(withName('x'));
    expect(failed).toEqual([{ name: 'a', error: 'no such port' }]);
    expect(c.status('a')).toMatchObject({ state: 'error', message: 'no such port' });
    expect(c.status('b')).toMatchObject({ state: 'ok', message: 'running x' });
  });

  it('applies settings changes one at a time, latest wins (no interleaving, intermediate values skipped)', async () => {
    const log: string[] = [];
    const slow = probe('a', log, { startMs: 30 });
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(slow);
    await c.startAll(withName('v0'));
    c.applySettings(withName('v1'));
    c.applySettings(withName('v2'));
    c.applySettings(withName('v3'));
    await c.settle();
    expect(slow.maxActive()).toBe(1);
    expect(log).toEqual(['a:start:v0', 'a:stop', 'a:start:v1', 'a:stop', 'a:start:v3']);
    expect(c.status('a')).toMatchObject({ state: 'ok', message: 'running v3' });
  });

  it.each([
    [['off'], 'off'],
    [['on2', 'off'], 'off'],
    [['off', 'on3'], 'ok'],
    [['off', 'on4', 'off'], 'off'],
    [['off', 'off', 'on5', 'on6'], 'ok'],
  ])('rapid toggles %j end in the state of the last one (%s)', async (changes, final) => {
    const log: string[] = [];
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(probe('a', log, { startMs: 10 }));
    await c.startAll(withName('on'));
    for (const name of changes) c.applySettings(withName(name));
    await c.settle();
    expect(c.status('a')?.state).toBe(final);
    const starts = log.filter((l) => l.includes(':start')).length;
    const stops = log.filter((l) => l.endsWith(':stop')).length;
    expect(starts - stops).toBe(final === 'ok' ? 1 : 0); // never two running copies, never a leak
  });

  it('an unchanged slice does not restart the service', async () => {
    const log: string[] = [];
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(probe('a', log));
    await c.startAll(withName('x'));
    c.applySettings({ ...withName('x'), demo: { enabled: true, intervalMs: 100 } });
    await c.settle();
    expect(log).toEqual(['a:start:x']);
  });

  it('reports from a run that was stopped are ignored; status changes carry since and reach the listener', async () => {
    let clock = 1000;
    const seen: ServiceStatus[] = [];
    let lateReport: ((m: string) => void) | undefined;
    const service: Service<string> = {
      name: 'late',
      label: 'Late',
      config: (s) => s.site.name,
      start(_c, ctx) {
        lateReport = (m) => ctx.report('lost', m);
      },
      stop() {},
    };
    const c = new ServiceController({ logger: quietLogger, now: () => clock, onStatus: (s) => seen.push(s) }).add(service);
    await c.startAll(withName('x'));
    clock = 2000;
    await c.stopAll();
    lateReport!('cable pulled');
    expect(c.status('late')).toMatchObject({ state: 'off', since: 2000 });
    expect(seen.map((s) => s.state)).toEqual(['starting', 'ok', 'off']);
  });

  it('uses reconfigure in place when the service offers it', async () => {
    const calls: string[] = [];
    const service: Service<string> = {
      name: 'r',
      label: 'R',
      config: (s) => s.site.name,
      start: (c) => void calls.push(`start:${c}`),
      stop: () => void calls.push('stop'),
      reconfigure: (next, prev) => void calls.push(`reconfigure:${prev}->${next}`),
    };
    const c = new ServiceController({ logger: quietLogger, now: () => 0 }).add(service);
    await c.startAll(withName('a'));
    c.applySettings(withName('b'));
    await c.settle();
    expect(calls).toEqual(['start:a', 'reconfigure:a->b']);
  });
});
