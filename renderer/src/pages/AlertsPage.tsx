import { ActiveAlerts } from '../components/ActiveAlerts.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useDevices } from '../hooks/useDevices.ts';
import { useTimeline } from '../hooks/useTimeline.ts';
import { formatDateTime, keepUnitsTogether } from '../lib/format.ts';
import { displayName } from '../lib/group.ts';

const kindLabel: Record<string, string> = {
  'alert.raised': 'Alert',
  'alert.cleared': 'Cleared',
  // The core notes a device after one stale-after period of silence; the Devices page calls it LOST only after five.
  'device.lost': 'Silent',
  'device.found': 'Found',
  operator: 'Operator',
  system: 'System',
};

/** Today's name of the device, unless the message (written when it happened) already says it. */
function EventDevice({ name, message }: { name: string | null; message: string }) {
  if (!name || message.includes(name)) return null;
  return <strong className="event__device">{name}: </strong>;
}

export function AlertsPage() {
  const { events, loaded, error } = useTimeline(200);
  const { devices } = useDevices();
  return (
    <div className="page">
      <div className="page__bar">
        <h1 className="page__title">Alerts</h1>
      </div>
      <ActiveAlerts />
      <h2 className="section-title">Timeline <span className="muted section-title__note">newest first</span></h2>
      <ErrorMessage error={error} />
      {loaded && events.length === 0 && <p className="empty">Nothing on the timeline yet.</p>}
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} className={`event event--${e.severity}`} data-testid="event" data-severity={e.severity} data-kind={e.kind}>
            <time className="event__time" dateTime={new Date(e.ts).toISOString()}>
              {formatDateTime(e.ts)}
            </time>
            <span className={`event__sev sev--${e.severity}`}>{e.severity.toUpperCase()}</span>
            <span className="event__kind">{kindLabel[e.kind] ?? e.kind}</span>
            <span className="event__msg">
              <EventDevice name={e.deviceId ? displayName(devices.get(e.deviceId), e.deviceId) : null} message={e.message} />
              {keepUnitsTogether(e.message)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
