import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../native/sim/random.ts';
import type { ProfileInput, ProfileResult, SnmpProfile } from '../../native/snmp/profile.ts';
import { createGenericProfile, type GenericOid } from '../../native/snmp/profiles/generic.ts';
import { createGeistProfile } from '../../native/snmp/profiles/geist.ts';
import { createSwitchProfile } from '../../native/snmp/profiles/switch.ts';
import { createSimGeist, createSimSwitch } from '../../native/snmp/sim-mib.ts';
import { compareOids, isUnder, varbindTypes, type Varbind, type VarbindType } from '../../native/snmp/varbind.ts';

/**
 * Absurd SNMP answers through every profile: random varbind soups, and valid answers (real walks, simulated
 * agents) mutated — types flipped, values replaced with huge/negative/NaN-ish ones, rows dropped or cut,
 * OIDs duplicated or garbled, answers spliced together. Whatever comes in: no throw, no NaN/Infinity or
 * out-of-range sample, and a value corrupted on purpose always shows up in badData, never as a sample.
 */

const CASES = 100_000;
const t0 = 1_750_000_000_000;

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

const absurdValues: readonly Varbind['value'][] = [
  0, -1, 1, 2, 7, 255, 1.5, -0, 2147483647, 2147483648, -2147483649, 4294967295, 4294967296, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE,
  0n, -1n, 1n << 63n, (1n << 64n) - 1n, 1n << 64n, 1n << 200n, -(1n << 70n),
  '', ' ', 'NaN', 'Infinity', '1e999', '-0', '12', '17.3', '0x1F', 'x'.repeat(400), '\u0000\u0000', '😀', '41D88039003580C3', '91 54 06 9D', '3.0.0', '3.2.0', 'v2', '..',
  new Uint8Array(0), new Uint8Array([0xff]), new Uint8Array(9).fill(0xff), new Uint8Array(12).fill(1), new Uint8Array([0x9f, 0x78, 0x04, 0x7f, 0x80, 0, 0]), new Uint8Array([0x9f, 0x78, 0x04, 0x41, 0xbc, 0, 0]),
  null,
];
const garbageOids = ['', '.', '..', '1..3', 'abc', '1.3.6.1.4.1.21239.5.1.2.1', '1.3.6.1.4.1.21239.5.1.2.1.', '1.3.6.1.4.1.21239.5.1.2.1.5', '1.3.6.1.4.1.21239.5.1.2.1.99999999999999.1', '1.3.6.1.2.1.2.2.1.8.1.2.3', '1.3.6.1.2.1.2.2.1.8.x', `1.3.6.1.2.1.2.2.1.8.${'9'.repeat(30)}`, '-1.3', '1.3.6.1.4.1.4526.10.43.1.8.1.5.1', '1.3.6.1.4.1.4526.10.43.1.8.1.5.1.2.3'];

function randomValue(rnd: Rnd): Varbind['value'] {
  const r = rnd();
  if (r < 0.55) return pick(rnd, absurdValues);
  if (r < 0.7) return int(rnd, 2000) - 500;
  if (r < 0.8) return BigInt(int(rnd, 1e9)) * BigInt(int(rnd, 1e9) + 1);
  if (r < 0.9) return Uint8Array.from({ length: int(rnd, 12) }, () => int(rnd, 256));
  return String.fromCharCode(...Array.from({ length: int(rnd, 12) }, () => int(rnd, 0x3000)));
}

function randomType(rnd: Rnd): VarbindType {
  // now and then a type the union doesn't even have: what a careless conversion might hand over
  return rnd() < 0.03 ? ('Bogus' as VarbindType) : pick(rnd, varbindTypes);
}

function randomOid(rnd: Rnd, vocabulary: readonly string[]): string {
  const r = rnd();
  if (r < 0.1) return pick(rnd, garbageOids);
  const base = pick(rnd, vocabulary);
  if (r < 0.5) return base;
  if (r < 0.85) return `${base}.${int(rnd, 12)}`;
  return `${base}.${int(rnd, 12)}.${int(rnd, 5)}`;
}

function randomVarbind(rnd: Rnd, vocabulary: readonly string[]): Varbind {
  return { oid: randomOid(rnd, vocabulary), type: randomType(rnd), value: randomValue(rnd) };
}

