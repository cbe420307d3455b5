import { z } from 'zod';
import { deviceKinds } from '../../../preload/contract/index.ts';

/**
 * A user mapping: "this topic pattern carries this metric of this device". Self-contained (zod + the
 * contract only) so it can move into preload/contract/ as it is. The wildcard rule below restates
 * topic-match.ts `filterProblem` (a test keeps the two in step).
 */

/** Why a string is not a valid MQTT subscription filter, or null. */
export function mqttFilterProblem(filter: string): string | null {
  if (filter.length === 0) return 'the pattern cannot be empty';
  if (filter.includes('\u0000')) return 'the pattern cannot contain a NUL character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return "'#' must be a whole level and the last one (e.g. 'esp32/#')";
    if (level.includes('+') && level !== '+') return "'+' must be a whole level (e.g. 'esp32/+/temperature')";
  }
  return null;
}

export type JsonPathStep = string | number;

const maxPathSteps = 32;

/**
 * `$.sensors[0].temp`, `temp.value`, `$['odd key'][2]`, `$` (the whole payload) → steps; a clear reason otherwise.
 * Names are anything but `.`, `[`, `]`, quotes and spaces; use the bracket form for the rest.
 */
export function parseJsonPath(path: string): { ok: true; steps: JsonPathStep[] } | { ok: false; reason: string } {
  const src = path.trim();
  if (src.length > 256) return { ok: false, reason: 'the JSON path is longer than 256 characters' };
  const steps: JsonPathStep[] = [];
  let i = 0;
  if (src[0] === '$') i = 1;
  let first = true;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '.' || (first && i === 0 && c !== '[')) {
      if (c === '.') i++;
      const m = /^[^.[\]'"\s]+/.exec(src.slice(i));
      if (!m) return { ok: false, reason: `expected a key name at character ${i + 1} of the JSON path` };
      steps.push(m[0]);
      i += m[0].length;
    } else if (c === '[') {
      const rest = src.slice(i);
      const idx = /^\[(\d{1,6})\]/.exec(rest);
      const quoted = /^\[(['"])([^'"]{1,128})\1\]/.exec(rest);
      if (idx) {
        steps.push(Number(idx[1]));
        i += idx[0].length;
      } else if (quoted) {
        steps.push(quoted[2]!);
        i += quoted[0].length;
      } else {
        return { ok: false, reason: `expected [number] or ['key'] at character ${i + 1} of the JSON path` };
      }
    } else {
      return { ok: false, reason: `unexpected '${c}' at character ${i + 1} of the JSON path (use . or [ between steps)` };
    }
    first = false;
    if (steps.length > maxPathSteps) return { ok: false, reason: `the JSON path has more than ${maxPathSteps} steps` };
  }
  return { ok: true, steps };
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const UserMapping = z
  .object({
    /** MQTT filter with + and #, e.g. `esp32/+/sensor/temperature`. */
    pattern: z
      .string()
      .trim()
      .min(1, 'the pattern cannot be empty')
      .max(256, 'the pattern is at most 256 characters')
      .superRefine((p, ctx) => {
        const problem = mqttFilterProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** Index (0-based) of the topic level that is the device id. */
    deviceIdSegment: z.number().int('the device id level must be a whole number').min(0).max(63).optional(),
    /** …or one fixed device id for everything this pattern matches. */
    deviceId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a device id is 1–128 letters, digits, . _ : or -, starting with a letter or digit')
      .optional(),
    /** `$.sensors[0].temp`, `temp.value`…; absent = the payload is a plain number. */
    jsonPath: z
      .string()
      .max(256)
      .superRefine((p, ctx) => {
        const r = parseJsonPath(p);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
      })
      .optional(),
    metric: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'a metric is lower-case letters, digits, _ and ., starting with a letter (e.g. temperature)'),
    unit: z.string().max(16, 'a unit is at most 16 characters'),
    scale: finite.refine((v) => v !== 0, 'a scale of 0 would turn every value into 0').optional(),
    offset: finite.optional(),
    expectedIntervalS: z.number().int().min(1).max(7 * 86400, 'the expected interval is at most 7 days').optional(),
    kind: z.enum(deviceKinds).optional(),
    model: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((m, ctx) => {
    const hasSegment = m.deviceIdSegment !== undefined;
    const hasFixed = m.deviceId !== undefined;
    if (hasSegment === hasFixed) {
      ctx.addIssue({ code: 'custom', path: ['deviceIdSegment'], message: 'give either the topic level that holds the device id (deviceIdSegment) or a fixed deviceId — exactly one' });
      return;
    }
    if (hasSegment && mqttFilterProblem(m.pattern) === null) {
      const levels = m.pattern.split('/');
      const seg = m.deviceIdSegment!;
      const hash = levels.indexOf('#');
      if (hash === -1 && seg >= levels.length) {
        ctx.addIssue({ code: 'custom', path: ['deviceIdSegment'], message: `the pattern has ${levels.length} levels (0–${levels.length - 1}); level ${seg} does not exist` });
      } else if (seg < levels.length && levels[seg] !== '+' && levels[seg] !== '#') {
        ctx.addIssue({
          code: 'custom',
          path: ['deviceIdSegment'],
          message: `level ${seg} of the pattern is the fixed word '${levels[seg]}', so every device would get the same id — point at a + level or set a fixed deviceId`,
        });
      }
    }
  });

export type UserMapping = z.infer<typeof UserMapping>;
