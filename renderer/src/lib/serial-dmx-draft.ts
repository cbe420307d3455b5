import { DmxEnttecSettings, DmxMonitor, DmxSerialInput, checkSerialDmx, splitSource, type DmxSettings } from '../../../preload/contract/index.ts';
import { typedNumber, type SectionCheck } from './section-draft.ts';

/**
 * The serial DMX forms as they hold their fields (numbers as typed, so "1" on the way to "11000" is not a
 * number yet): the Enttec output's settings, one DMX text input, one channel monitor. Checking runs the
 * contract's own schemas and its cross-key rules (checkSerialDmx), so the operator reads the sentence the
 * core would answer with, keyed like the core's issue paths ("dmx.monitors.2.channel").
 */

type Dmx = Pick<DmxSettings, 'universes' | 'inputs' | 'enttec' | 'serialInputs' | 'monitors'>;
/** The same check result and number reading as every Settings form (lib/section-draft.ts). */
export type Checked<T> = SectionCheck<T>;
export { typedNumber };

/** Seconds as typed → whole ms (the contract's unit), or the text when it is not a number. */
const msFromSeconds = (text: string): number | string => {
  const n = typedNumber(text);
  return typeof n === 'number' ? Math.round(n * 1000) : n;
};

interface Issue {
  path: PropertyKey[];
  message: string;
}

function collect(issues: readonly Issue[], prefix: string, errors: Record<string, string>): void {
  for (const issue of issues) errors[[prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.')] ??= issue.message;
}

/** The contract's cross-key rules (universe beyond the engine, a port twice, a monitor on nothing) for the whole serial part. */
export function crossCheck(dmx: Dmx): Record<string, string> {
  const errors: Record<string, string> = {};
  checkSerialDmx(dmx, { addIssue: (i) => collect([i], 'dmx', errors) });
  return errors;
}

function checked<T>(value: T | undefined, errors: Record<string, string>): Checked<T> {
  return value !== undefined && Object.keys(errors).length === 0 ? { ok: true, value, errors: {} } : { ok: false, errors };
}

// ── the Enttec output ──────────────────────────────────────────────────────────────────────────────

export interface EnttecDraft {
  enabled: boolean;
  /** true = "auto" (find the widget), false = the path below. */
  auto: boolean;
  path: string;
  rateHz: string;
  universe: string;
  slots: string;
  inputEnabled: boolean;
  inputUniverse: string;
  inputChangesOnly: boolean;
  inputMerge: boolean;
  /** Seconds, as typed. */
  inputLossS: string;
}

export function toEnttecDraft(e: DmxEnttecSettings): EnttecDraft {
  return {
    enabled: e.enabled,
    auto: e.port === 'auto',
    path: e.port === 'auto' ? '' : e.port,
    rateHz: String(e.rateHz),
    universe: String(e.universe),
    slots: String(e.slots),
    inputEnabled: e.input.enabled,
    inputUniverse: String(e.input.universe),
    inputChangesOnly: e.input.changesOnly,
    inputMerge: e.input.merge,
    inputLossS: String(e.input.lossTimeoutMs / 1000),
  };
}

/** The draft as `dmx.enttec`, checked by the contract alone and together with the rest of `dmx` (`dmx` = what is stored). */
export function fromEnttecDraft(d: EnttecDraft, dmx: Dmx): Checked<DmxEnttecSettings> {
  const candidate = {
    enabled: d.enabled,
    // An empty path must say "give a port", not match "auto"
    port: d.auto ? 'auto' : d.path.trim() === '' ? ' ' : d.path,
    rateHz: typedNumber(d.rateHz),
    universe: typedNumber(d.universe),
    slots: typedNumber(d.slots),
    input: { enabled: d.inputEnabled, universe: typedNumber(d.inputUniverse), changesOnly: d.inputChangesOnly, merge: d.inputMerge, lossTimeoutMs: msFromSeconds(d.inputLossS) },
  };
  const parsed = DmxEnttecSettings.safeParse(candidate);
  const errors: Record<string, string> = {};
  if (!parsed.success) collect(parsed.error.issues, 'dmx.enttec', errors);
  if (!d.auto && d.path.trim() === '') errors['dmx.enttec.port'] = 'give a serial port, e.g. /dev/ttyUSB0 or COM3, or choose "Find it automatically"';
  if (parsed.success) Object.assign(errors, onlyUnder(crossCheck({ ...dmx, enttec: parsed.data }), 'dmx.enttec'));
  return checked(parsed.success ? parsed.data : undefined, errors);
}

const onlyUnder = (errors: Record<string, string>, prefix: string) => Object.fromEntries(Object.entries(errors).filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)));

