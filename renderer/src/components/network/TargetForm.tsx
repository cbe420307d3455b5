import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ParamsIn, Settings, SnmpTargetInput, SnmpTestResult } from '../../../../preload/contract/index.ts';
import { snmpAuthProtocols, snmpPrivProtocols, snmpSecurityLevels } from '../../../../preload/contract/index.ts';
import { ApiError } from '../../api/errors.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { humanizeError } from '../../lib/human-error.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { emptyOid, targetFromDraft, type OidDraft, type TargetDraft } from './format.ts';
import { TestResult } from './TestResult.tsx';

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
  initial: TargetDraft;
  /** Position in settings.snmp.targets being edited; null adds a new target. */
  index: number | null;
  onDone: () => void;
}

const profileHelp: Record<TargetDraft['profile'], string> = {
  geist: 'Geist Watchdog climate monitor: internal sensor, remote probes, airflow (any firmware).',
  switch: 'Managed switch (IF-MIB): ports up/down, speed, traffic, errors; Netgear temperatures, fans, PSUs.',
  generic: 'Any agent: the OIDs you list, each with a name, scale, offset and unit.',
};

const labels: Record<string, string> = {
  id: 'ID',
  name: 'Name',
  host: 'Address',
  port: 'Port',
  version: 'Version',
  community: 'Community',
  'v3.user': 'User',
  'v3.level': 'Security level',
  'v3.authProtocol': 'Auth protocol',
  'v3.authKey': 'Auth password',
  'v3.privProtocol': 'Privacy protocol',
  'v3.privKey': 'Privacy password',
  profile: 'Profile',
  intervalS: 'Every (s)',
  timeoutMs: 'Timeout (ms)',
  retries: 'Retries',
  oids: 'OIDs',
};

/**
 * Add or edit one SNMP target. "Test now" polls the typed configuration once (nothing saved) and shows
 * what the agent answered; Save writes settings.snmp.targets. The core judges every field; its message
 * appears beside the field. Escape cancels.
 */
