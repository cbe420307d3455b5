// Hex text ↔ bytes for BLE tooling (CLI, gateway messages, capture files). Pure.

const HEX_UPPER: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());
const HEX_LOWER: readonly string[] = HEX_UPPER.map((h) => h.toLowerCase());

/** Two upper-case hex digits for a byte (table lookup: used on hot paths such as MAC formatting). */
export function hexByteUpper(b: number): string {
  return HEX_UPPER[b & 0xff]!;
}

/** Two lower-case hex digits for a byte. */
export function hexByteLower(b: number): string {
  return HEX_LOWER[b & 0xff]!;
}

/** Lower-case hex, no separators (the OpenMQTTGateway / Theengs convention). */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_LOWER[bytes[i]!]!;
  return s;
}

export type HexParse =
  | { ok: true; bytes: Uint8Array; /** An odd digit count left one digit over; it was ignored. */ droppedNibble: boolean }
  | { ok: false; message: string };

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/**
 * Parse hex text. Upper or lower case; spaces, tabs, colons, dashes and underscores between digits are
 * ignored, and one leading `0x` is allowed. An odd digit count is accepted by dropping the last digit
 * (Theengs reads manufacturer data by nibble index, so its published vectors T2/T4 carry a stray
 * trailing digit); the caller is told so it can warn.
 */
export function parseHex(text: string, options: { oddDigits?: 'drop' | 'reject' } = {}): HexParse {
  let s = text.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  const digits: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = nibble(c);
    if (v >= 0) {
      digits.push(v);
      continue;
    }
    if (c === 32 || c === 9 || c === 58 || c === 45 || c === 95 || c === 10 || c === 13) continue; // space tab : - _ newline
    return { ok: false, message: `not hex: ${JSON.stringify(s[i])} at position ${i + 1}` };
  }
  const odd = digits.length % 2 === 1;
  if (odd && options.oddDigits === 'reject') return { ok: false, message: `odd number of hex digits (${digits.length})` };
  const bytes = new Uint8Array(digits.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return { ok: true, bytes, droppedNibble: odd };
}
