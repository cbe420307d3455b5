// Merge properties over seeded random patches, sources and values, checked against a small reference model
// written from the rules (HTP = highest, LTP = latest change, master scales intensity-like channels only).
import { describe, expect, it } from 'vitest';
import { DmxEngine } from '../../../../main/dmx/engine/index.ts';
import { seededRandom } from '../../../../native/sim/random.ts';
import { dmxChannelTypes, type DmxChannelType, type DmxFixture } from '../../../../preload/contract/dmx.ts';

const UNIVERSES = [1, 2];
const CASES = 300;
const OPS = 25;

/** What one channel (or pair) is for the reference: merge rule, whether master scales it, and its pair. */
interface Unit {
  universe: number;
  coarse: number; // 0-based channel
  fine: number; // −1 when not a pair
  htp: boolean;
  mastered: boolean;
}

/** A source's view of one unit in the reference model. */
interface Held {
  value: number; // 8- or 16-bit
  order: number; // op number of its latest change
}

function randomPatch(rnd: () => number): { fixtures: DmxFixture[]; units: Unit[] } {
  const fixtures: DmxFixture[] = [];
  const units: Unit[] = [];
  for (const universe of UNIVERSES) {
    let addr = 1;
    while (addr <= 40) {
      if (rnd() < 0.3) {
        // An unpatched channel: raw intensity.
        units.push({ universe, coarse: addr - 1, fine: -1, htp: true, mastered: true });
        addr++;
        continue;
      }
      const n = 1 + Math.floor(rnd() * 5);
      const channels: DmxChannelType[] = Array.from({ length: n }, () => dmxChannelTypes[Math.floor(rnd() * dmxChannelTypes.length)]!);
      const fine: [number, number][] = [];
      if (n >= 2 && rnd() < 0.4) fine.push([0, 1]);
      const hasIntensity = channels.includes('intensity');
      const colour = (t: DmxChannelType) => ['red', 'green', 'blue', 'white', 'amber', 'uv'].includes(t);
      const fixture: DmxFixture = { id: `f${universe}-${addr}`, name: `F ${universe}.${addr}`, universe, address: addr, channels };
      if (fine.length) fixture.fine = fine;
      fixtures.push(fixture);
      for (let i = 0; i < n; i++) {
        if (fine.length && i === 1) continue; // the fine byte belongs to unit i = 0
        const t = channels[i]!;
        units.push({
          universe,
          coarse: addr - 1 + i,
          fine: fine.length && i === 0 ? addr : -1,
          htp: t === 'intensity',
          mastered: t === 'intensity' || (!hasIntensity && colour(t)),
        });
      }
      addr += n;
    }
  }
  return { fixtures, units };
}

const keys = new WeakMap<Unit, string>();
const key = (u: Unit) => {
  let k = keys.get(u);
  if (k === undefined) keys.set(u, (k = `${u.universe}.${u.coarse}`));
  return k;
};
const width = (u: Unit) => (u.fine >= 0 ? 65536 : 256);

