import { describe, expect, it } from 'vitest';
import { DmxEngine } from '../../../../main/dmx/engine/index.ts';
import type { DmxFixture } from '../../../../preload/contract/dmx.ts';

// Universe 1: ch1–2 unpatched (raw intensity), ch3 = pan of a mover, ch10/11 = a 16-bit tilt (coarse, fine).
const mover: DmxFixture = { id: 'm1', name: 'Mover', universe: 1, address: 3, channels: ['pan'] };
const tilt16: DmxFixture = { id: 't16', name: 'Tilt16', universe: 1, address: 10, channels: ['tilt', 'tilt'], fine: [[0, 1]] };

function engine(): DmxEngine {
  const e = new DmxEngine({ universes: 4 });
  expect(e.setPatch([mover, tilt16])).toEqual({ ok: true });
  return e;
}
const look = (id: string, values: Record<string, number>, universe = 1) => ({ id, values: { [String(universe)]: values } });
/** Channel (1-based) of universe u after rendering at `now`. */
function at(e: DmxEngine, now: number, ch: number, u = 1): number {
  e.render(now);
  return e.output(u)[ch - 1]!;
}

describe('GO fades are linear in time', () => {
  it('reaches 25/50/75/100 % of the way at 25/50/75/100 % of the fade time', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200 }), 1000, 0);
    expect(at(e, 0, 1)).toBe(0);
    expect(at(e, 250, 1)).toBe(50);
    expect(at(e, 500, 1)).toBe(100);
    expect(at(e, 750, 1)).toBe(150);
    expect(at(e, 1000, 1)).toBe(200);
    expect(at(e, 5000, 1)).toBe(200);
  });

  it('fade 0 snaps on the very next render', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200, '3': 90 }), 0, 100);
    expect(at(e, 100, 1)).toBe(200);
    expect(e.output(1)[2]).toBe(90);
    expect(e.playbackStatus('scenes', 100)).toMatchObject({ lookId: 'A', fading: false, progress: 1 });
  });

  it('crossfades scene to scene: channels left out fade to 0 while new ones fade in', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200 }), 0, 0);
    e.go('scenes', look('B', { '2': 100 }), 1000, 0);
    expect([at(e, 250, 1), e.output(1)[1]]).toEqual([150, 25]);
    expect([at(e, 1000, 1), e.output(1)[1]]).toEqual([0, 100]);
    // Channel 1 is released, not held at 0: the playback no longer lists it.
    expect(e.layerInfo().find((l) => l.id === 'scenes')?.universes).toEqual([1]);
  });

  it('a GO during a fade starts from the mid-fade value (no jump) and runs its own time', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200 }), 1000, 0);
    expect(at(e, 400, 1)).toBe(80);
    // GO at 500 (between renders): the value at 500 is 100, whatever was last rendered.
    e.go('scenes', look('B', { '1': 50 }), 1000, 500);
    expect(at(e, 500, 1)).toBe(100);
    expect(at(e, 1000, 1)).toBe(75);
    expect(at(e, 1500, 1)).toBe(50);
  });

  it('a GO back to the same look mid-fade carries on from where it is to the same target', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200 }), 1000, 0);
    e.go('scenes', look('A', { '1': 200 }), 1000, 500); // 100 now; 1000 ms more to 200
    expect(at(e, 1000, 1)).toBe(150);
    expect(at(e, 1500, 1)).toBe(200);
  });

  it('HTP channels fade from the playback’s own value; other layers still count through HTP', () => {
    const e = engine();
    e.setChannels(1, { '1': 150 }, 0);
    e.go('scenes', look('A', { '1': 100 }), 1000, 0);
    expect(at(e, 0, 1)).toBe(150); // the playback starts at its own 0, not at the stage's 150
    expect(at(e, 500, 1)).toBe(150); // max(150, 50)
    e.releaseLayer('manual', 600);
    expect(at(e, 600, 1)).toBe(60); // the playback's own mid-fade value shows once manual is gone
    expect(at(e, 1000, 1)).toBe(100);
  });

  it('LTP channels fade from what is on stage', () => {
    const e = engine();
    e.setChannels(1, { '3': 50 }, 0);
    e.go('scenes', look('A', { '3': 250 }), 1000, 10);
    expect(at(e, 10, 3)).toBe(50);
    expect(at(e, 510, 3)).toBe(150);
    expect(at(e, 1010, 3)).toBe(250);
  });

  it('an LTP channel left out of the next look glides to what is underneath, then is released', () => {
    const e = engine();
    e.setChannels(1, { '3': 50 }, 0);
    e.go('scenes', look('A', { '3': 200 }), 0, 1);
    expect(at(e, 1, 3)).toBe(200);
    e.go('scenes', look('B', { '1': 10 }), 1000, 100);
    expect(at(e, 600, 3)).toBe(125);
    expect(at(e, 1100, 3)).toBe(50);
    // Released: a later manual change shows, and the playback no longer holds channel 3.
    e.setChannels(1, { '3': 51 }, 1200);
    expect(at(e, 1200, 3)).toBe(51);
  });

  it('a 16-bit pair fades as one 16-bit value (not byte by byte)', () => {
    const e = engine();
    e.setChannels(1, { '10': 0, '11': 255 }, 0); // 0x00FF = 255
    e.go('scenes', look('A', { '10': 1, '11': 1 }), 1000, 0); // 0x0101 = 257
    e.render(500);
    // Halfway is 256 = 0x0100; byte-wise it would be coarse 1 (0.5 rounded up), fine 128.
    expect([e.output(1)[9], e.output(1)[10]]).toEqual([1, 0]);
  });

  it('reports the active look, progress and fading per playback', () => {
    const e = engine();
    expect(e.playbackStatus('scenes', 0)).toBeUndefined();
    e.go('scenes', look('A', { '1': 200 }), 2000, 1000);
    expect(e.playbackStatus('scenes', 1500)).toMatchObject({ id: 'scenes', lookId: 'A', fading: true, progress: 0.25, releasing: false, cueList: null });
    expect(e.playbackStatus('scenes', 3000)).toMatchObject({ lookId: 'A', fading: false, progress: 1 });
    expect(e.playbacks(3000).map((p) => p.id)).toEqual(['scenes']);
  });
});

