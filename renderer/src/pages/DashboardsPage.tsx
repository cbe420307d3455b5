import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { Dashboard, DashboardBody, DashboardFile, DashboardSummary, LiveReading, Panel, PanelType } from '../../../preload/contract/index.ts';
import { DASHBOARD_COLUMNS } from '../../../preload/contract/index.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PanelEditor, panelTypeLabel } from '../components/charts/PanelEditor.tsx';
import { PanelView, type PanelData } from '../components/charts/PanelView.tsx';
import { RangePicker } from '../components/charts/RangePicker.tsx';
import { useApi } from '../hooks/api-context.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useConnectionEpoch } from '../hooks/useConnection.ts';
import { useDevices } from '../hooks/useDevices.ts';
import { useLiveReadings } from '../hooks/useLiveReadings.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { seriesKey, useSeriesList, useSeriesQuery } from '../hooks/useSeries.ts';
import { useSettings } from '../hooks/useSettings.ts';
import { addPanel, copyId, deviceDashboard, duplicateDashboard, movePanel, placePanel, removePanel, resizePanel, type Direction } from '../lib/dashboard-edit.ts';
import { displayName } from '../lib/group.ts';
import { dashboardsHref, isLive, parseDashboardsHash, rangeLabel, resolveRange, zoomOut, type TimeRange } from '../lib/time-range.ts';
import { formatClock } from '../lib/format.ts';
import '../styles/charts.css';

const subscribeHash = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Buckets per series a dashboard asks for: about one per 2 px of a wide chart. */
const MAX_POINTS = 600;

function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Draft {
  body: DashboardBody;
  /** updatedAt it was loaded with (null: a new dashboard — refused if the id exists meanwhile). */
  base: number | null;
}

const bodyOf = (d: Dashboard): DashboardBody => ({ id: d.id, title: d.title, room: d.room, range: d.range, panels: d.panels });
const byPosition = (a: Panel, b: Panel) => a.grid.y - b.grid.y || a.grid.x - b.grid.x;

