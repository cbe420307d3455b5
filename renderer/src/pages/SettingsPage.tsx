import { useEffect, type ReactNode } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { AccessPanel } from '../components/settings/AccessPanel.tsx';
import { DemoToggle } from '../components/settings/DemoToggle.tsx';
import { DmxSettings } from '../components/settings/DmxSettings.tsx';
import { MonitoringSettings } from '../components/settings/MonitoringSettings.tsx';
import { RemoteAccessForm } from '../components/settings/RemoteAccessForm.tsx';
import { ScheduleSettings } from '../components/settings/ScheduleSettings.tsx';
import { ServicesPanel } from '../components/settings/ServicesPanel.tsx';
import { ExportImport } from '../components/settings/ExportImport.tsx';
import { SiteNameForm } from '../components/settings/SiteNameForm.tsx';
import { StaleAfterForm } from '../components/settings/StaleAfterForm.tsx';
import { ThresholdsEditor } from '../components/settings/ThresholdsEditor.tsx';
import { useServerClock } from '../hooks/server-clock.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useSettings } from '../hooks/useSettings.ts';

function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  return (
    <section className="card settings-section" aria-label={title} id={id}>
      <h2 className="card__title">{title}</h2>
      {children}
    </section>
  );
}

export function SettingsPage() {
  const { settings, error, apply } = useSettings();
  const { info } = useServerClock();
  const canControl = useCanControl();
  // "#/settings/services" (the header's status strip links there) scrolls to that section.
  const loaded = settings !== null;
  useEffect(() => {
    const anchor = window.location.hash.split('/')[2];
    if (loaded && anchor) document.getElementById(`settings-${anchor}`)?.scrollIntoView({ block: 'start' });
  }, [loaded]);
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Settings</h1>
      <ErrorMessage error={error} />
      {!settings && !error && <p className="muted">Loading…</p>}
      {settings && !canControl && (
        <p className="notice" data-testid="read-only-note">
          Read-only: this screen was opened with the viewer token. Ask the operator for the control token to change settings.
        </p>
      )}
      <Section title="Services" id="settings-services">
        <ServicesPanel />
      </Section>
      {settings && (
        <fieldset className="settings-fields" disabled={!canControl}>
          {/* Keyed on the stored value so a change from elsewhere (another tablet, an import) resets the field. */}
          <Section title="Site">
            <SiteNameForm key={settings.site.name} settings={settings} apply={apply} />
          </Section>
          <Section title="Demo site">
            <DemoToggle settings={settings} apply={apply} />
          </Section>
          <Section title="Monitoring" id="settings-monitoring">
            <StaleAfterForm key={settings.telemetry.staleAfterS} settings={settings} apply={apply} />
            <MonitoringSettings settings={settings} apply={apply} />
          </Section>
          <Section title="Thresholds" id="settings-thresholds">
            <ThresholdsEditor settings={settings} apply={apply} />
          </Section>
          <Section title="DMX" id="settings-dmx"><DmxSettings settings={settings} apply={apply} /></Section>
          <Section title="Schedule" id="settings-schedule">
            <ScheduleSettings settings={settings} apply={apply} />
          </Section>
          <Section title="Remote access (LAN)">
            <RemoteAccessForm key={JSON.stringify(settings.remote)} settings={settings} apply={apply} mode={info?.mode} />
            {/* Remounts when the server moves, so the URLs shown are the ones that work now. */}
            {canControl && <AccessPanel key={JSON.stringify(settings.remote)} />}
          </Section>
          <Section title="Settings file">
            <ExportImport settings={settings} apply={apply} />
          </Section>
        </fieldset>
      )}
      {info && (
        <p className="muted about">
          Showsite Console {info.version} · Node {info.node} · {info.platform} · data in <code>{info.dataDir}</code>
        </p>
      )}
    </div>
  );
}