describe('merge properties (seeded, hundreds of random cases)', () => {
  it('HTP, LTP, 16-bit pairs, grand master and blackout hold after every random operation', () => {
    let checkedHtp = 0;
    let checkedLtp = 0;
    let checkedPairs = 0;
    let resends = 0;
    // Plain comparisons in the loop (hundreds of thousands); one expect at the end lists every failure.
    const failures: string[] = [];
    const check = (ok: boolean, what: () => string) => {
      if (!ok && failures.length < 20) failures.push(what());
    };
    for (let seed = 1; seed <= CASES; seed++) {
      const rnd = seededRandom(seed);
      const { fixtures, units } = randomPatch(rnd);
      const e = new DmxEngine({ universes: 2 });
      expect(e.setPatch(fixtures)).toEqual({ ok: true });
      const sources = ['manual', 'in:a', 'in:b', 'pb'];
      // Reference model: per source, per unit, what it holds.
      const model = new Map<string, Map<string, Held>>(sources.map((s) => [s, new Map()]));
      // The inputs' last frames (bytes), to send whole frames that differ in a few places.
      const frames = new Map<string, Uint8Array>([
        ['in:a', new Uint8Array(512)],
        ['in:b', new Uint8Array(512)],
      ]);
      let now = 0;

      const setUnit = (src: string, u: Unit, value: number, order: number) => {
        const held = model.get(src)!;
        const before = held.get(key(u));
        if (before === undefined || before.value !== value) held.set(key(u), { value, order });
        else resends++;
      };

      for (let op = 1; op <= OPS; op++) {
        now += Math.floor(rnd() * 50);
        const kind = rnd();
        if (kind < 0.3) {
          // Manual: a few units, whole pairs, sometimes re-sending the same value.
          const universe = UNIVERSES[Math.floor(rnd() * UNIVERSES.length)]!;
          const values: Record<string, number> = {};
          const held = model.get('manual')!;
          for (const u of units.filter((x) => x.universe === universe && rnd() < 0.3)) {
            const prev = held.get(key(u));
            const v = prev && rnd() < 0.3 ? prev.value : Math.floor(rnd() * width(u));
            if (u.fine >= 0) {
              values[String(u.coarse + 1)] = v >> 8;
              values[String(u.fine + 1)] = v & 255;
            } else values[String(u.coarse + 1)] = v;
            setUnit('manual', u, v, op);
          }
          check(e.setChannels(universe, values, now).ok, () => `seed ${seed} op ${op}: refused`);
        } else if (kind < 0.6) {
          // An input frame for universe 1 or 2 (inputs a/b each own one universe): a few channels change.
          const src = rnd() < 0.5 ? 'in:a' : 'in:b';
          const universe = src === 'in:a' ? 1 : 2;
          const frame = frames.get(src)!;
          const first = !model.get(src)!.size;
          const changes = rnd() < 0.2 ? 0 : 1 + Math.floor(rnd() * 6); // sometimes an identical re-send
          for (let i = 0; i < changes; i++) frame[Math.floor(rnd() * 48)] = Math.floor(rnd() * 256);
          for (const u of units.filter((x) => x.universe === universe)) {
            const v = u.fine >= 0 ? (frame[u.coarse]! << 8) | frame[u.fine]! : frame[u.coarse]!;
            if (first) model.get(src)!.set(key(u), { value: v, order: op });
            else setUnit(src, u, v, op);
          }
          check(e.setInputFrame(src, universe, frame.subarray(0, 48), now).ok, () => `seed ${seed} op ${op}: refused`);
        } else if (kind < 0.85) {
          // Playback GO (snap) to a random look: units left out are released.
          const values: Record<string, Record<string, number>> = {};
          const held = model.get('pb')!;
          const next = new Map<string, Held>();
          for (const u of units) {
            if (rnd() < 0.5) continue;
            const prev = held.get(key(u));
            const v = prev && rnd() < 0.4 ? prev.value : Math.floor(rnd() * width(u));
            const uv = (values[String(u.universe)] ??= {});
            if (u.fine >= 0) {
              uv[String(u.coarse + 1)] = v >> 8;
              uv[String(u.fine + 1)] = v & 255;
            } else uv[String(u.coarse + 1)] = v;
            next.set(key(u), prev && prev.value === v ? prev : { value: v, order: op });
          }
          model.set('pb', next);
          check(e.go('pb', { id: `look${op}`, values }, 0, now).ok, () => `seed ${seed} op ${op}: refused`);
        } else {
          // Manual releases a few units instantly.
          const universe = UNIVERSES[Math.floor(rnd() * UNIVERSES.length)]!;
          const picked = units.filter((x) => x.universe === universe && rnd() < 0.3);
          for (const u of picked) model.get('manual')!.delete(key(u));
          check(e.releaseChannels(universe, picked.map((u) => u.coarse + 1), now).ok, () => `seed ${seed} op ${op}: refused`);
        }

        // Before master: grand master 1, no blackout.
        e.render(now);
        const pre = new Map<string, number>();
        for (const u of units) {
          const out = e.output(u.universe);
          const got = u.fine >= 0 ? (out[u.coarse]! << 8) | out[u.fine]! : out[u.coarse]!;
          pre.set(key(u), got);
          const held = sources.map((s) => model.get(s)!.get(key(u))).filter((h): h is Held => h !== undefined);
          const where = () => `seed ${seed} op ${op} ${key(u)}: got ${got}, sources ${JSON.stringify(held)}`;
          if (u.htp) {
            for (const h of held) check(got >= h.value, () => `HTP below a source: ${where()}`);
            check(got === Math.max(0, ...held.map((h) => h.value)), () => `HTP not the highest: ${where()}`);
            checkedHtp++;
          } else {
            const latest = held.reduce<Held | undefined>((a, h) => (a === undefined || h.order > a.order ? h : a), undefined);
            check(got === (latest?.value ?? 0), () => `LTP not the latest change: ${where()}`);
            checkedLtp++;
          }
          if (u.fine >= 0 && held.length > 0) {
            // Both bytes come from one source's pair.
            check(held.some((h) => h.value === got), () => `pair mixes sources: ${where()}`);
            checkedPairs++;
          }
        }
        // Grand master scales intensity-like units only.
        const gm = Math.floor(rnd() * 101) / 100;
        e.setGrandMaster(gm);
        e.render(now);
        for (const u of units) {
          const out = e.output(u.universe);
          const got = u.fine >= 0 ? (out[u.coarse]! << 8) | out[u.fine]! : out[u.coarse]!;
          const p = pre.get(key(u))!;
          check(got === (u.mastered ? Math.round(p * gm) : p), () => `seed ${seed} op ${op}: master ${gm} on ${key(u)} (${u.mastered ? 'mastered' : 'not mastered'}): ${p} → ${got}`);
        }
        // Blackout wins: every intensity-like unit is 0, the rest untouched.
        if (op % 5 === 0) {
          e.setBlackout(true, now);
          e.render(now);
          for (const u of units) {
            const out = e.output(u.universe);
            const got = u.fine >= 0 ? (out[u.coarse]! << 8) | out[u.fine]! : out[u.coarse]!;
            check(got === (u.mastered ? 0 : pre.get(key(u))!), () => `seed ${seed} op ${op}: blackout on ${key(u)} gave ${got}`);
          }
          e.setBlackout(false, now);
        }
        e.setGrandMaster(1);
      }
      // Channels nobody patched or set stay 0.
      e.render(now);
      check(e.output(1).subarray(48).every((v) => v === 0), () => `seed ${seed}: a channel nobody set is not 0`);
    }
    expect(failures).toEqual([]);
    // The generator really exercised every rule.
    expect(checkedHtp).toBeGreaterThan(10_000);
    expect(checkedLtp).toBeGreaterThan(10_000);
    expect(checkedPairs).toBeGreaterThan(1_000);
    expect(resends).toBeGreaterThan(1_000);
  });
});

