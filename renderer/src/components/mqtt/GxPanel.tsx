import { useId, useState } from 'react';
import type { GxControlName, GxControlState, GxPortal } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useServerNow } from '../../hooks/server-clock.tsx';
import { formatAge, formatValue } from '../../lib/format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Props {
  portals: GxPortal[];
  canControl: boolean;
  onPortal: (p: GxPortal) => void;
}

const modes = [
  { value: 1, label: 'Charger only' },
  { value: 2, label: 'Inverter only' },
  { value: 3, label: 'On' },
  { value: 4, label: 'Off' },
] as const;
const modeName = (v: number | null) => modes.find((m) => m.value === v)?.label ?? (v === null ? '—' : `mode ${v}`);

const summaryRows: { key: string; label: string; unit: string; metric: string }[] = [
  { key: 'soc', label: 'State of charge', unit: '%', metric: 'soc' },
  { key: 'battery_voltage', label: 'Battery', unit: 'V', metric: 'voltage' },
  { key: 'battery_current', label: 'Battery current', unit: 'A', metric: 'current' },
  { key: 'battery_power', label: 'Battery power', unit: 'W', metric: 'power' },
  { key: 'ac_in_power', label: 'AC in', unit: 'W', metric: 'power' },
  { key: 'ac_out_power', label: 'AC out (loads)', unit: 'W', metric: 'power' },
  { key: 'pv_power', label: 'PV', unit: 'W', metric: 'power' },
];

/**
 * Victron GX systems heard on any connection: the summary, and the controls an operator may change —
 * inverter mode, charge current limit, AC input current limit. A change shows as pending until the GX
 * republishes the new value; if it does not within 10 s the panel says it was reverted and why.
 */
export function GxPanel({ portals, canControl, onPortal }: Props) {
  if (portals.length === 0) return null;
  return (
    <section className="gx" aria-labelledby="gx-title" data-testid="gx-panel">
      <h2 className="section-title" id="gx-title">
        Victron GX
      </h2>
      {portals.map((p) => (
        <GxCard key={`${p.connection}/${p.portalId}`} portal={p} canControl={canControl} onPortal={onPortal} />
      ))}
    </section>
  );
}

function GxCard({ portal: p, canControl, onPortal }: { portal: GxPortal; canControl: boolean; onPortal: (p: GxPortal) => void }) {
  const serverNow = useServerNow(1000);
  const api = useApi();
  const set = useAction(async (control: GxControlName, value: number, c: GxControlState) => {
    onPortal(await api.call('mqtt.gxSet', { connection: p.connection, portalId: p.portalId, control, value, ...(c.instance !== null && control !== 'charge_current_limit' ? { instance: c.instance } : {}), ...(c.input !== null ? { input: c.input } : {}) }));
  });
  return (
    <div className="card gx__card" data-testid="gx-portal" data-portal={p.portalId}>
      <h3 className="card__title">
        {p.name ?? `GX ${p.portalId}`} <span className="muted section-title__note">{p.connection} · {p.lastSeen === null ? 'not heard yet' : `heard ${formatAge(serverNow - p.lastSeen)}`}</span>
      </h3>
      <dl className="gx__summary">
        {summaryRows
          .filter((r) => p.summary[r.key] !== undefined)
          .map((r) => (
            <div key={r.key}>
              <dt>{r.label}</dt>
              <dd data-testid={`gx-${r.key}`}>{formatValue(r.metric, p.summary[r.key]!, r.unit)}</dd>
            </div>
          ))}
      </dl>
      <div className="gx__controls">
        {p.controls.map((c) => (
          <GxControl key={`${c.control}-${c.instance}-${c.input}`} control={c} canControl={canControl} busy={set.busy} onSet={(v) => void set.run(c.control, v, c)} />
        ))}
      </div>
      <ErrorMessage error={set.error} testId="gx-error" />
    </div>
  );
}

function outcomeText(c: GxControlState): { text: string; kind: 'pending' | 'confirmed' | 'reverted' } | null {
  const show = (v: number | null) => (c.control === 'inverter_mode' ? modeName(v) : v === -1 ? 'no limit' : v === null ? '—' : `${v} A`);
  if (c.pending) return { text: `Pending: ${show(c.pending.wanted)} — waiting for the GX to confirm`, kind: 'pending' };
  if (c.last?.outcome === 'confirmed') return { text: `Confirmed: ${show(c.last.value)}`, kind: 'confirmed' };
  if (c.last?.outcome === 'reverted') return { text: `Not applied: ${c.last.message}`, kind: 'reverted' };
  return null;
}

function GxControl({ control: c, canControl, busy, onSet }: { control: GxControlState; canControl: boolean; busy: boolean; onSet: (v: number) => void }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const outcome = outcomeText(c);
  const locked = c.adjustable === false;
  const title =
    c.control === 'inverter_mode' ? `Inverter mode (VE.Bus ${c.instance})` : c.control === 'charge_current_limit' ? 'Charge current limit' : `AC input ${c.input} current limit (VE.Bus ${c.instance})`;
  return (
    <div className="gx__control" data-testid="gx-control" data-control={c.control} data-state={outcome?.kind ?? 'idle'}>
      <p className="gx__control-title">
        {title}:{' '}
        <strong data-testid="gx-value">{c.control === 'inverter_mode' ? modeName(c.value) : c.value === -1 ? 'no limit' : c.value === null ? '—' : `${c.value} A`}</strong>
        {locked && <span className="muted"> (the GX says it cannot be changed)</span>}
      </p>
      {canControl && !locked && c.control === 'inverter_mode' && (
        <div className="gx__modes" role="group" aria-label={title}>
          {modes.map((m) => (
            <button key={m.value} type="button" className={c.value === m.value ? 'btn btn--primary' : 'btn'} aria-pressed={c.value === m.value} disabled={busy} onClick={() => onSet(m.value)} data-testid={`gx-mode-${m.value}`}>
              {m.label}
            </button>
          ))}
        </div>
      )}
      {canControl && !locked && c.control !== 'inverter_mode' && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim() !== '') onSet(Number(draft));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-v`}>{c.control === 'charge_current_limit' ? 'Amps (−1 = no limit)' : 'Amps'}</label>
            <input id={`${id}-v`} type="number" className="input--narrow" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={c.value === null ? '' : String(c.value)} data-testid="gx-limit" />
          </div>
          <button type="submit" className="btn" disabled={busy || draft.trim() === ''} data-testid="gx-limit-set">
            Set
          </button>
        </form>
      )}
      {outcome && (
        <p className={`gx__outcome gx__outcome--${outcome.kind}`} role="status" data-testid="gx-outcome">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
