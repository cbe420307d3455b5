import { Panel, type PanelType } from '../../../preload/contract/index.ts';

/**
 * The panel settings form: a panel as the strings its inputs hold, and back — checked by the contract's own
 * Panel schema, so the form refuses exactly what dashboards.save would, with the same messages. Pure.
 */
export interface PanelForm {
  title: string;
  type: PanelType;
  unit: string;
  decimals: string;
  min: string;
  max: string;
  warnAbove: string;
  alarmAbove: string;
  warnBelow: string;
  alarmBelow: string;
  w: string;
  h: string;
  series: Panel['series'];
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function panelToForm(p: Panel): PanelForm {
  const t = p.thresholds ?? {};
  return {
    title: p.title,
    type: p.type,
    unit: p.unit ?? '',
    decimals: text(p.decimals),
    min: text(p.min),
    max: text(p.max),
    warnAbove: text(t.warnAbove),
    alarmAbove: text(t.alarmAbove),
    warnBelow: text(t.warnBelow),
    alarmBelow: text(t.alarmBelow),
    w: String(p.grid.w),
    h: String(p.grid.h),
    series: p.series,
  };
}

/** "" → absent; "1,5" reads as 1.5 (a comma keyboard); anything else not a number stays as text for the schema to refuse. */
function num(s: string): number | string | undefined {
  const t = s.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : s;
}

export type FormResult = { ok: true; panel: Panel } | { ok: false; errors: Partial<Record<keyof PanelForm | 'form', string>> };

/** The edited panel (id and position kept; width clamped so it still fits its row), or a message per field. */
export function formToPanel(base: Panel, f: PanelForm): FormResult {
  const thresholds = { warnAbove: num(f.warnAbove), alarmAbove: num(f.alarmAbove), warnBelow: num(f.warnBelow), alarmBelow: num(f.alarmBelow) };
  const anyLimit = Object.values(thresholds).some((v) => v !== undefined);
  const w = num(f.w);
  const candidate = {
    id: base.id,
    type: f.type,
    title: f.title,
    series: f.series,
    ...(f.unit.trim() ? { unit: f.unit } : {}),
    ...(num(f.decimals) !== undefined ? { decimals: num(f.decimals) } : {}),
    ...(num(f.min) !== undefined ? { min: num(f.min) } : {}),
    ...(num(f.max) !== undefined ? { max: num(f.max) } : {}),
    ...(anyLimit ? { thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, v]) => v !== undefined)) } : {}),
    // A wider panel slides left rather than being refused for running off the grid.
    grid: { ...base.grid, w, h: num(f.h), x: typeof w === 'number' ? Math.max(0, Math.min(base.grid.x, 24 - w)) : base.grid.x },
  };
  const parsed = Panel.safeParse(candidate);
  if (parsed.success) return { ok: true, panel: parsed.data };
  const errors: Partial<Record<keyof PanelForm | 'form', string>> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const field = (path[0] === 'thresholds' || path[0] === 'grid' ? path[1] : path[0]) ?? 'form';
    const key = (field in f ? field : 'form') as keyof PanelForm | 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
