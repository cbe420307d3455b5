/**
 * The core's own error for "the caller asked for something that cannot be": capabilities throw it, the
 * API edge (main/api/errors.ts) maps it to a contract error code. Anything else thrown is a bug.
 */
export type CoreErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'forbidden';

export interface CoreIssue {
  /** Dotted path of the field at fault ('' for the whole input). */
  path: string;
  message: string;
}

export class CoreError extends Error {
  readonly kind: CoreErrorKind;
  readonly issues?: CoreIssue[];
  constructor(kind: CoreErrorKind, message: string, issues?: CoreIssue[]) {
    super(message);
    this.name = 'CoreError';
    this.kind = kind;
    this.issues = issues;
  }
}

/** zod issues → CoreError('invalid') whose message names each field in words a person can act on. */
export function invalidInput(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, what = 'input'): CoreError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new CoreError('invalid', `${what} not accepted — ${summary}`, issues);
}
