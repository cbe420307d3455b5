// Building blocks of the seeded fuzz tests (test/fuzz/): every draw comes from the seeded `rnd`, so a
// failure reproduces from its seed.

export type Rnd = () => number;

/** A whole number in [0, n). */
export const int = (rnd: Rnd, n: number): number => Math.floor(rnd() * n);

export const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

export const randomBytes = (rnd: Rnd, n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(rnd, 256));

/**
 * One mutation of a valid input: bit flips, truncation, extension, an inserted or deleted byte, a splice (a
 * prefix of this one, a suffix of another from `corpus`), or a nudge of ±1–2 to a byte that may be a length.
 * `edgeBytes` adds one more kind: a byte set to 00, FF, 7F, 80 or 01.
 */
export function mutateBytes(rnd: Rnd, b: Uint8Array, corpus: readonly Uint8Array[], options: { edgeBytes?: boolean } = {}): Uint8Array {
  const out = Array.from(b);
  const kind = int(rnd, options.edgeBytes ? 8 : 7);
  if (kind === 0 || out.length === 0) {
    for (let k = 1 + int(rnd, 4); k > 0 && out.length > 0; k--) {
      const i = int(rnd, out.length);
      out[i] = out[i]! ^ (1 << int(rnd, 8));
    }
  } else if (kind === 1) out.length = int(rnd, out.length); // truncate
  else if (kind === 2) out.push(...randomBytes(rnd, 1 + int(rnd, 8))); // extend
  else if (kind === 3) out.splice(int(rnd, out.length + 1), 0, int(rnd, 256)); // insert
  else if (kind === 4) out.splice(int(rnd, out.length), 1); // delete
  else if (kind === 5) {
    const other = pick(rnd, corpus); // splice
    return Uint8Array.from([...out.slice(0, int(rnd, out.length + 1)), ...Array.from(other.slice(int(rnd, other.length + 1)))]);
  } else if (options.edgeBytes && kind === 6) out[int(rnd, out.length)] = pick(rnd, [0x00, 0xff, 0x7f, 0x80, 0x01]);
  else {
    const i = int(rnd, out.length); // nudge what may be a length byte
    out[i] = (out[i]! + pick(rnd, [-2, -1, 1, 2])) & 0xff;
  }
  return Uint8Array.from(out);
}
