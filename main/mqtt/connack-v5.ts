/**
 * The embedded broker speaks MQTT 3.1.1. An MQTT 5 client gets a CONNACK it can read — its own
 * version's packet, reason code 0x84 "Unsupported Protocol Version" and a Reason String saying what to
 * change — instead of a 3.1.1 CONNACK it would call malformed (MQTT 5.0 §3.2.2.2, §3.2.2.3.9).
 */

export const unsupportedProtocolVersion = 0x84;

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** A complete MQTT 5 CONNACK packet refusing the connection with `reasonCode` and a human reason string. */
export function mqtt5Refusal(reason: string, reasonCode = unsupportedProtocolVersion): Uint8Array {
  const text = new TextEncoder().encode(reason.slice(0, 512));
  const props = [0x1f, text.length >> 8, text.length & 0xff, ...text];
  const body = [0x00 /* no session present */, reasonCode, ...varint(props.length), ...props];
  return Uint8Array.from([0x20, ...varint(body.length), ...body]);
}