/** Mutate a list of varbinds in place-ish (returns a new list). */
function mutate(rnd: Rnd, vbs: Varbind[], vocabulary: readonly string[], donor: Varbind[]): Varbind[] {
  let out = vbs.slice();
  const n = 1 + int(rnd, 4);
  for (let k = 0; k < n && out.length > 0; k++) {
    const i = int(rnd, out.length);
    const v = out[i]!;
    switch (int(rnd, 10)) {
      case 0:
        out[i] = { ...v, type: randomType(rnd) };
        break;
      case 1:
        out[i] = { ...v, value: randomValue(rnd) };
        break;
      case 2:
        out.splice(i, 1);
        break;
      case 3:
        out.push({ ...v, value: randomValue(rnd) }); // duplicate OID, different value
        break;
      case 4:
        out = out.slice(0, i); // truncated walk
        break;
      case 5:
        for (let j = int(rnd, 6); j >= 0; j--) out.push(randomVarbind(rnd, vocabulary)); // extended
        break;
      case 6: {
        // bit flip in the OID text
        const chars = [...v.oid];
        const c = int(rnd, Math.max(1, chars.length));
        chars[c] = String.fromCharCode((v.oid.charCodeAt(c) || 48) ^ (1 << int(rnd, 7)));
        out[i] = { ...v, oid: chars.join('') };
        break;
      }
      case 7: {
        // splice with another valid answer
        const at = int(rnd, donor.length + 1);
        out = [...out.slice(0, i), ...donor.slice(at, at + int(rnd, 10))];
        break;
      }
      case 8:
        out[i] = { ...v, oid: v.oid.replace(/\.(\d+)$/, () => `.${int(rnd, 5)}`) }; // row moved
        break;
      default:
        out.reverse(); // order is not guaranteed either
    }
  }
  return out;
}

/** Which walks an OID belongs to, per profile (OIDs repeat a lot across cases: cache it). */
const rootCache = new WeakMap<SnmpProfile, Map<string, string[]>>();
function rootsOf(profile: SnmpProfile, oid: string): string[] {
  let cache = rootCache.get(profile);
  if (!cache) rootCache.set(profile, (cache = new Map()));
  let roots = cache.get(oid);
  if (!roots) {
    roots = typeof oid === 'string' ? profile.walk.filter((root) => isUnder(oid, root)) : [];
    if (cache.size < 1_000_000) cache.set(oid, roots);
  }
  return roots;
}

/**
 * Split like the poller would. Unless `clean`, one varbind may land under a scalar key it doesn't carry and
 * one stray varbind may sit in an unrelated walk (GETBULK overshoot).
 */
function toInput(rnd: Rnd, vbs: readonly Varbind[], profile: SnmpProfile, clean = false): ProfileInput {
  const scalars = new Map<string, Varbind>();
  const tables = new Map<string, Varbind[]>();
  const add = (root: string, v: Varbind) => {
    const t = tables.get(root);
    if (t) t.push(v);
    else tables.set(root, [v]);
  };
  for (const v of vbs) {
    if (profile.get.includes(v.oid)) scalars.set(v.oid, v);
    for (const root of rootsOf(profile, v.oid)) add(root, v);
  }
  if (!clean && vbs.length > 0) {
    if (profile.get.length > 0 && rnd() < 0.3) scalars.set(pick(rnd, profile.get), pick(rnd, vbs));
    if (profile.walk.length > 0 && rnd() < 0.3) add(pick(rnd, profile.walk), pick(rnd, vbs));
  }
  return { target: { host: rnd() < 0.05 ? '' : '10.0.0.9', port: rnd() < 0.1 ? 1161 : 161 }, scalars, tables };
}

interface Tally {
  cases: number;
  samples: number;
  badData: number;
  events: number;
  planted: number;
}

const sampleRanges: [RegExp, number, number][] = [
  [/^(temperature|dewpoint)$/, -100, 200],
  [/^(humidity|airflow)$/, 0, 100],
  [/^temperature\.\d+\.\d+$/, -40, 150],
  [/^port\.\d+\.(oper|admin)$/, 1, 7],
  [/^(fan|psu)\.\d+\.\d+$/, 1, 7],
  [/^port\.\d+\.(in|out)_bps$/, 0, Number.MAX_VALUE],
  [/^port\.\d+\.(in|out)_(errors|discards)$/, 0, Number.MAX_VALUE],
  [/^port\.\d+\.speed$/, 0, 4294967295e6],
  [/^uptime$/, 0, 4294967295 / 100],
];

