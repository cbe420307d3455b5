import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { defaultSettings, type Settings, type TimelineEvent } from '../../../preload/contract/index.ts';
import type { ScheduleDay } from '../../../preload/contract/schedule.ts';
import type { DeviceSighting, Sample } from '../../../native/ingest.ts';
import { ScheduleService } from '../../../main/schedule/service.ts';
import type { CueTargets, MqttPublisher } from '../../../main/schedule/cue-actions.ts';
import { EventHub } from '../../../main/runtime/hub.ts';
import { Timeline } from '../../../main/runtime/timeline.ts';
import { createLogger } from '../../../main/runtime/logger.ts';
import type { ServiceContext } from '../../../main/runtime/service.ts';
import { openDatabase, type Db } from '../../../main/store/db.ts';
import { EventsRepo } from '../../../main/store/events-repo.ts';
import { ScheduleRepo } from '../../../main/store/schedule-repo.ts';
import { useTempDirs } from '../../helpers/tmp.ts';
import { LONDON, bst, curfew, day, set } from './builders.ts';

/**
 * The running order service against a real SQLite file, the real hub and timeline, fake DMX/MQTT targets
 * and a fake clock (vitest's timers move Date.now and the service's ticks together).
 */

interface Harness {
  service: ScheduleService;
  db: Db;
  timeline: () => TimelineEvent[];
  scenes: string[];
  cueLists: string[];
  published: { topic: string; payload: string; retain: boolean }[];
  ingested: { sighting: DeviceSighting; samples: readonly Sample[]; options: unknown }[];
  reports: { state: string; message: string }[];
  hub: EventHub;
  ctx: ServiceContext;
  stop: () => Promise<void>;
}

const silent = createLogger({ console: false });

function settingsWith(schedule: Partial<Settings['schedule']> = {}, demo = false): Settings {
  return { ...defaultSettings, demo: { ...defaultSettings.demo, enabled: demo }, schedule: { ...defaultSettings.schedule, zone: LONDON, ...schedule } };
}

