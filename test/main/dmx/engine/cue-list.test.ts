import { describe, expect, it } from 'vitest';
import { DmxEngine, resolveCueList, type EngineCue } from '../../../../main/dmx/engine/index.ts';
import type { DmxCueList, DmxScene } from '../../../../preload/contract/dmx.ts';

/** A cue that puts `value` on universe 1 channel 1 (unpatched = intensity). */
const cue = (id: string, value: number, fadeMs: number, followMs?: number): EngineCue => {
  const c: EngineCue = { id, look: { id: `scene-${id}`, values: { '1': { '1': value } } }, fadeMs };
  if (followMs !== undefined) c.followMs = followMs;
  return c;
};
const ch1 = (e: DmxEngine, now: number) => {
  e.render(now);
  return e.output(1)[0];
};

describe('cue list GO / BACK / jump', () => {
  function loaded(loop: boolean) {
    const e = new DmxEngine({ universes: 2 });
    expect(e.loadCueList('cl', { loop, cues: [cue('A', 100, 0), cue('B', 200, 1000), cue('C', 50, 0)] })).toEqual({ ok: true });
    return e;
  }

  it('GO from nothing plays the first cue, then steps through with each cue’s fade', () => {
    const e = loaded(false);
    expect(e.playbackStatus('cl', 0)?.cueList).toMatchObject({ current: -1, currentId: null, next: 0, nextId: 'A' });
    expect(ch1(e, 0)).toBe(0);
    e.cueGo('cl', 0);
    expect(ch1(e, 0)).toBe(100);
    expect(e.playbackStatus('cl', 0)).toMatchObject({ lookId: 'scene-A', cueList: { current: 0, currentId: 'A', next: 1, nextId: 'B' } });
    e.cueGo('cl', 1000);
    expect(ch1(e, 1500)).toBe(150);
    e.cueGo('cl', 2000);
    expect(ch1(e, 2000)).toBe(50);
    expect(e.playbackStatus('cl', 2000)?.cueList).toMatchObject({ current: 2, next: -1, nextId: null });
    expect(e.cueGo('cl', 3000)).toEqual({ ok: false, error: 'the last cue is already playing' });
    expect(ch1(e, 3000)).toBe(50);
  });

  it('BACK plays the previous cue with its own fade; not before the first', () => {
    const e = loaded(false);
    e.cueJump('cl', 2, 0);
    e.cueBack('cl', 100); // to B: 50 → 200 over B's 1000 ms
    expect(ch1(e, 600)).toBe(125);
    expect(ch1(e, 1100)).toBe(200);
    e.cueBack('cl', 1200); // to A: snap
    expect(ch1(e, 1200)).toBe(100);
    expect(e.cueBack('cl', 1300)).toMatchObject({ ok: false });
    expect(e.playbackStatus('cl', 1300)?.cueList?.current).toBe(0);
  });

  it('jump plays any cue; bad indexes are refused and change nothing', () => {
    const e = loaded(false);
    expect(e.cueJump('cl', 1, 0)).toEqual({ ok: true });
    expect(ch1(e, 500)).toBe(100);
    expect(e.cueJump('cl', 3, 600)).toMatchObject({ ok: false });
    expect(e.cueJump('cl', -1, 600)).toMatchObject({ ok: false });
    expect(e.playbackStatus('cl', 600)?.cueList?.current).toBe(1);
    expect(e.cueGo('nope', 0)).toMatchObject({ ok: false });
  });

  it('with loop, GO after the last cue wraps to the first and BACK from the first to the last', () => {
    const e = loaded(true);
    e.cueJump('cl', 2, 0);
    expect(e.playbackStatus('cl', 0)?.cueList).toMatchObject({ next: 0, nextId: 'A' });
    e.cueGo('cl', 10);
    expect(ch1(e, 10)).toBe(100);
    e.cueBack('cl', 20);
    expect(ch1(e, 20)).toBe(50);
    expect(e.playbackStatus('cl', 20)?.cueList?.current).toBe(2);
  });

  it('release goes back to "nothing played": the next GO plays the first cue', () => {
    const e = loaded(false);
    e.cueGo('cl', 0);
    e.cueGo('cl', 0);
    e.releaseLayer('cl', 100);
    expect(ch1(e, 100)).toBe(0);
    expect(e.playbackStatus('cl', 100)).toMatchObject({ lookId: null, cueList: { current: -1, next: 0 } });
    e.cueGo('cl', 200);
    expect(ch1(e, 200)).toBe(100);
  });

  it('reloading a list keeps the position when the current cue is still in it', () => {
    const e = loaded(false);
    e.cueJump('cl', 1, 0);
    e.loadCueList('cl', { loop: false, cues: [cue('X', 1, 0), cue('B', 2, 0), cue('C', 3, 0)] });
    expect(e.playbackStatus('cl', 0)?.cueList).toMatchObject({ current: 1, next: 2 });
    e.loadCueList('cl', { loop: false, cues: [cue('Y', 1, 0)] });
    expect(e.playbackStatus('cl', 0)?.cueList).toMatchObject({ current: -1, next: 0 });
  });

  it('refuses a cue list with a bad look or time, keeping the one loaded', () => {
    const e = loaded(false);
    const bad: EngineCue = { id: 'Z', look: { id: 's', values: { '9': { '1': 1 } } }, fadeMs: 0 };
    expect(e.loadCueList('cl', { loop: false, cues: [bad] })).toMatchObject({ ok: false });
    expect(e.loadCueList('cl', { loop: false, cues: [cue('Q', 1, -5)] })).toMatchObject({ ok: false });
    expect(e.playbackStatus('cl', 0)?.cueList?.count).toBe(3);
  });
});

