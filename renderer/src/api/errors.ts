import { errorCodes } from '../../../preload/contract/errors.ts';
import type { ApiErrorBody, ApiIssue, ErrorCode } from '../../../preload/contract/index.ts';
import { humanizeError } from '../lib/human-error.ts';

const isErrorCode = (v: unknown): v is ErrorCode => typeof v === 'string' && (errorCodes as readonly string[]).includes(v);

/** A failed call, whichever transport carried it. `message` is written for the operator: show it as is. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiIssue[];

  constructor(code: ErrorCode, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  /** Builds an ApiError from an error body off the wire; tolerant, because a bad body must not hide the failure. */
  static fromBody(body: unknown): ApiError {
    if (typeof body !== 'object' || body === null) return new ApiError('internal', 'The console sent a malformed error.');
    const b = body as Partial<Record<keyof ApiErrorBody, unknown>>;
    const code = isErrorCode(b.code) ? b.code : 'internal';
    const message = typeof b.message === 'string' && b.message !== '' ? b.message : `Request failed (${code}).`;
    const issues = Array.isArray(b.issues)
      ? b.issues.flatMap((i: unknown): ApiIssue[] => {
          if (typeof i !== 'object' || i === null) return [];
          const r = i as Record<string, unknown>;
          return typeof r.message === 'string' ? [{ path: typeof r.path === 'string' ? r.path : '', message: r.message }] : [];
        })
      : [];
    return new ApiError(code, message, issues);
  }

  /** Anything thrown → ApiError, so the UI has one shape to show. */
  static wrap(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    if (err instanceof Error) return new ApiError('internal', err.message);
    return new ApiError('internal', String(err));
  }
}

/** One line for the operator: a plain sentence, plus the field issues under their labels. */
export function describeError(err: unknown): string {
  const h = humanizeError(ApiError.wrap(err));
  if (h.lines.length === 0) return h.summary;
  return h.summary.endsWith(':') ? `${h.summary} ${h.lines.join('; ')}` : `${h.summary} (${h.lines.join('; ')})`;
}
