import { z } from 'zod';
import type { ApiErrorBody } from './errors.ts';

/** Largest message a transport accepts before parsing. */
export const maxMessageBytes = 256 * 1024;

export const RequestEnvelope = z
  .object({
    id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
    method: z.string().min(1).max(100),
    params: z.unknown().optional(),
  })
  .strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export type RequestId = RequestEnvelope['id'];
export type ResponseMessage = { id: RequestId | null; result: unknown } | { id: RequestId | null; error: ApiErrorBody };
