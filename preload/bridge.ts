// Sandboxed preload (bundled to dist/preload/bridge.cjs): exposes window.showsite and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './create-bridge.ts';

// Wrap ipcRenderer rather than expose it: the page must never reach arbitrary channels.
const bridge = createBridge({
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  on: (channel, listener) => ipcRenderer.on(channel, listener),
});

contextBridge.exposeInMainWorld('showsite', bridge);
