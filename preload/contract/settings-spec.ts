import { z } from 'zod';

/** One settings section: its schema, its defaults, and how a patch merges into it. */
export interface SectionSpec<S extends z.ZodType, M extends 'keys' | 'replace'> {
  schema: S;
  defaults: z.output<S>;
  /**
   * 'keys': a patch merges key by key, into nested objects too (`{"dmx":{"artnet":{"enabled":true}}}`
   * changes one switch); lists inside are replaced whole. 'replace': the whole value is swapped (lists).
   */
  merge: M;
}

/** Declares a settings section (keeps its types precise). Capabilities use it in their contract file. */
export const section = <S extends z.ZodType, M extends 'keys' | 'replace'>(spec: SectionSpec<S, M>) => spec;

/** Every key optional, all the way down through nested objects (lists and leaves are taken whole). */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** The schema of a patch to an object section: strict at every level, every key optional at every level. */
export function deepPartial(schema: z.ZodType): z.ZodType {
  const inner = unwrapObject(schema);
  if (!inner) return schema;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(inner.shape as Record<string, z.ZodType>)) shape[key] = deepPartial(value).optional();
  return z.object(shape).strict();
}

/** The ZodObject under a schema (through refinements/pipes), or undefined for lists and leaves. */
function unwrapObject(schema: z.ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  return undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** base with patch laid over it: objects merge key by key recursively, anything else (lists too) is replaced. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = deepMerge(base[key], value);
  return out;
}
