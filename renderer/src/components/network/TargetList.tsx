import { useState } from 'react';
import type { Settings, SnmpTargetStatus, SnmpTestResult } from '../../../../preload/contract/index.ts';
import { snmpTargetId } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatAge } from '../../lib/format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { healthLabel } from './format.ts';
import { TestResult } from './TestResult.tsx';

interface Props {
  targets: readonly SnmpTargetStatus[];
  settings: Settings | null;
  apply: (s: Settings) => void;
  serverNow: number;
  canControl: boolean;
  /** Open the form for the target at this position of settings.snmp.targets. */
  onEdit: (index: number) => void;
}

/** Every target with its health in words, when it last answered, and (for operators) Test / Edit / Remove. */
export function TargetList({ targets, settings, apply, serverNow, canControl, onEdit }: Props) {
  const api = useApi();
  const [tested, setTested] = useState<{ id: string; result: SnmpTestResult } | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const test = useAction(async (id: string) => {
    setTesting(id);
    setTested(null);
    try {
      setTested({ id, result: await api.call('snmp.test', { id }) });
    } finally {
      setTesting(null);
    }
  });
  const remove = useAction(async (index: number) => {
    if (!settings) return;
    apply(await api.call('settings.update', { snmp: { targets: settings.snmp.targets.filter((_, i) => i !== index) } }));
  });
  const indexOf = (id: string) => settings?.snmp.targets.findIndex((t) => snmpTargetId(t) === id) ?? -1;

  // Saved targets the service is not running (it is off or still starting) still belong in the list.
  const running = new Set(targets.map((t) => t.id));
  const idle = (settings?.snmp.targets ?? []).filter((t) => !running.has(snmpTargetId(t)));

  return (
    <>
      <div className="table-wrap">
        <table className="table snmp-targets" data-testid="snmp-targets">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Address</th>
              <th scope="col">Profile</th>
              <th scope="col">Health</th>
              <th scope="col">Last answer</th>
              {canControl && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => {
              const index = indexOf(t.id);
              return (
                <tr key={t.id} data-testid="snmp-target" data-target-id={t.id} data-state={t.state}>
                  <td data-label="Target">
                    <span className="snmp-targets__name">{t.name}</span>
                    {t.builtIn && <span className="tag">demo</span>}
                  </td>
                  <td data-label="Address">
                    <code>
                      {t.host}:{t.port}
                    </code>{' '}
                    <span className="muted">{t.version}</span>
                  </td>
                  <td data-label="Profile">
                    {t.profile} <span className="muted">every {t.intervalS}&nbsp;s</span>
                  </td>
                  <td data-label="Health" className="snmp-targets__health">
                    <span className={`health health--${t.state}`} data-testid="snmp-target-health">
                      {healthLabel[t.state]}
                    </span>{' '}
                    <span className="snmp-targets__message">{t.message}</span>
                    {t.badValues > 0 && (
                      <span className="snmp-targets__bad muted" data-testid="snmp-target-bad" title={t.notes.join('\n')}>
                        {' '}
                        · {t.badValues} unusable value{t.badValues === 1 ? '' : 's'} ignored
                      </span>
                    )}
                  </td>
                  <td data-label="Last answer">{t.lastOkAt === null ? <span className="muted">never</span> : formatAge(serverNow - t.lastOkAt)}</td>
                  {canControl && (
                    <td className="cell-actions snmp-targets__actions">
                      <button type="button" className="btn btn--small" data-testid="snmp-target-test" onClick={() => void test.run(t.id)} disabled={testing !== null}>
                        {testing === t.id ? 'Testing…' : 'Test now'}
                      </button>
                      {!t.builtIn && index >= 0 && (
                        <>
                          <button type="button" className="btn btn--small" data-testid="snmp-target-edit" onClick={() => onEdit(index)}>
                            Edit
                          </button>
                          <button
                            type="button"
                            className="btn btn--small"
                            data-testid="snmp-target-remove"
                            onClick={() => {
                              if (window.confirm(`Stop polling ${t.name} and remove it?`)) void remove.run(index);
                            }}
                          >
                            Remove
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
            {idle.map((t) => (
              <tr key={snmpTargetId(t)} data-testid="snmp-target" data-target-id={snmpTargetId(t)} data-state="idle">
                <td data-label="Target">{t.name ?? t.host}</td>
                <td data-label="Address">
                  <code>
                    {t.host}:{t.port}
                  </code>
                </td>
                <td data-label="Profile">{t.profile}</td>
                <td data-label="Health" className="muted">
                  not polled yet
                </td>
                <td data-label="Last answer" className="muted">
                  —
                </td>
                {canControl && (
                  <td className="cell-actions">
                    <button type="button" className="btn btn--small" onClick={() => onEdit(indexOf(snmpTargetId(t)))}>
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorMessage error={test.error} testId="snmp-list-test-error" />
      <ErrorMessage error={remove.error} />
      {tested && (
        <div className="card snmp-list-test">
          <div className="snmp-list-test__head">
            <h3 className="card__title">Test of {targets.find((t) => t.id === tested.id)?.name ?? tested.id}</h3>
            <button type="button" className="btn btn--small" onClick={() => setTested(null)}>
              Close
            </button>
          </div>
          <TestResult result={tested.result} />
        </div>
      )}
    </>
  );
}
