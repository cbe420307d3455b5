import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ShowsiteBridge } from '../../preload/contract/index.ts';
import { chooseApi } from './api/choose.ts';
import { App } from './App.tsx';
import { ServerClockProvider } from './hooks/server-clock.tsx';
import { ApiProvider } from './hooks/api-context.tsx';
import { noteSignInLink } from './lib/sign-in-link.ts';
import './styles/theme.css';
import './styles/app.css';

// The sign-in cookie is set by the page load that carried ?token=; keeping the token in the address bar
// would only leak it to screenshots and shoulder-surfers.
const url = new URL(window.location.href);
noteSignInLink(url.search);
if (url.searchParams.has('token')) {
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const host = window as Window & { showsite?: ShowsiteBridge };
const api = chooseApi({ showsite: host.showsite, location: window.location, WebSocket: window.WebSocket });
api.connect();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <ServerClockProvider>
        <App />
      </ServerClockProvider>
    </ApiProvider>
  </StrictMode>,
);
