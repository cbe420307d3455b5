import { z } from 'zod';
import { method, none } from './method-spec.ts';

/**
 * A show file: everything about a show except the readings — settings and each capability's library
 * (the DMX patch, scenes and cue lists; the running order; dashboards…). One JSON file to carry a show to
 * the next site or keep it in version control. Each capability owns one key; importing checks every part
 * before anything is changed.
 */
export const ShowFile = z
  .object({
    format: z.literal('showsite-show', { error: 'this is not a Showsite show file (format must be "showsite-show")' }),
    version: z.literal(1, { error: 'this show file is from a newer Showsite Console (version must be 1)' }),
    exportedAt: z.string(),
    /** Every capability's part, by name (settings, dmx, …); each is checked by its capability on import. */
    parts: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), z.unknown()),
  })
  .strict();
export type ShowFile = z.infer<typeof ShowFile>;

export const showMethods = {
  'show.export': method({ params: none, result: ShowFile, access: 'view', summary: 'The whole show as one file (settings, DMX library, running order, dashboards — not the readings).' }),
  'show.import': method({
    params: z.object({ show: ShowFile, only: z.array(z.string()).max(32).optional() }).strict(),
    result: z.object({ imported: z.array(z.string()) }),
    access: 'control',
    summary: 'Load a show file (all parts, or only those named); every part is checked first and nothing changes if any is wrong.',
  }),
};
