import { useCallback, useEffect, useState } from 'react';
import type { GxPortal, MqttConnectionStatus } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface MqttState {
  connections: MqttConnectionStatus[];
  gx: GxPortal[];
  loaded: boolean;
  error: ApiError | null;
  /** Apply a GX portal the core just returned (mqtt.gxSet) without waiting for the event. */
  upsertGx: (portal: GxPortal) => void;
}

/** MQTT connections and GX systems: a snapshot on every (re)connect, kept current by `mqtt.connections` and `mqtt.gx`. */
export function useMqtt(): MqttState {
  const api = useApi();
  const [connections, setConnections] = useState<MqttConnectionStatus[]>([]);
  const [gx, setGx] = useState<GxPortal[]>([]);
  const upsertConnection = useCallback((c: MqttConnectionStatus) => setConnections((prev) => (prev.some((x) => x.id === c.id) ? prev.map((x) => (x.id === c.id ? c : x)) : [...prev, c])), []);
  const upsertGx = useCallback((p: GxPortal) => setGx((prev) => (prev.some((x) => x.connection === p.connection && x.portalId === p.portalId) ? prev.map((x) => (x.connection === p.connection && x.portalId === p.portalId ? p : x)) : [...prev, p])), []);
  useEffect(() => api.on('mqtt.connections', upsertConnection), [api, upsertConnection]);
  useEffect(() => api.on('mqtt.gx', setGx), [api]);
  const a = useSnapshot('mqtt.connections', undefined, setConnections);
  const b = useSnapshot('mqtt.gx', undefined, setGx);
  return { connections, gx, loaded: a.loaded && b.loaded, error: a.error ?? b.error, upsertGx };
}
