import { describe, expect, it } from 'vitest';
import { chooseApi } from '../../renderer/src/api/choose.ts';
import { IpcClient } from '../../renderer/src/api/ipc-client.ts';
import { WsClient } from '../../renderer/src/api/ws-client.ts';
import { fakeSockets } from './fakes.ts';

describe('chooseApi', () => {
  it('uses the preload bridge when window.showsite exists (Electron)', () => {
    const { Ctor, sockets } = fakeSockets();
    const api = chooseApi({ showsite: { call: async () => ({ result: null }), on: () => () => {} }, location: { protocol: 'file:', host: '' }, WebSocket: Ctor });
    api.connect();
    expect(api).toBeInstanceOf(IpcClient);
    expect(sockets).toHaveLength(0);
  });

  it('otherwise opens a WebSocket to /ws on the page origin', () => {
    const { Ctor, sockets } = fakeSockets();
    const api = chooseApi({ location: { protocol: 'https:', host: 'foh.local:8443' }, WebSocket: Ctor });
    api.connect();
    expect(api).toBeInstanceOf(WsClient);
    expect(sockets.map((s) => s.url)).toEqual(['wss://foh.local:8443/ws']);
    api.close();
  });
});
