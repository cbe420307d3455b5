import type { LiveReading } from '../../../preload/contract/index.ts';
import { formatValue } from '../lib/format.ts';
import { formatPanelValue } from '../lib/panel-values.ts';
import { summariseSwitch } from '../lib/switch-summary.ts';

/** A switch on a Dashboard tile: ports up/down, total traffic, hottest sensor, faults — not a row per port. */
export function SwitchSummary({ readings }: { readings: readonly LiveReading[] }) {
  const s = summariseSwitch(readings);
  const rate = (v: number | null) => (v === null ? '—' : formatPanelValue(v, 'bit/s', 'rate'));
  return (
    <dl className="switch-summary" data-testid="switch-summary" data-up={s.up} data-down={s.down}>
      <div className="switch-summary__item">
        <dt>Ports</dt>
        <dd>
          {s.up} up
          {s.down > 0 && <span className="switch-summary__down"> · {s.down} down</span>}
          {s.disabled > 0 && <span className="muted"> · {s.disabled} off</span>}
        </dd>
      </div>
      <div className="switch-summary__item">
        <dt>Traffic in / out</dt>
        <dd>
          {rate(s.inBps)} / {rate(s.outBps)}
        </dd>
      </div>
      {s.maxTemperature && (
        <div className="switch-summary__item">
          <dt>Hottest sensor</dt>
          <dd>{formatValue('temperature', s.maxTemperature.value, s.maxTemperature.unit)}</dd>
        </div>
      )}
      {s.errorsPerS !== null && (
        <div className="switch-summary__item">
          <dt>Errors</dt>
          <dd className={s.errorsPerS > 0 ? 'switch-summary__down' : undefined}>{s.errorsPerS > 0 ? `${formatPanelValue(s.errorsPerS, '', 'errors', 1)}/s` : 'none'}</dd>
        </div>
      )}
      {s.faults.length > 0 && (
        <div className="switch-summary__item">
          <dt>Not working</dt>
          <dd className="switch-summary__down">{s.faults.join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}
