import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ForwardingStatus, Settings } from '../../../../preload/contract/index.ts';
import { forwardingKinds } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useCanControl } from '../../hooks/useCanControl.ts';
import { credentialKind, fromForwardingDraft, fromRetentionDraft, monitoringPatch, toForwardingDraft, toRetentionDraft, type ForwardingDraft, type RetentionDraft } from '../../lib/monitoring-settings-draft.ts';
import { sentence } from '../../lib/section-draft.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { SaveBar } from '../SaveBar.tsx';

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
}

const kindLabels: Record<(typeof forwardingKinds)[number], string> = {
  'influxdb-v1': 'InfluxDB 1.x (/write)',
  'influxdb-v2': 'InfluxDB 2.x (/api/v2/write)',
  victoriametrics: 'VictoriaMetrics',
};

const labels: Record<string, string> = {
  'retention.rawDays': 'Raw readings',
  'retention.minuteDays': '1-minute rollups',
  'retention.hourDays': '1-hour rollups',
  'forwarding.url': 'URL',
  'forwarding.database': 'Database',
  'forwarding.retentionPolicy': 'Retention policy',
  'forwarding.org': 'Organisation',
  'forwarding.bucket': 'Bucket',
  'forwarding.batchSize': 'Batch size',
  'forwarding.flushIntervalMs': 'Send every (ms)',
  'forwarding.maxBacklog': 'Backlog limit',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings → Monitoring, history part: how long each tier is kept, and forwarding every reading to an
 * InfluxDB or VictoriaMetrics the company already runs (with its live status and credentials, which are kept
 * out of the settings file). Checked with the contract's schemas while typing; Save sends only what changed.
 */
export function MonitoringSettings({ settings, apply }: Props) {
  const api = useApi();
  const id = useId();
  const canControl = useCanControl();
  const [basis, setBasis] = useState(settings);
  const [retention, setRetention] = useState(() => toRetentionDraft(settings.retention));
  const [forwarding, setForwarding] = useState(() => toForwardingDraft(settings.forwarding));
  // Changed elsewhere (another tablet, an import): untouched parts follow.
  if (basis !== settings) {
    if (same(retention, toRetentionDraft(basis.retention))) setRetention(toRetentionDraft(settings.retention));
    if (same(forwarding, toForwardingDraft(basis.forwarding))) setForwarding(toForwardingDraft(settings.forwarding));
    setBasis(settings);
  }
  const save = useAction(async (patch: object) => apply(await api.call('settings.update', patch)));
  const r = fromRetentionDraft(retention);
  const f = fromForwardingDraft(forwarding);
  const patch = r.ok && f.ok ? monitoringPatch(r.value, f.value, settings) : {};
  const dirty = !same(retention, toRetentionDraft(settings.retention)) || !same(forwarding, toForwardingDraft(settings.forwarding));
  const errors = { ...r.errors, ...f.errors };
  const message = (path: string) => sentence(errors[path] ?? fieldError(save.error, path));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(patch).length > 0) void save.run(patch);
  };
  const box = <D extends RetentionDraft | ForwardingDraft>(section: 'retention' | 'forwarding', draft: D, set: (d: D) => void, key: keyof D & string, label: string, extra: { narrow?: boolean; placeholder?: string } = {}) => {
    const path = `${section}.${key}`;
    const fid = `${id}-${section}-${key}`;
    const m = message(path);
    return (
      <Field label={label} htmlFor={fid} message={m} messageId={`${fid}-err`}>
        <input
          id={fid}
          type="text"
          className={extra.narrow ? 'input--narrow' : undefined}
          inputMode={extra.narrow ? 'numeric' : undefined}
          placeholder={extra.placeholder}
          value={String(draft[key])}
          onChange={(e) => {
            if (save.error) save.fail(null);
            set({ ...draft, [key]: e.target.value });
          }}
          aria-invalid={m ? true : undefined}
          aria-describedby={m ? `${fid}-err` : undefined}
          data-testid={`monitoring-${section}-${key}`}
        />
      </Field>
    );
  };
  const typing = Object.keys(errors).length;

  return (
    <div className="monitoring-settings" data-testid="monitoring-settings">
      <form onSubmit={submit} noValidate>
        <h3 className="thresholds__group">Keep history for (days)</h3>
        <div className="form-row" style={{ alignItems: 'flex-start' }}>
          {box('retention', retention, setRetention, 'rawDays', 'Raw readings', { narrow: true })}
          {box('retention', retention, setRetention, 'minuteDays', '1-minute rollups', { narrow: true })}
          {box('retention', retention, setRetention, 'hourDays', '1-hour rollups', { narrow: true, placeholder: 'forever' })}
        </div>
        <p className="muted field-note">Charts over long ranges read the rollups (min, max, average per minute or hour), so a spike never vanishes when zoomed out. A rollup is kept at least as long as the finer data. Empty = forever.</p>

        <h3 className="thresholds__group">Forward every reading</h3>
        <label className="check-row">
          <input type="checkbox" checked={forwarding.enabled} onChange={(e) => setForwarding({ ...forwarding, enabled: e.target.checked })} data-testid="monitoring-forwarding-enabled" /> Send readings to a time-series database too
        </label>
        <div className="form-row" style={{ alignItems: 'flex-start' }}>
          <Field label="Target" htmlFor={`${id}-kind`}>
            <select id={`${id}-kind`} value={forwarding.kind} onChange={(e) => setForwarding({ ...forwarding, kind: e.target.value as ForwardingDraft['kind'] })} data-testid="monitoring-forwarding-kind">
              {forwardingKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </Field>
          {box('forwarding', forwarding, setForwarding, 'url', 'URL', { placeholder: 'http://10.0.0.5:8086' })}
          {forwarding.kind === 'influxdb-v1' && box('forwarding', forwarding, setForwarding, 'database', 'Database')}
          {forwarding.kind === 'influxdb-v1' && box('forwarding', forwarding, setForwarding, 'retentionPolicy', 'Retention policy', { placeholder: 'the default' })}
          {forwarding.kind === 'influxdb-v2' && box('forwarding', forwarding, setForwarding, 'org', 'Organisation')}
          {forwarding.kind === 'influxdb-v2' && box('forwarding', forwarding, setForwarding, 'bucket', 'Bucket')}
        </div>
        <details className="field-note">
          <summary>Batching and backlog</summary>
          <div className="form-row" style={{ alignItems: 'flex-start' }}>
            {box('forwarding', forwarding, setForwarding, 'batchSize', 'Batch size (readings)', { narrow: true })}
            {box('forwarding', forwarding, setForwarding, 'flushIntervalMs', 'Send every (ms)', { narrow: true })}
            {box('forwarding', forwarding, setForwarding, 'maxBacklog', 'Backlog limit (readings)', { narrow: true })}
          </div>
          <p className="muted">While the target is down readings wait on disk (they survive a restart); past the limit the oldest are dropped and counted.</p>
        </details>

        {canControl && (
          <SaveBar
            label="Save monitoring settings"
            busy={save.busy}
            dirty={dirty}
            done={save.done}
            holdSave={typing > 0}
            typing={typing}
            onUndo={() => {
              setRetention(toRetentionDraft(settings.retention));
              setForwarding(toForwardingDraft(settings.forwarding));
            }}
            testIds={{ save: 'monitoring-save', saved: 'monitoring-saved' }}
          />
        )}
        <ErrorMessage error={save.error} labelFor={(p) => labels[p]} inline={(p) => p in labels} />
      </form>
      <ForwardingState kind={settings.forwarding.kind} canControl={canControl} />
    </div>
  );
}

