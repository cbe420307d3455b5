// Small byte-field helpers shared by the Art-Net encoders and decoders. Decoders read past the
// end of a short buffer as 0 (that is how "missing tail = 0" is implemented), so they never throw.

/** Byte at `i`, or 0 past the end. */
export const byteAt = (b: Uint8Array, i: number): number => (i < b.length ? (b[i] ?? 0) : 0);

/** Big-endian 16-bit at `i` (missing bytes read as 0). */
export const u16be = (b: Uint8Array, i: number): number => (byteAt(b, i) << 8) | byteAt(b, i + 1);

/** Little-endian 16-bit at `i` (missing bytes read as 0). */
export const u16le = (b: Uint8Array, i: number): number => byteAt(b, i) | (byteAt(b, i + 1) << 8);

/** NUL-terminated ASCII/Latin-1 text in a fixed field; a field without NUL is read whole. */
export function readText(b: Uint8Array, offset: number, size: number): string {
  let s = '';
  const end = Math.min(offset + size, b.length);
  for (let i = offset; i < end; i++) {
    const c = b[i] ?? 0;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Writes `text` into a fixed field, NUL-terminated and zero-filled (so at most size-1 characters).
 * Art-Net names are ASCII: anything outside 0x20..0x7E becomes '?'.
 */
export function writeText(out: Uint8Array, offset: number, size: number, text: string): void {
  const n = Math.min(text.length, size - 1);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    out[offset + i] = c >= 0x20 && c <= 0x7e ? c : 0x3f;
  }
  out.fill(0, offset + n, offset + size);
}

export const readIp = (b: Uint8Array, i: number): string => `${byteAt(b, i)}.${byteAt(b, i + 1)}.${byteAt(b, i + 2)}.${byteAt(b, i + 3)}`;

/** Writes a dotted-quad IPv4 address. Throws RangeError if it is not one. */
export function writeIp(out: Uint8Array, offset: number, ip: string): void {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) throw new RangeError(`not an IPv4 address: ${ip}`);
  parts.forEach((p, i) => (out[offset + i] = Number(p)));
}

const hex2 = (v: number) => v.toString(16).padStart(2, '0');

export const readMac = (b: Uint8Array, i: number): string => [0, 1, 2, 3, 4, 5].map((k) => hex2(byteAt(b, i + k))).join(':');

/** Writes a MAC address given as six hex pairs separated by ':' or '-'. Throws RangeError otherwise. */
export function writeMac(out: Uint8Array, offset: number, mac: string): void {
  const parts = mac.split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) throw new RangeError(`not a MAC address: ${mac}`);
  parts.forEach((p, i) => (out[offset + i] = parseInt(p, 16)));
}

/** RDM UID (6 bytes) in the usual "mmmm:dddddddd" form (manufacturer : device). */
export const readUid = (b: Uint8Array, i: number): string =>
  `${hex2(byteAt(b, i))}${hex2(byteAt(b, i + 1))}:${[2, 3, 4, 5].map((k) => hex2(byteAt(b, i + k))).join('')}`;

/** Writes an RDM UID "mmmm:dddddddd". Throws RangeError otherwise. */
export function writeUid(out: Uint8Array, offset: number, uid: string): void {
  const m = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{8})$/.exec(uid);
  if (!m) throw new RangeError(`not an RDM UID (mmmm:dddddddd): ${uid}`);
  const all = `${m[1]}${m[2]}`;
  for (let k = 0; k < 6; k++) out[offset + k] = parseInt(all.slice(k * 2, k * 2 + 2), 16);
}

/** Throws RangeError unless `value` is an integer in min..max. */
export function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer ${min}..${max}, got ${value}`);
}