/** "Port found automatically · 40 frames/s · universe 1 · 512 channels · DMX IN off": the settings at a glance. */
export function describeEnttec(e: DmxEnttecSettings): string {
  const input = !e.input.enabled ? 'DMX IN off' : `DMX IN → universe ${e.input.universe} (${e.input.merge ? 'merged' : 'monitor only'})`;
  return [e.port === 'auto' ? 'port found automatically' : e.port, `${e.rateHz} frames/s`, `universe ${e.universe}`, `${e.slots} channels`, input].join(' · ');
}

// ── a DMX text input (SparkFun shield) ─────────────────────────────────────────────────────────────

export interface SerialInputDraft {
  port: string;
  baudRate: string;
  firstChannel: string;
  lastChannel: string;
  universe: string;
  merge: boolean;
  lossTimeoutS: string;
}

export function toSerialInputDraft(s: DmxSerialInput): SerialInputDraft {
  return {
    port: s.port,
    baudRate: String(s.baudRate),
    firstChannel: String(s.firstChannel),
    lastChannel: String(s.lastChannel),
    universe: String(s.universe),
    merge: s.merge,
    lossTimeoutS: String(s.lossTimeoutMs / 1000),
  };
}

/** A new input: the lowest universe no other input uses, monitor only, the shield's 115200 baud. */
export function newSerialInputDraft(dmx: Dmx): SerialInputDraft {
  const taken = new Set([...dmx.inputs.map((i) => i.universe), ...dmx.serialInputs.map((i) => i.universe), ...(dmx.enttec.enabled && dmx.enttec.input.enabled ? [dmx.enttec.input.universe] : [])]);
  let universe = 1;
  while (taken.has(universe) && universe < dmx.universes) universe++;
  return { port: '', baudRate: '115200', firstChannel: '1', lastChannel: '512', universe: String(universe), merge: false, lossTimeoutS: '3' };
}

/** The draft as serial input number `index` (index = length for a new one), checked with the rest of `dmx`. */
export function fromSerialInputDraft(d: SerialInputDraft, index: number, dmx: Dmx): Checked<DmxSerialInput> {
  const candidate = {
    port: d.port,
    baudRate: typedNumber(d.baudRate),
    firstChannel: typedNumber(d.firstChannel),
    lastChannel: typedNumber(d.lastChannel),
    universe: typedNumber(d.universe),
    merge: d.merge,
    lossTimeoutMs: msFromSeconds(d.lossTimeoutS),
  };
  const at = `dmx.serialInputs.${index}`;
  const parsed = DmxSerialInput.safeParse(candidate);
  const errors: Record<string, string> = {};
  if (!parsed.success) collect(parsed.error.issues, at, errors);
  else Object.assign(errors, onlyUnder(crossCheck({ ...dmx, serialInputs: listWith(dmx.serialInputs, index, parsed.data) }), at));
  return checked(parsed.success ? parsed.data : undefined, errors);
}

export function describeSerialInput(s: DmxSerialInput): string {
  return `${s.baudRate} baud · channels ${s.firstChannel}–${s.lastChannel} → universe ${s.universe} · ${s.merge ? 'merged into the output' : 'monitor only'}`;
}

// ── a channel monitor ──────────────────────────────────────────────────────────────────────────────

export interface MonitorDraft {
  id: string;
  name: string;
  room: string;
  source: string;
  /** 16 = a coarse/fine pair (channel, fineChannel). */
  bits: 8 | 16;
  channel: string;
  fineChannel: string;
  /** '' = the full scale (0 and 255 / 65535). */
  rawLow: string;
  rawHigh: string;
  low: string;
  high: string;
  unit: string;
  metric: string;
}

export function toMonitorDraft(m: DmxMonitor): MonitorDraft {
  return {
    id: m.id,
    name: m.name,
    room: m.room,
    source: m.source,
    bits: m.fineChannel === undefined ? 8 : 16,
    channel: String(m.channel),
    fineChannel: m.fineChannel === undefined ? String(Math.min(512, m.channel + 1)) : String(m.fineChannel),
    rawLow: m.rawLow === undefined ? '' : String(m.rawLow),
    rawHigh: m.rawHigh === undefined ? '' : String(m.rawHigh),
    low: String(m.low),
    high: String(m.high),
    unit: m.unit,
    metric: m.metric,
  };
}

/** A new monitor on the output's first universe, channel 1, shown 0–100 %. The id follows the name until saved. */
export function newMonitorDraft(): MonitorDraft {
  return { id: '', name: '', room: '', source: 'output:1', bits: 8, channel: '1', fineChannel: '2', rawLow: '', rawHigh: '', low: '0', high: '100', unit: '%', metric: 'level' };
}

