import type { EventOf, MethodName, ParamsIn, ResultOf, ShowsiteBridge, TopicName } from '../../../preload/contract/index.ts';
import { ApiError } from './errors.ts';
import type { ClientApi, ConnectionSnapshot } from './types.ts';

// Inside Electron the core is in the same program: the link cannot drop, so the state never changes.
const connected: ConnectionSnapshot = { state: 'connected', epoch: 1 };

/** ShowsiteApi over the preload bridge: unwraps the {result}|{error} envelope into a value or an ApiError. */
export class IpcClient implements ClientApi {
  readonly #bridge: ShowsiteBridge;

  constructor(bridge: ShowsiteBridge) {
    this.#bridge = bridge;
  }

  async call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<ResultOf<M>> {
    let outcome: unknown;
    try {
      outcome = await this.#bridge.call(method, params ?? {});
    } catch (err) {
      throw new ApiError('internal', err instanceof Error ? err.message : String(err));
    }
    if (typeof outcome !== 'object' || outcome === null) throw new ApiError('internal', 'The console sent a malformed answer.');
    if ('error' in outcome) throw ApiError.fromBody(outcome.error);
    if (!('result' in outcome)) throw new ApiError('internal', 'The console sent a malformed answer.');
    return outcome.result as ResultOf<M>;
  }

  on<T extends TopicName>(topic: T, listener: (data: EventOf<T>) => void): () => void {
    return this.#bridge.on(topic, (data) => listener(data as EventOf<T>));
  }

  connection(): ConnectionSnapshot {
    return connected;
  }

  onConnection(): () => void {
    return () => {};
  }

  connect(): void {}

  close(): void {}
}
