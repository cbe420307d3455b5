import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connectWs, runCli, startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'integration-token-1';
const auth = { Authorization: `Bearer ${token}` };

describe('serve: HTTP automation API', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--demo']);
  });
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  it('health answers without a token', async () => {
    const r = await fetch(`${s.url}/api/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, version: expect.any(String), uptimeS: expect.any(Number) });
  });

  it.each(['/api/devices', '/api/readings/latest', '/api/settings', '/api/info'])('GET %s is 401 without the token', async (path) => {
    const r = await fetch(`${s.url}${path}`);
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(`${s.url}${path}`, { headers: { Authorization: 'Bearer wrong-token' } })).status).toBe(401);
  });

  it('lists the demo devices with the token', async () => {
    const devices = (await (await fetch(`${s.url}/api/devices`, { headers: auth })).json()) as { id: string; room: string }[];
    expect(devices.length).toBeGreaterThanOrEqual(9);
    expect(new Set(devices.map((d) => d.room))).toEqual(new Set(['Stage', 'FOH', 'Backstage', 'Amp rack']));
  });

  it('POST /api/call/<method> runs a method; bad bodies get typed errors and change nothing', async () => {
    const post = (method: string, body: string) => fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body });
    const ok = await post('devices.rename', JSON.stringify({ id: 'ble:A4:C1:38:5A:10:01', name: 'SL wing' }));
    expect(await ok.json()).toMatchObject({ id: 'ble:A4:C1:38:5A:10:01', name: 'SL wing', room: 'Stage' });
    expect((await post('devices.rename', '{"id":')).status).toBe(400);
    const wrongType = await post('devices.rename', JSON.stringify({ id: 'ble:A4:C1:38:5A:10:01', name: 7 }));
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ error: { code: 'invalid_params', issues: [{ path: 'name' }] } });
    expect((await post('devices.explode', '{}')).status).toBe(404);
    expect((await post('devices.rename', JSON.stringify({ id: 'nope', name: 'x' }))).status).toBe(404);
    const after = (await (await fetch(`${s.url}/api/devices`, { headers: auth })).json()) as { id: string; name: string }[];
    expect(after.find((d) => d.id === 'ble:A4:C1:38:5A:10:01')?.name).toBe('SL wing');
    const timeline = (await (await fetch(`${s.url}/api/events?limit=50`, { headers: auth })).json()) as { kind: string; message: string }[];
    expect(timeline.filter((e) => e.kind === 'operator').map((e) => e.message)).toEqual(['Named ble:A4:C1:38:5A:10:01 “SL wing” in Stage (via http)']);
  });

  it('an invalid settings import is refused and changes nothing', async () => {
    const before = await (await fetch(`${s.url}/api/settings`, { headers: auth })).json();
    const r = await fetch(`${s.url}/api/call/settings.import`, { method: 'POST', headers: auth, body: JSON.stringify({ settings: { site: { name: '' }, demo: { enabled: false } } }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: { code: 'invalid_params', message: expect.stringContaining('site.name') } });
    expect(await (await fetch(`${s.url}/api/settings`, { headers: auth })).json()).toEqual(before);
  });

  it('the viewer token reads everything and changes nothing', async () => {
    const access = (await (await fetch(`${s.url}/api/call/system.access`, { method: 'POST', headers: auth })).json()) as { token: string; viewerToken: string };
    expect(access.token).toBe(token);
    expect(access.viewerToken).not.toBe(token);
    const viewer = { Authorization: `Bearer ${access.viewerToken}` };
    expect((await fetch(`${s.url}/api/devices`, { headers: viewer })).status).toBe(200);
    expect(await (await fetch(`${s.url}/api/info`, { headers: viewer })).json()).toMatchObject({ access: 'view' });
    const rename = await fetch(`${s.url}/api/call/devices.rename`, { method: 'POST', headers: viewer, body: JSON.stringify({ id: 'ble:A4:C1:38:5A:10:06', name: 'Hijacked' }) });
    expect(rename.status).toBe(403);
    expect(await rename.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await fetch(`${s.url}/api/call/system.access`, { method: 'POST', headers: viewer })).status).toBe(403);
    const devices = (await (await fetch(`${s.url}/api/devices`, { headers: auth })).json()) as { id: string; name: string }[];
    expect(devices.find((d) => d.id === 'ble:A4:C1:38:5A:10:06')?.name).toBe('Dressing room 1');
  });

  it('signs a browser in with ?token= into an HttpOnly cookie; a wrong token is refused', async () => {
    const ok = await fetch(`${s.url}/?token=${token}`, { redirect: 'manual' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    expect(ok.headers.get('set-cookie')).toMatch(/showsite_token=.*HttpOnly.*SameSite=Strict/);
    const wrong = await fetch(`${s.url}/?token=nope`, { redirect: 'manual' });
    expect(wrong.status).toBe(401); // scripts still see the refusal…
    expect(wrong.headers.get('content-type')).toMatch(/text\/html/); // …people get the console's own dark sign-in screen
    expect(await wrong.text()).toContain('<div id="root">');
  });

  it('health is public through both doors; other methods need the token', async () => {
    expect((await fetch(`${s.url}/api/call/system.health`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${s.url}/api/call/system.info`, { method: 'POST' })).status).toBe(401);
  });

  it('a known path with the wrong HTTP method answers 405 with Allow', async () => {
    const r1 = await fetch(`${s.url}/api/devices`, { method: 'POST', headers: auth, body: '{}' });
    expect(r1.status).toBe(405);
    expect(r1.headers.get('allow')).toBe('GET');
    const r2 = await fetch(`${s.url}/api/call/devices.list`, { headers: auth });
    expect(r2.status).toBe(405);
    expect(r2.headers.get('allow')).toBe('POST');
    const r3 = await fetch(`${s.url}/`, { method: 'DELETE' });
    expect(r3.status).toBe(405);
    expect(r3.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.url}/api/nothing-here`, { headers: auth })).status).toBe(404);
  });

  it('a typed query value gets a message a person can act on', async () => {
    const r = await fetch(`${s.url}/api/events?limit=abc`, { headers: auth });
    expect(r.status).toBe(400);
    const { error } = (await r.json()) as { error: { message: string } };
    expect(error.message).toBe('limit: limit must be a whole number from 1 to 1000');
    expect(error.message).not.toMatch(/NaN|received|expected/);
  });

  it('serves pages with a strict Content-Security-Policy', async () => {
    const r = await fetch(`${s.url}/api/health`);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('serve: WebSocket contract', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  beforeAll(async () => {
    s = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir(), '--demo']);
  });
  afterAll(async () => {
    await s.stop();
  });

  it('a socket without credentials is closed with 4401', async () => {
    const c = await connectWs(s.url);
    expect(await c.closed).toEqual({ code: 4401, reason: 'unauthorized' });
  });

  it('a cookie from another site is not honoured', async () => {
    const c = await connectWs(s.url, { Cookie: `showsite_token=${token}`, Origin: 'http://evil.example' });
    expect((await c.closed).code).toBe(4401);
  });

  it('malformed messages, unknown methods and wrong-typed params get typed errors; the socket stays up', async () => {
    const c = await connectWs(s.url, auth);
    expect(await c.raw('this is not json')).toMatchObject({ id: null, error: { code: 'invalid_request' } });
    expect(await c.call('devices.explode')).toMatchObject({ error: { code: 'unknown_method' } });
    expect(await c.call('events.list', { limit: 'ten' })).toMatchObject({ error: { code: 'invalid_params', message: expect.stringContaining('limit') } });
    expect(await c.call('devices.rename', { id: 'ble:A4:C1:38:5A:10:02', name: 'x'.repeat(65) })).toMatchObject({ error: { code: 'invalid_params' } });
    const devices = (await c.call('devices.list')).result as { id: string; name: string }[];
    expect(devices.find((d) => d.id === 'ble:A4:C1:38:5A:10:02')?.name).toBe('Stage right');
    c.close();
  });

  it('pushes live readings after subscribe', async () => {
    const c = await connectWs(s.url, auth);
    expect(await c.call('subscribe', { topics: ['readings.live'] })).toMatchObject({ result: { topics: ['readings.live'] } });
    await waitFor(() => c.events.length >= 6, 15_000);
    expect(c.events.every((e) => e.topic === 'readings.live')).toBe(true);
    expect(c.events[0]?.data).toMatchObject({ seriesId: expect.any(Number), unit: expect.any(String), value: expect.any(Number) });
    c.close();
  });

  it('a socket signed in with the viewer token may subscribe and read, not change settings', async () => {
    const control = await connectWs(s.url, auth);
    const { viewerToken } = (await control.call('system.access')).result as { viewerToken: string };
    control.close();
    const v = await connectWs(s.url, { Cookie: `showsite_token=${viewerToken}` });
    expect(await v.call('subscribe', { topics: ['readings.live'] })).toMatchObject({ result: { topics: ['readings.live'] } });
    expect(await v.call('system.info')).toMatchObject({ result: { access: 'view' } });
    expect(await v.call('settings.update', { site: { name: 'Hijacked' } })).toMatchObject({ error: { code: 'forbidden' } });
    v.close();
  });

  it('settings changes reach other sessions', async () => {
    const a = await connectWs(s.url, auth);
    const b = await connectWs(s.url, auth);
    await b.call('subscribe', { topics: ['settings.changed'] });
    await a.call('settings.update', { site: { name: 'Main Stage Field' } });
    const e = await waitFor(() => b.events.find((x) => x.topic === 'settings.changed'));
    expect(e.data).toMatchObject({ site: { name: 'Main Stage Field' } });
    a.close();
    b.close();
  });
});

describe('serve: lifecycle', () => {
  const tempDir = useTempDirs();

  it('SIGTERM flushes the store: every reading shown live is on disk after exit', async () => {
    const dataDir = tempDir();
    const s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--demo']);
    const c = await connectWs(s.url, auth);
    await c.call('subscribe', { topics: ['readings.live'] });
    await waitFor(() => c.events.length >= 3, 15_000);
    const latest = (await c.call('telemetry.latest')).result as { seriesId: number; ts: number; value: number }[];
    expect(await s.stop()).toBe(0);
    expect(readFileSync(join(dataDir, 'logs', 'showsite.log'), 'utf8')).toContain('"msg":"core stopped"');
    const db = new Database(join(dataDir, 'showsite.db'), { readonly: true });
    for (const r of latest) {
      expect(db.prepare('SELECT value FROM readings WHERE series_id = ? AND ts = ?').get(r.seriesId, r.ts)).toEqual({ value: r.value });
    }
    db.close();
    expect(existsSync(join(dataDir, 'showsite.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'logs', 'showsite.log'))).toBe(true);
  });

  it('names survive a restart and the demo does not duplicate devices', async () => {
    const dataDir = tempDir();
    const s1 = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--demo']);
    await fetch(`${s1.url}/api/call/devices.rename`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 'ble:A4:C1:38:5A:10:03', name: 'Desk', room: 'Front of house' }) });
    const count1 = ((await (await fetch(`${s1.url}/api/devices`, { headers: auth })).json()) as unknown[]).length;
    await s1.stop();
    const s2 = await startServe(['--port', '0', '--data-dir', dataDir]);
    const devices = (await (await fetch(`${s2.url}/api/devices`, { headers: auth })).json()) as { id: string; name: string; room: string }[];
    expect(devices).toHaveLength(count1);
    expect(devices.find((d) => d.id === 'ble:A4:C1:38:5A:10:03')).toMatchObject({ name: 'Desk', room: 'Front of house' });
    await s2.stop();
  });

  it('a second core on the same data folder refuses to start', async () => {
    const dataDir = tempDir();
    const s = await startServe(['--port', '0', '--data-dir', dataDir]);
    const second = await runCli(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(2);
    expect(second.output).toContain('another Showsite Console');
    await s.stop();
  });

  it('an invalid --config file exits with a clear message and changes nothing', async () => {
    const dataDir = tempDir();
    const good = join(dataDir, 'good.json');
    writeFileSync(good, JSON.stringify({ site: { name: 'Before' } }));
    const s = await startServe(['--port', '0', '--data-dir', dataDir, '--config', good, '--token', token]);
    await s.stop();
    for (const [body, mention] of [
      ['{"site":{"name":"After"},"remote":{"port":"80"}}', 'remote.port'],
      ['{"site": {', 'cannot read settings file'],
      ['[]', 'must hold a JSON object'],
    ] as const) {
      const bad = join(dataDir, 'bad.json');
      writeFileSync(bad, body);
      const r = await runCli(['serve', '--port', '0', '--data-dir', dataDir, '--config', bad]);
      expect(r.code).toBe(2);
      expect(r.output).toContain(mention);
    }
    const again = await startServe(['--port', '0', '--data-dir', dataDir]);
    expect(await (await fetch(`${again.url}/api/settings`, { headers: auth })).json()).toMatchObject({ site: { name: 'Before' } });
    await again.stop();
  });

  it('bad command-line values are refused with usage', async () => {
    expect(await runCli(['serve', '--port', '99999'])).toMatchObject({ code: 2, output: expect.stringContaining('--port') });
    expect(await runCli(['serve', '--bogus'])).toMatchObject({ code: 2, output: expect.stringContaining('Usage') });
    expect(await runCli(['dance'])).toMatchObject({ code: 2 });
  });
});
