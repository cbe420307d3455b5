import { useId, useState, type FormEvent } from 'react';
import { mqttMapperIds, type MappingTestResult, type MqttConnection, type MqttConnectionStatus, type Settings, type UserMapping } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useServerNow } from '../../hooks/server-clock.tsx';
import { formatAge, formatValue } from '../../lib/format.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';

interface Props {
  connections: MqttConnectionStatus[];
  settings: Settings | null;
  applySettings: (s: Settings) => void;
  canControl: boolean;
}

const stateBadge: Record<MqttConnectionStatus['state'], string> = { connected: 'ok', connecting: 'stale', reconnecting: 'warn', error: 'alarm', off: 'stale' };
const mapperLabels: Record<(typeof mqttMapperIds)[number], string> = {
  'omg-theengs': 'OpenMQTTGateway / Theengs',
  govee2mqtt: 'govee2mqtt',
  victron: 'Victron GX',
  frigate: 'Frigate',
  user: 'User mappings',
};

/**
 * MQTT on the Devices page: each broker connection (the embedded broker first) with its state and what
 * its mappers made of the messages; add or edit an external connection; write a user mapping and test it
 * on a pasted sample before saving it.
 */
export function MqttPanel({ connections, settings, applySettings, canControl }: Props) {
  const serverNow = useServerNow(1000);
  const [editing, setEditing] = useState<string | null>(null);
  const external = settings?.mqtt.connections ?? [];
  // A removed connection's last status ("off — removed") stays in the live list; the settings say it is gone.
  const shown = settings ? connections.filter((c) => c.kind !== 'external' || external.some((x) => x.id === c.id)) : connections;
  const trouble = shown.some((c) => c.state !== 'connected' && c.state !== 'off');
  // Opens by itself when a connection is in trouble, and never closes under the operator (e.g. as the
  // connection they just added comes up).
  const [open, setOpen] = useState(trouble);
  const [seenTrouble, setSeenTrouble] = useState(trouble);
  if (trouble !== seenTrouble) {
    setSeenTrouble(trouble);
    if (trouble) setOpen(true);
  }
  return (
    <details className="mqtt" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="mqtt-panel">
      <summary className="section-title">
        MQTT{' '}
        <span className="muted section-title__note">
          {shown.filter((c) => c.state === 'connected').length} of {shown.length} connection{shown.length === 1 ? '' : 's'} up
        </span>
      </summary>
      <ul className="mqtt__list">
        {shown.map((c) => (
          <li key={c.id} className="mqtt__conn" data-testid="mqtt-connection" data-id={c.id} data-state={c.state}>
            <div className="mqtt__head">
              <span className={`badge badge--${stateBadge[c.state]}`}>{c.state}</span>
              <strong>{c.label}</strong>
              <code className="mqtt__addr">{c.address}</code>
              {canControl && c.kind === 'external' && external.some((x) => x.id === c.id) && (
                <button type="button" className="btn btn--small" onClick={() => setEditing(editing === c.id ? null : c.id)} aria-expanded={editing === c.id} data-testid="mqtt-edit">
                  Edit
                </button>
              )}
            </div>
            <p className="mqtt__message">{c.message}</p>
            <p className="muted mqtt__counts">
              {c.messages} messages · {c.readings} readings · {c.events} events · {c.ignored} ignored · {c.rejected} rejected
              {c.lastMessageAt !== null && ` · last ${formatAge(serverNow - c.lastMessageAt)}`} · mappers: {c.mappers.map((m) => mapperLabels[m]).join(', ') || 'none'}
            </p>
            {c.rejects[0] && (
              <p className="mqtt__reject" data-testid="mqtt-reject">
                Latest reject ({c.rejects[0].mapper}): <code>{c.rejects[0].topic}</code> — {c.rejects[0].reason}
              </p>
            )}
            {editing === c.id && settings && <ConnectionForm settings={settings} existing={external.find((x) => x.id === c.id)!} onDone={(s) => (s && applySettings(s), setEditing(null))} />}
          </li>
        ))}
      </ul>
      {canControl && settings && (
        <>
          {editing === 'new' ? (
            <ConnectionForm settings={settings} onDone={(s) => (s && applySettings(s), setEditing(null))} />
          ) : (
            <button type="button" className="btn" onClick={() => setEditing('new')} data-testid="mqtt-add">
              Add a broker connection…
            </button>
          )}
          <MappingEditor settings={settings} applySettings={applySettings} />
        </>
      )}
    </details>
  );
}

const connFields = ['id', 'label', 'host', 'port', 'username', 'password', 'clientId'];