describe('LTP: the latest CHANGE wins', () => {
  const pan: DmxFixture = { id: 'm', name: 'Mover', universe: 1, address: 1, channels: ['pan', 'intensity'] };

  it('a source re-sending an unchanged value does not take the channel back', () => {
    const e = new DmxEngine({ universes: 1 });
    e.setPatch([pan]);
    e.setInputFrame('artnet', 1, [100, 0], 0);
    e.render(0);
    expect(e.output(1)[0]).toBe(100);
    e.setChannels(1, { '1': 50 }, 10);
    e.render(10);
    expect(e.output(1)[0]).toBe(50);
    e.setInputFrame('artnet', 1, [100, 0], 20); // same frame again
    e.render(20);
    expect(e.output(1)[0]).toBe(50);
    e.setInputFrame('artnet', 1, [101, 0], 30); // a change
    e.render(30);
    expect(e.output(1)[0]).toBe(101);
    e.setChannels(1, { '1': 50 }, 40); // manual re-sends its old value: no change, no takeover
    e.render(40);
    expect(e.output(1)[0]).toBe(101);
    e.setChannels(1, { '1': 60 }, 50);
    e.render(50);
    expect(e.output(1)[0]).toBe(60);
  });

  it('releasing the latest source hands the channel to the next-latest', () => {
    const e = new DmxEngine({ universes: 1 });
    e.setPatch([pan]);
    e.setInputFrame('a', 1, [10], 0);
    e.setInputFrame('b', 1, [20], 1);
    e.setChannels(1, { '1': 30 }, 2);
    e.render(2);
    expect(e.output(1)[0]).toBe(30);
    e.releaseChannels(1, [1], 3);
    e.render(3);
    expect(e.output(1)[0]).toBe(20);
    e.releaseLayer('b', 4);
    e.render(4);
    expect(e.output(1)[0]).toBe(10);
  });

  it('a GO that does not change a channel leaves it with whoever changed it last', () => {
    const e = new DmxEngine({ universes: 1 });
    e.setPatch([pan]);
    e.go('pb', { id: 'A', values: { '1': { '1': 200 } } }, 0, 0);
    e.setChannels(1, { '1': 30 }, 1);
    e.go('pb', { id: 'B', values: { '1': { '1': 200, '2': 255 } } }, 0, 2); // pan unchanged in B
    e.render(2);
    expect(Array.from(e.output(1).subarray(0, 2))).toEqual([30, 255]);
    e.go('pb', { id: 'C', values: { '1': { '1': 201 } } }, 0, 3); // pan moves: the playback takes it
    e.render(3);
    expect(e.output(1)[0]).toBe(201);
  });

  it('setting one byte of a 16-bit pair keeps the other byte where the stage has it', () => {
    const e = new DmxEngine({ universes: 1 });
    e.setPatch([{ id: 'm', name: 'Mover', universe: 1, address: 1, channels: ['pan', 'pan'], fine: [[0, 1]] }]);
    e.setInputFrame('in', 1, [0x12, 0x34], 0);
    e.setChannels(1, { '2': 0x99 }, 1);
    e.render(1);
    expect(Array.from(e.output(1).subarray(0, 2))).toEqual([0x12, 0x99]);
  });
});

describe('intensity-like channels (what grand master and blackout scale)', () => {
  it('scales intensity, unpatched, and colour of a fixture without intensity; not colour beside an intensity channel, nor pan', () => {
    const e = new DmxEngine({ universes: 1 });
    e.setPatch([
      { id: 'par', name: 'RGB par (no dimmer)', universe: 1, address: 1, channels: ['red', 'green', 'blue'] },
      { id: 'wash', name: 'Wash', universe: 1, address: 4, channels: ['intensity', 'red', 'pan'] },
      { id: 'gen', name: 'Hazer', universe: 1, address: 7, channels: ['generic'] },
    ]);
    e.setChannels(1, { '1': 200, '2': 200, '3': 200, '4': 200, '5': 200, '6': 200, '7': 200, '8': 200 }, 0);
    e.setGrandMaster(0.5);
    e.render(0);
    expect(Array.from(e.output(1).subarray(0, 8))).toEqual([100, 100, 100, 100, 200, 200, 200, 100]);
  });
});
