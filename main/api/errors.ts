import type { z } from 'zod';
import type { ApiErrorBody, ApiIssue, ErrorCode } from '../../preload/contract/index.ts';
import { CoreError, type CoreErrorKind } from '../runtime/errors.ts';

/** An error meant for the caller: a typed code and a message a person can act on. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ApiIssue[];
  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** zod issues → "path: message" lines, so a form can point at the field. */
export function issuesFrom(error: z.ZodError): ApiIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** The fields at fault, in words: "name: keep it to 64 characters; room: …". */
export function invalidParams(error: z.ZodError): ApiError {
  const issues = issuesFrom(error);
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ApiError('invalid_params', summary, issues);
}

const codeForKind: Record<CoreErrorKind, ErrorCode> = {
  invalid: 'invalid_params',
  not_found: 'not_found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  forbidden: 'forbidden',
};

/** The edge between the core and its callers: the core's own errors become contract error codes. */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof CoreError) return new ApiError(codeForKind[error.kind], error.message, error.issues);
  return undefined;
}

/** HTTP status for each code (the automation API speaks HTTP). */
export const httpStatus: Record<ErrorCode, number> = {
  invalid_request: 400,
  unknown_method: 404,
  invalid_params: 400,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};
