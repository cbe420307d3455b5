/**
 * Series colours for the dark theme: distinct from each other and from the status colours (amber warn,
 * red alarm, grey stale), so a line is never mistaken for a state.
 */
export const seriesColors = ['#5b9fd6', '#56c2b5', '#a98ae0', '#d67fa8', '#8cc8f0', '#c8b48a', '#8fd6a8', '#d0a0f0', '#7f9fd0', '#a0aab8'] as const;

export const colorFor = (i: number): string => seriesColors[i % seriesColors.length]!;

export const stateColors = { ok: '#4fa676', warn: '#e0a23a', alarm: '#ec5a5a', stale: '#7d838c' } as const;