describe('fades are time-based, not frame-counted', () => {
  // The same show driven at 10 Hz and at 100 Hz must put the same values out at the same moments.
  function run(hz: number): Map<number, number[]> {
    const e = engine();
    const seen = new Map<number, number[]>();
    const step = 1000 / hz;
    let goneB = false;
    e.setChannels(1, { '3': 40 }, 0);
    e.go('scenes', look('A', { '1': 255, '2': 30, '3': 200, '10': 200, '11': 7 }), 2000, 0);
    for (let i = 0; i * step <= 4000; i++) {
      const now = Math.round(i * step);
      if (!goneB && now >= 1234) {
        e.go('scenes', look('B', { '2': 250, '3': 10 }), 1500, 1234); // mid-fade GO at a moment neither rate renders
        goneB = true;
      }
      e.render(now);
      if (now % 100 === 0) seen.set(now, Array.from(e.output(1).subarray(0, 12)));
    }
    return seen;
  }

  it('gives identical output at every shared moment for 10 Hz and 100 Hz rendering', () => {
    const slow = run(10);
    const fast = run(100);
    expect(slow.size).toBe(41);
    for (const [t, values] of slow) expect(fast.get(t), `at ${t} ms`).toEqual(values);
  });

  it('matches the analytic fade at a sample point', () => {
    const seen = run(10);
    expect(seen.get(1000)![0]).toBe(128); // 255 × 0.5, rounded
    expect(seen.get(4000)!.slice(0, 3)).toEqual([0, 250, 10]);
  });
});

