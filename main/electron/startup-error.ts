// What the operator reads when the core cannot start: the cause and where the logs are.
export interface StartupFailureText {
  title: string;
  message: string;
  detail: string;
}

export function startupFailureText(err: unknown, logDir: string): StartupFailureText {
  const cause = err instanceof Error ? err.message : String(err);
  return {
    title: 'Showsite Console',
    message: 'Showsite Console could not start.',
    detail: `${cause || 'Unknown error.'}\n\nThe log folder has the details:\n${logDir}`,
  };
}
