import type { SnmpPort } from '../../../../preload/contract/index.ts';
import { formatPerSecond, formatRate, formatSpeed, hasErrors, portLook, portLookLabel, utilisation } from './format.ts';

/** One bar: how full the busier direction of the link is. */
function Load({ value }: { value: number | null }) {
  if (value === null) return <span className="port__load port__load--none" aria-hidden="true" />;
  return (
    <span className="port__load" aria-hidden="true">
      <span className="port__load-fill" style={{ width: `${Math.max(2, Math.round(value * 100))}%` }} />
    </span>
  );
}

/**
 * A switch's ports as a grid of cells, read at a glance: the colour and word say up / DOWN / off, then the
 * link speed, the in and out rates with a load bar, and errors (highlighted when there are any).
 */
export function PortGrid({ ports }: { ports: readonly SnmpPort[] }) {
  return (
    <ul className="ports" aria-label="Ports" data-testid="port-grid">
      {ports.map((p) => {
        const look = portLook(p);
        const errors = hasErrors(p);
        const errorRate = (p.inErrors ?? 0) + (p.outErrors ?? 0);
        const label = p.alias ?? p.label;
        const said = `Port ${p.index}${label ? ` ${label}` : ''}: ${look === 'off' ? 'disabled' : look === 'nolink' ? 'no link' : look}${look === 'up' ? `, ${formatSpeed(p.speedBps)}, in ${formatRate(p.inBps)}, out ${formatRate(p.outBps)}` : ''}${errors ? `, ${formatPerSecond(errorRate)} errors` : ''}`;
        return (
          <li
            key={p.index}
            className={`port port--${look}${errors ? ' port--errors' : ''}`}
            data-testid="port"
            data-port-index={p.index}
            data-oper={p.oper ?? 'unknown'}
            data-look={look}
            aria-label={said}
            title={[p.name, p.alias, p.label].filter((x, i, all) => x && all.indexOf(x) === i).join(' · ')}
          >
            <div className="port__head">
              <span className="port__num">{p.index}</span>
              <span className="port__state">{portLookLabel[look]}</span>
              {look === 'up' && <span className="port__speed">{formatSpeed(p.speedBps)}</span>}
            </div>
            <div className="port__label">{label || p.name || '\u00a0'}</div>
            {look === 'up' ? (
              <>
                <dl className="port__rates">
                  <div>
                    <dt>in</dt>
                    <dd>{formatRate(p.inBps)}</dd>
                  </div>
                  <div>
                    <dt>out</dt>
                    <dd>{formatRate(p.outBps)}</dd>
                  </div>
                </dl>
                <Load value={utilisation(p)} />
              </>
            ) : (
              <div className="port__idle">{look === 'off' ? 'disabled' : look === 'down' ? `link lost${p.oper === 'lowerLayerDown' ? ' (lower layer)' : ''}` : look === 'nolink' ? 'nothing plugged in' : (p.oper ?? 'no status')}</div>
            )}
            <div className={`port__errors${errors ? ' port__errors--hot' : ''}`}>
              {errors ? `${formatPerSecond(errorRate)} err` : p.inErrors === null && p.outErrors === null ? '\u00a0' : 'no errors'}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
