export interface CrashPolicyTarget {
  logger: { error(msg: string, fields?: Record<string, unknown>): void };
  note(severity: 'info' | 'warn' | 'alarm', message: string): void;
  stop(): Promise<void>;
}

export interface CrashPolicyOptions {
  core: CrashPolicyTarget;
  exit: (code: number) => void;
  /** How long a clean stop may take after a fatal error before the process exits anyway. */
  stopTimeoutMs?: number;
}

/**
 * What the process does with an error nobody caught:
 * - an unhandled promise rejection is one failed operation: log it, put it on the timeline, keep serving;
 * - an uncaught exception may have left state half-changed: log it, try a clean stop (store closed, lock
 *   released) for a few seconds, then exit non-zero with the reason.
 */
export function installCrashPolicy(options: CrashPolicyOptions): { uninstall(): void } {
  const { core, exit } = options;
  let fatal = false;
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

  const onRejection = (reason: unknown) => {
    core.logger.error('unhandled promise rejection (kept running)', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
    core.note('warn', `Internal error (the console kept running): ${describe(reason)}. Details are in the log.`);
  };
  const onException = (error: unknown) => {
    if (fatal) return;
    fatal = true;
    core.logger.error('uncaught exception: stopping', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    core.note('alarm', `Internal error: ${describe(error)}. The console stopped to protect the show database; restart it.`);
    console.error(`showsite: fatal internal error: ${describe(error)} (details in the log)`);
    const timer = setTimeout(() => exit(1), options.stopTimeoutMs ?? 5000);
    timer.unref();
    core.stop().finally(() => {
      clearTimeout(timer);
      exit(1);
    });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    uninstall() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
