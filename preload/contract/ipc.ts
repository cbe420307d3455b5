/** Electron IPC channel names (shared by main/electron and the preload bridge). */
export const ipcChannels = {
  call: 'showsite:call',
  event: 'showsite:event',
} as const;
