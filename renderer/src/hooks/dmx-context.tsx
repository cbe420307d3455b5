import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { DmxScene, ServiceStatus } from '../../../preload/contract/index.ts';
import { useApi } from './api-context.tsx';
import { useDmxLibrarySource, useDmxStatusSource, type DmxLibraryState, type DmxStatusState } from './useDmx.ts';
import { useServices } from './useServices.ts';

/**
 * The Scenes page's live DMX state, loaded once for all its panels. Status (4 a second) and library (on
 * change) are separate contexts, so the editors do not re-render with every status tick.
 */
export interface DmxLibraryData extends DmxLibraryState {
  /** Scenes by id (cue lists name their scenes). */
  scenesById: ReadonlyMap<string, DmxScene>;
}

export interface DmxStatusData extends DmxStatusState {
  /** The DMX service as Settings → Services shows it (why the engine is not running). */
  service: ServiceStatus | undefined;
}

const StatusContext = createContext<DmxStatusData | null>(null);
const LibraryContext = createContext<DmxLibraryData | null>(null);

export function DmxProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const source = useDmxStatusSource();
  const library = useDmxLibrarySource();
  const { services } = useServices();
  const service = services.find((s) => s.name === 'dmx');
  // A stopped engine publishes no more status: when the service changes state, ask again.
  const serviceState = service?.state;
  const { apply } = source;
  useEffect(() => {
    if (serviceState === undefined) return;
    let live = true;
    api.call('dmx.status').then(
      (s) => live && apply(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, apply, serviceState]);
  const status = useMemo(() => ({ ...source, service }), [source, service]);
  const scenes = library.library?.scenes;
  const scenesById = useMemo(() => new Map((scenes ?? []).map((s) => [s.id, s])), [scenes]);
  const libraryValue = useMemo(() => ({ ...library, scenesById }), [library, scenesById]);
  return (
    <StatusContext value={status}>
      <LibraryContext value={libraryValue}>{children}</LibraryContext>
    </StatusContext>
  );
}

export function useDmxStatus(): DmxStatusData {
  const d = useContext(StatusContext);
  if (!d) throw new Error('useDmxStatus needs <DmxProvider> (the Scenes page renders it)');
  return d;
}

export function useDmxLibrary(): DmxLibraryData {
  const d = useContext(LibraryContext);
  if (!d) throw new Error('useDmxLibrary needs <DmxProvider> (the Scenes page renders it)');
  return d;
}