describe('auto-follow', () => {
  it('fires exactly followMs after the cue’s fade completes (not a ms earlier)', () => {
    const e = new DmxEngine({ universes: 1 });
    e.loadCueList('cl', { loop: false, cues: [cue('A', 200, 1000, 500), cue('B', 10, 0)] });
    e.cueGo('cl', 100);
    expect(e.playbackStatus('cl', 100)?.cueList?.followDueAt).toBe(1600);
    expect(e.tick(1599)).toEqual([]);
    expect(e.playbackStatus('cl', 1599)?.cueList?.current).toBe(0);
    expect(e.tick(1600)).toEqual(['cl']);
    expect(e.playbackStatus('cl', 1600)?.cueList).toMatchObject({ current: 1, followDueAt: null });
    expect(ch1(e, 1600)).toBe(10);
  });

  it('render fires due follows itself', () => {
    const e = new DmxEngine({ universes: 1 });
    e.loadCueList('cl', { loop: false, cues: [cue('A', 200, 0, 300), cue('B', 10, 0)] });
    e.cueGo('cl', 0);
    expect(ch1(e, 299)).toBe(200);
    expect(ch1(e, 300)).toBe(10);
  });

  it('a looping chase steps on time forever (fade 0, follow 100 ms)', () => {
    const e = new DmxEngine({ universes: 1 });
    e.loadCueList('chase', { loop: true, cues: [cue('1', 10, 0, 100), cue('2', 20, 0, 100), cue('3', 30, 0, 100)] });
    e.cueGo('chase', 0);
    for (let t = 0; t <= 2000; t += 10) expect(ch1(e, t), `at ${t} ms`).toBe([10, 20, 30][Math.floor(t / 100) % 3]);
  });

  it('a late tick catches up: each step fires at its own due time, so a crossfading chase is where it should be', () => {
    // Fade 200, follow 0: steps at 0, 200, 400, …; the value at t is a linear crossfade within each step.
    const chase = () => {
      const e = new DmxEngine({ universes: 1 });
      e.loadCueList('c', { loop: true, cues: [cue('lo', 0, 200, 0), cue('hi', 200, 200, 0)] });
      e.cueGo('c', 0);
      return e;
    };
    const onTime = chase();
    const seen = new Map<number, number>();
    for (let t = 0; t <= 1200; t += 10) seen.set(t, ch1(onTime, t)!);
    // Step 1 (0–200) fades to 0 from 0; step 2 (200–400) 0→200; step 3 (400–600) 200→0; …
    expect([seen.get(300), seen.get(500), seen.get(700), seen.get(1000)]).toEqual([100, 100, 100, 0]);
    const late = chase();
    for (const t of [0, 130, 710, 730, 1200]) expect(ch1(late, t), `at ${t} ms`).toBe(seen.get(t));
  });

  it('BACK does not arm the follow; GO and jump do; a manual go() cancels it', () => {
    const e = new DmxEngine({ universes: 1 });
    e.loadCueList('cl', { loop: false, cues: [cue('A', 1, 0, 100), cue('B', 2, 0, 100), cue('C', 3, 0)] });
    e.cueJump('cl', 1, 0);
    e.cueBack('cl', 10);
    expect(e.tick(5000)).toEqual([]);
    e.cueGo('cl', 6000);
    expect(e.playbackStatus('cl', 6000)?.cueList?.followDueAt).toBe(6100);
    e.go('cl', { id: 'x', values: {} }, 0, 6050);
    expect(e.tick(7000)).toEqual([]);
  });

  it('a zero-length step (fade 0, follow 0) advances once per tick, never spins', () => {
    const e = new DmxEngine({ universes: 1 });
    e.loadCueList('c', { loop: true, cues: [cue('a', 1, 0, 0), cue('b', 2, 0, 0)] });
    e.cueGo('c', 0);
    expect(ch1(e, 0)).toBe(2);
    expect(ch1(e, 1)).toBe(1);
    expect(ch1(e, 2)).toBe(2);
  });
});

describe('resolveCueList', () => {
  const scenes: DmxScene[] = [
    { id: 'walk-in', name: 'Walk-in', fadeMs: 3000, values: { '1': { '1': 128 } } },
    { id: 'show', name: 'Show', fadeMs: 1000, values: { '1': { '1': 255 } } },
  ];
  it('looks up each scene and takes the cue’s fade, else the scene’s', () => {
    const list: DmxCueList = { id: 'main', name: 'Main', loop: false, cues: [{ id: 'q1', sceneId: 'walk-in' }, { id: 'q2', sceneId: 'show', fadeMs: 500, followMs: 0 }] };
    const r = resolveCueList(list, scenes);
    expect(r).toEqual({
      ok: true,
      value: {
        loop: false,
        cues: [
          { id: 'q1', look: { id: 'walk-in', values: { '1': { '1': 128 } } }, fadeMs: 3000 },
          { id: 'q2', look: { id: 'show', values: { '1': { '1': 255 } } }, fadeMs: 500, followMs: 0 },
        ],
      },
    });
  });
  it('names the cue whose scene is missing', () => {
    const r = resolveCueList({ id: 'm', name: 'M', loop: true, cues: [{ id: 'q1', sceneId: 'gone' }] }, scenes);
    expect(r).toEqual({ ok: false, error: 'cue 1 ("q1") uses scene "gone", which does not exist' });
  });
});