function checkResult(result: ProfileResult<unknown>, now: number, tally: Tally, generic = false): void {
  tally.cases++;
  for (const d of result.devices) {
    // plain checks, not expect(): this runs millions of times
    if (!d.sighting.id.startsWith('snmp:') || d.sighting.source !== 'snmp') throw new Error(`bad sighting ${JSON.stringify(d.sighting)}`);
    for (const s of d.samples) {
      tally.samples++;
      if (!Number.isFinite(s.value) || s.ts !== now || typeof s.unit !== 'string' || s.metric !== s.metric.toLowerCase() || s.metric === '') {
        throw new Error(`bad sample ${JSON.stringify(s)} on ${d.sighting.id}`);
      }
      if (generic) continue;
      const range = sampleRanges.find(([re]) => re.test(s.metric));
      if (!range) throw new Error(`unexpected metric ${s.metric}`);
      if (s.value < range[1] || s.value > range[2]) throw new Error(`${s.metric} = ${s.value} outside ${range[1]}…${range[2]}`);
      // No absurd rate: a port cannot carry more than its line speed (+50 % for counters sampled a little
      // late), nor see more errors per second than minimum-size (64-byte) frames fit in that.
      const rate = /^port\.(\d+)\.(in|out)_(bps|errors|discards)$/.exec(s.metric);
      if (rate) {
        const speed = d.samples.find((x) => x.metric === `port.${rate[1]}.speed`)?.value;
        const lineBps = 1.5 * (speed !== undefined && speed > 0 ? speed : 400e9);
        const ceiling = rate[3] === 'bps' ? lineBps : lineBps / (64 * 8);
        if (s.value > ceiling * (1 + 1e-9)) throw new Error(`${s.metric} = ${s.value} above what a ${speed ?? 'unknown'} bit/s port can do`);
      }
    }
  }
  for (const b of result.badData) {
    tally.badData++;
    if (typeof b.reason !== 'string' || b.reason === '') throw new Error('badData without a reason');
  }
  for (const e of result.events) {
    tally.events++;
    if (!['info', 'warn', 'alarm'].includes(e.severity) || !e.message) throw new Error(`bad event ${JSON.stringify(e)}`);
  }
}

/** Wrong-typed replacements that no reader may accept for an INTEGER / counter cell. */
const wrongForInteger: readonly [VarbindType, Varbind['value']][] = [
  ['OctetString', '17'],
  ['Integer', 'x'],
  ['Integer', Number.NaN],
  ['Integer', 1.5],
  ['Integer', 1n << 40n],
  ['Gauge32', 5],
  ['IpAddress', '1.2.3.4'],
  ['Counter64', 1n << 70n],
  ['NoSuchInstance', null],
  ['Opaque', new Uint8Array([0x9f, 0x78, 0x04, 0x7f, 0xc0, 0, 0])],
];
const wrongForCounter64: readonly [VarbindType, Varbind['value']][] = [
  ['Counter64', 1n << 64n],
  ['Counter64', -5n],
  ['Counter64', new Uint8Array(10)],
  ['Counter64', 'lots'],
  ['Counter64', Number.NaN],
  ['Counter32', 1n << 40n],
  ['OctetString', new Uint8Array(8)],
];

