import { useId } from 'react';
import type { DmxSettings } from '../../../../preload/contract/index.ts';
import { fromMonitorDraft, listWith, monitorSources, type MonitorDraft } from '../../lib/serial-dmx-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field, invalid, useSerialForm } from './SerialFormParts.tsx';

/**
 * One channel monitor: a channel (or a coarse/fine pair) of an input or of the output, scaled linearly into
 * a unit (LED wall 0–65535 → 0–11000 nits). It becomes a device with a series: a dashboard tile, history,
 * thresholds. Saved as the whole `dmx.monitors` list with this one replaced (index) or added (index = length).
 */
export function MonitorForm({ dmx, index, initial, onClose }: { dmx: DmxSettings; index: number; initial: MonitorDraft; onClose: () => void }) {
  const id = useId();
  const isNew = index >= dmx.monitors.length;
  const { draft, result, save, message, edit, submit } = useSerialForm({
    initial,
    check: (d: MonitorDraft) => fromMonitorDraft(d, index, dmx, isNew),
    at: (f) => `dmx.monitors.${index}.${f}`,
    patchOf: (value) => ({ dmx: { monitors: listWith(dmx.monitors, index, value) } }),
    onClose,
  });
  const fid = (f: string) => `${id}-${f}`;
  const full = draft.bits === 16 ? 65535 : 255;

  return (
    <form className="serial-form" onSubmit={(e) => void submit(e)} noValidate data-testid="monitor-form" aria-label={isNew ? 'New channel monitor' : `Channel monitor ${draft.name}`}>
      <div className="form-row">
        <Field label="Name" htmlFor={fid('name')} message={message('name') ?? message('id')} grow>
          <input id={fid('name')} value={draft.name} maxLength={64} placeholder="LED wall brightness" onChange={(e) => edit({ name: e.target.value })} aria-invalid={invalid(message('name') ?? message('id'))} data-testid="monitor-name" />
        </Field>
        <Field label="Room" htmlFor={fid('room')} message={message('room')}>
          <input id={fid('room')} className="input--narrow" value={draft.room} maxLength={64} placeholder="Stage" onChange={(e) => edit({ room: e.target.value })} aria-invalid={invalid(message('room'))} data-testid="monitor-room" />
        </Field>
      </div>
      <p className="muted field-note">
        {isNew ? 'Device id: ' : 'Device id (kept, so its history stays whole): '}
        <code data-testid="monitor-id">dmx-monitor:{result.ok ? result.value.id : draft.id || '…'}</code>
      </p>
      <div className="form-row">
        <Field label="Reads" htmlFor={fid('source')} message={message('source')} grow>
          <select id={fid('source')} value={draft.source} onChange={(e) => edit({ source: e.target.value })} aria-invalid={invalid(message('source'))} data-testid="monitor-source">
            {monitorSources(dmx, draft.source).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Resolution" htmlFor={fid('bits')}>
          <select id={fid('bits')} value={draft.bits} onChange={(e) => edit({ bits: e.target.value === '16' ? 16 : 8 })} data-testid="monitor-bits">
            <option value="8">8-bit (one channel)</option>
            <option value="16">16-bit (coarse + fine)</option>
          </select>
        </Field>
        <Field label={draft.bits === 16 ? 'Coarse channel' : 'Channel'} htmlFor={fid('channel')} message={message('channel')}>
          <input id={fid('channel')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.channel} onChange={(e) => edit({ channel: e.target.value })} aria-invalid={invalid(message('channel'))} data-testid="monitor-channel" />
        </Field>
        {draft.bits === 16 && (
          <Field label="Fine channel" htmlFor={fid('fine')} message={message('fineChannel')}>
            <input id={fid('fine')} className="input--tiny" type="number" inputMode="numeric" min={1} max={512} value={draft.fineChannel} onChange={(e) => edit({ fineChannel: e.target.value })} aria-invalid={invalid(message('fineChannel'))} data-testid="monitor-fine" />
          </Field>
        )}
      </div>
      <div className="form-row">
        <Field label={`Raw from (empty = 0)`} htmlFor={fid('raw-low')} message={message('rawLow')}>
          <input id={fid('raw-low')} className="input--tiny" type="number" inputMode="numeric" min={0} max={full} value={draft.rawLow} placeholder="0" onChange={(e) => edit({ rawLow: e.target.value })} aria-invalid={invalid(message('rawLow'))} />
        </Field>
        <Field label={`Raw to (empty = ${full})`} htmlFor={fid('raw-high')} message={message('rawHigh')}>
          <input id={fid('raw-high')} className="input--tiny" type="number" inputMode="numeric" min={0} max={full} value={draft.rawHigh} placeholder={String(full)} onChange={(e) => edit({ rawHigh: e.target.value })} aria-invalid={invalid(message('rawHigh'))} />
        </Field>
        <Field label="Shows from" htmlFor={fid('low')} message={message('low')}>
          <input id={fid('low')} className="input--tiny" inputMode="decimal" value={draft.low} onChange={(e) => edit({ low: e.target.value })} aria-invalid={invalid(message('low'))} data-testid="monitor-low" />
        </Field>
        <Field label="Shows to" htmlFor={fid('high')} message={message('high')}>
          <input id={fid('high')} className="input--tiny" inputMode="decimal" value={draft.high} onChange={(e) => edit({ high: e.target.value })} aria-invalid={invalid(message('high'))} data-testid="monitor-high" />
        </Field>
        <Field label="Unit" htmlFor={fid('unit')} message={message('unit')}>
          <input id={fid('unit')} className="input--tiny" value={draft.unit} maxLength={16} placeholder="nits" onChange={(e) => edit({ unit: e.target.value })} aria-invalid={invalid(message('unit'))} data-testid="monitor-unit" />
        </Field>
        <Field label="Series name" htmlFor={fid('metric')} message={message('metric')}>
          <input id={fid('metric')} className="input--narrow" value={draft.metric} placeholder="level" spellCheck={false} autoCapitalize="off" onChange={(e) => edit({ metric: e.target.value })} aria-invalid={invalid(message('metric'))} data-testid="monitor-metric" />
        </Field>
      </div>
      <p className="muted field-note">Raw values between “from” and “to” are shown linearly between the two display values; outside, they are held at the ends.</p>
      <ErrorMessage error={save.error} inline={(p) => p.startsWith(`dmx.monitors.${index}.`)} />
      <div className="serial-form__actions">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="monitor-save">
          {save.busy ? 'Saving…' : isNew ? 'Add monitor' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
