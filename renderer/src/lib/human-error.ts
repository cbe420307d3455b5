import type { ApiIssue, ErrorCode } from '../../../preload/contract/index.ts';

/**
 * A failed call in the operator's words. The core says *what* is wrong per field (`issues`, with a dotted
 * path such as `thresholds.0.warnAbove`); this turns paths into the labels on screen and drops developer
 * wording ("invalid params: …", zod's "expected number, received NaN"), so a form can put each message
 * beside its field and a plain sentence under it.
 */
export interface HumanError {
  code: ErrorCode;
  /** One plain sentence: what happened. */
  summary: string;
  /** Messages no field on screen shows, as "Label: message". */
  lines: string[];
  /** Message per field path (every issue that has a path), ready to show beside the field. */
  fields: Record<string, string>;
}

export interface ErrorLike {
  code: ErrorCode;
  message: string;
  issues: readonly ApiIssue[];
}

export interface HumanizeOptions {
  /** Label for a path the caller knows better than the defaults (its own field labels). */
  labelFor?: (path: string) => string | undefined;
  /** Paths the caller shows beside their fields: left out of `lines`. */
  inline?: (path: string) => boolean;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const knownLabels: Record<string, string> = {
  name: 'Name',
  room: 'Room',
  notes: 'Notes',
  id: 'Device',
  token: 'Token',
  'site.name': 'Site name',
  'telemetry.staleAfterS': 'Stale after',
  'telemetry.rawRetentionDays': 'Keep raw readings',
  'remote.enabled': 'LAN access',
  'remote.host': 'Address',
  'remote.port': 'Port',
  'demo.enabled': 'Demo site',
  'demo.intervalMs': 'Demo interval',
  thresholds: 'Thresholds',
};

const thresholdFieldWords: Record<string, string> = {
  metric: 'metric',
  deviceId: 'device',
  warnAbove: 'warn above',
  alarmAbove: 'alarm above',
  warnBelow: 'warn below',
  alarmBelow: 'alarm below',
};

/** "warnAbove" → "warn above", "staleAfterS" → "stale after s". */
const words = (key: string) => key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();

/** A field's label for a dotted path: "site.name" → "Site name", "thresholds.2.warnAbove" → "Rule 3, warn above". */
export function fieldLabel(path: string): string {
  // settings.import wraps the file in { settings: … }; the operator thinks of the settings themselves.
  const p = path.replace(/^settings\./, '');
  const known = knownLabels[p];
  if (known) return known;
  const t = /^thresholds\.(\d+)(?:\.(\w+))?/.exec(p);
  if (t) {
    const rule = `Rule ${Number(t[1]) + 1}`;
    return t[2] ? `${rule}, ${thresholdFieldWords[t[2]] ?? words(t[2])}` : rule;
  }
  const last = p.split('.').filter((s) => !/^\d+$/.test(s)).at(-1) ?? p;
  return capitalise(words(last));
}

// zod's stock wording, for any schema that has no message of its own yet.
const stockWording: [RegExp, (m: RegExpExecArray) => string][] = [
  [/expected number, received NaN/i, () => 'enter a number'],
  [/expected (?:number|int)[^,]*, received (?:string|undefined|null)/i, () => 'enter a number'],
  [/expected int, received number|expected an integer/i, () => 'use a whole number'],
  [/too big: expected string to have <=\s*(\d+) characters?/i, (m) => `keep it to ${m[1]} characters`],
  [/too small: expected string to have >=\s*1 characters?/i, () => 'fill this in'],
  [/too small: expected string to have >=\s*(\d+) characters?/i, (m) => `use at least ${m[1]} characters`],
  [/too big: expected number to be <=\s*(-?[\d.]+)/i, (m) => `at most ${m[1]}`],
  [/too small: expected number to be >=\s*(-?[\d.]+)/i, (m) => `at least ${m[1]}`],
  [/unrecognized keys?/i, () => 'not a setting this console knows'],
  [/invalid option|invalid enum value/i, () => 'pick one of the choices'],
  [/^(?:invalid input|required)$|expected \w+, received undefined/i, () => 'fill this in'],
];

/** One issue's message, as the operator reads it: no path in front, no zod stock phrases, first letter capital. */
export function plainIssue(message: string, path = ''): string {
  let m = message.trim();
  if (path && m.startsWith(`${path}:`)) m = m.slice(path.length + 1).trim();
  for (const [re, say] of stockWording) {
    const hit = re.exec(m);
    if (hit) {
      m = say(hit);
      break;
    }
  }
  return capitalise(m);
}

// Prefixes that say which layer refused, not what to fix.
const developerPrefix = /^(?:invalid[ _]params|invalid[ _]request|invalid input|bad request|[\w. ]{1,40} not accepted)\s*[:—–-]\s*/i;
const pathLike = /^[A-Za-z_]\w*(?:\.\w+)*$/;

/** A server message made plain: prefix dropped, "a.b: message; c: message" parts given labels. */
export function plainMessage(message: string, labelFor: (path: string) => string = fieldLabel): string {
  const body = message.trim().replace(developerPrefix, '');
  const parts = body.split(/;\s+/).map((part) => {
    const colon = part.indexOf(': ');
    const head = colon > 0 ? part.slice(0, colon) : '';
    if (head && pathLike.test(head)) return `${labelFor(head)}: ${lowerFirst(plainIssue(part.slice(colon + 2)))}`;
    return plainIssue(part);
  });
  return parts.join('; ');
}

export function humanizeError(e: ErrorLike, options: HumanizeOptions = {}): HumanError {
  const label = (path: string) => options.labelFor?.(path) ?? fieldLabel(path);
  const fields: Record<string, string> = {};
  const listed: { path: string; text: string }[] = [];
  for (const issue of e.issues) {
    const text = plainIssue(issue.message, issue.path);
    if (issue.path) fields[issue.path] ??= text;
    if (!(issue.path && options.inline?.(issue.path))) listed.push({ path: issue.path, text });
  }
  const line = (i: { path: string; text: string }) => (i.path ? `${label(i.path)}: ${lowerFirst(i.text)}` : i.text);
  if (e.code === 'invalid_params' && e.issues.length > 0) {
    const inline = e.issues.length - listed.length;
    if (listed.length === 1 && inline === 0) return { code: e.code, summary: `Not saved — ${line(listed[0]!)}`, lines: [], fields };
    const summary = listed.length === 0 ? `Not saved: see the note beside ${inline === 1 ? 'the field' : 'the marked fields'}.` : 'Not saved:';
    return { code: e.code, summary, lines: listed.map(line), fields };
  }
  const summary = plainMessage(e.message, label);
  // Servers often fold the issues into the message already; list only what it does not say.
  const lower = summary.toLowerCase();
  return { code: e.code, summary, lines: listed.filter((i) => !lower.includes(i.text.toLowerCase())).map(line), fields };
}
