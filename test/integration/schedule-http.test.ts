import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'schedule-http-token-1';
const auth = { Authorization: `Bearer ${token}` };
const DAY = '2030-07-04';
const header = 'day,type,title,start,duration,changeover,notes';
const csv = (...rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`;

interface ApiEntry {
  id: string;
  type: string;
  title: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  expectedStart: string | null;
  expectedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  slipSeconds: number | null;
}
interface ApiDay {
  entries: ApiEntry[];
  curfew: string | null;
  projectedEnd: string | null;
  curfewState: 'ok' | 'warning' | 'danger';
}

/** The running order's HTTP aliases against a real `serve` (venue zone Europe/London: BST in July, +01:00). */
describe('running order over HTTP', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  let viewer: string;
  const mqttPort = 21000 + Math.floor(Math.random() * 9000);
  beforeAll(async () => {
    const dir = tempDir();
    const config = join(dir, 'settings.json');
    writeFileSync(config, JSON.stringify({ schedule: { zone: 'Europe/London', warnMarginMin: 30, dangerMarginMin: 0 } }));
    s = await startServe(['--port', '0', '--token', token, '--data-dir', join(dir, 'data'), '--config', config, '--mqtt-port', String(mqttPort)]);
    viewer = ((await (await post('/api/call/system.access', {})).json()) as { viewerToken: string }).viewerToken;
  });
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  const get = (path: string, headers: Record<string, string> = auth) => fetch(`${s.url}${path}`, { headers });
  const post = (path: string, body?: unknown, headers: Record<string, string> = auth) =>
    fetch(`${s.url}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': typeof body === 'string' ? 'text/csv' : 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const day = async (date = DAY) => (await (await get(`/api/schedule?day=${date}`)).json()) as ApiDay;
  const byTitle = (d: ApiDay, title: string) => d.entries.find((e) => e.title === title)!;

  const good = csv(`${DAY},milestone,Doors,17:00,,,`, `${DAY},set,Alpha,18:00,45,15,`, `${DAY},set,Bravo,19:00,60,30,"Drum riser, stage left"`, `${DAY},set,Charlie,21:00,60,0,`, `${DAY},curfew,Curfew,22:30,,,`);

  it('imports a good CSV and answers GET /api/schedule in exactly the documented shape', async () => {
    const r = await post('/api/schedule/import', good);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, days: [{ date: DAY, entries: 5, replaced: false }] });

    const d = await day();
    expect(Object.keys(d).sort()).toEqual(['curfew', 'curfewState', 'entries', 'projectedEnd']);
    for (const e of d.entries) expect(Object.keys(e).sort()).toEqual(['actualEnd', 'actualStart', 'expectedEnd', 'expectedStart', 'id', 'plannedEnd', 'plannedStart', 'slipSeconds', 'title', 'type']);
    expect(d.entries.map((e) => [e.type, e.title])).toEqual([
      ['milestone', 'Doors'],
      ['set', 'Alpha'],
      ['set', 'Bravo'],
      ['set', 'Charlie'],
      ['curfew', 'Curfew'],
    ]);
    expect(byTitle(d, 'Alpha')).toMatchObject({ plannedStart: '2030-07-04T18:00:00+01:00', plannedEnd: '2030-07-04T18:45:00+01:00', expectedStart: '2030-07-04T18:00:00+01:00', actualStart: null, actualEnd: null, slipSeconds: 0 });
    expect(byTitle(d, 'Doors')).toMatchObject({ plannedStart: '2030-07-04T17:00:00+01:00', plannedEnd: null, actualStart: null });
    // Charlie ends 22:00 on paper, 30 minutes before curfew: exactly at the warning margin is still ok.
    expect(d).toMatchObject({ curfew: '2030-07-04T22:30:00+01:00', projectedEnd: '2030-07-04T22:00:00+01:00', curfewState: 'ok' });
  });

  it.each([
    ['wrong columns', 'day,kind,title,start,length,changeover,notes\r\n2030-07-05,set,A,18:00,45,0,\r\n', [{ row: 1, message: /wrong header: column 2 is "kind" where "type" is expected/ }]],
    ['an impossible time (25:99)', csv('2030-07-05,set,A,25:99,45,0,'), [{ row: 2, column: 'start', message: /impossible time "25:99"/ }]],
    ['a non-numeric duration', csv('2030-07-05,set,A,18:00,forty,0,', '2030-07-05,set,B,19:00,45,ten,'), [{ row: 2, column: 'duration', message: /not a number of minutes/ }, { row: 3, column: 'changeover', message: /not a number of minutes/ }]],
    ['duplicate rows', csv('2030-07-05,set,A,18:00,45,0,', '2030-07-05,set,B,19:00,45,0,', '2030-07-05,set,A,18:00,30,0,'), [{ row: 4, message: /duplicate of row 2/ }]],
    ['one bad row among good ones', csv('2030-07-05,set,A,18:00,45,0,', '2030-07-05,set,B,19:00,45,0,', '2030-07-05,gig,C,20:00,45,0,'), [{ row: 4, column: 'type', message: /unknown type "gig"/ }]],
  ])('%s → 400 with a per-row report, and nothing is imported', async (_what, body, expected) => {
    const r = await post('/api/schedule/import', body);
    expect(r.status).toBe(400);
    const answer = (await r.json()) as { ok: false; report: { row: number; column?: string; message: string }[]; error: { code: string; message: string; issues: { path: string }[] } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_params');
    expect(answer.error.message).toMatch(/^nothing was imported/);
    expect(answer.report).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      const got = answer.report[i]!;
      expect(got.row).toBe(want.row);
      expect(got.column).toBe((want as { column?: string }).column);
      expect(got.message).toMatch(want.message);
    });
    expect(answer.error.issues[0]!.path).toMatch(/^row \d+/);
    // Nothing of the file made it in, not even its good rows.
    expect((await day('2030-07-05')).entries).toEqual([]);
    const days = (await (await post('/api/call/schedule.days', {})).json()) as { date: string }[];
    expect(days.map((d) => d.date)).toEqual([DAY]);
  });

  it('a day that already has a running order is only replaced when asked (?replace=1)', async () => {
    const r = await post('/api/schedule/import', good);
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/2030-07-04 already has a running order/);
    const again = await post('/api/schedule/import?replace=1', good);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, days: [{ date: DAY, entries: 5, replaced: true }] });
  });

  it('start late, end, next and undo: actual times in, every later expected start shifts, the curfew projection follows', async () => {
    const alpha = byTitle(await day(), 'Alpha');
    // Alpha 25 minutes late.
    let r = await post(`/api/schedule/entries/${alpha.id}/start`, { at: '2030-07-04T18:25:00+01:00' });
    expect(r.status).toBe(200);
    let d = await day();
    expect(byTitle(d, 'Alpha')).toMatchObject({ actualStart: '2030-07-04T18:25:00+01:00', actualEnd: null, expectedEnd: '2030-07-04T19:10:00+01:00', slipSeconds: 1500 });
    // Bravo: 19:10 + 15' changeover = 19:25 (25' late); its end 20:25 + 30' = 20:55, so the gap before Charlie (21:00) absorbs it.
    expect(byTitle(d, 'Bravo')).toMatchObject({ expectedStart: '2030-07-04T19:25:00+01:00', slipSeconds: 1500 });
    expect(byTitle(d, 'Charlie')).toMatchObject({ expectedStart: '2030-07-04T21:00:00+01:00', slipSeconds: 0 });
    expect(d.curfewState).toBe('ok');

    // A second start of a running set is a conflict, and changes nothing.
    r = await post(`/api/schedule/entries/${alpha.id}/start`, { at: '2030-07-04T18:30:00+01:00' });
    expect(r.status).toBe(409);

    r = await post(`/api/schedule/entries/${alpha.id}/end`, { at: '2030-07-04T19:20:00Z' });
    expect(r.status).toBe(200);
    d = await day();
    // Ended 20:20 local (an ISO time in UTC is fine): Bravo now 20:35, ends 21:35, so Charlie is 35' late and ends 22:35 — past curfew.
    expect(byTitle(d, 'Alpha').actualEnd).toBe('2030-07-04T20:20:00+01:00');
    expect(byTitle(d, 'Bravo').expectedStart).toBe('2030-07-04T20:35:00+01:00');
    expect(byTitle(d, 'Charlie')).toMatchObject({ expectedStart: '2030-07-04T22:05:00+01:00', slipSeconds: 3900 });
    expect(d).toMatchObject({ projectedEnd: '2030-07-04T23:05:00+01:00', curfewState: 'danger' });

    // Next with nothing running starts the first set not yet played.
    r = await post('/api/schedule/next', { date: DAY, at: '2030-07-04T20:30:00+01:00' });
    expect(r.status).toBe(200);
    d = await day();
    expect(byTitle(d, 'Bravo')).toMatchObject({ actualStart: '2030-07-04T20:30:00+01:00', slipSeconds: 5400 });

    // Undo takes the last action back (Bravo's start), then the one before (Alpha's end).
    expect((await post('/api/schedule/undo', { date: DAY })).status).toBe(200);
    expect(byTitle(await day(), 'Bravo').actualStart).toBeNull();
    expect((await post('/api/schedule/undo', { date: DAY })).status).toBe(200);
    d = await day();
    expect(byTitle(d, 'Alpha')).toMatchObject({ actualStart: '2030-07-04T18:25:00+01:00', actualEnd: null });
  });

  it('start/end refuse what is not a time or not an entry', async () => {
    const alpha = byTitle(await day(), 'Alpha');
    const bad = await post(`/api/schedule/entries/${alpha.id}/end`, { at: 'half past eight' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/ISO 8601/);
    expect((await post('/api/schedule/entries/no-such-entry/start', { date: DAY })).status).toBe(404);
    expect((await post(`/api/schedule/entries/${alpha.id}/start`, '{"at":')).status).toBe(400);
  });

  it('CSV export re-imports to the same planned times; the planned-vs-actual report comes as CSV', async () => {
    const r = await get(`/api/schedule.csv?day=${DAY}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="running-order-${DAY}.csv"`);
    const text = await r.text();
    expect(text).toBe(good);

    const report = await get(`/api/schedule/report.csv?day=${DAY}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await report.text()).split('\r\n')).toEqual([
      'day,title,planned_start,planned_end,actual_start,actual_end,start_slip_min,end_slip_min',
      `${DAY},Alpha,18:00,18:45,18:25,,25,`,
      `${DAY},Bravo,19:00,20:00,,,,`,
      `${DAY},Charlie,21:00,22:00,,,,`,
      '',
    ]);
  });

  it('a viewer reads the running order but cannot operate it; wrong verbs are 405', async () => {
    const asViewer = { Authorization: `Bearer ${viewer}` };
    expect((await get(`/api/schedule?day=${DAY}`, asViewer)).status).toBe(200);
    expect((await get(`/api/schedule.csv?day=${DAY}`, asViewer)).status).toBe(200);
    expect((await post('/api/schedule/next', { date: DAY }, asViewer)).status).toBe(403);
    expect((await post('/api/schedule/import', good, asViewer)).status).toBe(403);
    const wrong = await get('/api/schedule/next');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await get('/api/schedule')).status).toBe(200);
    expect((await fetch(`${s.url}/api/schedule`)).status).toBe(401);
  });

  it('GET /api/schedule without a day is the current show day (empty here), in the same shape', async () => {
    const today = (await (await get('/api/schedule')).json()) as ApiDay;
    expect(today).toEqual({ entries: [], curfew: null, projectedEnd: null, curfewState: 'ok' });
  });

  it('an "MQTT publish" cue goes out on the console’s broker when its set actually starts, and the firing is on the timeline', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { reconnectPeriod: 0 });
    const got: { topic: string; payload: string }[] = [];
    client.on('message', (topic, payload) => got.push({ topic, payload: payload.toString() }));
    await client.subscribeAsync('stage/#');
    try {
      // On the current show day (cues fire for the day being run): a set started now.
      const added = (await (
        await post('/api/call/schedule.add', {
          entry: { type: 'set', title: 'Encore', plannedStart: '23:59', plannedDurationMin: 10, cues: [{ trigger: { kind: 'onStart' }, action: { type: 'mqtt.publish', topic: 'stage/house-lights', payload: 'off' } }] },
        })
      ).json()) as { day: { entries: { id: string }[] } };
      const id = added.day.entries[0]!.id;
      expect(got).toEqual([]);
      expect((await post(`/api/schedule/entries/${id}/start`, {})).status).toBe(200);
      await waitFor(() => got.length > 0 || undefined, 10_000);
      expect(got).toEqual([{ topic: 'stage/house-lights', payload: 'off' }]);
      const events = (await (await post('/api/call/events.list', { limit: 20 })).json()) as { message: string }[];
      expect(events.map((e) => e.message)).toContain('Running order cue: “Encore” on start → MQTT published to “stage/house-lights”');
      // Once: undo the start and start again — no second message.
      await post('/api/schedule/undo', {});
      await post(`/api/schedule/entries/${id}/start`, {});
      await new Promise((r) => setTimeout(r, 1500));
      expect(got).toHaveLength(1);
    } finally {
      await client.endAsync();
    }
  });

  it('a "cue list GO" cue steps a real cue list in the DMX engine: its first cue on the set’s actual start, the next on its actual end', async () => {
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const r = await post(`/api/call/${method}`, params);
      const body = (await r.json()) as T;
      expect(r.status, `${method}: ${JSON.stringify(body)}`).toBe(200);
      return body;
    };
    const channels = async () => (await call<{ channels: number[] }>('dmx.universe', { universe: 3 })).channels.slice(0, 3);
    // Two looks on universe 3 (nothing else in this file touches it), as the cues of one list.
    const walkIn = await call<{ id: string }>('scenes.create', { name: 'Walk-in', fadeMs: 0, values: { '3': { '1': 200, '2': 0, '3': 17 } } });
    const show = await call<{ id: string }>('scenes.create', { name: 'Show', fadeMs: 0, values: { '3': { '1': 40, '2': 100, '3': 17 } } });
    await call('cues.save', { list: { id: 'stage-looks', name: 'Stage looks', loop: false, cues: [{ id: 'q1', sceneId: walkIn.id, fadeMs: 0 }, { id: 'q2', sceneId: show.id, fadeMs: 0 }] } });
    expect(await channels()).toEqual([0, 0, 0]);

    const cue = (kind: 'onStart' | 'onEnd') => ({ trigger: { kind }, action: { type: 'cuelist.go', cueListId: 'stage-looks' } });
    const added = await call<{ day: { entries: { id: string; title: string }[] } }>('schedule.add', { entry: { type: 'set', title: 'Changeover', plannedStart: '23:58', plannedDurationMin: 5, cues: [cue('onStart'), cue('onEnd')] } });
    const id = added.day.entries.find((e) => e.title === 'Changeover')!.id;
    // Nothing fires from the plan alone.
    await new Promise((r) => setTimeout(r, 500));
    expect(await channels()).toEqual([0, 0, 0]);

    expect((await post(`/api/schedule/entries/${id}/start`, {})).status).toBe(200);
    expect(await waitFor(async () => ((await channels())[0] === 200 ? channels() : undefined), 10_000)).toEqual([200, 0, 17]);
    // The engine's own account: the list's playback is on its first cue, with that cue's scene on stage.
    const playing = async () => {
      const p = (await call<{ playbacks: { sceneId: string | null; cueList: { currentId: string | null } | null }[] }>('dmx.status', {})).playbacks.find((x) => x.cueList !== null);
      return p && { cue: p.cueList!.currentId, scene: p.sceneId };
    };
    expect(await playing()).toEqual({ cue: 'q1', scene: walkIn.id });

    expect((await post(`/api/schedule/entries/${id}/end`, {})).status).toBe(200);
    expect(await waitFor(async () => ((await channels())[1] === 100 ? channels() : undefined), 10_000)).toEqual([40, 100, 17]);
    expect(await playing()).toEqual({ cue: 'q2', scene: show.id });

    const events = (await (await post('/api/call/events.list', { limit: 30 })).json()) as { message: string }[];
    const fired = events.map((e) => e.message).filter((m) => m.startsWith('Running order cue: “Changeover”'));
    expect(fired.sort()).toEqual(['Running order cue: “Changeover” on end → cue list “Stage looks” GO', 'Running order cue: “Changeover” on start → cue list “Stage looks” GO']);
  });
});
