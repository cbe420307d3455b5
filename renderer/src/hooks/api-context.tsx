import { createContext, useContext, type ReactNode } from 'react';
import type { ClientApi } from '../api/types.ts';

const ApiContext = createContext<ClientApi | null>(null);

export function ApiProvider({ api, children }: { api: ClientApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): ClientApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}
