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
import { ErrorMessage } from '../ErrorMessage.tsx';

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
