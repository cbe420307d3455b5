/**
 * Offset to add to Date.now() to get the console's clock: the server's `now` is taken to be the
 * midpoint of the round trip (t0 = before sending, t1 = answer received).
 */
export function clockOffset(t0: number, t1: number, serverNow: number): number {
  return Math.round(serverNow - (t0 + t1) / 2);
}