/** The forwarder as it runs now (polled while the page is open), and its credentials (set, never shown). */
function ForwardingState({ kind, canControl }: { kind: ForwardingDraft['kind']; canControl: boolean }) {
  const api = useApi();
  const id = useId();
  const [status, setStatus] = useState<ForwardingStatus | null>(null);
  const refresh = useCallback(async () => setStatus(await api.call('forwarding.status')), [api]);
  useEffect(() => {
    const poll = () => void refresh().catch(() => undefined);
    const first = setTimeout(poll, 0);
    const timer = setInterval(poll, 2000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const saveCredentials = useAction(async () => {
    const next = credentialKind(kind) === 'user' ? await api.call('forwarding.credentials', { username, password: secret }) : await api.call('forwarding.credentials', { token: secret });
    setStatus(next);
    setSecret('');
  });
  if (!status) return null;
  const c = status.credentials;
  const stored = credentialKind(kind) === 'user' ? (c.username ? `user ${c.username}${c.password ? ' with a password' : ''}` : 'none') : c.token ? 'a token' : 'none';
  return (
    <div className="forwarding-state" data-testid="forwarding-state" data-state={status.state}>
      <p className={`notice notice--${status.state}`}>
        {status.message}
        {status.enabled && ` · sent ${status.sent}, waiting ${status.waiting}${status.dropped ? `, dropped ${status.dropped}` : ''}${status.rejected ? `, refused ${status.rejected}` : ''}`}
      </p>
      {canControl && (
        <form
          className="form-row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={(e) => {
            e.preventDefault();
            void saveCredentials.run();
          }}
        >
          {credentialKind(kind) === 'user' && (
            <Field label="User" htmlFor={`${id}-user`}>
              <input id={`${id}-user`} type="text" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="forwarding-username" />
            </Field>
          )}
          <Field label={credentialKind(kind) === 'user' ? 'Password' : 'Token'} htmlFor={`${id}-secret`}>
            <input id={`${id}-secret`} type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="forwarding-secret" />
          </Field>
          <button type="submit" className="btn" disabled={saveCredentials.busy} data-testid="forwarding-credentials-save">
            Set credentials
          </button>
          <span className="muted">Stored: {stored}. Kept out of settings files and show exports.</span>
          <ErrorMessage error={saveCredentials.error} />
        </form>
      )}
    </div>
  );
}
