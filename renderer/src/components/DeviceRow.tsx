import type { Device } from '../../../preload/contract/index.ts';
import { deviceStateLabel, lowBatteryPercent, type DeviceState } from '../lib/device-state.ts';
import { formatAge, formatDateTime, formatValue } from '../lib/format.ts';
import { DeviceId } from './DeviceId.tsx';

interface Props {
  device: Device;
  /** Newest of the device's own lastSeen and its readings' times. */
  lastSeen: number;
  state: DeviceState;
  serverNow: number;
  editing: boolean;
  /** Absent for a viewer session: no Rename button. */
  onEdit?: () => void;
  /** Its newest values as one line ("21.4 °C · 48%"). */
  values?: string;
  /** The gateways that hear it ("via OMG_lobby −70 dBm"). */
  via?: string;
  /** Selection for bulk actions (absent for a viewer). */
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}

/**
 * One device. `data-label` names each cell for the narrow layout, where the table turns into cards and a
 * cell shows its column name in front of it.
 */
export function DeviceRow({ device, lastSeen, state, serverNow, editing, onEdit, values, via, selected, onSelect }: Props) {
  const battery = device.battery;
  const label = device.name ?? device.id;
  return (
    <tr data-testid="device-row" data-device-id={device.id} data-state={state} data-selected={selected ? 'true' : undefined} className={`device device--${state}${device.hidden ? ' device--hidden' : ''}`}>
      <th scope="row" className="cell-name" data-label="Name">
        <span className="device__head">
          {onSelect && (
            <input type="checkbox" className="device__select" checked={selected ?? false} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${label}`} data-testid="device-select" />
          )}
          <span className="device__title">
            <span className={device.name ? 'device__name' : 'device__name muted'} data-testid="device-name">
              {device.name ?? 'Unnamed'}
            </span>
            <span className="device__model">
              {device.model}
              {device.needsName && device.name && (
                <span className="device__flag" title={`Needs a name: ${device.needsName}`} data-testid="needs-name">
                  {' '}
                  · needs a name
                </span>
              )}
              {device.hidden && <span className="device__flag"> · hidden</span>}
            </span>
          </span>
        </span>
      </th>
      <td className={device.room ? 'cell-room' : 'cell-room muted'} data-testid="device-room" data-label="Room">
        {device.room ?? '—'}
      </td>
      <td className="cell-state" data-label="State" data-testid="device-state">
        <span className={`badge badge--device-${state}`}>{deviceStateLabel[state]}</span>
      </td>
      {values !== undefined && (
        <td className="cell-values" data-label="Values" data-testid="device-values">
          {values || <span className="muted">—</span>}
        </td>
      )}
      <td className={battery !== null && battery <= lowBatteryPercent ? 'cell-num battery--low' : 'cell-num'} data-label="Battery" data-testid="device-battery">
        {battery === null ? <span className="muted">—</span> : formatValue('battery', battery, '%')}
      </td>
      <td className="cell-num" data-label="Signal" data-testid="device-rssi">
        {device.rssi === null ? <span className="muted">—</span> : formatValue('rssi', device.rssi, 'dBm')}
      </td>
      <td className="cell-seen" data-label="Last seen" title={formatDateTime(lastSeen)}>
        {formatAge(serverNow - lastSeen)}
      </td>
      <td className="cell-id" data-label="ID">
        <DeviceId id={device.id} />
        <span className="device__source" data-testid="device-source">
          {device.source}
          {via ? (
            <span className="device__via" data-testid="device-via">
              {' '}
              {via}
            </span>
          ) : null}
        </span>
      </td>
      <td className="cell-actions">
        {onEdit && (
          <button type="button" className="btn btn--small" onClick={onEdit} aria-expanded={editing} data-testid="rename-open">
            Rename
          </button>
        )}
      </td>
    </tr>
  );
}