function run(label: string, profileFor: () => SnmpProfile, valid: (rnd: Rnd, k: number) => Varbind[], vocabulary: readonly string[], planted: { oids: (vbs: Varbind[]) => string[]; wrong: (oid: string) => readonly [VarbindType, Varbind['value']][] }, generic = false) {
  it(`${label}: ${CASES} absurd answers, never a throw, never a bad sample`, () => {
    const rnd = seededRandom(label.length * 7919 + 11);
    const profile = profileFor();
    const tally: Tally = { cases: 0, samples: 0, badData: 0, events: 0, planted: 0 };
    let state: unknown;
    let now = t0;
    const donors = [valid(rnd, 0), valid(rnd, 1)];
    for (let k = 0; k < CASES; k++) {
      // time mostly moves forward, sometimes stands still or jumps back
      const r = rnd();
      now += r < 0.9 ? 30_000 : r < 0.95 ? 0 : -60_000;
      const mode = rnd();
      let vbs: Varbind[];
      let corrupted: string | undefined;
      if (mode < 0.25) {
        vbs = Array.from({ length: int(rnd, 25) }, () => randomVarbind(rnd, vocabulary));
      } else if (mode < 0.85) {
        vbs = mutate(rnd, valid(rnd, k), vocabulary, pick(rnd, donors));
      } else {
        // one known-bad value planted in an otherwise valid answer: it must surface as bad data
        vbs = valid(rnd, k);
        const targets = planted.oids(vbs);
        corrupted = pick(rnd, targets);
        const [type, value] = pick(rnd, planted.wrong(corrupted));
        vbs = vbs.map((v) => (v.oid === corrupted ? { oid: v.oid, type, value } : v));
      }
      const input = toInput(rnd, vbs, profile, corrupted !== undefined);
      if (rnd() < 0.2) state = undefined;
      else if (rnd() < 0.01) state = { profile: profile.name, at: 'soon', ports: null, avail: 5, items: [] };
      let result: ProfileResult<unknown>;
      try {
        result = profile.interpret(input, state, now);
      } catch (err) {
        throw new Error(`case ${k} threw ${String(err)} on ${JSON.stringify(vbs, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v))}`);
      }
      checkResult(result, now, tally, generic);
      if (corrupted !== undefined) {
        tally.planted++;
        if (!result.badData.some((b) => b.oid === corrupted)) throw new Error(`case ${k}: corrupted ${corrupted} not in badData: ${JSON.stringify(result.badData)}`);
      }
      state = result.state;
    }
    expect(tally.cases).toBe(CASES);
    expect(tally.planted).toBeGreaterThan(CASES / 10);
    expect(tally.samples).toBeGreaterThan(CASES);
    expect(tally.badData).toBeGreaterThan(CASES / 2);
    console.log(`${label}: ${JSON.stringify(tally)}`);
  }, 120_000);
}

// ---------------------------------------------------------------------------------------------------

const g = '1.3.6.1.4.1.21239.5.1';
const geistSim = [createSimGeist({ bootAt: t0 }), createSimGeist({ bootAt: t0, firmware: 'legacy', fahrenheit: true, unit: 2 })];
const geistProfile = createGeistProfile();
const geistSnapshots = geistSim.map((mib) => Array.from({ length: 8 }, (_, k) => mib.oids.map((oid) => mib.get(oid, t0 + k * 77_000))));
const geistVocabulary = [...geistProfile.get, ...geistProfile.walk.flatMap((root) => Array.from({ length: 9 }, (_, c) => `${root}.${c}`))];