export function TargetForm({ settings, apply, initial, index, onDone }: Props) {
  const api = useApi();
  const id = useId();
  const [d, setD] = useState<TargetDraft>(initial);
  const [result, setResult] = useState<SnmpTestResult | null>(null);
  const position = index ?? settings.snmp.targets.length;

  const test = useAction(async () => {
    setResult(null);
    setResult(await api.call('snmp.test', { target: targetFromDraft(d) }));
  });
  const save = useAction(async () => {
    const targets: SnmpTargetInput[] = [...settings.snmp.targets];
    targets[position] = targetFromDraft(d);
    // The core fills the defaults (port, interval…) of what was typed; the patch type speaks of filled-in targets.
    apply(await api.call('settings.update', { snmp: { targets } } as ParamsIn<'settings.update'>));
    onDone();
  });

  /** The core's message for a field, from whichever of Test or Save last failed. */
  const problem = (path: string) => fieldError(save.error, `snmp.targets.${position}.${path}`) ?? fieldError(test.error, `target.${path}`);
  const shownInline = (p: string) => /^(snmp\.targets\.\d+|target)\.(.+)$/.test(p) && Object.keys(labels).some((k) => p.endsWith(`.${k}`) || p.includes(`.${k}.`));
  const labelFor = (p: string) => labels[p.replace(/^(snmp\.targets\.\d+|target)\./, '')];

  const set = <K extends keyof TargetDraft>(key: K, value: TargetDraft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const setOid = (i: number, patch: Partial<OidDraft>) => setD((prev) => ({ ...prev, oids: prev.oids.map((o, k) => (k === i ? { ...o, ...patch } : o)) }));

  const field = (path: string, label: string, control: (inputId: string, invalid: boolean, describedBy: string | undefined) => ReactNode, className = '') => {
    const message = problem(path);
    const inputId = `${id}-${path.replace(/\W/g, '-')}`;
    return (
      <div className={`field ${className}`.trim()}>
        <label htmlFor={inputId}>{label}</label>
        {control(inputId, !!message, message ? `${inputId}-error` : undefined)}
        {message && (
          <p className="field-error" id={`${inputId}-error`} data-testid={`snmp-field-error-${path}`}>
            {message}
          </p>
        )}
      </div>
    );
  };
  const text = (path: string, key: keyof TargetDraft, label: string, options: { type?: string; placeholder?: string; className?: string; inputMode?: 'numeric' | 'decimal'; autoFocus?: boolean } = {}) =>
    field(
      path,
      label,
      (inputId, invalid, describedBy) => (
        <input
          id={inputId}
          type={options.type ?? 'text'}
          data-testid={`snmp-${path}`}
          value={d[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
          placeholder={options.placeholder}
          inputMode={options.inputMode}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          autoFocus={options.autoFocus}
        />
      ),
      options.className,
    );
  const select = <K extends keyof TargetDraft>(path: string, key: K, label: string, choices: readonly { value: string; label: string }[]) =>
    field(path, label, (inputId, invalid, describedBy) => (
      <select id={inputId} data-testid={`snmp-${path}`} value={d[key] as string} onChange={(e) => set(key, e.target.value as TargetDraft[K])} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    ));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  };
  const testProblem = test.error ? humanizeError(ApiError.wrap(test.error), { labelFor, inline: shownInline }) : null;

  return (
    <form className="card snmp-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label={index === null ? 'Add an SNMP target' : `Edit ${initial.name || initial.host}`} data-testid="snmp-target-form">
      <h2 className="card__title">{index === null ? 'Add an SNMP target' : `Edit ${initial.name || initial.host}`}</h2>
      <div className="snmp-form__grid">
        {text('name', 'name', 'Name', { placeholder: 'e.g. Rack Watchdog', autoFocus: true })}
        {text('host', 'host', 'Address', { placeholder: 'e.g. 10.0.0.5' })}
        {text('port', 'port', 'Port', { inputMode: 'numeric', className: 'snmp-form__short' })}
        {select('profile', 'profile', 'Profile', [
          { value: 'switch', label: 'Network switch' },
          { value: 'geist', label: 'Geist Watchdog' },
          { value: 'generic', label: 'Generic OIDs' },
        ])}
        {select('version', 'version', 'Version', [
          { value: 'v2c', label: 'SNMPv2c' },
          { value: 'v1', label: 'SNMPv1' },
          { value: 'v3', label: 'SNMPv3' },
        ])}
        {d.version !== 'v3' && text('community', 'community', 'Community', { placeholder: 'public' })}
      </div>
      <p className="field-note muted">{profileHelp[d.profile]}</p>
      {d.version === 'v3' && (
        <fieldset className="snmp-form__grid snmp-form__v3">
          <legend>SNMPv3 credentials</legend>
          {text('v3.user', 'user', 'User')}
          {select(
            'v3.level',
            'level',
            'Security level',
            snmpSecurityLevels.map((l) => ({ value: l, label: l })),
          )}
          {d.level !== 'noAuthNoPriv' && select('v3.authProtocol', 'authProtocol', 'Auth protocol', snmpAuthProtocols.map((p) => ({ value: p, label: p.toUpperCase() })))}
          {d.level !== 'noAuthNoPriv' && text('v3.authKey', 'authKey', 'Auth password', { type: 'password' })}
          {d.level === 'authPriv' && select('v3.privProtocol', 'privProtocol', 'Privacy protocol', snmpPrivProtocols.map((p) => ({ value: p, label: p.toUpperCase() })))}
          {d.level === 'authPriv' && text('v3.privKey', 'privKey', 'Privacy password', { type: 'password' })}
        </fieldset>
      )}
      {d.profile === 'generic' && (
        <fieldset className="snmp-form__oids" data-testid="snmp-oids">
          <legend>OIDs to read</legend>
          {d.oids.map((o, i) => (
            <div key={i} className="snmp-form__oid">
              {(['oid', 'name', 'scale', 'offset', 'unit'] as const).map((k) => {
                const path = `oids.${i}.${k}`;
                const message = problem(path);
                const inputId = `${id}-oid-${i}-${k}`;
                return (
                  <div key={k} className={`field snmp-form__oid-${k}`}>
                    <label htmlFor={inputId}>{{ oid: 'OID', name: 'Name', scale: 'Scale', offset: 'Offset', unit: 'Unit' }[k]}</label>
                    <input
                      id={inputId}
                      value={o[k]}
                      onChange={(e) => setOid(i, { [k]: e.target.value })}
                      placeholder={{ oid: '1.3.6.1.4.1.…', name: 'e.g. ups_load', scale: '1', offset: '0', unit: 'e.g. %' }[k]}
                      inputMode={k === 'scale' || k === 'offset' ? 'decimal' : undefined}
                      aria-invalid={message ? true : undefined}
                      autoComplete="off"
                    />
                    {message && <p className="field-error">{message}</p>}
                  </div>
                );
              })}
              <button type="button" className="btn btn--small snmp-form__remove" onClick={() => setD((prev) => ({ ...prev, oids: prev.oids.length > 1 ? prev.oids.filter((_, k) => k !== i) : [emptyOid()] }))} aria-label={`Remove OID row ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="btn btn--small" onClick={() => setD((prev) => ({ ...prev, oids: [...prev.oids, emptyOid()] }))}>
            Add an OID
          </button>
          {problem('oids') && <p className="field-error">{problem('oids')}</p>}
        </fieldset>
      )}
      <details className="snmp-form__more">
        <summary>Timing and id</summary>
        <div className="snmp-form__grid">
          {text('intervalS', 'intervalS', 'Every (s)', { inputMode: 'numeric', className: 'snmp-form__short' })}
          {text('timeoutMs', 'timeoutMs', 'Timeout (ms)', { inputMode: 'numeric', className: 'snmp-form__short' })}
          {text('retries', 'retries', 'Retries', { inputMode: 'numeric', className: 'snmp-form__short' })}
          {text('id', 'id', 'ID (optional)', { placeholder: `${d.profile}@${d.host.trim().toLowerCase() || 'host'}:${d.port || '161'}` })}
          <label className="snmp-form__check">
            <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Poll this target
          </label>
        </div>
      </details>
      <div className="snmp-form__actions">
        <button type="button" className="btn" data-testid="snmp-test-now" onClick={() => void test.run()} disabled={test.busy}>
          {test.busy ? 'Testing…' : 'Test now'}
        </button>
        <button type="submit" className="btn btn--primary" data-testid="snmp-save" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
      {testProblem && (
        <div className="error" role="alert" data-testid="snmp-test-error">
          <p className="error__message">{testProblem.code === 'invalid_params' ? 'Not tested: fix the marked fields first.' : testProblem.summary}</p>
          {testProblem.lines.length > 0 && (
            <ul className="error__issues">
              {testProblem.lines.map((l, n) => (
                <li key={n}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ErrorMessage error={save.error} testId="snmp-save-error" labelFor={labelFor} inline={shownInline} />
      {result && <TestResult result={result} />}
    </form>
  );
}
