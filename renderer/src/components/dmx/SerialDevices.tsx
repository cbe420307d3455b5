import { useCallback, useEffect, useId, useState } from 'react';
import type { SerialPortList, SettingsPatch } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useDmxStatus } from '../../hooks/dmx-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useConnectionEpoch } from '../../hooks/useConnection.ts';
import { useSettings } from '../../hooks/useSettings.ts';
import { formatFrameAge } from '../../lib/dmx-format.ts';
import { outputStateLabel } from '../../lib/dmx-playback.ts';
import { addSerialInputPatch, autoDetectPatch, describePort, formatUsbId, portBlocked, enttecPortPatch } from '../../lib/serial-dmx.ts';
import { describeEnttec, describeSerialInput, listWithout, monitorsReading, newSerialInputDraft, toSerialInputDraft, type SerialInputDraft } from '../../lib/serial-dmx-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { EnttecSettingsForm } from './EnttecSettingsForm.tsx';
import { SerialInputForm } from './SerialInputForm.tsx';

type Editing = { kind: 'enttec' } | { kind: 'input'; index: number; draft: SerialInputDraft } | null;

/**
 * The serial side of the Outputs panel: the Enttec DMX USB Pro's state (found where, serial number,
 * firmware, LOST at once when unplugged), and every serial device plugged in (path, USB VID:PID, serial
 * number) with a Use button for the Enttec or as a DMX text input.
 */
