import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Device, Settings, Threshold } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useDevices } from '../../hooks/useDevices.ts';
import { useLiveReadings } from '../../hooks/useLiveReadings.ts';
import { useServerNow } from '../../hooks/server-clock.tsx';
import { metricLabel } from '../../lib/format.ts';
import { thresholdMetricMaxLength } from '../../lib/contract-limits.ts';
import { displayName } from '../../lib/group.ts';
import { fieldLabel } from '../../lib/human-error.ts';
import { duplicateRules, fromDrafts, limitKeys, limitLabel, previewChanges, toDrafts, type DraftRule, type LimitKey } from '../../lib/threshold-draft.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';
import { StatusBadge } from '../StatusBadge.tsx';
import { SaveBar } from '../SaveBar.tsx';

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
}

type Field = 'metric' | 'deviceId' | LimitKey;

/**
 * Warn/alarm limits per metric (every device) and per device (replaces the metric rule for that device).
 * Before saving, a live preview says which tiles would change state, judged on the current readings with
 * the core's own rule. The core validates on save; its messages appear beside the field they are about.
 */
export function ThresholdsEditor({ settings, apply }: Props) {
  const api = useApi();
  const id = useId();
  const { readings } = useLiveReadings();
  const { devices } = useDevices();
  const serverNow = useServerNow(1000);
  const saved = settings.thresholds;

  // Reset the drafts whenever the stored rules change (this save, another tablet, an import).
  const savedKey = JSON.stringify(saved);
  const [basis, setBasis] = useState(savedKey);
  const [drafts, setDrafts] = useState<DraftRule[]>(() => toDrafts(saved));
  if (basis !== savedKey) {
    setBasis(savedKey);
    setDrafts(toDrafts(saved));
  }

  const { rules, errors: typing } = useMemo(() => fromDrafts(drafts), [drafts]);
  const dirty = JSON.stringify(rules) !== savedKey;
  const save = useAction(async (next: Threshold[]) => apply(await api.call('settings.update', { thresholds: next })));

  const changes = useMemo(() => previewChanges(readings.values(), devices, saved, rules, serverNow), [readings, devices, saved, rules, serverNow]);
  const duplicates = duplicateRules(drafts);

  // Units and metrics the site reports, for labels and the metric suggestions.
  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of readings.values()) if (!m.has(r.metric)) m.set(r.metric, r.unit);
    return m;
  }, [readings]);
  const metrics = [...new Set([...units.keys(), ...saved.map((t) => t.metric)])].sort();
  const deviceList = useMemo(() => [...devices.values()].sort((a, b) => displayName(a, a.id).localeCompare(displayName(b, b.id))), [devices]);

  const edit = (key: number, patch: Partial<DraftRule>) => {
    if (save.error) save.fail(null);
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  };
  const remove = (key: number) => {
    if (save.error) save.fail(null);
    setDrafts((list) => list.filter((d) => d.key !== key));
  };
  const nextKey = () => drafts.reduce((n, d) => Math.max(n, d.key + 1), 0);

  const addMetricRule = () => {
    const taken = new Set(drafts.filter((d) => !d.deviceId).map((d) => d.metric));
    const metric = metrics.find((m) => !taken.has(m)) ?? '';
    setDrafts([...drafts, { key: nextKey(), metric, deviceId: '', warnAbove: '', alarmAbove: '', warnBelow: '', alarmBelow: '' }]);
  };
  const addDeviceRule = () => {
    const device = deviceList[0];
    const metric = [...readings.values()].find((r) => r.deviceId === device?.id)?.metric ?? metrics[0] ?? '';
    // Start from the metric-wide rule: a device rule is usually "the same, a bit hotter".
    const general = drafts.find((d) => !d.deviceId && d.metric === metric);
    const limits = general ? { warnAbove: general.warnAbove, alarmAbove: general.alarmAbove, warnBelow: general.warnBelow, alarmBelow: general.alarmBelow } : { warnAbove: '', alarmAbove: '', warnBelow: '', alarmBelow: '' };
    setDrafts([...drafts, { key: nextKey(), metric, deviceId: device?.id ?? '', ...limits }]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(typing).length > 0) return;
    void save.run(rules);
  };

  const messageFor = (index: number, field: Field) => typing[`thresholds.${index}.${field}`] ?? fieldError(save.error, `thresholds.${index}.${field}`);
  const ruleMessage = (index: number) => fieldError(save.error, `thresholds.${index}`);
  const typingCount = Object.keys(typing).length;

  const row = (d: DraftRule, index: number) => {
    const unit = units.get(d.metric.trim()) ?? '';
    const field = (name: Field) => `${id}-${d.key}-${name}`;
    const described = (name: Field) => (messageFor(index, name) ? `${field(name)}-error` : undefined);
    // Messages go in one line under the row, so a long one never reflows the boxes; each box points at its own.
    const notes = (['deviceId', 'metric', ...limitKeys] as Field[]).flatMap((name) => {
      const m = messageFor(index, name);
      return m
        ? [
            <p key={name} className="field-error rule__message" id={`${field(name)}-error`} data-testid="threshold-error" data-field={name}>
              {m}
            </p>,
          ]
        : [];
    });
    const device = d.deviceId ? devices.get(d.deviceId) : undefined;
    const what = d.deviceId ? `${displayName(device, d.deviceId)} ${d.metric || 'rule'}` : `${d.metric || 'new'} rule`;
    return (
      <div key={d.key} className="rule" role="group" aria-label={what} data-testid="threshold-rule" data-metric={d.metric} data-device-id={d.deviceId || undefined}>
        {d.deviceId !== '' && (
          <div className="field rule__device">
            <label htmlFor={field('deviceId')}>Device</label>
            <select id={field('deviceId')} value={d.deviceId} onChange={(e) => edit(d.key, { deviceId: e.target.value })} data-testid="threshold-device" aria-describedby={described('deviceId')}>
              {!devices.has(d.deviceId) && <option value={d.deviceId}>{d.deviceId}</option>}
              {deviceList.map((dev: Device) => (
                <option key={dev.id} value={dev.id}>
                  {displayName(dev, dev.id)}
                  {dev.room ? ` (${dev.room})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field rule__metric">
          <label htmlFor={field('metric')}>Metric</label>
          <input
            id={field('metric')}
            list={`${id}-metrics`}
            value={d.metric}
            onChange={(e) => edit(d.key, { metric: e.target.value })}
            maxLength={thresholdMetricMaxLength}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={messageFor(index, 'metric') ? true : undefined}
            aria-describedby={described('metric')}
            data-testid="threshold-metric"
          />
        </div>
        {/* Device rules: which device and metric on one line, the limits under them. */}
        {d.deviceId !== '' && <span className="rule__break" aria-hidden="true" />}
        {limitKeys.map((k) => (
          <div key={k} className={`field rule__limit rule__limit--${k}`}>
            <label htmlFor={field(k)}>
              {limitLabel[k]}
              {unit && <span className="sr-only"> ({unit})</span>}
            </label>
            <span className="input-unit">
              <input
                id={field(k)}
                className="input--limit"
                inputMode="decimal"
                autoComplete="off"
                value={d[k]}
                placeholder="—"
                onChange={(e) => edit(d.key, { [k]: e.target.value })}
                aria-invalid={messageFor(index, k) ? true : undefined}
                aria-describedby={described(k)}
                data-testid={`threshold-${k}`}
              />
              {unit && (
                <span className="input-unit__unit" aria-hidden="true">
                  {unit}
                </span>
              )}
            </span>
          </div>
        ))}
        <button type="button" className="btn rule__remove" onClick={() => remove(d.key)} aria-label={`Remove the ${what}`} data-testid="threshold-remove">
          Remove
        </button>
        {notes}
        {ruleMessage(index) && <p className="field-error rule__message">{ruleMessage(index)}</p>}
        {duplicates.has(index) && <p className="muted rule__message">Another rule above covers the same {d.deviceId ? 'device and metric' : 'metric'}; the first one is used.</p>}
      </div>
    );
  };

  const indexed = drafts.map((d, index) => ({ d, index }));
  const general = indexed.filter(({ d }) => d.deviceId === '');
  const specific = indexed.filter(({ d }) => d.deviceId !== '');

  return (
    <form className="thresholds" onSubmit={submit} data-testid="thresholds-editor" noValidate>
      <p className="muted field-note">
        A reading above or below a limit turns its tile amber (warn) or red (alarm). Leave a box empty for no limit. A device rule replaces the metric rule for
        that device.
      </p>
      <datalist id={`${id}-metrics`}>
        {metrics.map((m) => (
          <option key={m} value={m}>
            {metricLabel(m)}
          </option>
        ))}
      </datalist>

      <h3 className="thresholds__group">Every device</h3>
      {general.length === 0 && <p className="muted">No metric-wide rules: nothing warns unless a device rule says so.</p>}
      {general.map(({ d, index }) => row(d, index))}
      <button type="button" className="btn thresholds__add" onClick={addMetricRule} data-testid="threshold-add-metric">
        Add metric rule
      </button>

      <h3 className="thresholds__group">One device</h3>
      {specific.length === 0 && <p className="muted">No device rules: every device uses the rule for its metric.</p>}
      {specific.map(({ d, index }) => row(d, index))}
      <button type="button" className="btn thresholds__add" onClick={addDeviceRule} disabled={deviceList.length === 0} data-testid="threshold-add-device">
        Add device rule
      </button>

      <div className="preview" role="status" aria-live="polite" data-testid="thresholds-preview" data-count={dirty ? changes.length : 0}>
        {!dirty ? (
          <p className="muted">Change a limit to see which tiles would change state.</p>
        ) : changes.length === 0 ? (
          <p>With these limits no tile would change state right now.</p>
        ) : (
          <>
            <p className="preview__title">Would change now:</p>
            <ul className="preview__list">
              {changes.map((c) => (
                <li key={c.deviceId} data-testid="preview-change" data-device-id={c.deviceId} data-from={c.from} data-to={c.to}>
                  <span className="preview__name">{c.name}</span> →{' '}
                  {c.to === 'ok' ? <span className="preview__ok">OK</span> : <StatusBadge status={c.to} />}
                  <span className="muted"> (now {c.from === 'ok' ? 'OK' : c.from})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <SaveBar label="Save thresholds" busy={save.busy} dirty={dirty} done={save.done} onUndo={() => setDrafts(toDrafts(saved))} typing={typingCount} testIds={{ save: 'thresholds-save', undo: 'thresholds-undo', typing: 'thresholds-typing' }} />
      <ErrorMessage error={save.error} testId="thresholds-error" labelFor={fieldLabel} inline={(path) => /^thresholds\.\d+(\.\w+)?$/.test(path)} />
    </form>
  );
}
