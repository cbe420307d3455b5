/**
 * An SVG path for a small line without axes (tile and stat sparklines): drawn as plain SVG, not a chart
 * library, so two dozen live tiles cost almost nothing to redraw. Pure.
 */
export interface SparkPoint {
  t: number;
  v: number;
}

/**
 * "M x y L x y …" scaled into width × height (with `pad` px kept free top and bottom so the stroke is not
 * clipped). A gap longer than `gapMs` starts a new sub-path ("M") instead of a line across it. A flat series
 * sits in the middle. Empty string with no points.
 */
export function sparklinePath(points: readonly SparkPoint[], width: number, height: number, options: { gapMs?: number; from?: number; to?: number; pad?: number } = {}): string {
  if (points.length === 0) return '';
  const pad = options.pad ?? 2;
  const t0 = options.from ?? points[0]!.t;
  const t1 = options.to ?? points[points.length - 1]!.t;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.v < lo) lo = p.v;
    if (p.v > hi) hi = p.v;
  }
  const spanT = t1 - t0 || 1;
  const spanV = hi - lo;
  const x = (t: number) => ((t - t0) / spanT) * width;
  const y = (v: number) => (spanV === 0 ? height / 2 : pad + (1 - (v - lo) / spanV) * (height - 2 * pad));
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = '';
  let prev: SparkPoint | undefined;
  for (const p of points) {
    const move = !prev || (options.gapMs !== undefined && p.t - prev.t > options.gapMs);
    d += `${d ? ' ' : ''}${move ? 'M' : 'L'}${r(x(p.t))} ${r(y(p.v))}`;
    prev = p;
  }
  // A lone point (or one after a gap) would draw nothing: give each sub-path at least a dot's width.
  return d.replace(/M(-?[\d.]+) (-?[\d.]+)(?= M|$)/g, (_m, px: string, py: string) => `M${px} ${py} L${r(Number(px) + 1)} ${py}`);
}

/** Newest reading appended to the stored history when it is newer than the last bucket (a tile stays live between refreshes). */
export function withLatest(history: readonly SparkPoint[], latest: SparkPoint | undefined, keepFrom: number): SparkPoint[] {
  const out = history.filter((p) => p.t >= keepFrom);
  const last = out[out.length - 1];
  if (latest && (!last || latest.t > last.t)) out.push(latest);
  return out;
}
