export * from './errors.ts';
export * from './model.ts';
export * from './settings.ts';
export * from './methods.ts';
export * from './events.ts';
export * from './wire.ts';
export * from './ipc.ts';
export * from './api.ts';
