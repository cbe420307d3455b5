import type { Access, CallOutcome, MethodName, ParamsOf, ResultOf } from '../../preload/contract/index.ts';
import { isMethodName, methods, redactSecrets } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { ApiError, invalidParams, toApiError } from './errors.ts';

export interface CallContext {
  /** What this caller may do. */
  access: Exclude<Access, 'public'>;
  /** Which door the call came through (logged with operator actions). */
  via: 'ipc' | 'ws' | 'http';
}

/** Methods whose meaning belongs to a connection (its subscriptions), answered by the session itself. */
export type SessionMethod = 'subscribe' | 'unsubscribe';
export type CoreMethod = Exclude<MethodName, SessionMethod>;
/** Implementations of some methods: each capability's handlers (main/api/handlers/<capability>.ts) cover its own. */
export type HandlersFor<M extends CoreMethod> = { [K in M]: (params: ParamsOf<K>, ctx: CallContext) => ResultOf<K> | Promise<ResultOf<K>> };
/** All of them: app.ts spreads the capabilities' handlers together and TypeScript insists none is missing. */
export type Handlers = HandlersFor<CoreMethod>;

const accessRank = { public: 0, view: 1, control: 2 } as const;

/** Look the method up, check access, validate params against the contract. Throws ApiError. */
export function checkCall(method: string, params: unknown, ctx: CallContext): { name: MethodName; params: unknown } {
  if (!isMethodName(method)) throw new ApiError('unknown_method', `unknown method "${method.slice(0, 100)}"`);
  const spec = methods[method];
  if (accessRank[ctx.access] < accessRank[spec.access]) throw new ApiError('forbidden', `${method} needs ${spec.access} access`);
  const parsed = spec.params.safeParse(params ?? {});
  if (!parsed.success) throw invalidParams(parsed.error);
  return { name: method, params: parsed.data };
}

export interface RouterOptions {
  /**
   * Also check every result against its schema (tests and development: SHOWSITE_CHECK_CONTRACT=1). A result
   * that breaks the contract is logged as a contract violation and answered with `internal`.
   */
  checkResults?: boolean;
}

/** The one router behind every transport: validated in, typed handler, typed errors out. Never throws. */
export function createRouter(handlers: Handlers, logger: Logger, options: RouterOptions = {}) {
  return async function dispatch(method: string, params: unknown, ctx: CallContext): Promise<CallOutcome> {
    try {
      const call = checkCall(method, params, ctx);
      if (call.name === 'subscribe' || call.name === 'unsubscribe') throw new ApiError('invalid_request', `${call.name} is only available on a live connection (WebSocket or the desktop app)`);
      const handler = handlers[call.name] as (p: unknown, c: CallContext) => unknown;
      const result = await handler(call.params, ctx);
      if (options.checkResults) {
        const checked = methods[call.name].result.safeParse(result);
        if (!checked.success) {
          logger.error('contract violation: result does not match its schema', { method, issues: checked.error.issues.slice(0, 5) });
          return { error: { code: 'internal', message: `contract violation in ${method}; see the log` } };
        }
      }
      // A viewer learns whether a password or community is set, never what it is.
      return { result: ctx.access === 'view' ? redactSecrets(result) : result };
    } catch (error) {
      const known = toApiError(error);
      if (known) return { error: known.toBody() };
      logger.error('handler failed', { method, error });
      return { error: { code: 'internal', message: 'internal error; see the log for details' } };
    }
  };
}

export type Dispatch = ReturnType<typeof createRouter>;
