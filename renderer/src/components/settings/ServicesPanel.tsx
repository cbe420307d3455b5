import { useServerNow } from '../../hooks/server-clock.tsx';
import { useServices } from '../../hooks/useServices.ts';
import { formatAge } from '../../lib/format.ts';
import { serviceStateLabel } from '../../lib/service-state.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Every service of the core, what it is doing and since when. */
export function ServicesPanel() {
  const { services, error } = useServices();
  const now = useServerNow(1000);
  return (
    <div data-testid="services-panel">
      <ErrorMessage error={error} />
      <ul className="svc-list">
        {services.map((s) => (
          <li key={s.name} className={`svc-list__row svc--${s.state}`} data-testid={`services-row-${s.name}`} data-state={s.state}>
            <span className="svc__dot" aria-hidden="true" />
            <span className="svc-list__label">{s.label}</span>
            <span className="svc-list__state">{serviceStateLabel[s.state]}</span>
            <span className="svc-list__msg">{s.message}</span>
            <span className="svc-list__since muted" title={new Date(s.since).toISOString()}>
              since {formatAge(now - s.since)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
