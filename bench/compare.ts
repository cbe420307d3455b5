// Figures side by side with the previous run: every numeric leaf present in both, with the ratio now/before.

export interface Change {
  now: number;
  before: number;
  /** now / before, 3 significant digits; null when before is 0. */
  ratio: number | null;
}

/** Numeric leaves of a JSON value by dotted path ("dmx.frameClock.p99Ms"); arrays are indexed ("a.0.b"). */
export function numericLeaves(value: unknown, prefix = '', into = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number' && Number.isFinite(value)) into.set(prefix, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) numericLeaves(item, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

/** Each figure of `now` that `before` also has, with both values and their ratio. */
export function compareFigures(now: unknown, before: unknown): Record<string, Change> {
  const old = numericLeaves(before);
  const out: Record<string, Change> = {};
  for (const [path, value] of numericLeaves(now)) {
    const was = old.get(path);
    if (was === undefined) continue;
    out[path] = { now: value, before: was, ratio: was === 0 ? null : Number((value / was).toPrecision(3)) };
  }
  return out;
}

/** The newest earlier run (files sorted oldest first) that measured `module`, if any. */
export function previousRunOf(module: string, runs: readonly { file: string; figures: Record<string, unknown> }[]): { file: string; at?: string; figures: unknown } | undefined {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    const figures = run?.figures[module];
    if (run && figures !== undefined && !(typeof figures === 'object' && figures !== null && 'error' in figures)) {
      return { file: run.file, at: (run.figures.machine as { at?: string } | undefined)?.at, figures };
    }
  }
  return undefined;
}
