import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'dmx-http-token-1';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

/** The routes a Bitfocus Companion button or a Stream Deck uses, against a real `serve` process. */
describe('DMX over HTTP (Companion, Stream Deck)', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  beforeAll(async () => {
    s = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir()]);
  });
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  const get = (path: string) => fetch(`${s.url}${path}`, { headers: auth });
  const post = (path: string, body?: unknown) => fetch(`${s.url}${path}`, { method: 'POST', headers: auth, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const universe = async (n: number) => ((await (await get(`/api/dmx/universes/${n}`)).json()) as { universe: number; channels: number[] }).channels;

  it('GET a universe: 512 numbers; POST sets the manual layer', async () => {
    const r = await get('/api/dmx/universes/1');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { universe: number; channels: number[] };
    expect(body.universe).toBe(1);
    expect(body.channels).toHaveLength(512);
    const set = await post('/api/dmx/universes/1', { channels: { '1': 255, '2': 128 } });
    expect(set.status).toBe(200);
    expect((await universe(1)).slice(0, 3)).toEqual([255, 128, 0]);
  });

  it.each([
    ['a value over 255', { channels: { '3': 256 } }],
    ['a negative value', { channels: { '3': -1 } }],
    ['channel 0', { channels: { '0': 5 } }],
    ['channel 513', { channels: { '513': 5 } }],
    ['a fractional value', { channels: { '3': 1.5 } }],
    ['text for a value', { channels: { '3': 'full' } }],
    ['no channels key', { values: { '3': 5 } }],
    ['not an object', [1, 2, 3]],
    ['broken JSON', '{"channels":'],
  ])('POST with %s → 400 and nothing changes', async (_what, body) => {
    const before = await universe(1);
    const r = await post('/api/dmx/universes/1', body);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
    expect(await universe(1)).toEqual(before);
  });

  it('a universe outside the engine is 400; not a number is 400', async () => {
    expect((await get('/api/dmx/universes/0')).status).toBe(400);
    expect((await get('/api/dmx/universes/65')).status).toBe(400);
    expect((await get('/api/dmx/universes/one')).status).toBe(400);
  });

  it('scenes: create answers the scene with its id, GO fades to it, an unknown id is 404, the list has it', async () => {
    const created = await post('/api/scenes', { name: 'Walk-in', fadeMs: 200, values: { '2': { '10': 180 } } });
    expect(created.status).toBe(200);
    const scene = (await created.json()) as { id: string; name: string };
    expect(scene).toMatchObject({ name: 'Walk-in', id: expect.stringMatching(/^scene-/) });
    expect((await post(`/api/scenes/${scene.id}/go`)).status).toBe(200);
    await waitFor(async () => (await universe(2))[9] === 180 || undefined, 10_000);
    expect((await post(`/api/scenes/${scene.id}/go`, { fadeMs: 0 })).status).toBe(200);
    expect((await post('/api/scenes/no-such-scene/go')).status).toBe(404);
    expect((await post(`/api/scenes/${scene.id}/go`, { fadeMs: -5 })).status).toBe(400);
    const list = (await (await get('/api/scenes')).json()) as { id: string }[];
    expect(list.map((x) => x.id)).toContain(scene.id);
    expect((await post('/api/scenes', { name: '', fadeMs: 0, values: {} })).status).toBe(400);
  });

  it('blackout on takes the output to 0, off brings it back; a bad body is 400', async () => {
    await post('/api/dmx/universes/3', { channels: { '1': 99 } });
    expect((await post('/api/dmx/blackout', { on: true })).status).toBe(200);
    await waitFor(async () => (await universe(3))[0] === 0 || undefined, 10_000);
    expect((await post('/api/dmx/blackout', { on: 'yes' })).status).toBe(400);
    expect((await post('/api/dmx/blackout', { on: false })).status).toBe(200);
    await waitFor(async () => (await universe(3))[0] === 99 || undefined, 10_000);
  });

  it('cue lists: GO and BACK by HTTP; an unknown list is 404', async () => {
    const a = (await (await post('/api/scenes', { name: 'Q1', fadeMs: 0, values: { '4': { '1': 11 } } })).json()) as { id: string };
    const b = (await (await post('/api/scenes', { name: 'Q2', fadeMs: 0, values: { '4': { '1': 22 } } })).json()) as { id: string };
    const saved = await post('/api/call/cues.save', { list: { id: 'main', name: 'Main', loop: true, cues: [{ id: 'c1', sceneId: a.id }, { id: 'c2', sceneId: b.id }] } });
    expect(saved.status).toBe(200);
    expect((await post('/api/cuelists/main/go')).status).toBe(200);
    await waitFor(async () => (await universe(4))[0] === 11 || undefined, 10_000);
    await post('/api/cuelists/main/go');
    await waitFor(async () => (await universe(4))[0] === 22 || undefined, 10_000);
    expect((await post('/api/cuelists/main/back')).status).toBe(200);
    await waitFor(async () => (await universe(4))[0] === 11 || undefined, 10_000);
    expect((await post('/api/cuelists/nothing/go')).status).toBe(404);
  });

  it('the wrong HTTP method is 405 with Allow', async () => {
    const r = await fetch(`${s.url}/api/scenes/x/go`, { headers: auth });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('a viewer token reads universes and scenes but cannot GO', async () => {
    const access = (await (await post('/api/call/system.access')).json()) as { viewerToken: string };
    const viewer = { Authorization: `Bearer ${access.viewerToken}` };
    expect((await fetch(`${s.url}/api/dmx/universes/1`, { headers: viewer })).status).toBe(200);
    expect((await fetch(`${s.url}/api/dmx/blackout`, { method: 'POST', headers: viewer, body: '{"on":true}' })).status).toBe(403);
  });
});
