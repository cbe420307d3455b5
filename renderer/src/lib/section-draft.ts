import type { z } from 'zod';

/**
 * Shared by the Settings forms that hold numbers as typed: "1" on the way to "15" is not a number yet, and
 * checking runs the contract's own schema so the operator reads the sentence the core would answer with,
 * keyed like the core's issue paths ("retention.rawDays").
 */

/** "15", " 15 ", "1,5" → a number; "", "ten", "1e3x" stay text so the schema's "is a number" message answers. */
export function typedNumber(text: string): number | string {
  const t = text.trim().replace(',', '.').replace(/^\u2212/, '-');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : text;
}

export type SectionCheck<T> = { ok: true; value: T; errors: Record<string, never> } | { ok: false; errors: Record<string, string> };

/** `candidate` checked by `schema`: the value, or the first message per field, keyed `<section>.<path>`. */
export function checkSection<S extends z.ZodType>(schema: S, section: string, candidate: unknown): SectionCheck<z.output<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[[section, ...issue.path.map(String)].join('.')] ??= issue.message;
  return { ok: false, errors };
}

/** Only the keys whose values differ from what is stored (compared as JSON): the section's part of a settings.update. */
export function changedKeys<T extends object>(value: T, saved: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const k of Object.keys(value) as (keyof T)[]) if (JSON.stringify(value[k]) !== JSON.stringify(saved[k])) patch[k] = value[k];
  return patch;
}

/** A contract sentence ("must be at least 1") opening a message beside a box. */
export const sentence = (m: string | undefined) => m && m.charAt(0).toUpperCase() + m.slice(1);
