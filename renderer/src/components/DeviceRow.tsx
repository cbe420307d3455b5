import type { Device } from '../../../preload/contract/index.ts';
import { formatAge, formatDateTime } from '../lib/format.ts';

interface Props {
  device: Device;
  serverNow: number;
  editing: boolean;
  onEdit: () => void;
}

export function DeviceRow({ device, serverNow, editing, onEdit }: Props) {
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
      <td title={formatDateTime(device.lastSeen)}>{formatAge(serverNow - device.lastSeen)}</td>
      <td className="cell-actions">
        <button type="button" className="btn btn--small" onClick={onEdit} aria-expanded={editing} data-testid="rename-open">
          Rename
        </button>
      </td>
    </tr>
  );
}
