import type { z } from 'zod';

/** One settings section: its schema, its defaults, and how a patch merges into it. */
export interface SectionSpec<S extends z.ZodType, M extends 'keys' | 'replace'> {
  schema: S;
  defaults: z.output<S>;
  /** 'keys': a patch merges key by key (objects); 'replace': a patch replaces the whole value (lists). */
  merge: M;
}

/** Declares a settings section (keeps its types precise). Capabilities use it in their contract file. */
export const section = <S extends z.ZodType, M extends 'keys' | 'replace'>(spec: SectionSpec<S, M>) => spec;
