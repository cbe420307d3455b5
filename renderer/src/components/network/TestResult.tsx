import type { SnmpTestResult } from '../../../../preload/contract/index.ts';
import { formatValue, metricLabel } from '../../lib/format.ts';
import { healthLabel } from './format.ts';

const shownSamples = 12;

/** "Test now": what the agent answered, and what the console made of it. */
export function TestResult({ result }: { result: SnmpTestResult }) {
  return (
    <div className={`snmp-test snmp-test--${result.state}`} data-testid="snmp-test-result" data-state={result.state} role="status">
      <p className="snmp-test__head">
        <span className={`health health--${result.state}`}>{healthLabel[result.state]}</span> <span className="snmp-test__message">{result.message}</span>{' '}
        <span className="muted">
          ({result.durationMs}&nbsp;ms, {result.requests} request{result.requests === 1 ? '' : 's'})
        </span>
      </p>
      {result.devices.length > 0 && (
        <>
          <h4 className="snmp-test__title">What the console made of it</h4>
          <ul className="snmp-test__devices">
            {result.devices.map((d) => (
              <li key={d.id} data-testid="snmp-test-device">
                <strong>{d.name ?? d.id}</strong> <span className="muted">{d.model}</span> <code className="snmp-test__id">{d.id}</code>
                <span className="snmp-test__samples">
                  {d.samples.slice(0, shownSamples).map((s) => (
                    <span key={s.metric} className="snmp-test__sample">
                      {metricLabel(s.metric)} {formatValue(s.metric, s.value, s.unit)}
                    </span>
                  ))}
                  {d.samples.length > shownSamples && <span className="muted">and {d.samples.length - shownSamples} more readings</span>}
                  {d.samples.length === 0 && <span className="muted">no readings (rates need a second poll)</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.notes.length > 0 && (
        <>
          <h4 className="snmp-test__title">Notes</h4>
          <ul className="snmp-test__notes">
            {result.notes.slice(0, 20).map((n, i) => (
              <li key={i} className={n.notice ? 'muted' : 'snmp-test__fault'}>
                {n.reason}
                {n.oid && <code> {n.oid}</code>}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="snmp-test__raw" open={result.devices.length === 0 && result.answeredTotal > 0}>
        <summary>
          What the agent answered: {result.answeredTotal} value{result.answeredTotal === 1 ? '' : 's'}
          {result.answeredTotal > result.answered.length ? ` (first ${result.answered.length} shown)` : ''}
        </summary>
        {result.answered.length > 0 ? (
          <div className="snmp-test__table">
            <table className="table table--compact" data-testid="snmp-test-answered">
              <thead>
                <tr>
                  <th scope="col">OID</th>
                  <th scope="col">Type</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {result.answered.map((a) => (
                  <tr key={a.oid}>
                    <td>
                      <code>{a.oid}</code>
                    </td>
                    <td>{a.type}</td>
                    <td className="snmp-test__value">{a.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Nothing.</p>
        )}
      </details>
    </div>
  );
}