describe('grand master and timed blackout', () => {
  it('a timed blackout fades the intensity multiplier to 0 and back on release, leaving LTP alone', () => {
    const e = engine();
    e.setChannels(1, { '1': 200, '3': 77 }, 0);
    e.setBlackout(true, 0, 1000);
    expect(at(e, 250, 1)).toBe(150);
    expect(at(e, 500, 1)).toBe(100);
    expect(e.blackout(500)).toEqual({ on: true, level: 0.5, fading: true });
    expect(at(e, 1000, 1)).toBe(0);
    expect(e.output(1)[2]).toBe(77);
    e.setBlackout(false, 2000); // no time given: reuses the 1000 ms it went on with
    expect(at(e, 2500, 1)).toBe(100);
    expect(at(e, 3000, 1)).toBe(200);
    expect(e.blackout(3000)).toEqual({ on: false, level: 1, fading: false });
  });

  it('a blackout released mid-fade turns round from where it is at the same rate', () => {
    const e = engine();
    e.setChannels(1, { '1': 200 }, 0);
    e.setBlackout(true, 0, 1000);
    e.setBlackout(false, 500, 1000); // level 0.5 → back to 1 takes 500 ms
    expect(at(e, 500, 1)).toBe(100);
    expect(at(e, 750, 1)).toBe(150);
    expect(at(e, 1000, 1)).toBe(200);
  });

  it('an instant blackout wins over every layer; grand master scales under it', () => {
    const e = engine();
    e.setChannels(1, { '1': 200 }, 0);
    e.setInputFrame('artnet:1', 1, [0, 255], 0);
    e.go('scenes', look('A', { '1': 255 }), 0, 0);
    e.setGrandMaster(0.5);
    expect([at(e, 0, 1), e.output(1)[1]]).toEqual([128, 128]);
    e.setBlackout(true, 1);
    expect([at(e, 1, 1), e.output(1)[1]]).toEqual([0, 0]);
    e.setBlackout(false, 2);
    expect(at(e, 2, 1)).toBe(128);
    expect(e.setGrandMaster(1.5)).toMatchObject({ ok: false });
    expect(e.grandMaster).toBe(0.5);
  });
});

describe('release with a fade', () => {
  it('fades HTP to 0 and LTP to what is underneath, then drops the layer’s channels', () => {
    const e = engine();
    e.setChannels(1, { '3': 50 }, 0);
    e.go('scenes', look('A', { '1': 200, '3': 200 }), 0, 1);
    e.render(1);
    e.releaseLayer('scenes', 1000, 1000);
    expect(e.playbackStatus('scenes', 1500)).toMatchObject({ lookId: null, releasing: true, fading: true, progress: 0.5 });
    expect([at(e, 1500, 1), e.output(1)[2]]).toEqual([100, 125]);
    expect([at(e, 2000, 1), e.output(1)[2]]).toEqual([0, 50]);
    expect(e.playbackStatus('scenes', 2000)).toMatchObject({ releasing: false, fading: false });
    expect(e.layerInfo().find((l) => l.id === 'scenes')?.universes).toEqual([]);
  });

  it('a GO during a release fade starts from the fading values', () => {
    const e = engine();
    e.go('scenes', look('A', { '1': 200 }), 0, 0);
    e.releaseLayer('scenes', 0, 1000);
    e.go('scenes', look('A', { '1': 200 }), 1000, 500); // from 100 back up to 200
    expect(at(e, 500, 1)).toBe(100);
    expect(at(e, 1000, 1)).toBe(150);
    expect(at(e, 1500, 1)).toBe(200);
  });

  it('releases manual channels with a fade, and an input layer instantly', () => {
    const e = engine();
    e.setChannels(1, { '1': 100, '2': 100 }, 0);
    e.releaseChannels(1, [1], 0, 1000);
    expect([at(e, 500, 1), e.output(1)[1]]).toEqual([50, 100]);
    expect(at(e, 1000, 1)).toBe(0);
    e.setInputFrame('sacn:1', 2, [9, 9, 9], 1000);
    expect(at(e, 1000, 1, 2)).toBe(9);
    e.releaseLayer('sacn:1', 1001);
    expect(at(e, 1001, 1, 2)).toBe(0);
    expect(e.layerInfo().some((l) => l.id === 'sacn:1')).toBe(false);
  });
});
