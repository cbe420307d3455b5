import type { ShowsiteBridge } from '../../../preload/contract/index.ts';
import { IpcClient } from './ipc-client.ts';
import type { ClientApi } from './types.ts';
import { socketUrlFor, WsClient, type WebSocketCtor } from './ws-client.ts';

export interface HostEnvironment {
  showsite?: ShowsiteBridge;
  location: { protocol: string; host: string };
  WebSocket: WebSocketCtor;
}

/** Electron's preload exposes window.showsite; a plain browser (tablet, tests) talks WebSocket to the page's origin. */
export function chooseApi(env: HostEnvironment): ClientApi {
  if (env.showsite) return new IpcClient(env.showsite);
  return new WsClient(socketUrlFor(env.location), { WebSocket: env.WebSocket });
}