describe('fuzz: SNMP profiles', () => {
  run(
    'geist',
    () => createGeistProfile(),
    (rnd, k) => pick(rnd, geistSnapshots)[k % 8]!.slice(),
    geistVocabulary,
    {
      // the internal table's value columns depend on the layout the answer is in
      oids: (vbs) => {
        const legacy = vbs.some((v) => v.oid === `${g}.1.2.0` && v.value === '3.0.0');
        const internal = legacy ? /^1\.3\.6\.1\.4\.1\.21239\.5\.1\.2\.1\.[678]\.\d+$/ : /^1\.3\.6\.1\.4\.1\.21239\.5\.1\.2\.1\.[567]\.\d+$/;
        const remote = /^1\.3\.6\.1\.4\.1\.21239\.5\.1\.(4\.1\.5|5\.1\.[5-8])\.\d+$/;
        return vbs.map((v) => v.oid).filter((oid) => internal.test(oid) || remote.test(oid));
      },
      wrong: () => wrongForInteger,
    },
  );

  const switchMibs = [createSimSwitch({ bootAt: t0 - 86_400_000 }), createSimSwitch({ bootAt: t0 - 1000, hcCounters: false })];
  const switchProfile = createSwitchProfile();
  // Two ports (the busy uplink and the flapping one) and the box services keep each case small; a few time
  // steps give counters that move.
  const keep = (oid: string) => !/^1\.3\.6\.1\.2\.1\.(2\.2\.1|31\.1\.1\.1)\.\d+\.([235-9]|10|661)$/.test(oid);
  const switchSnapshots = switchMibs.map((mib) => Array.from({ length: 16 }, (_, k) => mib.oids.filter(keep).map((oid) => mib.get(oid, t0 + k * 30_000))));
  const switchVocabulary = [...switchProfile.get, ...switchProfile.walk];
  run(
    'switch',
    () => createSwitchProfile(),
    (_rnd, k) => switchSnapshots[Math.floor(k / 16) % 2]![k % 16]!.slice(),
    switchVocabulary,
    {
      oids: (vbs) => vbs.map((v) => v.oid).filter((oid) => /^1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.(6|10)\.\d+$/.test(oid) || /^1\.3\.6\.1\.2\.1\.2\.2\.1\.(7|8|14|20)\.\d+$/.test(oid) || oid.startsWith('1.3.6.1.4.1.4526.')),
      wrong: (oid) => (oid.startsWith('1.3.6.1.2.1.31.1.1.1.') ? wrongForCounter64 : wrongForInteger),
    },
  );

  const genericOids: GenericOid[] = [
    { oid: '1.3.6.1.2.1.33.1.2.7.0', name: 'battery_temp', scale: 0.1, unit: '°C' },
    { oid: '.1.3.6.1.2.1.1.3.0', name: 'Uptime', scale: 0.01, unit: 's' },
    { oid: '1.3.6.1.4.1.2021.10.1.3.1', name: 'load1' },
    { oid: '1.3.6.1.4.1.99.1.0', name: 'octets', scale: 8, offset: -3 },
  ];
  const genericValid: Varbind[][] = [
    [
      { oid: '1.3.6.1.2.1.33.1.2.7.0', type: 'Integer', value: 235 },
      { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 123456 },
      { oid: '1.3.6.1.4.1.2021.10.1.3.1', type: 'OctetString', value: '0.42' },
      { oid: '1.3.6.1.4.1.99.1.0', type: 'Counter64', value: 99999999999n },
    ],
  ];
  run(
    'generic',
    () => createGenericProfile({ oids: genericOids }),
    () => genericValid[0]!.slice(),
    genericOids.map((o) => o.oid.replace(/^\./, '')),
    {
      oids: (vbs) => vbs.map((v) => v.oid),
      wrong: () => [
        ['OctetString', 'twelve'],
        ['OctetString', '1e999'],
        ['Integer', Number.NaN],
        ['Counter64', 1n << 65n],
        ['NoSuchObject', null],
        ['IpAddress', '10.0.0.1'],
        ['ObjectIdentifier', '1.3.6'],
      ],
    },
    true,
  );

  it('generic: absurd configurations never throw and never produce non-finite samples', () => {
    const rnd = seededRandom(4242);
    for (let k = 0; k < 20_000; k++) {
      const oids = Array.from({ length: int(rnd, 4) }, () => ({
        oid: rnd() < 0.7 ? pick(rnd, ['1.3.6.1.2.1.1.3.0', '.1.3.6.1.4.1.1.0', '1.3']) : (pick(rnd, absurdValues) as string),
        name: pick(rnd, ['', ' A b ', 'x'.repeat(100), 'temp', 'temp']) as string,
        scale: pick(rnd, [undefined, 1, -1, 0, 1e308, Number.NaN, Number.POSITIVE_INFINITY, '2' as unknown as number]),
        offset: pick(rnd, [undefined, 0, -1e308, Number.NaN]),
        unit: pick(rnd, [undefined, '', '°C', 5 as unknown as string]),
      }));
      const p = createGenericProfile({ oids: rnd() < 0.02 ? (null as unknown as GenericOid[]) : oids });
      const vbs = p.get.map((oid) => ({ oid, type: randomType(rnd), value: randomValue(rnd) }));
      const result = p.interpret(toInput(rnd, vbs, p), undefined, t0);
      for (const d of result.devices) for (const s of d.samples) if (!Number.isFinite(s.value)) throw new Error(`non-finite sample ${JSON.stringify(s)}`);
    }
  });

  it(`simulated agents: ${CASES} getNext/get/getBulk with garbage OIDs never throw and getNext always moves forward`, () => {
    const rnd = seededRandom(99);
    const mib = createSimSwitch({ bootAt: t0 });
    const vocabulary = [...switchVocabulary, '0', '1', '1.3', '2', '1.3.6.1.4.1'];
    for (let k = 0; k < CASES; k++) {
      const oid = randomOid(rnd, vocabulary);
      const now = t0 + int(rnd, 1e9) - 1e6;
      const next = mib.getNext(oid, now);
      if (next.type !== 'EndOfMibView' && !(compareOids(next.oid, oid.replace(/^\./, '')) > 0)) throw new Error(`getNext(${oid}) went to ${next.oid}`);
      const got = mib.get(oid, now);
      if (got.type === 'Counter64' ? typeof got.value !== 'bigint' : typeof got.value === 'number' && !Number.isFinite(got.value)) throw new Error(`get(${oid}) gave ${String(got.value)}`);
      if (k % 50 === 0) expect(mib.getBulk(oid, int(rnd, 30) - 5, now).length).toBeLessThanOrEqual(30);
    }
  });
});