describe('running order service', () => {
  const tempDir = useTempDirs();
  let dir: string;
  const open: Harness[] = [];

  beforeEach(() => {
    dir = tempDir();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(bst(17, 0));
  });
  afterEach(async () => {
    for (const h of open.splice(0)) await h.stop();
    vi.useRealTimers();
  });

  let counter = 0;
  function harness(settings = settingsWith(), options: { mqtt?: MqttPublisher | null; failScenes?: boolean } = {}): Harness {
    const db = openDatabase(join(dir, 'show.db'));
    const hub = new EventHub();
    const events = new EventsRepo(db);
    const timeline = new Timeline(events, hub, () => Date.now());
    const scenes: string[] = [];
    const cueLists: string[] = [];
    const published: Harness['published'] = [];
    const ingested: Harness['ingested'] = [];
    const reports: Harness['reports'] = [];
    const targets: CueTargets = {
      sceneGo: async (id) => {
        if (options.failScenes) throw new Error('the DMX engine is off (Settings → DMX turns it on)');
        scenes.push(id);
        return { name: `Scene ${id}` };
      },
      cueListGo: async (id) => {
        cueLists.push(id);
        return { name: `List ${id}` };
      },
      sceneName: (id) => `Scene ${id}`,
      cueListName: (id) => `List ${id}`,
      mqtt: () => (options.mqtt === undefined ? null : options.mqtt),
    };
    const service = new ScheduleService({
      repo: new ScheduleRepo(db),
      hub,
      timeline,
      sink: { ingest: (sighting, samples, o) => (ingested.push({ sighting, samples, options: o }), samples.length), suggestName: () => {} },
      targets,
      settings: () => settings,
      now: () => Date.now(),
      newId: () => `id${++counter}`,
    });
    const ctx: ServiceContext = { report: (state, message) => void reports.push({ state, message }), logger: silent };
    const h: Harness = {
      service,
      db,
      timeline: () => events.list(1000).reverse(),
      scenes,
      cueLists,
      published,
      ingested,
      reports,
      hub,
      ctx,
      stop: async () => {
        await service.stop();
        db.close();
      },
    };
    open.push(h);
    return h;
  }

  async function started(settings = settingsWith(), options: Parameters<typeof harness>[1] = {}): Promise<Harness> {
    const h = harness(settings, options);
    h.service.start(h.service.config(settings), h.ctx);
    await vi.advanceTimersByTimeAsync(0);
    return h;
  }

  /** Move the clock on; the service's second ticks (and any cue timers) run on the way. */
  async function at(h: Harness, ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms - Date.now());
  }

  /** Put a day in through the API the UI uses (add), so ids and cues are made as in production. */
  function load(h: Harness, d: ScheduleDay): void {
    for (const e of d.entries) {
      const { id: _id, ...rest } = e as ScheduleDay['entries'][number] & { actualStart?: unknown; actualEnd?: unknown };
      void _id;
      const input = { ...rest } as Record<string, unknown>;
      delete input.actualStart;
      delete input.actualEnd;
      h.service.add(input as never, undefined, d.date);
    }
  }

  const idOf = (h: Harness, title: string, date = '2026-07-04') => h.service.state(date).day.entries.find((e) => e.title === title)!.id;
  const messages = (h: Harness) => h.timeline().map((e) => e.message);

  /** A 18:00 45' +15', B 19:00 60' with a walk-in look 10' before its (slipped) start, its show scene on start, a cue list GO on end. */
  function show(): ScheduleDay {
    return day([
      set('A', '18:00', 45, { title: 'Alpha', changeoverAfterMin: 15 }),
      set('B', '19:00', 60, {
        title: 'Bravo',
        cues: [
          { id: 'walk-in', trigger: { kind: 'beforeStart', minutes: 10 }, action: { type: 'scene.go', sceneId: 'walk-in' } },
          { id: 'show', trigger: { kind: 'onStart' }, action: { type: 'scene.go', sceneId: 'show' } },
          { id: 'house', trigger: { kind: 'onEnd' }, action: { type: 'cuelist.go', cueListId: 'house' } },
        ],
      }),
      curfew('c', '23:00'),
    ]);
  }

  it('fires each cue once, from the ACTUAL (slipped) times, and records every firing on the timeline', async () => {
    const h = await started();
    load(h, show());
    await at(h, bst(18, 10));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined, 'test');
    // On paper the walk-in look is due 18:50; with Alpha 10 minutes late it must wait.
    await at(h, bst(18, 50, 30));
    expect(h.scenes).toEqual([]);
    h.service.endSet(idOf(h, 'Alpha'), undefined, undefined);
    // Alpha ended 18:50:30, so Bravo is expected 19:05:30 and its walk-in look is due 18:55:30.
    await at(h, bst(18, 55, 29));
    expect(h.scenes).toEqual([]);
    await at(h, bst(18, 55, 31));
    expect(h.scenes).toEqual(['walk-in']);
    await at(h, bst(19, 7));
    expect(h.scenes).toEqual(['walk-in']);
    h.service.startSet(idOf(h, 'Bravo'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(10);
    // The show scene goes the moment Bravo actually starts, not at 19:00.
    expect(h.scenes).toEqual(['walk-in', 'show']);
    // Undo the start and start again: a cue fires once per day, so nothing fires twice.
    h.service.undo(undefined);
    h.service.startSet(idOf(h, 'Bravo'), undefined, undefined);
    await at(h, bst(19, 30));
    expect(h.scenes).toEqual(['walk-in', 'show']);
    h.service.endSet(idOf(h, 'Bravo'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.cueLists).toEqual(['house']);
    const cueLines = messages(h).filter((m) => m.startsWith('Running order cue'));
    expect(cueLines).toEqual([
      'Running order cue: “Bravo” 10 min before start → scene “Scene walk-in” GO',
      'Running order cue: “Bravo” on start → scene “Scene show” GO',
      'Running order cue: “Bravo” on end → cue list “List house” GO',
    ]);
    // The operator's own actions are on the timeline too, with their slip.
    expect(messages(h)).toContain('Running order 2026-07-04: “Alpha” started 18:10:00 (10 min late) (via test)');
  });

  it('a cue that came due while the console was down is reported missed on the timeline, never fired late — and only once', async () => {
    const first = await started();
    load(first, show());
    await at(first, bst(18, 0));
    first.service.startSet(idOf(first, 'Alpha'), undefined, undefined);
    await at(first, bst(18, 45));
    first.service.endSet(idOf(first, 'Alpha'), undefined, undefined);
    await first.stop();
    open.splice(open.indexOf(first), 1);

    // Down from 18:45 to 19:05: Bravo was expected at 19:00 (Alpha's end + 15'); its walk-in look (10' before) passed unchecked.
    // Projected now, Bravo can start no earlier than 19:05, so the look reads as due 18:55 — 10 minutes ago, far past the tolerance.
    vi.setSystemTime(bst(19, 5));
    const second = await started();
    expect(second.scenes).toEqual([]);
    const missed = messages(second).filter((m) => m.startsWith('Running order cue missed'));
    expect(missed).toEqual(['Running order cue missed: “Bravo” 10 min before start → scene “Scene walk-in” GO was due at 18:55:00 while the console was not running; not fired late']);
    expect(second.timeline().find((e) => e.message === missed[0])!.severity).toBe('warn');
    await second.stop();
    open.splice(open.indexOf(second), 1);

    // Another restart: the miss was stored with the cue, so it is neither fired nor reported again; Bravo's own cue still fires.
    const third = await started();
    third.service.startSet(idOf(third, 'Bravo'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(1100);
    expect(messages(third).filter((m) => m.startsWith('Running order cue missed'))).toHaveLength(1);
    expect(third.scenes).toEqual(['show']);
  });

  it('undo survives a restart, and says what it will undo', async () => {
    const h = await started();
    load(h, show());
    await at(h, bst(18, 3));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    expect(h.service.state().undo.last).toBe('Start “Alpha”');
    await h.stop();
    open.splice(open.indexOf(h), 1);

    const again = await started();
    const before = again.service.state();
    expect(before.view.runningId).toBe(idOf(again, 'Alpha'));
    expect(before.undo).toEqual({ steps: 4, last: 'Start “Alpha”' });
    const after = again.service.undo(undefined, 'test');
    expect(after.view.runningId).toBeNull();
    expect(after.day.entries.every((e) => e.type !== 'set' || e.actualStart === null)).toBe(true);
    expect(after.undo.last).toBe('Add “Curfew”');
    expect(messages(again)).toContain('Running order 2026-07-04: undone — Start “Alpha” (via test)');
  });

  it('undo with nothing left is a conflict, and changes nothing', async () => {
    const h = await started();
    expect(() => h.service.undo('2026-07-09')).toThrow(/nothing to undo on 2026-07-09/);
  });

  it('Art-Net timecode as the time source: the clock follows it, and its loss is flagged (running on the computer’s clock)', async () => {
    const h = await started(settingsWith({ timeSource: 'artnet-timecode', timecodeLossMs: 2000 }));
    // Nothing received yet: lost from the start, the computer's clock stands in.
    expect(h.service.clock()).toMatchObject({ source: 'artnet-timecode', lost: true, lostForMs: null, now: bst(17, 0) });
    expect(h.reports.at(-1)).toMatchObject({ state: 'degraded', message: 'waiting for Art-Net timecode — on this computer’s clock meanwhile' });

    // The DMX engine reports 20:30:15 frame 12 (EBU 25 → 480 ms), 40 ms old.
    const status = (text: string) => ({ timecode: { text, type: 'EBU 25', ageMs: 40 } }) as never;
    h.hub.publish('dmx.status', 'dmx', status('20:30:15:12'));
    expect(h.service.clock()).toMatchObject({ lost: false, now: bst(20, 30, 15) + 480 + 40, timecode: { text: '20:30:15:12', type: 'EBU 25' } });
    await vi.advanceTimersByTimeAsync(1100);
    // Between frames it runs on from the last one.
    expect(h.service.clock().now).toBe(bst(20, 30, 16) + 580 + 40);
    expect(h.reports.at(-1)!.state).toBe('ok');
    // "Start now" is timecode time.
    load(h, show());
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    expect(h.service.state().day.entries.find((e) => e.title === 'Alpha')).toMatchObject({ actualStart: bst(20, 30, 16) + 620 });

    // No frame for more than 2 s: lost, flagged, and the computer's clock takes over.
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.service.clock()).toMatchObject({ lost: true, now: Date.now() });
    expect(h.service.clock().lostForMs).toBeGreaterThan(2000);
    expect(h.reports.at(-1)).toMatchObject({ state: 'degraded', message: 'Art-Net timecode lost — on this computer’s clock meanwhile' });
  });

  it('an MQTT cue says "MQTT is not set up" on the timeline instead of firing, once', async () => {
    const h = await started();
    load(h, day([set('A', '18:00', 45, { title: 'Alpha', cues: [{ id: 'm', trigger: { kind: 'onStart' }, action: { type: 'mqtt.publish', topic: 'stage/state', payload: 'on' } }] })]));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(3000);
    const lines = h.timeline().filter((e) => e.message.includes('MQTT'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ severity: 'warn', message: 'Running order cue: “Alpha” on start → MQTT publish to “stage/state” not sent: MQTT is not set up in this console' });
    expect(h.db.prepare('SELECT outcome FROM schedule_cues').all()).toEqual([{ outcome: 'failed' }]);
  });

  it('with a publisher, an MQTT cue publishes its payload (retain as set)', async () => {
    const published: { topic: string; payload: string; retain: boolean }[] = [];
    const h = await started(settingsWith(), { mqtt: { publish: async (topic, payload, o) => void published.push({ topic, payload, retain: o.retain }) } });
    load(h, day([set('A', '18:00', 45, { title: 'Alpha', cues: [{ id: 'm', trigger: { kind: 'onEnd' }, action: { type: 'mqtt.publish', topic: 'stage/state', payload: 'off', retain: true } }] })]));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    h.service.endSet(idOf(h, 'Alpha'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(published).toEqual([{ topic: 'stage/state', payload: 'off', retain: true }]);
  });

  it('a scene that cannot GO (DMX off) is recorded as a failed firing with the reason, and not retried', async () => {
    const h = await started(settingsWith(), { failScenes: true });
    load(h, show());
    await at(h, bst(18, 0));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    h.service.nextSet(undefined, undefined);
    await vi.advanceTimersByTimeAsync(5000);
    const line = h.timeline().find((e) => e.message.includes('on start →'))!;
    expect(line).toMatchObject({ severity: 'warn', message: 'Running order cue: “Bravo” on start → scene “Scene show” GO could not fire: the DMX engine is off (Settings → DMX turns it on)' });
    expect(h.timeline().filter((e) => e.message.includes('on start →'))).toHaveLength(1);
  });

  it('an alert cue goes on the timeline as an alert with its severity', async () => {
    const h = await started();
    load(h, day([set('A', '18:00', 45, { title: 'Alpha', cues: [{ id: 'x', trigger: { kind: 'onStart' }, action: { type: 'alert', message: 'Pyro armed', severity: 'alarm' } }] })]));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.timeline().filter((e) => e.kind === 'alert.raised')).toMatchObject([{ severity: 'alarm', message: 'Pyro armed (running order cue: “Alpha” on start)' }]);
  });

  it('slip per set goes into the telemetry store as the day’s slip series, at the actual start', async () => {
    const h = await started();
    load(h, show());
    await at(h, bst(18, 12, 30));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    h.service.startSet(idOf(h, 'Bravo'), '19:04', undefined);
    expect(h.ingested).toEqual([
      { sighting: { id: 'schedule:2026-07-04', kind: 'other', model: 'Running order', source: 'schedule' }, samples: [{ metric: 'slip', unit: 'min', value: 12.5, ts: bst(18, 12, 30) }], options: { live: false } },
      { sighting: { id: 'schedule:2026-07-04', kind: 'other', model: 'Running order', source: 'schedule' }, samples: [{ metric: 'slip', unit: 'min', value: 4, ts: bst(19, 4) }], options: { live: false } },
    ]);
  });

  it('projects the current day every second on schedule.changed, with slip, curfew state and the clock', async () => {
    const h = await started(settingsWith({ warnMarginMin: 30, dangerMarginMin: 0 }));
    load(h, show());
    const seen: { key: string | number; data: { view: { curfewState: string; now: number } } }[] = [];
    h.hub.listen((topic, key, data) => {
      if (topic === 'schedule.changed') seen.push({ key, data: data as never });
    });
    await vi.advanceTimersByTimeAsync(3500);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((s) => s.key === '2026-07-04')).toBe(true);
    expect(seen.at(-1)!.data.view.curfewState).toBe('ok');
    // Bravo ends 20:00 on paper, 3 h before curfew. Starting Alpha 2.5 h late puts Bravo's end at 22:30 + 15' → warning.
    await at(h, bst(20, 40));
    h.service.startSet(idOf(h, 'Alpha'), undefined, undefined);
    expect(seen.at(-1)!.data.view.curfewState).toBe('warning');
  });

  it('the show day rolls over at dayStartsAt: at 01:30 the evening before is still today', async () => {
    vi.setSystemTime(bst(25, 30));
    const h = await started(settingsWith({ dayStartsAt: '06:00' }));
    expect(h.service.state().date).toBe('2026-07-04');
    vi.setSystemTime(bst(30, 0));
    expect(h.service.state().date).toBe('2026-07-05');
  });

  it('CSV import: all or nothing with a per-row report; an existing day needs replace', async () => {
    const h = await started();
    const bad = h.service.importCsv('day,type,title,start,duration,changeover,notes\r\n2026-07-04,set,A,25:99,45,0,\r\n2026-07-04,set,B,19:00,long,0,\r\n', false);
    expect(bad).toEqual({
      ok: false,
      report: [
        { row: 2, column: 'start', message: 'impossible time "25:99": hours go 00–23 and minutes 00–59' },
        { row: 3, column: 'duration', message: 'the duration "long" is not a number of minutes' },
      ],
    });
    expect(h.service.list()).toEqual([]);
    const good = 'day,type,title,start,duration,changeover,notes\r\n2026-07-04,set,A,18:00,45,15,\r\n2026-07-04,curfew,Curfew,23:00,,,\r\n';
    expect(h.service.importCsv(good, false)).toEqual({ ok: true, days: [{ date: '2026-07-04', entries: 2, replaced: false }] });
    expect(() => h.service.importCsv(good, false)).toThrow(/2026-07-04 already has a running order/);
    expect(h.service.importCsv(good, true)).toEqual({ ok: true, days: [{ date: '2026-07-04', entries: 2, replaced: true }] });
    expect(h.service.state().undo.last).toBe('Import CSV');
  });

  it('the demo site brings a sample running order for today — once, and never over an existing one', async () => {
    vi.setSystemTime(bst(19, 2, 10));
    const h = await started(settingsWith({}, true));
    const state = h.service.state();
    expect(state.day.entries.map((e) => e.type)).toEqual(['milestone', 'set', 'set', 'set', 'set', 'curfew']);
    expect(state.view.runningId).toBe(state.day.entries[1]!.id);
    // Planned 18:30 (19:00 − 30), started 3 minutes late.
    expect(state.view.entries[1]!.slipSeconds).toBe(180);
    expect(state.view.curfewState).toBe('ok');
    await h.stop();
    open.splice(open.indexOf(h), 1);
    const again = await started(settingsWith({}, true));
    expect(again.service.list()).toHaveLength(1);
    expect(again.service.state().day.entries).toHaveLength(6);
  });

  it('editor: overlaps are flagged, never reordered; patches are checked against the entry type', async () => {
    const h = await started();
    load(h, day([set('A', '18:00', 60, { title: 'Alpha' }), set('B', '18:30', 30, { title: 'Bravo' })]));
    const s = h.service.state();
    expect(s.day.entries.map((e) => e.title)).toEqual(['Alpha', 'Bravo']);
    expect(s.view.conflicts).toEqual([{ kind: 'overlap', entryIds: [idOf(h, 'Alpha'), idOf(h, 'Bravo')], seconds: 1800 }]);
    expect(() => h.service.update(idOf(h, 'Alpha'), { minutes: 5 }, undefined)).toThrow('a set has no minutes');
    // Switching a set from a duration to an end drops the duration.
    const updated = h.service.update(idOf(h, 'Alpha'), { plannedEnd: '18:20' }, undefined);
    expect(updated.day.entries[0]).toMatchObject({ plannedEnd: '18:20' });
    expect(updated.day.entries[0]).not.toHaveProperty('plannedDurationMin');
    expect(updated.view.conflicts).toEqual([]);
    // A colour is set, then cleared with null (what the edit form sends for "no colour"); the rest stays.
    expect(h.service.update(idOf(h, 'Bravo'), { colour: '#ff8800' }, undefined).day.entries[1]).toMatchObject({ title: 'Bravo', colour: '#ff8800' });
    expect(h.service.update(idOf(h, 'Bravo'), { colour: null, title: 'Bravo 2' }, undefined).day.entries[1]).toMatchObject({ title: 'Bravo 2', colour: null });
  });

  it('a local HH:MM for a correction means the occurrence nearest the planned time (after midnight for a late set)', async () => {
    const h = await started();
    load(h, day([set('L', '24:30', 60, { title: 'Late' })]));
    const s = h.service.editActual(idOf(h, 'Late'), { actualStart: '00:41', actualEnd: '01:35:20' }, undefined);
    expect(s.day.entries[0]).toMatchObject({ actualStart: bst(24, 41), actualEnd: bst(25, 35, 20) });
  });

  it('the show file part: every day with its cues and actual times out; checked whole, then loaded (undoable) in', async () => {
    const h = await started();
    load(h, show());
    h.service.startSet(idOf(h, 'Alpha'), bst(18, 4), undefined);
    h.service.endSet(idOf(h, 'Alpha'), bst(18, 50), undefined);
    const part = h.service.showPart();
    const exported = JSON.parse(JSON.stringify(part.export())) as { days: ScheduleDay[] };
    expect(exported.days).toEqual([h.service.state('2026-07-04').day]);
    expect(() => part.check({ days: [{ date: '2026-07-04', entries: [{ id: 'x', type: 'set', title: '' }] }] })).toThrow(/day 1:/);
    expect(() => part.check({ days: [exported.days[0], exported.days[0]] })).toThrow(/in the file twice/);

    h.service.clearDay('2026-07-04');
    part.apply(part.check(exported));
    expect(h.service.state('2026-07-04').day).toEqual(exported.days[0]);
    expect(h.service.state('2026-07-04').undo.last).toBe('Load a show file');
  });
});
