import { Fragment, useMemo, useState } from 'react';
import { DeviceRow } from '../components/DeviceRow.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { RenameForm } from '../components/RenameForm.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useDevices } from '../hooks/useDevices.ts';
import { useLiveReadings } from '../hooks/useLiveReadings.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { displayName, roomOf } from '../lib/group.ts';
import { newestReadingByDevice } from '../lib/last-seen.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const columns = 7;

export function DevicesPage() {
  const { devices, loaded, error, upsert } = useDevices();
  const { readings } = useLiveReadings();
  const newestReading = useMemo(() => newestReadingByDevice(readings.values()), [readings]);
  const canControl = useCanControl();
  const serverNow = useServerNow(1000);
  const [editing, setEditing] = useState<string | null>(null);

  // Same order as the dashboard: by room, then name.
  const list = useMemo(
    () =>
      [...devices.values()].sort(
        (a, b) => collator.compare(roomOf(a), roomOf(b)) || collator.compare(displayName(a, a.id), displayName(b, b.id)),
      ),
    [devices],
  );

  return (
    <div className="page">
      <div className="page__bar">
        <h1 className="page__title">Devices</h1>
        <p className="muted">{list.length} known</p>
      </div>
      <ErrorMessage error={error} />
      {loaded && list.length === 0 && <p className="empty">No devices seen yet — enable the demo site in Settings or connect a gateway.</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Room</th>
                <th scope="col">Model</th>
                <th scope="col">ID</th>
                <th scope="col">Source</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <Fragment key={d.id}>
                  <DeviceRow
                    device={d}
                    lastSeen={Math.max(d.lastSeen, newestReading.get(d.id) ?? 0)}
                    serverNow={serverNow}
                    editing={editing === d.id}
                    onEdit={canControl ? () => setEditing(editing === d.id ? null : d.id) : undefined}
                  />
                  {editing === d.id && (
                    <tr className="row-editor">
                      <td colSpan={columns}>
                        <RenameForm
                          device={d}
                          onDone={(updated) => {
                            if (updated) upsert(updated);
                            setEditing(null);
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
    </div>
  );
}
