import { useId, useState } from 'react';
import { bleAssignableModels, type BleUnknownAdvertiser } from '../../../preload/contract/ble.ts';
import { useApi } from '../hooks/api-context.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useBleUnknown } from '../hooks/useBleUnknown.ts';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { companyText } from '../lib/ble.ts';
import { formatAge, formatDateTime, formatValue } from '../lib/format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import './BleUnknownList.css';

const recordMinutes = 5;

/**
 * Devices page: Bluetooth advertisers the decoders could not read (a new Govee model, a sensor heard
 * without its name). An operator records one for support (a capture file `showsite decode --capture`
 * replays) or tells the console which model it is.
 */
export function BleUnknownList() {
  const { advertisers, recordings, stats, loaded, error, refresh } = useBleUnknown();
  const canControl = useCanControl();
  const serverNow = useServerNow(1000);
  const active = recordings.filter((r) => r.active);
  const finished = recordings.filter((r) => !r.active).slice(0, 5);

  return (
    <section className="ble-unknown" aria-labelledby="ble-unknown-title" data-testid="ble-unknown">
      <h2 className="section-title" id="ble-unknown-title">
        Other Bluetooth advertisers{' '}
        <span className="muted section-title__note" data-testid="ble-status">
          {stats ? `${stats.message} · ${stats.decoded} decoded, ${stats.unknown} not understood` : ''}
        </span>
      </h2>
      <ErrorMessage error={error} />
      {loaded && advertisers.length === 0 && <p className="empty">Every Bluetooth advertiser heard so far was decoded (or is a phone or laptop, which are not listed).</p>}
      {advertisers.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="cell-name">
                  Name
                </th>
                <th scope="col">Address</th>
                <th scope="col" className="cell-num">
                  Signal
                </th>
                <th scope="col">Data</th>
                <th scope="col">Heard</th>
                <th scope="col">Why not decoded</th>
                {canControl && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {advertisers.map((a) => (
                <UnknownRow key={a.mac} advertiser={a} serverNow={serverNow} canControl={canControl} onChanged={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(active.length > 0 || finished.length > 0) && (
        <ul className="ble-recordings" data-testid="ble-recordings" aria-label="Recordings">
          {[...active, ...finished].map((r) => (
            <li key={`${r.mac}-${r.startedAt}`} data-testid="ble-recording" data-mac={r.mac} data-active={r.active}>
              {r.active ? 'Recording' : 'Recorded'} {r.mac}: {r.count} advertisements {r.active ? `until ${formatDateTime(r.until)}` : `(${r.endReason ?? 'ended'})`} → <code>{r.file}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UnknownRow({ advertiser: a, serverNow, canControl, onChanged }: { advertiser: BleUnknownAdvertiser; serverNow: number; canControl: boolean; onChanged: () => void }) {
  const api = useApi();
  const id = useId();
  const [model, setModel] = useState<string>(a.assignedModel ?? a.model ?? '');
  const record = useAction(async () => {
    await api.call('ble.record', { mac: a.mac, minutes: recordMinutes });
    onChanged();
  });
  const assign = useAction(async () => {
    await api.call('ble.assign', { mac: a.mac, model: model === '' ? null : (model as (typeof bleAssignableModels)[number]) });
    onChanged();
  });
  const columns = canControl ? 7 : 6;
  const failed = record.error ?? assign.error;
  return (
    <>
      <tr data-testid="ble-unknown-row" data-mac={a.mac}>
        <th scope="row" className="cell-name" data-label="Name">
          <span className={a.name ? 'device__name' : 'device__name muted'}>{a.name ?? 'No name'}</span>
          {a.model && <span className="device__model">{a.model}</span>}
        </th>
        <td className="ble-unknown__addr" data-label="Address">
          {a.mac}
        </td>
        <td className="cell-num" data-label="Signal">
          {a.rssi === null ? <span className="muted">—</span> : formatValue('rssi', a.rssi, 'dBm')}
        </td>
        <td className="ble-unknown__data" data-label="Data">
          <div className="muted" data-testid="ble-unknown-company">{companyText(a.companyId)}</div>
          <span data-testid="ble-unknown-data">{a.data === '' ? '—' : a.data}</span>
          {a.serviceData.map((s) => (
            <div key={s.uuid} className="muted">
              service {s.uuid}: {s.data}
            </div>
          ))}
        </td>
        <td className="cell-seen" data-label="Heard" title={`${a.count} advertisements; last ${formatDateTime(a.lastSeen)}`}>
          {a.count}× · {formatAge(serverNow - a.lastSeen)}
        </td>
        <td data-label="Why not decoded" className="muted ble-unknown__why">
          {a.reason}
        </td>
        {canControl && (
          <td>
            <div className="ble-unknown__actions">
              <button type="button" className="btn btn--small" data-testid="ble-record" disabled={record.busy || a.recording} onClick={() => void record.run()}>
                {a.recording ? 'Recording…' : `Record ${recordMinutes} min`}
              </button>
              <div className="ble-unknown__assign">
                <label className="sr-only" htmlFor={`${id}-model`}>
                  Model of {a.mac}
                </label>
                <select id={`${id}-model`} data-testid="ble-assign-model" value={model} onChange={(e) => setModel(e.target.value)}>
                  <option value="">No model</option>
                  {bleAssignableModels.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
                <button type="button" className="btn btn--small" data-testid="ble-assign" disabled={assign.busy || model === (a.assignedModel ?? '')} onClick={() => void assign.run()}>
                  {model === '' && a.assignedModel ? 'Remove' : 'Assign'}
                </button>
              </div>
            </div>
          </td>
        )}
      </tr>
      {failed !== null && failed !== undefined && (
        <tr className="row-editor">
          <td colSpan={columns}>
            <ErrorMessage error={failed} />
          </td>
        </tr>
      )}
    </>
  );
}
