import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../native/sim/random.ts';
import { answerRequest, decodeRequest, encodeVarbind, pduTags, type SnmpRequest } from '../../native/snmp/agent-codec.ts';
import { isBerError, readTlv, signedContent, tlv, oidContent } from '../../native/snmp/ber.ts';
import { createSimGeist, createSimSwitch } from '../../native/snmp/sim-mib.ts';
import { isValidOid } from '../../native/snmp/varbind.ts';

/**
 * The simulated agent's codec against hostile datagrams: random bytes, and valid requests (GET, GETNEXT,
 * GETBULK, SET; v1 and v2c) mutated by bit flips, truncation, extension and splices. decodeRequest must
 * never throw and either accept a well-formed request or reject with a reason; answerRequest, fed every
 * accepted request, must never throw and always produce one well-formed BER message within the size limit.
 */

const CASES = 100_000;
const t = 1_750_000_000_000;
type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

const mibs = [createSimSwitch({ bootAt: t - 86_400_000 }), createSimGeist({ bootAt: t, firmware: 'legacy' })];
const oidPool = [...mibs[0]!.oids.slice(0, 40), ...mibs[1]!.oids.slice(0, 20), '1.3.6.1.2.1.2.2.1', '1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.4.1.21239.5.1', '1.3', '0.0', '2.999.4294967295', '1.3.6.1.9.9.9'];

function validRequest(rnd: Rnd): Uint8Array {
  const version = int(rnd, 2);
  const kinds = version === 0 ? ['get', 'getNext', 'set'] : ['get', 'getNext', 'getBulk', 'set'];
  const kind = pick(rnd, kinds) as SnmpRequest['pdu'];
  const n = 1 + int(rnd, 6);
  const binds = Array.from({ length: n }, () => tlv(0x30, tlv(0x06, oidContent(pick(rnd, oidPool))), rnd() < 0.8 ? tlv(0x05) : encodeVarbind({ oid: '1.3', type: 'Integer', value: int(rnd, 1000) }).subarray(4)));
  const tag = { get: pduTags.get, getNext: pduTags.getNext, getBulk: pduTags.getBulk, set: pduTags.set }[kind];
  const a = kind === 'getBulk' ? int(rnd, 4) : 0;
  const b = kind === 'getBulk' ? int(rnd, 100) : 0;
  return tlv(
    0x30,
    tlv(0x02, signedContent(version)),
    tlv(0x04, new TextEncoder().encode(rnd() < 0.9 ? 'public' : 'x'.repeat(int(rnd, 80)))),
    tlv(tag, tlv(0x02, signedContent(int(rnd, 2 ** 31) - (rnd() < 0.1 ? 2 ** 31 : 0))), tlv(0x02, signedContent(a)), tlv(0x02, signedContent(b)), tlv(0x30, ...binds)),
  );
}

function mutate(rnd: Rnd, bytes: Uint8Array, other: Uint8Array): Uint8Array {
  const r = rnd();
  if (r < 0.35) {
    const out = bytes.slice();
    for (let k = 1 + int(rnd, 4); k > 0; k--) out[int(rnd, out.length)]! ^= 1 << int(rnd, 8);
    return out;
  }
  if (r < 0.55) return bytes.subarray(0, int(rnd, bytes.length));
  if (r < 0.7) return Uint8Array.from([...bytes, ...Array.from({ length: 1 + int(rnd, 20) }, () => int(rnd, 256))]);
  if (r < 0.85) {
    const cut = int(rnd, bytes.length);
    return Uint8Array.from([...bytes.subarray(0, cut), ...other.subarray(int(rnd, other.length))]);
  }
  // A length byte set to something absurd.
  const out = bytes.slice();
  const at = int(rnd, Math.max(1, out.length - 1)) + 1;
  out[at] = pick(rnd, [0x80, 0x81, 0x84, 0xff, 0x00, 0x7f]);
  return out;
}

function randomBytes(rnd: Rnd): Uint8Array {
  const out = Uint8Array.from({ length: int(rnd, 120) }, () => int(rnd, 256));
  if (out.length > 2 && rnd() < 0.5) out[0] = 0x30; // get past the first check now and then
  return out;
}

describe('fuzz: SNMP agent codec', () => {
  it(`${CASES} random and ${CASES} mutated datagrams: decode never throws; accepted requests answer with one well-formed message`, () => {
    const rnd = seededRandom(0x5a17);
    const reasons = new Map<string, number>();
    let accepted = 0;
    let answered = 0;
    const seeds = Array.from({ length: 64 }, () => validRequest(rnd));
    for (let i = 0; i < CASES * 2; i++) {
      const bytes = i < CASES ? randomBytes(rnd) : rnd() < 0.1 ? validRequest(rnd) : mutate(rnd, pick(rnd, seeds), pick(rnd, seeds));
      let decoded: ReturnType<typeof decodeRequest>;
      try {
        decoded = decodeRequest(bytes);
      } catch (error) {
        throw new Error(`decodeRequest threw on case ${i} (${Buffer.from(bytes).toString('hex')}): ${String(error)}`);
      }
      if (!decoded.ok) {
        expect(typeof decoded.reason).toBe('string');
        expect(decoded.reason.length).toBeGreaterThan(0);
        const key = decoded.reason.replace(/\d+/g, 'N');
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        continue;
      }
      accepted++;
      const req = decoded.request;
      expect(req.version === 0 || req.version === 1).toBe(true);
      for (const oid of req.oids) expect(isValidOid(oid)).toBe(true);
      const limit = pick(rnd, [200, 484, 1472]);
      const answer = answerRequest(req, pick(rnd, mibs), t, { maxResponseBytes: limit });
      const outer = readTlv(answer, 0, answer.length);
      expect(isBerError(outer)).toBe(false);
      if (!isBerError(outer)) expect(outer.end).toBe(answer.length);
      // Over the limit only as a tooBig/noSuchName answer that echoes the request's own (already large) varbinds.
      if (answer.length > limit) expect(req.pdu === 'getBulk').toBe(false);
      answered++;
    }
    // Every rejection had a reason; plenty got through to the answering code.
    expect(accepted).toBeGreaterThan(CASES / 20);
    expect(answered).toBe(accepted);
    expect(reasons.size).toBeGreaterThan(10);
  }, 120_000); // ~8 s here; room for a machine busy with other suites
});