/** "LED wall — brightness!" → "led-wall-brightness", unique among `taken` ("-2", "-3" …). */
export function monitorIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'monitor';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The draft as monitor number `index` (index = length for a new one), checked with the rest of `dmx`.
 * A new monitor without an id takes one from its name (`isNew`); a saved one keeps its id (its history hangs on it).
 */
export function fromMonitorDraft(d: MonitorDraft, index: number, dmx: Dmx, isNew: boolean): Checked<DmxMonitor> {
  const others = new Set(dmx.monitors.filter((_, i) => i !== index).map((m) => m.id));
  const id = isNew && d.id.trim() === '' ? monitorIdFor(d.name, others) : d.id.trim();
  const candidate: Record<string, unknown> = {
    id,
    name: d.name,
    room: d.room,
    source: d.source,
    channel: typedNumber(d.channel),
    low: typedNumber(d.low),
    high: typedNumber(d.high),
    unit: d.unit,
    metric: d.metric.trim() === '' ? 'level' : d.metric.trim(),
  };
  if (d.bits === 16) candidate.fineChannel = typedNumber(d.fineChannel);
  if (d.rawLow.trim() !== '') candidate.rawLow = typedNumber(d.rawLow);
  if (d.rawHigh.trim() !== '') candidate.rawHigh = typedNumber(d.rawHigh);
  const at = `dmx.monitors.${index}`;
  const parsed = DmxMonitor.safeParse(candidate);
  const errors: Record<string, string> = {};
  if (!parsed.success) collect(parsed.error.issues, at, errors);
  else Object.assign(errors, onlyUnder(crossCheck({ ...dmx, monitors: listWith(dmx.monitors, index, parsed.data) }), at));
  return checked(parsed.success ? parsed.data : undefined, errors);
}

export interface SourceOption {
  value: string;
  label: string;
}

/** Where a monitor can read: each output universe in use, each input that is configured, the Enttec's DMX IN. */
export function monitorSources(dmx: Dmx & Pick<DmxSettings, 'outputs'>, current?: string): SourceOption[] {
  const out: SourceOption[] = [];
  const add = (value: string, label: string) => {
    if (!out.some((o) => o.value === value)) out.push({ value, label });
  };
  const universes = new Set([1, ...dmx.outputs.map((o) => o.universe), dmx.enttec.universe].filter((u) => u <= dmx.universes));
  for (const u of [...universes].sort((a, b) => a - b)) add(`output:${u}`, `Output universe ${u} (what goes on stage)`);
  for (const i of dmx.inputs) {
    if (i.protocol === 'artnet') add(`artnet:${i.portAddress}`, `Art-Net input, Port-Address ${i.portAddress}`);
    else add(`sacn:${i.sacnUniverse}`, `sACN input, universe ${i.sacnUniverse}`);
  }
  if (dmx.enttec.enabled && dmx.enttec.input.enabled) add('enttec', 'Enttec DMX IN');
  for (const s of dmx.serialInputs) add(`serial:${s.port}`, `DMX text input ${s.port}`);
  if (current && !out.some((o) => o.value === current)) {
    const [kind] = splitSource(current);
    out.push({ value: current, label: `${current} (${kind === 'enttec' ? 'the Enttec input is off' : 'not configured'})` });
  }
  return out;
}

/** "output universe 1, channels 101+102 (16-bit) → 0–11000 nits". */
export function describeMonitor(m: DmxMonitor): string {
  const [kind, rest] = splitSource(m.source);
  const where = kind === 'output' ? `output universe ${rest}` : kind === 'artnet' ? `Art-Net ${rest}` : kind === 'sacn' ? `sACN ${rest}` : kind === 'enttec' ? 'Enttec IN' : rest;
  const ch = m.fineChannel === undefined ? `channel ${m.channel}` : `channels ${m.channel}+${m.fineChannel} (16-bit)`;
  return `${where}, ${ch} → ${m.low}–${m.high}${m.unit ? ` ${m.unit}` : ''}`;
}

// ── lists (a settings patch replaces a list whole) ─────────────────────────────────────────────────

/** `list` with item `index` replaced, or appended when index = length. */
export function listWith<T>(list: readonly T[], index: number, item: T): T[] {
  return index >= list.length ? [...list, item] : list.map((x, i) => (i === index ? item : x));
}

export const listWithout = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/**
 * Removing a serial input leaves monitors reading it pointing at nothing (the core refuses that), so
 * those monitors go with it; the caller names them in the confirm.
 */
export function monitorsReading(monitors: readonly DmxMonitor[], source: string): DmxMonitor[] {
  return monitors.filter((m) => m.source === source);
}
