import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Header } from './components/Header.tsx';
import { Nav } from './components/Nav.tsx';
import { ReconnectBanner } from './components/ReconnectBanner.tsx';
import { SignIn } from './components/SignIn.tsx';
import { useConnection } from './hooks/useConnection.ts';
import { usePageShortcuts, useRoute } from './hooks/useRoute.ts';
import { ShellDataProvider } from './hooks/shell-data.tsx';
import { useSettings } from './hooks/useSettings.ts';
import type { RouteId } from './lib/routes.ts';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { DashboardsPage } from './pages/DashboardsPage.tsx';
import { DevicesPage } from './pages/DevicesPage.tsx';
import { NetworkPage } from './pages/NetworkPage.tsx';
import { ScenesPage } from './pages/ScenesPage.tsx';
import { SchedulePage } from './pages/SchedulePage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';

const pages: Record<RouteId, () => ReactNode> = {
  dashboard: DashboardPage,
  scenes: ScenesPage,
  schedule: SchedulePage,
  devices: DevicesPage,
  alerts: AlertsPage,
  settings: SettingsPage,
  network: NetworkPage,
  dashboards: DashboardsPage,
};

export function App() {
  return (
    <ShellDataProvider>
      <Shell />
    </ShellDataProvider>
  );
}

function Shell() {
  const state = useConnection();
  const route = useRoute();
  const { settings } = useSettings();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  usePageShortcuts();

  // After a page change, focus lands on the new content (keyboard and screen-reader users start there).
  // A layout effect, so it runs before the page's own effects: a page opened at a section ("#/alerts/active")
  // then moves focus on to that section.
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);

  useEffect(() => {
    document.title = settings ? `${settings.site.name} — Showsite` : 'Showsite Console';
  }, [settings]);

  if (state === 'unauthorized') return <SignIn />;

  const Page = pages[route];
  return (
    <div className="shell">
      {/* preventDefault: following "#content" would change the hash, which is the router. */}
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <Header siteName={settings?.site.name ?? null} state={state} />
      <Nav current={route} />
      <main className="main" id="content" ref={main} tabIndex={-1}>
        <ReconnectBanner state={state} />
        <Page />
      </main>
    </div>
  );
}