export function DashboardsPage() {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const canControl = useCanControl();
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const loc = useMemo(() => parseDashboardsHash(hash), [hash]);
  const { devices } = useDevices();
  const { readings } = useLiveReadings();
  const { settings } = useSettings();
  const seriesList = useSeriesList();
  const now = useServerNow(5000);

  const [summaries, setSummaries] = useState<DashboardSummary[] | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const [loaded, setLoaded] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<{ panel: Panel; isNew: boolean } | null>(null);
  /** The panel whose move/resize buttons are open. */
  const [arranging, setArranging] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    api.call('dashboards.list').then(
      (list) => live && setSummaries(list),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, epoch, listVersion]);

  const id = loc.device ? null : (loc.id ?? summaries?.[0]?.id ?? null);
  useEffect(() => {
    if (epoch === 0 || id === null) return;
    let live = true;
    api.call('dashboards.get', { id }).then(
      (d) => {
        if (!live) return;
        setLoaded(d);
        setError(null);
      },
      (err: unknown) => {
        if (!live) return;
        setLoaded(null);
        setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, epoch, id, listVersion]);

  const nameOf = useCallback((device: string) => displayName(devices.get(device), device), [devices]);
  const deviceBody = useMemo(() => (loc.device ? deviceDashboard(loc.device, nameOf(loc.device), seriesList.list) : null), [loc.device, nameOf, seriesList.list]);
  const current: DashboardBody | null = deviceBody ?? (loaded && loaded.id === id ? bodyOf(loaded) : null);
  const shown: DashboardBody | null = draft?.body ?? current;
  const range: TimeRange = loc.range ?? { kind: 'relative', key: shown?.range ?? '24h' };
  const following = isLive(range);

  const refs = useMemo(() => (shown ? shown.panels.flatMap((p) => p.series) : []), [shown]);
  const query = useSeriesQuery(refs, range, MAX_POINTS, seriesList.loaded ? seriesList.byKey : null);
  const live = useMemo(() => {
    const m = new Map<string, LiveReading>();
    for (const r of readings.values()) m.set(seriesKey(r.deviceId, r.metric), r);
    return m;
  }, [readings]);
  const shownRange = query.version > 0 ? { from: query.from, to: query.to } : resolveRange(range, now);
  const data: PanelData = useMemo(
    () => ({ points: query.data, step: query.step, from: query.from, to: query.to, loaded: query.version > 0 }),
    [query.data, query.step, query.from, query.to, query.version],
  );

  const go = useCallback((next: Partial<typeof loc>) => {
    window.location.hash = dashboardsHref({ ...parseDashboardsHash(window.location.hash), ...next });
  }, []);
  const setRange = useCallback((r: TimeRange) => go({ range: r }), [go]);

  const edit = (fn: (b: DashboardBody) => DashboardBody) => setDraft((d) => (d ? { ...d, body: fn(d.body) } : d));
  const setPanels = (fn: (ps: Panel[]) => Panel[]) => edit((b) => ({ ...b, panels: fn(b.panels) }));

  const taken = useMemo(() => new Set((summaries ?? []).map((s) => s.id)), [summaries]);
  const startEdit = () => {
    if (!shown) return;
    setNote(null);
    if (loaded && !loaded.generated && !deviceBody) setDraft({ body: bodyOf(loaded), base: loaded.updatedAt });
    else if (deviceBody) setDraft({ body: { ...deviceBody, id: copyId(`device-${deviceBody.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'device'}`, taken), title: `${deviceBody.title} charts` }, base: null });
    else setDraft({ body: duplicateDashboard(shown, taken), base: null });
  };
  const newDashboard = () => {
    setNote(null);
    setDraft({ body: { id: copyId('my-dashboard', taken).replace(/-copy$/, ''), title: 'My dashboard', room: null, range: '24h', panels: [] }, base: null });
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      if (!draft) return;
      const saved = await api.call('dashboards.save', { dashboard: draft.body, baseUpdatedAt: draft.base });
      setDraft(null);
      setLoaded(saved);
      setListVersion((v) => v + 1);
      setNote(`Saved “${saved.title}”.`);
      go({ id: saved.id, device: null });
    });

  const remove = () =>
    run(async () => {
      if (!loaded || loaded.generated) return;
      if (!window.confirm(`Delete the dashboard “${loaded.title}”?`)) return;
      const r = await api.call('dashboards.delete', { id: loaded.id });
      setListVersion((v) => v + 1);
      setNote(r.revertsToGenerated ? 'Deleted: the room’s generated dashboard is back.' : 'Deleted.');
      if (!r.revertsToGenerated) go({ id: null });
    });

  const exportJson = () =>
    run(async () => {
      if (!current || deviceBody) return;
      const file = await api.call('dashboards.export', { ids: [current.id] });
      download(`${current.id}.dashboard.json`, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
    });

  const importJson = (file: File) =>
    run(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON (export a dashboard to see the format)`);
      }
      const r = await api.call('dashboards.import', { file: parsed as DashboardFile, replace: false });
      setListVersion((v) => v + 1);
      const first = (parsed as { dashboards?: { id?: unknown }[] }).dashboards?.[0]?.id;
      setNote(`Imported ${r.imported} dashboard${r.imported === 1 ? '' : 's'}.`);
      if (typeof first === 'string') go({ id: first, device: null });
    });

  const csv = (panel: Panel) =>
    run(async () => {
      const series = panel.series.filter((s) => seriesList.byKey.has(seriesKey(s.device, s.metric))).map((s) => ({ device: s.device, metric: s.metric }));
      if (series.length === 0) throw new Error('this panel has no stored series to export');
      const r = await api.call('series.csv', { series, from: range.kind === 'relative' ? `now-${range.key}` : range.from, to: range.kind === 'relative' ? 'now' : range.to, maxPoints: MAX_POINTS });
      download(r.filename, r.csv, 'text/csv');
      setNote(`${r.rows} rows exported to ${r.filename}.`);
    });

  const addNew = (type: PanelType) => {
    if (!draft) return;
    const next = addPanel(draft.body, type, [], panelTypeLabel[type]);
    setDraft({ ...draft, body: next });
    setEditing({ panel: next.panels[next.panels.length - 1]!, isNew: true });
  };

  const applyPanel = (p: Panel) => {
    setPanels((ps) => placePanel(ps.map((q) => (q.id === p.id ? p : q)), p.id, p.grid));
    setEditing(null);
  };
  const closeEditor = () => {
    // Cancelling the settings of a panel just added takes the panel back out.
    if (editing?.isNew) edit((b) => removePanel(b, editing.panel.id));
    setEditing(null);
  };

  const generated = !!deviceBody || !!loaded?.generated;
  const rooms = (summaries ?? []).filter((s) => s.generated);
  const saved = (summaries ?? []).filter((s) => !s.generated);
  const panels = shown ? [...shown.panels].sort(byPosition) : [];

  const panelActions = (p: Panel) => {
    if (!draft) {
      return (
        <button type="button" className="icon-btn" onClick={() => void csv(p)} title="Download this panel’s data for the range as CSV" data-testid="panel-csv" disabled={busy}>
          CSV
        </button>
      );
    }
    const btn = (label: string, title: string, onClick: () => void, testId?: string) => (
      <button type="button" className="icon-btn" onClick={onClick} title={title} aria-label={`${title}: ${p.title}`} data-testid={testId}>
        {label}
      </button>
    );
    const move = (d: Direction) => setPanels((ps) => movePanel(ps, p.id, d));
    const size = (dw: number, dh: number) => setPanels((ps) => resizePanel(ps, p.id, dw, dh));
    const open = arranging === p.id;
    return (
      <>
        <button
          type="button"
          className="icon-btn"
          aria-expanded={open}
          onClick={() => setArranging(open ? null : p.id)}
          title="Move and resize"
          aria-label={`Move and resize: ${p.title}`}
          data-testid="panel-arrange"
        >
          ✥
        </button>
        {btn('⚙', 'Panel settings', () => setEditing({ panel: p, isNew: false }), 'panel-settings')}
        {btn('✕', 'Remove panel', () => setPanels((ps) => removePanel({ ...draft.body, panels: ps }, p.id).panels), 'panel-remove')}
        {open && (
          <div className="panel__arrange" role="group" aria-label={`Move and resize ${p.title}`}>
            {btn('←', 'Move left', () => move('left'))}
            {btn('↑', 'Move up', () => move('up'))}
            {btn('↓', 'Move down', () => move('down'))}
            {btn('→', 'Move right', () => move('right'))}
            {btn('−W', 'Narrower', () => size(-2, 0))}
            {btn('+W', 'Wider', () => size(2, 0), 'panel-wider')}
            {btn('−H', 'Shorter', () => size(0, -1))}
            {btn('+H', 'Taller', () => size(0, 1))}
            <span className="panel__arrange-size">
              {p.grid.w}×{p.grid.h}
            </span>
          </div>
        )}
      </>
    );
  };

  return (
    <div className="page dashboards" data-testid="dashboards-page" data-dashboard-id={shown?.id ?? ''} data-editing={draft ? 'true' : 'false'}>
      <div className="dash-bar">
        {deviceBody && (
          <a className="btn btn--small" href="#/dashboard" title="Back to the Dashboard">
            ← Dashboard
          </a>
        )}
        <h1 className="page__title">{deviceBody ? deviceBody.title : 'Dashboards'}</h1>
        {!draft && (
          <div className="field dash-bar__picker">
            <label htmlFor="dashboard-picker" className="sr-only">
              Dashboard
            </label>
            <select id="dashboard-picker" value={deviceBody ? '' : (id ?? '')} onChange={(e) => go({ id: e.target.value, device: null })} data-testid="dashboard-picker">
              {deviceBody && <option value="">{deviceBody.title} (device charts)</option>}
              {rooms.length > 0 && (
                <optgroup label="Rooms (built from their devices)">
                  {rooms.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </optgroup>
              )}
              {saved.length > 0 && (
                <optgroup label="Saved">
                  {saved.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                      {s.room && !s.title.includes(s.room) ? ` (${s.room})` : ''}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
        )}
        {draft && (
          <div className="dash-bar__title-edit">
            <label htmlFor="dashboard-title">Title</label>
            <input id="dashboard-title" type="text" value={draft.body.title} onChange={(e) => edit((b) => ({ ...b, title: e.target.value }))} data-testid="dashboard-title" />
            <label htmlFor="dashboard-id">Id</label>
            <input id="dashboard-id" type="text" value={draft.body.id} disabled={draft.base !== null} onChange={(e) => edit((b) => ({ ...b, id: e.target.value }))} className="dash-bar__id" data-testid="dashboard-id" />
          </div>
        )}
        <RangePicker range={range} shown={shownRange} onChange={setRange} />
        <p className="dash-bar__status" data-testid="range-status" data-range={range.kind === 'relative' ? range.key : 'custom'} data-from={query.from} data-to={query.to} data-version={query.version}>
          {following ? (
            <span className="live-dot" title="Follows now: asked again while shown">
              Live
            </span>
          ) : (
            <>
              <span>{rangeLabel(range)}</span>
              <button type="button" className="btn btn--small" onClick={() => setRange(zoomOut(shownRange, now))}>
                Zoom out
              </button>
            </>
          )}
          {query.version > 0 && <span className="muted"> updated {formatClock(query.at)} · {query.tier} tier, {Math.round(query.step / 1000)} s buckets</span>}
        </p>
      </div>

      {canControl && (
        <div className="dash-tools" role="toolbar" aria-label="Dashboard tools">
          {!draft ? (
            <>
              <button type="button" className="btn btn--small" onClick={startEdit} disabled={!shown || busy} data-testid="dashboard-edit">
                {generated ? 'Duplicate to edit' : 'Edit'}
              </button>
              <button type="button" className="btn btn--small" onClick={newDashboard} disabled={busy}>
                New dashboard
              </button>
              {!deviceBody && current && (
                <button type="button" className="btn btn--small" onClick={() => void exportJson()} disabled={busy} data-testid="dashboard-export">
                  Export JSON
                </button>
              )}
              <button type="button" className="btn btn--small" onClick={() => fileInput.current?.click()} disabled={busy}>
                Import JSON
              </button>
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="dashboard-import"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void importJson(f);
                }}
              />
              {loaded && !loaded.generated && !deviceBody && (
                <button type="button" className="btn btn--small btn--danger" onClick={() => void remove()} disabled={busy}>
                  Delete
                </button>
              )}
            </>
          ) : (
            <>
              <span className="dash-tools__label">Add panel:</span>
              {(['time-series', 'stat', 'gauge', 'table', 'state-timeline'] as const).map((t) => (
                <button key={t} type="button" className="btn btn--small" onClick={() => addNew(t)} data-testid={`add-${t}`}>
                  + {panelTypeLabel[t]}
                </button>
              ))}
              <span className="dash-tools__spacer" />
              <button type="button" className="btn btn--small" onClick={() => setDraft(null)} disabled={busy}>
                Cancel
              </button>
              <button type="button" className="btn btn--small btn--primary" onClick={() => void save()} disabled={busy} data-testid="dashboard-save">
                Save
              </button>
            </>
          )}
        </div>
      )}

      <ErrorMessage error={error ?? query.error ?? seriesList.error} testId="dashboards-error" />
      {note && (
        <p className="ok-note" role="status" data-testid="dashboards-note">
          {note}
        </p>
      )}
      {summaries !== null && summaries.length === 0 && !deviceBody && !draft && <p className="empty">No dashboards yet: once devices report, each room gets one. Or start a new dashboard.</p>}
      {shown && shown.panels.length === 0 && <p className="empty">This dashboard has no panels{draft ? ': add one above.' : '.'}</p>}

      <div className="dash-grid" data-testid="dash-grid">
        {panels.map((p) => (
          <PanelView
            key={p.id}
            panel={p}
            data={data}
            info={seriesList.byKey}
            live={live}
            siteThresholds={settings?.thresholds ?? []}
            nameOf={nameOf}
            now={now}
            following={following}
            onZoom={setRange}
            actions={panelActions(p)}
            editing={!!draft}
            style={{ '--x': p.grid.x + 1, '--y': p.grid.y + 1, '--w': p.grid.w, '--h': p.grid.h, '--wn': Math.min(DASHBOARD_COLUMNS, p.grid.w * 2) } as CSSProperties}
          />
        ))}
      </div>

      {editing && draft && <PanelEditor panel={editing.panel} list={seriesList.list} onApply={applyPanel} onClose={closeEditor} title={editing.isNew ? 'New panel' : 'Panel settings'} />}
    </div>
  );
}
