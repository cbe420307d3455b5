import type { SnmpSwitch, SnmpTargetStatus } from '../../../../preload/contract/index.ts';
import { formatClock } from '../../lib/format.ts';
import { formatUptime, healthLabel, isFailing, portSummary, switchTitle } from './format.ts';
import { PortGrid } from './PortGrid.tsx';

/** One switch: who it is, whether it is answering, its ports, and its box sensors where it has them. */
export function SwitchCard({ sw, status }: { sw: SnmpSwitch; status: SnmpTargetStatus | undefined }) {
  const summary = portSummary(sw.ports);
  const failing = status ? isFailing(status.state) : false;
  return (
    <section className={`card net-switch${failing ? ' net-switch--failing' : ''}`} data-testid="switch" data-device-id={sw.deviceId} aria-label={`Switch ${switchTitle(sw)}`}>
      <header className="net-switch__head">
        <div>
          <h2 className="net-switch__name">{switchTitle(sw)}</h2>
          <p className="net-switch__meta muted">
            {sw.model}
            {sw.firmware ? ` · firmware ${sw.firmware}` : ''} · {sw.host}
            {status && status.port !== 161 ? `:${status.port}` : ''} · up {formatUptime(sw.uptimeS)}
          </p>
        </div>
        <p className="net-switch__summary" data-testid="switch-summary">
          <span className="net-switch__count net-switch__count--up">{summary.up} up</span>
          {summary.down > 0 && <span className="net-switch__count net-switch__count--down">{summary.down} down</span>}
          {summary.nolink > 0 && <span className="net-switch__count">{summary.nolink} no link</span>}
          {summary.off > 0 && <span className="net-switch__count">{summary.off} off</span>}
          {summary.erroring > 0 && <span className="net-switch__count net-switch__count--errors">errors on {summary.erroring}</span>}
        </p>
      </header>
      {failing && status && (
        <p className="net-switch__stale" role="status">
          {healthLabel[status.state]}: {status.message}. The ports below are as of {formatClock(sw.ts)}.
        </p>
      )}
      <PortGrid ports={sw.ports} />
      {(sw.temperatures.length > 0 || sw.fans.length > 0 || sw.psus.length > 0) && (
        <ul className="net-switch__box" aria-label="Switch sensors">
          {sw.temperatures.map((t) => (
            <li key={`t${t.key}`}>
              Temp {t.key.replace('.', '/')}: <strong>{t.celsius}&nbsp;°C</strong>
            </li>
          ))}
          {sw.fans.map((f) => (
            <li key={`f${f.key}`} className={f.ok ? undefined : 'net-switch__bad'}>
              Fan {f.key.replace('.', '/')}: <strong>{f.state}</strong>
            </li>
          ))}
          {sw.psus.map((p) => (
            <li key={`p${p.key}`} className={p.ok ? undefined : 'net-switch__bad'}>
              PSU {p.key.replace('.', '/')}: <strong>{p.state}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
