import { useServices } from '../hooks/useServices.ts';
import { hrefFor } from '../lib/routes.ts';
import { serviceStateLabel, serviceUrgency } from '../lib/service-state.ts';

/**
 * One compact line in the header: every service that is on, as a dot and its name, coloured by state.
 * "USB DMX lost" or "Bluetooth unavailable" shows here on every page; a click opens the Services panel.
 */
export function ServiceStrip() {
  const { services } = useServices();
  const on = services.filter((s) => s.state !== 'off');
  if (services.length === 0) return null;
  // Problems first, worst first, each with its name and state; healthy ones fold into one pill of dots
  // (name and message in the tooltip), so eight services still fit beside the clock on a laptop.
  const problems = on.filter((s) => serviceUrgency[s.state] >= 2).sort((a, b) => serviceUrgency[b.state] - serviceUrgency[a.state]);
  const healthy = on.filter((s) => serviceUrgency[s.state] < 2);
  return (
    <a className="svc-strip" href={`${hrefFor('settings')}/services`} data-testid="service-strip" aria-label={problems.length ? `${problems.length} service problem(s): see Settings → Services` : 'All services OK: see Settings → Services'}>
      {on.length === 0 && <span className="svc-strip__none">No services on</span>}
      {problems.map((s) => (
        <span key={s.name} className={`svc svc--${s.state}`} data-testid={`service-${s.name}`} data-state={s.state} title={`${s.label}: ${serviceStateLabel[s.state]} — ${s.message}`}>
          <span className="svc__dot" aria-hidden="true" />
          <span className="svc__label">{s.label}</span>
          <span className="svc__state">{serviceStateLabel[s.state]}</span>
        </span>
      ))}
      {healthy.length > 0 && (
        <span className="svc svc--group" title={healthy.map((s) => `${s.label}: ${serviceStateLabel[s.state]} — ${s.message}`).join('\n')}>
          {healthy.map((s) => (
            <span key={s.name} className={`svc__one svc--${s.state}`} data-testid={`service-${s.name}`} data-state={s.state}>
              <span className="svc__dot" aria-hidden="true" />
              <span className="sr-only">{`${s.label}: ${serviceStateLabel[s.state]}`}</span>
            </span>
          ))}
          <span className="svc__label">{problems.length ? `${healthy.length} OK` : `All ${healthy.length} OK`}</span>
        </span>
      )}
    </a>
  );
}
