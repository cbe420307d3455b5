import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { DeviceRow } from '../components/DeviceRow.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { RenameForm } from '../components/RenameForm.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useDevices } from '../hooks/useDevices.ts';
import { useLiveReadings } from '../hooks/useLiveReadings.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { useSettings } from '../hooks/useSettings.ts';
import { deviceState, deviceStateHelp, deviceStateLabel, type DeviceState } from '../lib/device-state.ts';
import { displayName, roomOf } from '../lib/group.ts';
import { newestReadingByDevice } from '../lib/last-seen.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const columns = 8;
const states: DeviceState[] = ['ok', 'stale', 'lost'];

export function DevicesPage() {
  const { devices, loaded, error, upsert } = useDevices();
  const { readings } = useLiveReadings();
  const { settings } = useSettings();
  const newestReading = useMemo(() => newestReadingByDevice(readings.values()), [readings]);
  const canControl = useCanControl();
  const serverNow = useServerNow(1000);
  const [editing, setEditing] = useState<string | null>(null);
  // The device whose form just closed: its Rename button gets focus back (keyboard users stay in place).
  // A new object each time, so closing the same form twice still runs the effect.
  const [closed, setClosed] = useState<{ id: string } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const staleAfterS = settings?.telemetry.staleAfterS ?? 120;

  useEffect(() => {
    if (!closed) return;
    table.current?.querySelector<HTMLButtonElement>(`tr[data-device-id="${CSS.escape(closed.id)}"] [data-testid="rename-open"]`)?.focus();
  }, [closed]);

  const close = (id: string) => {
    setEditing(null);
    setClosed({ id });
  };

  // Same order as the dashboard: by room, then name.
  const list = useMemo(
    () =>
      [...devices.values()].sort(
        (a, b) => collator.compare(roomOf(a), roomOf(b)) || collator.compare(displayName(a, a.id), displayName(b, b.id)),
      ),
    [devices],
  );
  const help = deviceStateHelp(staleAfterS);

  return (
    <div className="page">
      <div className="page__bar">
        <h1 className="page__title">Devices</h1>
        <p className="muted">{list.length} known</p>
      </div>
      <ErrorMessage error={error} />
      {loaded && list.length === 0 && <p className="empty">No devices seen yet — enable the demo site in Settings or connect a gateway.</p>}
      {list.length > 0 && (
        <div className="table-wrap table-wrap--devices">
          <table className="table devices" ref={table}>
            <thead>
              <tr>
                <th scope="col" className="cell-name">
                  Name
                </th>
                <th scope="col">Room</th>
                <th scope="col">State</th>
                <th scope="col" className="cell-num">
                  Battery
                </th>
                <th scope="col" className="cell-num">
                  Signal
                </th>
                <th scope="col">Last seen</th>
                <th scope="col">ID</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => {
                const lastSeen = Math.max(d.lastSeen, newestReading.get(d.id) ?? 0);
                return (
                  <Fragment key={d.id}>
                    <DeviceRow
                      device={d}
                      lastSeen={lastSeen}
                      state={deviceState(lastSeen, staleAfterS, serverNow)}
                      serverNow={serverNow}
                      editing={editing === d.id}
                      onEdit={canControl ? () => (editing === d.id ? close(d.id) : setEditing(d.id)) : undefined}
                    />
                    {editing === d.id && (
                      <tr className="row-editor">
                        <td colSpan={columns}>
                          <RenameForm
                            device={d}
                            onDone={(updated) => {
                              if (updated) upsert(updated);
                              close(d.id);
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.length > 0 && (
        <dl className="legend" aria-label="What the states mean" data-testid="device-state-help">
          {states.map((s) => (
            <div key={s} className="legend__item">
              <dt>
                <span className={`badge badge--device-${s}`}>{deviceStateLabel[s]}</span>
              </dt>
              <dd>{help[s]}</dd>
            </div>
          ))}
          <div className="legend__item">
            <dt>Signal</dt>
            <dd>radio strength in dBm: −50 is strong, −90 is about to drop out</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
