/** Byte helpers every codec and adapter may use. Pure. */

/** The parts one after another, in a new array (never one of the parts, even when there is only one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
