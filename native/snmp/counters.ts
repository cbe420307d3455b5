/**
 * Rates from SNMP counters polled twice. The rules: a 32-bit counter that went down while the agent
 * kept running wrapped once (add 2^32); a 64-bit counter that went down was reset; an agent restart
 * re-baselines everything; a rate above what the link could carry is discarded. Never a negative,
 * infinite or absurd rate — no rate at all this poll instead.
 */

export type CounterWidth = 32 | 64;

/** One remembered counter reading. */
export interface CounterMemo {
  value: bigint;
  width: CounterWidth;
}

export type RateOutcome =
  | { rate: number; wrapped: boolean }
  | { rate?: undefined; reason: 'restart' | 'no-interval' | 'width-changed' | 'went-backwards' | 'too-fast' };

const two32 = 1n << 32n;

/** TimeTicks (1/100 s) wrap at 2^32: about 497 days. */
const ticksModulus = 4294967296;

/** Bits on the wire per minimum Ethernet frame (64 B + 8 B preamble + 12 B gap): the most packets a link can carry. */
export const minFrameBits = 672;

/** Rate ceiling when the port's speed is unknown: faster than any port a show site will see. */
export const unknownSpeedMaxBps = 400e9;

/**
 * Did the agent restart between two polls? sysUpTime going down says so (unless it simply wrapped after
 * 497 days); so does it advancing by far less than the wall clock did (it restarted and counted up again
 * past where it was).
 */
export function agentRestarted(prevTicks: number, curTicks: number, elapsedMs: number): boolean {
  const elapsedTicks = Math.max(0, elapsedMs / 10);
  if (curTicks < prevTicks) {
    const wrapped = prevTicks > ticksModulus - elapsedTicks * 2 - 1000 && curTicks < elapsedTicks * 2 + 1000;
    return !wrapped;
  }
  const agentMs = (curTicks - prevTicks) * 10;
  return elapsedMs > 10_000 && agentMs < elapsedMs / 2 - 5000;
}

/**
 * Per-second rate of a counter between two readings `seconds` apart, or why there is none.
 * `maxRate` is the ceiling in the counter's own unit per second (octets/s, packets/s).
 */
export function counterRate(prev: CounterMemo, cur: CounterMemo, seconds: number, restarted: boolean, maxRate: number): RateOutcome {
  if (restarted) return { reason: 'restart' };
  if (!(seconds > 0) || !Number.isFinite(seconds)) return { reason: 'no-interval' };
  if (prev.width !== cur.width) return { reason: 'width-changed' };
  let delta = cur.value - prev.value;
  let wrapped = false;
  if (delta < 0n) {
    if (cur.width === 64) return { reason: 'went-backwards' };
    delta += two32;
    wrapped = true;
  }
  const rate = Number(delta) / seconds;
  if (!Number.isFinite(rate) || rate < 0 || rate > maxRate) return { reason: 'too-fast' };
  return { rate, wrapped };
}

/** The most octets per second a port of `speedBps` plausibly moves (×1.5 headroom for speed-reporting slop). */
export function maxOctetRate(speedBps: number | undefined): number {
  return ((speedBps !== undefined && speedBps > 0 ? speedBps * 1.5 : unknownSpeedMaxBps) / 8);
}

/** The most packets (errors, discards) per second a port of `speedBps` can see. */
export function maxPacketRate(speedBps: number | undefined): number {
  return (speedBps !== undefined && speedBps > 0 ? speedBps * 1.5 : unknownSpeedMaxBps) / minFrameBits;
}
