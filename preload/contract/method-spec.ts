import { z } from 'zod';

/**
 * Who may call a method:
 * - public: anyone who can reach the port (health only);
 * - view: a signed-in viewer (read-only);
 * - control: changes the show or the site.
 */
export type Access = 'public' | 'view' | 'control';

export interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  params: P;
  result: R;
  access: Access;
  /** Short description, shown in docs/API.md. */
  summary: string;
}

/** Declares one method of the contract (keeps its param and result types precise). */
export const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>) => spec;

/** No parameters. */
export const none = z.object({}).strict();
export const deviceId = z.string({ error: 'give the device id' }).min(1, 'give the device id').max(200, 'a device id is at most 200 characters');
/** Free text a person typed: trimmed, and empty means "clear it". */
export const label = (max: number) => z.string({ error: 'must be text' }).trim().max(max, `keep it to ${max} characters`);