export function SerialDevices({ canControl }: { canControl: boolean }) {
  const id = useId();
  const api = useApi();
  const epoch = useConnectionEpoch();
  const { status } = useDmxStatus();
  const { settings, apply } = useSettings();
  const [list, setList] = useState<SerialPortList | null>(null);
  const scan = useAction(useCallback(async () => setList(await api.call('dmx.serialPorts')), [api]));
  const change = useAction(
    useCallback(
      async (patch: SettingsPatch) => {
        apply(await api.call('settings.update', patch));
        setList(await api.call('dmx.serialPorts'));
      },
      [api, apply],
    ),
  );
  const [editing, setEditing] = useState<Editing>(null);
  const runScan = scan.run;
  useEffect(() => {
    if (epoch > 0) void runScan();
  }, [epoch, runScan]);

  const enttec = status?.outputs.find((o) => o.protocol === 'enttec');
  const dmx = settings?.dmx;

  return (
    <section className="card serial-dmx" aria-labelledby={`${id}-title`} data-testid="serial-devices">
      <div className="dmx-card__head">
        <h2 className="card__title" id={`${id}-title`}>
          USB DMX and serial devices
        </h2>
        {canControl && (
          <button type="button" className="btn btn--small" onClick={() => void scan.run()} disabled={scan.busy} data-testid="serial-rescan">
            {scan.busy ? 'Looking…' : 'Look again'}
          </button>
        )}
      </div>

      <h3 className="dmx-sub">Enttec DMX USB Pro</h3>
      {enttec ? (
        <div className={`io-row io-row--${enttec.state} serial-dmx__enttec`} data-testid="enttec-row" data-state={enttec.state}>
          <span className={`io-badge io-badge--${enttec.state}`}>{enttec.state === 'lost' ? 'USB DMX LOST' : outputStateLabel[enttec.state]}</span>
          <div className="io-row__main">
            <span className="io-row__name">Universe {enttec.universe} → {enttec.destination}</span>
            <span className="io-row__msg">{enttec.message}</span>
          </div>
          <dl className="io-stats">
            <div className="io-stat">
              <dt>fps</dt>
              <dd>{Math.round(enttec.fps)}</dd>
            </div>
            <div className="io-stat">
              <dt>last frame</dt>
              <dd>{formatFrameAge(enttec.lastFrameAgeMs)}</dd>
            </div>
          </dl>
        </div>
      ) : (
        <p className="muted" data-testid="enttec-off">
          Off.{' '}
          {canControl ? (
            <button type="button" className="btn btn--small" disabled={change.busy || !dmx} onClick={() => void change.run(autoDetectPatch)} data-testid="enttec-auto">
              Find it automatically
            </button>
          ) : (
            'The operator can turn it on here or in Settings → DMX.'
          )}
        </p>
      )}

      {dmx && (
        <div className="serial-dmx__settings" data-testid="enttec-settings">
          <p className="muted serial-dmx__summary" data-testid="enttec-summary">
            Settings: {describeEnttec(dmx.enttec)}
          </p>
          {canControl && editing?.kind !== 'enttec' && (
            <button type="button" className="btn btn--small" onClick={() => setEditing({ kind: 'enttec' })} data-testid="enttec-edit">
              Enttec settings
            </button>
          )}
        </div>
      )}
      {canControl && dmx && editing?.kind === 'enttec' && <EnttecSettingsForm dmx={dmx} onClose={() => setEditing(null)} />}

      <h3 className="dmx-sub">DMX text inputs (SparkFun shield)</h3>
      {dmx && dmx.serialInputs.length === 0 && <p className="muted">None. Use a port below, or add one by its path.</p>}
      {dmx && dmx.serialInputs.length > 0 && (
        <ul className="io-list" data-testid="serial-inputs">
          {dmx.serialInputs.map((input, index) =>
            canControl && editing?.kind === 'input' && editing.index === index ? (
              <li key={input.port}>
                <SerialInputForm dmx={dmx} index={index} initial={editing.draft} onClose={() => setEditing(null)} />
              </li>
            ) : (
              <li key={input.port} className="io-row serial-input" data-testid="serial-input" data-port={input.port}>
                <span className="io-badge io-badge--idle">Input</span>
                <div className="io-row__main">
                  <span className="io-row__name">{input.port}</span>
                  <span className="io-row__dest">{describeSerialInput(input)}</span>
                </div>
                {canControl && (
                  <div className="serial-port__actions">
                    <button type="button" className="btn btn--small" disabled={change.busy} onClick={() => setEditing({ kind: 'input', index, draft: toSerialInputDraft(input) })} data-testid="serial-input-edit">
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={change.busy}
                      onClick={() => {
                        const readers = monitorsReading(dmx.monitors, `serial:${input.port}`);
                        if (readers.length > 0 && !window.confirm(`Remove ${input.port}? The monitors reading it go too: ${readers.map((m) => m.name).join(', ')}.`)) return;
                        const gone = new Set(readers.map((m) => m.id));
                        setEditing(null);
                        void change.run({ dmx: { serialInputs: listWithout(dmx.serialInputs, index), ...(gone.size > 0 ? { monitors: dmx.monitors.filter((m) => !gone.has(m.id)) } : {}) } });
                      }}
                      data-testid="serial-input-remove"
                    >
                      Remove
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canControl && dmx && editing?.kind === 'input' && editing.index >= dmx.serialInputs.length && (
        <SerialInputForm dmx={dmx} index={editing.index} initial={editing.draft} onClose={() => setEditing(null)} />
      )}
      {canControl && dmx && editing?.kind !== 'input' && (
        <button type="button" className="btn btn--small serial-dmx__add" onClick={() => setEditing({ kind: 'input', index: dmx.serialInputs.length, draft: newSerialInputDraft(dmx) })} data-testid="serial-input-add">
          Add a DMX text input
        </button>
      )}

      <h3 className="dmx-sub">Serial devices found</h3>
      {list?.note && (
        <p className="muted serial-dmx__note" data-testid="serial-note">
          {list.note}
        </p>
      )}
      {list && list.ports.length === 0 && <p className="muted">No serial device is plugged in.</p>}
      {list && list.ports.length > 0 && (
        <ul className="io-list" data-testid="serial-ports">
          {list.ports.map((p) => {
            const blocked = portBlocked(p);
            return (
              <li key={p.path} className="io-row serial-port" data-testid="serial-port" data-path={p.path}>
                <span className={`io-badge io-badge--${p.usedBy ? 'ok' : 'idle'}`}>{p.usedBy === 'enttec' ? 'Enttec' : p.usedBy === 'serial-input' ? 'Input' : 'Free'}</span>
                <div className="io-row__main">
                  <span className="io-row__name">
                    {p.path} {p.likelyEnttec && <span className="serial-port__tag">looks like an Enttec</span>}
                  </span>
                  <span className="io-row__dest">
                    USB {formatUsbId(p)}
                    {p.serialNumber ? ` · serial ${p.serialNumber}` : ''}
                    {describePort(p) ? ` · ${describePort(p)}` : ''}
                  </span>
                  {p.stablePath && <span className="io-row__msg muted">{p.stablePath}</span>}
                </div>
                {canControl && dmx && (
                  <div className="serial-port__actions">
                    <button type="button" className="btn btn--small btn--primary" disabled={change.busy || blocked !== null} title={blocked ?? undefined} onClick={() => void change.run(enttecPortPatch(p))} data-testid="serial-use-enttec">
                      Use for Enttec
                    </button>
                    <button type="button" className="btn btn--small" disabled={change.busy || blocked !== null} title={blocked ?? undefined} onClick={() => void change.run(addSerialInputPatch(dmx, p))} data-testid="serial-use-input">
                      Use as DMX text input
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage error={scan.error ?? change.error} />
    </section>
  );
}
