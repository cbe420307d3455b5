import { ApiError } from '../api/errors.ts';

/** A failed call as the operator reads it: the server's message, then each field issue. */
export function ErrorMessage({ error, testId }: { error: unknown; testId?: string }) {
  if (error === null || error === undefined) return null;
  const e = ApiError.wrap(error);
  // Servers often fold the issues into the message already; list only what it doesn't say.
  const issues = e.issues.filter((i) => !e.message.includes(i.message));
  return (
    <div className="error" role="alert" data-testid={testId} data-code={e.code}>
      <p className="error__message">{e.message}</p>
      {issues.length > 0 && (
        <ul className="error__issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.path && <code>{i.path}</code>} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
