import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { Device } from '../../../preload/contract/index.ts';
import { BleUnknownList } from '../components/BleUnknownList.tsx';
import { DeviceRow } from '../components/DeviceRow.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { RenameForm } from '../components/RenameForm.tsx';
import { BulkActions } from '../components/devices/BulkActions.tsx';
import { DeviceFiltersBar } from '../components/devices/DeviceFiltersBar.tsx';
import { NamesTransfer } from '../components/devices/NamesTransfer.tsx';
import { GxPanel } from '../components/mqtt/GxPanel.tsx';
import { MqttPanel } from '../components/mqtt/MqttPanel.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useDevices } from '../hooks/useDevices.ts';
import { useLiveReadings } from '../hooks/useLiveReadings.ts';
import { useMqtt } from '../hooks/useMqtt.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { useSettings } from '../hooks/useSettings.ts';
import { applyFilters, deviceViews, filterOptions, heardViaText, noFilters, type DeviceFilters } from '../lib/device-filter.ts';
import { deviceStateHelp, deviceStateLabel, type DeviceState } from '../lib/device-state.ts';
import '../components/devices/devices.css';

const columns = 9;
const states: DeviceState[] = ['ok', 'stale', 'lost'];

export function DevicesPage() {
  const { devices, loaded, error, upsert } = useDevices();
  const { readings } = useLiveReadings();
  const { settings, apply } = useSettings();
  const mqtt = useMqtt();
  const canControl = useCanControl();
  const serverNow = useServerNow(1000);
  const [editing, setEditing] = useState<string | null>(null);
  // The device whose form just closed: its Rename button gets focus back (keyboard users stay in place).
  // A new object each time, so closing the same form twice still runs the effect.
  const [closed, setClosed] = useState<{ id: string } | null>(null);
  const [filters, setFilters] = useState<DeviceFilters>(noFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  // Forgotten or merged-away devices leave at once (the shell's list learns on its next snapshot), by the
  // firstSeen they had: a forgotten device that reports again is a new device and shows.
  const [removed, setRemoved] = useState<ReadonlyMap<string, number>>(() => new Map());
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

  const present = useMemo(() => [...devices.values()].filter((d) => d.firstSeen > (removed.get(d.id) ?? Number.NEGATIVE_INFINITY)), [devices, removed]);
  // Same order as the dashboard: by room, then name.
  const views = useMemo(() => deviceViews(present, readings.values(), staleAfterS, serverNow), [present, readings, staleAfterS, serverNow]);
  const shown = useMemo(() => applyFilters(views, filters), [views, filters]);
  const options = useMemo(() => filterOptions(present), [present]);
  const hiddenCount = present.filter((d) => d.hidden).length;
  const needNames = present.filter((d) => d.needsName && !d.hidden).length;
  const selectedDevices = present.filter((d) => selected.has(d.id));
  const help = deviceStateHelp(staleAfterS);

  const select = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShownSelected = shown.length > 0 && shown.every((v) => selected.has(v.device.id));
  const changed = (list: Device[]) => list.forEach(upsert);
  const gone = (ids: string[]) => {
    setRemoved((prev) => new Map([...prev, ...ids.map((x): [string, number] => [x, devices.get(x)?.firstSeen ?? Number.POSITIVE_INFINITY])]));
    setSelected((prev) => new Set([...prev].filter((x) => !ids.includes(x))));
  };

  return (
    <div className="page">
      <div className="page__bar">
        <h1 className="page__title">Devices</h1>
        <p className="muted" data-testid="device-count">
          {shown.length === present.length ? `${present.length} known` : `${shown.length} of ${present.length} shown`}
          {needNames > 0 && (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => setFilters({ ...noFilters, needsName: true })} data-testid="needs-name-count">
                {needNames} need{needNames === 1 ? 's' : ''} a name
              </button>
            </>
          )}
        </p>
      </div>
      <ErrorMessage error={error} />
      {loaded && present.length === 0 && <p className="empty">No devices seen yet — enable the demo site in Settings, or point a gateway at this console’s MQTT broker (Devices → MQTT below).</p>}
      {present.length > 0 && <DeviceFiltersBar filters={filters} onChange={setFilters} options={options} hiddenCount={hiddenCount} />}
      {canControl && selectedDevices.length > 0 && <BulkActions selected={selectedDevices} onChanged={changed} onRemoved={gone} clear={() => setSelected(new Set())} />}
      {present.length > 0 && shown.length === 0 && (
        <p className="empty" data-testid="no-match">
          No device matches these filters.{' '}
          <button type="button" className="link-button" onClick={() => setFilters(noFilters)}>
            Show all
          </button>
        </p>
      )}
      {shown.length > 0 && (
        <div className="table-wrap table-wrap--devices">
          {canControl && (
            <div className="devices__select-all">
              <label>
                <input
                  type="checkbox"
                  checked={allShownSelected}
                  onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...shown.map((v) => v.device.id)]) : new Set([...selected].filter((x) => !shown.some((v) => v.device.id === x))))}
                  data-testid="select-all"
                />{' '}
                Select all shown
              </label>
            </div>
          )}
          <table className="table devices" ref={table}>
            <thead>
              <tr>
                <th scope="col" className="cell-name">
                  Name
                </th>
                <th scope="col">Room</th>
                <th scope="col">State</th>
                <th scope="col">Values</th>
                <th scope="col" className="cell-num">
                  Battery
                </th>
                <th scope="col" className="cell-num">
                  Signal
                </th>
                <th scope="col">Last seen</th>
                <th scope="col">ID · heard via</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ device: d, lastSeen, state, values }) => (
                <Fragment key={d.id}>
                  <DeviceRow
                    device={d}
                    lastSeen={lastSeen}
                    state={state}
                    serverNow={serverNow}
                    editing={editing === d.id}
                    onEdit={canControl ? () => (editing === d.id ? close(d.id) : setEditing(d.id)) : undefined}
                    values={values}
                    via={heardViaText(d, serverNow)}
                    {...(canControl ? { selected: selected.has(d.id), onSelect: (on: boolean) => select(d.id, on) } : {})}
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      {present.length > 0 && (
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
          <div className="legend__item">
            <dt>Gateways</dt>
            <dd>devices whose source says how often they report go stale after three missed reports</dd>
          </div>
        </dl>
      )}
      <NamesTransfer canControl={canControl} />
      <MqttPanel connections={mqtt.connections} settings={settings} applySettings={apply} canControl={canControl} />
      <ErrorMessage error={mqtt.error} />
      <GxPanel portals={mqtt.gx} canControl={canControl} onPortal={mqtt.upsertGx} />
      <BleUnknownList />
    </div>
  );
}
