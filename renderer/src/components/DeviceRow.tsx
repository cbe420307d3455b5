import type { Device } from '../../../preload/contract/index.ts';
import { formatAge, formatDateTime } from '../lib/format.ts';

interface Props {
  device: Device;
  /** Newest of the device's own lastSeen and its readings' times. */
  lastSeen: number;
  serverNow: number;
  editing: boolean;
  /** Absent for a viewer session: no Rename button. */
  onEdit?: () => void;
}

export function DeviceRow({ device, lastSeen, serverNow, editing, onEdit }: Props) {
  return (
    <tr data-testid="device-row" data-device-id={device.id}>
      <td className={device.name ? 'cell-name' : 'cell-name muted'} data-testid="device-name">
        {device.name ?? 'Unnamed'}
      </td>
      <td className={device.room ? '' : 'muted'} data-testid="device-room">
        {device.room ?? '—'}
      </td>
      <td>{device.model}</td>
      <td>
        <code className="device-id">{device.id}</code>
      </td>
      <td>{device.source}</td>
      <td title={formatDateTime(lastSeen)}>{formatAge(serverNow - lastSeen)}</td>
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
