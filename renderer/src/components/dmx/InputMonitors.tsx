import { useId, useState, type ReactNode } from 'react';
import type { DmxInputStatus, DmxSettings } from '../../../../preload/contract/index.ts';
import { useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useDmxFrame } from '../../hooks/useDmx.ts';
import { useLiveReadings } from '../../hooks/useLiveReadings.ts';
import { useServerNow } from '../../hooks/server-clock.tsx';
import { useSettings } from '../../hooks/useSettings.ts';
import { formatFrameAge } from '../../lib/dmx-format.ts';
import { formatValue, metricLabel } from '../../lib/format.ts';
import { activeChannels, monitorRows, type MonitorRow } from '../../lib/serial-dmx.ts';
import { describeMonitor, listWithout, newMonitorDraft, toMonitorDraft, type MonitorDraft } from '../../lib/serial-dmx-draft.ts';
import { metricStatus, statusLabel } from '../../lib/tile-state.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { MonitorForm } from './MonitorForm.tsx';
import { useDmxSave } from './SerialFormParts.tsx';

const inputStateLabel: Record<DmxInputStatus['state'], string> = { waiting: 'Waiting', receiving: 'Receiving', lost: 'LOST', error: 'ERROR' };

/**
 * Every input's live channels at a glance (non-zero ones), and the channel monitors' values in their units;
 * the operator adds, edits and removes monitors here (a viewer sees them, nothing to press).
 */
export function InputMonitors({ canControl }: { canControl: boolean }) {
  const id = useId();
  const { status } = useDmxStatus();
  const { settings } = useSettings();
  const { readings } = useLiveReadings();
  const [editing, setEditing] = useState<{ index: number; draft: MonitorDraft } | null>(null);
  const remove = useDmxSave();
  const inputs = status?.inputs ?? [];
  const dmx = settings?.dmx;
  const monitors = monitorRows(dmx?.monitors ?? [], readings.values());
  if (inputs.length === 0 && monitors.length === 0 && !canControl) return null;
  const editor = (index: number, draft: MonitorDraft) => dmx && <MonitorForm key={index} dmx={dmx} index={index} initial={draft} onClose={() => setEditing(null)} />;
  return (
    <section className="card serial-dmx" aria-labelledby={`${id}-title`} data-testid="input-monitors">
      <h2 className="card__title" id={`${id}-title`}>
        Input monitors
      </h2>
      {inputs.length > 0 && (
        <ul className="io-list">
          {inputs.map((i) => (
            <InputValues key={i.index} input={i} running={status?.running} />
          ))}
        </ul>
      )}
      <h3 className="dmx-sub">Channel monitors</h3>
      {monitors.length === 0 && <p className="muted">None yet. A monitor shows a channel in a unit (LED wall brightness in nits) and logs it like any sensor.</p>}
      {monitors.length > 0 && (
        <ul className="io-list" data-testid="channel-monitors">
          {monitors.map((m, index) =>
            canControl && editing?.index === index ? (
              <li key={m.id}>{editor(index, editing.draft)}</li>
            ) : (
              <MonitorValue key={m.id} m={m} settings={dmx?.monitors[index]}>
                {canControl && dmx && (
                  <div className="serial-port__actions">
                    <button type="button" className="btn btn--small" disabled={remove.busy} onClick={() => setEditing({ index, draft: toMonitorDraft(dmx.monitors[index]!) })} data-testid="monitor-edit">
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={remove.busy}
                      onClick={() => {
                        if (!window.confirm(`Remove the monitor “${m.name}”? Its history stays on the device.`)) return;
                        setEditing(null);
                        void remove.run({ dmx: { monitors: listWithout(dmx.monitors, index) } });
                      }}
                      data-testid="monitor-remove"
                    >
                      Remove
                    </button>
                  </div>
                )}
              </MonitorValue>
            ),
          )}
        </ul>
      )}
      {canControl && dmx && editing && editing.index >= dmx.monitors.length && editor(editing.index, editing.draft)}
      {canControl && dmx && !editing && (
        <button type="button" className="btn btn--small serial-dmx__add" onClick={() => setEditing({ index: dmx.monitors.length, draft: newMonitorDraft() })} data-testid="monitor-add">
          Add a channel monitor
        </button>
      )}
      <ErrorMessage error={remove.error} />
    </section>
  );
}

function InputValues({ input, running }: { input: DmxInputStatus; running: boolean | undefined }) {
  const { frame } = useDmxFrame({ kind: 'input', index: input.index }, running);
  const { shown, more } = activeChannels(frame?.channels ?? []);
  const state = input.state === 'receiving' ? 'ok' : input.state === 'waiting' ? 'idle' : input.state;
  return (
    <li className={`io-row io-row--${state}`} data-testid="input-monitor" data-index={input.index} data-state={input.state}>
      <span className={`io-badge io-badge--${state}`}>{inputStateLabel[input.state]}</span>
      <div className="io-row__main">
        <span className="io-row__name">
          {input.source} → universe {input.universe}
        </span>
        <span className="io-row__msg">{input.message ?? (input.sender ? `from ${input.sender}` : 'no sender yet')}</span>
        <span className="serial-dmx__channels" data-testid="input-channels">
          {shown.length === 0 ? <span className="muted">all channels at 0</span> : shown.map(([ch, v]) => <span key={ch} className="serial-dmx__chip">{`${ch}: ${v}`}</span>)}
          {more > 0 && <span className="muted"> +{more} more</span>}
        </span>
      </div>
      <dl className="io-stats">
        <div className="io-stat">
          <dt>last frame</dt>
          <dd>{formatFrameAge(input.lastFrameAgeMs)}</dd>
        </div>
      </dl>
    </li>
  );
}

function MonitorValue({ m, settings, children }: { m: MonitorRow; settings: DmxSettings['monitors'][number] | undefined; children?: ReactNode }) {
  const now = useServerNow();
  const r = m.reading;
  const st = r ? metricStatus(r, now) : 'stale';
  return (
    <li className={`io-row serial-monitor serial-monitor--${st}`} data-testid="channel-monitor" data-id={m.id} data-state={st}>
      <span className={st === 'ok' ? 'io-badge io-badge--ok' : `badge badge--${st}`}>{r ? statusLabel[st] : 'No value'}</span>
      <div className="io-row__main">
        <span className="io-row__name">
          {m.name}
          {m.room && <span className="muted"> · {m.room}</span>}
        </span>
        <span className="io-row__msg">
          {metricLabel(m.metric)}
          {settings && ` · ${describeMonitor(settings)}`}
        </span>
      </div>
      <span className="serial-monitor__value" data-testid="channel-monitor-value">
        {r ? formatValue(r.metric, r.value, r.unit) : '—'}
      </span>
      {children}
    </li>
  );
}
