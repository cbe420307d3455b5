import { ApiError } from '../api/errors.ts';
import { humanizeError, type HumanizeOptions } from '../lib/human-error.ts';

interface Props extends HumanizeOptions {
  error: unknown;
  testId?: string;
}

/**
 * A failed call as the operator reads it: a plain sentence, then each field issue under its on-screen label.
 * Forms that show a field's message beside the field pass `inline`, and those are not repeated here.
 */
export function ErrorMessage({ error, testId, labelFor, inline }: Props) {
  if (error === null || error === undefined) return null;
  const e = ApiError.wrap(error);
  const human = humanizeError(e, { labelFor, inline });
  return (
    <div className="error" role="alert" data-testid={testId} data-code={e.code}>
      <p className="error__message">{human.summary}</p>
      {human.lines.length > 0 && (
        <ul className="error__issues">
          {human.lines.map((line, n) => (
            <li key={n}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message to show beside one field, if the failed call named it. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (error === null || error === undefined) return undefined;
  return humanizeError(ApiError.wrap(error)).fields[path];
}