type ConnDraft = { id: string; label: string; host: string; port: string; tls: boolean; tlsInsecure: boolean; username: string; password: string; clientId: string; mappers: MqttConnection['mappers']; enabled: boolean };

function ConnectionForm({ settings, existing, onDone }: { settings: Settings; existing?: MqttConnection; onDone: (s: Settings | null) => void }) {
  const api = useApi();
  const id = useId();
  const [d, setD] = useState<ConnDraft>(() =>
    existing
      ? { ...existing, port: String(existing.port) }
      : { id: '', label: '', host: '', port: '1883', tls: false, tlsInsecure: false, username: '', password: '', clientId: '', mappers: [...mqttMapperIds], enabled: true },
  );
  const set = <K extends keyof ConnDraft>(k: K, v: ConnDraft[K]) => setD({ ...d, [k]: v });
  const others = settings.mqtt.connections.filter((c) => c.id !== existing?.id);
  const save = useAction(async (list: unknown[]) => onDone(await api.call('settings.update', { mqtt: { connections: list as MqttConnection[] } })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const conn = { ...d, port: Number(d.port), victronPortalIds: existing?.victronPortalIds ?? [] };
    void save.run([...others, conn]);
  };
  // The saved list ends with this connection: the core's issues name it by that index.
  const prefix = `mqtt.connections.${others.length}.`;
  const text = (k: 'id' | 'label' | 'host' | 'port' | 'username' | 'password' | 'clientId', label: string, placeholder = '', type = 'text') => {
    const message = fieldError(save.error, prefix + k);
    return (
      <div className="field">
        <label htmlFor={`${id}-${k}`}>{label}</label>
        <input
          id={`${id}-${k}`}
          type={type}
          value={d[k]}
          onChange={(e) => set(k, e.target.value)}
          placeholder={placeholder}
          disabled={k === 'id' && existing !== undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-${k}-error` : undefined}
          data-testid={`conn-${k}`}
        />
        {message && (
          <p className="field-error" id={`${id}-${k}-error`} data-testid={`conn-${k}-error`}>
            {message}
          </p>
        )}
      </div>
    );
  };
  return (
    <form className="mqtt-form" onSubmit={submit} aria-label={existing ? `Edit ${existing.id}` : 'New broker connection'} data-testid="mqtt-connection-form">
      <div className="mqtt-form__grid">
        {text('id', 'Id', 'e.g. gx')}
        {text('label', 'Label', 'e.g. Generator GX')}
        {text('host', 'Broker address', 'e.g. 192.168.1.50')}
        {text('port', 'Port', '1883', 'number')}
        {text('username', 'User name', 'none')}
        {text('password', 'Password', 'none', 'password')}
        {text('clientId', 'Client id', `showsite-${d.id || '<id>'}`)}
      </div>
      <div className="mqtt-form__checks">
        <label>
          <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Connect
        </label>
        <label>
          <input type="checkbox" checked={d.tls} onChange={(e) => set('tls', e.target.checked)} /> TLS
        </label>
        <label>
          <input type="checkbox" checked={d.tlsInsecure} onChange={(e) => set('tlsInsecure', e.target.checked)} /> Accept an untrusted certificate
        </label>
      </div>
      <fieldset className="mqtt-form__checks">
        <legend>Read with</legend>
        {mqttMapperIds.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={d.mappers.includes(m)} onChange={(e) => set('mappers', e.target.checked ? [...d.mappers, m] : d.mappers.filter((x) => x !== m))} /> {mapperLabels[m]}
          </label>
        ))}
      </fieldset>
      <div className="bulk__buttons">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="conn-save">
          Save
        </button>
        {existing && (
          <button type="button" className="btn" disabled={save.busy} onClick={() => void save.run(others)} data-testid="conn-remove">
            Remove
          </button>
        )}
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={save.error} testId="conn-error" inline={(path) => path.startsWith(prefix) && connFields.some((f) => path === prefix + f)} />
    </form>
  );
}

type MapDraft = { pattern: string; idMode: 'level' | 'fixed'; level: string; fixedId: string; jsonPath: string; metric: string; unit: string; scale: string; offset: string; interval: string };
const emptyMap: MapDraft = { pattern: '', idMode: 'level', level: '1', fixedId: '', jsonPath: '', metric: '', unit: '', scale: '', offset: '', interval: '' };

function toMapping(d: MapDraft): Record<string, unknown> {
  const m: Record<string, unknown> = { pattern: d.pattern, metric: d.metric.trim(), unit: d.unit };
  if (d.idMode === 'level') m.deviceIdSegment = d.level === '' ? Number.NaN : Number(d.level);
  else m.deviceId = d.fixedId;
  if (d.jsonPath.trim() !== '') m.jsonPath = d.jsonPath.trim();
  if (d.scale.trim() !== '') m.scale = Number(d.scale);
  if (d.offset.trim() !== '') m.offset = Number(d.offset);
  if (d.interval.trim() !== '') m.expectedIntervalS = Number(d.interval);
  return m;
}

function MappingEditor({ settings, applySettings }: { settings: Settings; applySettings: (s: Settings) => void }) {
  const api = useApi();
  const id = useId();
  const [d, setD] = useState<MapDraft>(emptyMap);
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [result, setResult] = useState<MappingTestResult | null>(null);
  const set = <K extends keyof MapDraft>(k: K, v: MapDraft[K]) => {
    setD({ ...d, [k]: v });
    setResult(null);
  };
  const test = useAction(async () => setResult(await api.call('mqtt.testMapping', { mapping: toMapping(d) as UserMapping, topic, payload })));
  const save = useAction(async (list: unknown[]) => {
    applySettings(await api.call('settings.update', { mqtt: { mappings: list as UserMapping[] } }));
    setD(emptyMap);
    setResult(null);
  });
  const mappings = settings.mqtt.mappings;
  const field = (k: Exclude<keyof MapDraft, 'idMode'>, label: string, placeholder: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} type="text" value={d[k]} onChange={(e) => set(k, e.target.value)} placeholder={placeholder} data-testid={`map-${k}`} />
    </div>
  );
  return (
    <div className="mapping" data-testid="mapping-editor">
      <h3 className="mapping__title">User mappings (ESP32 and anything that publishes numbers)</h3>
      {mappings.length > 0 && (
        <ul className="mapping__list">
          {mappings.map((m, i) => (
            <li key={`${m.pattern}-${m.metric}-${i}`} data-testid="mapping-item">
              <code>{m.pattern}</code> → {m.metric}
              {m.unit ? ` (${m.unit})` : ''}
              {m.jsonPath ? ` from ${m.jsonPath}` : ''}{' '}
              <button type="button" className="btn btn--small" disabled={save.busy} onClick={() => void save.run(mappings.filter((_x, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mqtt-form__grid">
        {field('pattern', 'Topic pattern (+ and #)', 'esp32/+/sensor/temperature')}
        <div className="field">
          <label htmlFor={`${id}-idmode`}>Device id from</label>
          <select id={`${id}-idmode`} value={d.idMode} onChange={(e) => set('idMode', e.target.value as MapDraft['idMode'])}>
            <option value="level">a topic level</option>
            <option value="fixed">a fixed id</option>
          </select>
        </div>
        {d.idMode === 'level' ? field('level', 'Level (0 = first)', '1') : field('fixedId', 'Device id', 'rack-2')}
        {field('jsonPath', 'JSON path (empty = plain number)', '$.temperature')}
        {field('metric', 'Metric', 'temperature')}
        {field('unit', 'Unit', '°C')}
        {field('scale', 'Scale', '1')}
        {field('offset', 'Offset', '0')}
        {field('interval', 'Reports every (s)', '10')}
      </div>
      <div className="mqtt-form__grid">
        <div className="field">
          <label htmlFor={`${id}-topic`}>Sample topic</label>
          <input id={`${id}-topic`} type="text" value={topic} onChange={(e) => (setTopic(e.target.value), setResult(null))} placeholder="esp32/rack-2/sensor/temperature" data-testid="map-sample-topic" />
        </div>
        <div className="field mapping__payload">
          <label htmlFor={`${id}-payload`}>Sample payload</label>
          <textarea id={`${id}-payload`} rows={2} value={payload} onChange={(e) => (setPayload(e.target.value), setResult(null))} placeholder='31.5 or {"temperature": 31.5}' data-testid="map-sample-payload" />
        </div>
      </div>
      <div className="bulk__buttons">
        <button type="button" className="btn" disabled={test.busy} onClick={() => void test.run()} data-testid="map-test">
          Test
        </button>
        <button type="button" className="btn btn--primary" disabled={save.busy || !result?.ok} onClick={() => void save.run([...mappings, toMapping(d)])} title={result?.ok ? undefined : 'Test it on a sample first'} data-testid="map-save">
          Save mapping
        </button>
      </div>
      {result && (
        <p className={result.ok ? 'mapping__ok' : 'mapping__bad'} role="status" data-testid="map-result">
          {result.ok ? `→ ${result.deviceId}: ${result.metric} = ${formatValue(result.metric, result.value, result.unit)}` : result.reason}
        </p>
      )}
      <ErrorMessage error={test.error ?? save.error} testId="map-error" />
    </div>
  );
}
