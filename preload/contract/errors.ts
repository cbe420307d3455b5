/** Error codes every transport returns; the human message says what to fix. */
export const errorCodes = [
  'invalid_request', // the envelope itself is malformed (not JSON, no method, bad id)
  'unknown_method',
  'invalid_params',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ApiIssue[];
}
