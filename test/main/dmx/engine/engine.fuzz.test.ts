// Random and malformed calls into every engine entry point: the engine runs inside the frame-clock worker,
// so it must never throw on data, must answer every call with { ok } or { ok: false, error }, and must settle.
import { describe, expect, it } from 'vitest';
import { DmxEngine, type EngineCueList, type Look, type Result } from '../../../../main/dmx/engine/index.ts';
import { seededRandom } from '../../../../native/sim/random.ts';
import type { DmxFixture } from '../../../../preload/contract/dmx.ts';

const CALLS = 100_000;
const UNIVERSES = 4;

describe('engine API fuzz (seeded)', () => {
  it(`${CALLS} random/malformed calls: no throw, typed answers, outputs settle once fades end`, () => {
    const rnd = seededRandom(0xd3a);
    const int = (n: number) => Math.floor(rnd() * n);
    const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
    // Mostly sane numbers, sometimes hostile ones.
    const weird = [NaN, -1, 0, 1.5, 1e12, -Infinity, Infinity, 513, 256, 65];
    const num = (sane: () => number) => (rnd() < 0.9 ? sane() : pick(weird));
    const key = (max: number) => (rnd() < 0.92 ? String(1 + int(max)) : pick(['0', '01', 'x', '-3', '1.5', '', '1e2', String(max + 1)]));
    const channelMap = () => {
      const m: Record<string, number> = {};
      for (let i = int(6); i > 0; i--) m[key(512)] = num(() => int(256));
      return m;
    };
    const lookValues = () => {
      const l: Record<string, Record<string, number>> = {};
      for (let i = int(3); i > 0; i--) l[key(UNIVERSES + 1)] = channelMap();
      return l;
    };
    const look = (): Look => ({ id: `L${int(5)}`, values: lookValues() });
    const fixture = (): DmxFixture => {
      const n = 1 + int(4);
      const f: DmxFixture = {
        id: `f${int(50)}`,
        name: 'F',
        universe: num(() => 1 + int(UNIVERSES)),
        address: num(() => 1 + int(512)),
        channels: Array.from({ length: n }, () => pick(['intensity', 'red', 'pan', 'tilt', 'generic'] as const)),
      };
      if (rnd() < 0.3) f.fine = [[int(n + 1), int(n + 1)]];
      return f;
    };
    const cueList = (): EngineCueList => ({
      loop: rnd() < 0.5,
      cues: Array.from({ length: int(5) }, (_, i) => {
        const c = { id: `c${i}`, look: look(), fadeMs: num(() => int(300)) } as EngineCue;
        if (rnd() < 0.5) c.followMs = num(() => int(200));
        return c;
      }),
    });
    type EngineCue = EngineCueList['cues'][number];

    const e = new DmxEngine({ universes: UNIVERSES });
    const layers = ['manual', 'pb', 'cl', 'in:a', 'in:b', ''];
    let now = 0;
    let refused = 0;
    const bad: string[] = [];
    const answered = (r: Result, what: string) => {
      if (r.ok === true) return;
      if (r.ok === false && typeof r.error === 'string' && r.error.length > 0) refused++;
      else bad.push(`${what}: ${JSON.stringify(r)}`);
    };

    for (let i = 0; i < CALLS; i++) {
      now += int(30);
      const layer = pick(layers);
      const u = num(() => 1 + int(UNIVERSES));
      const t = num(() => int(400));
      try {
        switch (int(14)) {
          case 0:
            answered(e.setChannels(u, channelMap(), now, rnd() < 0.8 ? 'manual' : layer), 'setChannels');
            break;
          case 1:
            answered(e.releaseChannels(u, Array.from({ length: int(4) }, () => num(() => 1 + int(512))), now, t, layer), 'releaseChannels');
            break;
          case 2: {
            const frame = rnd() < 0.9 ? new Uint8Array(int(513)).map(() => int(256)) : new Uint8Array(513 + int(10));
            answered(e.setInputFrame(layer, u, frame, now), 'setInputFrame');
            break;
          }
          case 3:
            answered(e.releaseLayer(layer, now, t), 'releaseLayer');
            break;
          case 4:
          case 5:
            answered(e.go(layer, look(), t, now), 'go');
            break;
          case 6:
            answered(e.loadCueList(layer, cueList()), 'loadCueList');
            break;
          case 7:
            answered(e.cueGo(layer, now), 'cueGo');
            break;
          case 8:
            answered(e.cueBack(layer, now), 'cueBack');
            break;
          case 9:
            answered(e.cueJump(layer, num(() => int(5)), now), 'cueJump');
            break;
          case 10:
            answered(e.setGrandMaster(num(() => rnd())), 'setGrandMaster');
            answered(e.setBlackout(rnd() < 0.5, now, rnd() < 0.3 ? undefined : t), 'setBlackout');
            break;
          case 11:
            if (rnd() < 0.05) answered(e.setPatch(Array.from({ length: int(4) }, fixture)), 'setPatch');
            break;
          case 12:
            e.tick(now);
            e.playbacks(now);
            e.layerInfo();
            break;
          default: {
            const changed = e.render(now);
            if (!changed.every((x) => Number.isInteger(x) && x >= 1 && x <= UNIVERSES && e.changed[x] === 1)) bad.push(`render list ${JSON.stringify(changed)}`);
            // Rendering twice at one moment changes nothing the second time.
            if (e.render(now).length !== 0) bad.push(`render at ${now} not stable`);
          }
        }
      } catch (error) {
        bad.push(`call ${i} threw ${(error as Error).stack}`);
        break;
      }
      if (bad.length > 5) break;
    }
    expect(bad).toEqual([]);
    expect(refused).toBeGreaterThan(1000); // the hostile inputs really reached the checks

    // With every fade, blackout and follow allowed to finish (no looping chases left), output settles.
    for (const p of e.playbacks(now)) e.releaseLayer(p.id, now);
    e.setBlackout(false, now, 0);
    e.render(now + 10_000);
    expect(e.render(now + 20_000)).toEqual([]);
    for (let u = 1; u <= UNIVERSES; u++) expect(e.output(u)).toBeInstanceOf(Uint8Array);
  });
});
