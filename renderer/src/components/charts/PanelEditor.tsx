import { useEffect, useId, useRef, useState } from 'react';
import { panelTypes, type Panel, type SeriesInfo } from '../../../../preload/contract/index.ts';
import { formToPanel, panelToForm, type PanelForm } from '../../lib/panel-draft.ts';
import { SeriesPicker } from './SeriesPicker.tsx';

const typeLabels: Record<Panel['type'], string> = { 'time-series': 'Time series', stat: 'Stat', gauge: 'Gauge', table: 'Latest values', 'state-timeline': 'State timeline' };
export const panelTypeLabel = typeLabels;

interface Props {
  panel: Panel;
  list: readonly SeriesInfo[];
  onApply: (p: Panel) => void;
  onClose: () => void;
  title?: string;
}

/** The settings of one panel in a dialog: type, title, series, unit, decimals, axis range, thresholds and size. */
export function PanelEditor({ panel, list, onApply, onClose, title = 'Panel settings' }: Props) {
  const [form, setForm] = useState<PanelForm>(() => panelToForm(panel));
  const [errors, setErrors] = useState<Partial<Record<keyof PanelForm | 'form', string>>>({});
  const headingId = useId();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const set = (k: keyof PanelForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const field = (k: keyof PanelForm, label: string, opts: { narrow?: boolean; placeholder?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <div className={`field ${opts.narrow ? 'field--narrow' : ''}`}>
      <label htmlFor={`${headingId}-${k}`}>{label}</label>
      <input
        id={`${headingId}-${k}`}
        type="text"
        inputMode={opts.inputMode}
        value={form[k] as string}
        onChange={set(k)}
        placeholder={opts.placeholder}
        aria-invalid={errors[k] ? true : undefined}
        data-testid={`panel-${k}`}
        ref={k === 'title' ? first : undefined}
      />
      {errors[k] && <p className="field-error">{errors[k]}</p>}
    </div>
  );

  return (
    <div className="modal" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        className="modal__box panel-editor"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        data-testid="panel-editor"
        onSubmit={(e) => {
          e.preventDefault();
          const r = formToPanel(panel, form);
          if (r.ok) onApply(r.panel);
          else setErrors(r.errors);
        }}
      >
        <h2 id={headingId} className="modal__title">
          {title}
        </h2>
        <div className="panel-editor__grid">
          {field('title', 'Title')}
          <div className="field">
            <label htmlFor={`${headingId}-type`}>Type</label>
            <select id={`${headingId}-type`} value={form.type} onChange={(e) => setForm((f) => ({ ...f, type: e.target.value as Panel['type'] }))} data-testid="panel-type">
              {panelTypes.map((t) => (
                <option key={t} value={t}>
                  {typeLabels[t]}
                </option>
              ))}
            </select>
          </div>
          {field('unit', 'Unit', { narrow: true, placeholder: 'series’ own' })}
          {field('decimals', 'Decimals', { narrow: true, placeholder: 'auto', inputMode: 'numeric' })}
          {field('min', 'Axis min', { narrow: true, placeholder: 'auto', inputMode: 'decimal' })}
          {field('max', 'Axis max', { narrow: true, placeholder: 'auto', inputMode: 'decimal' })}
          {field('w', 'Width (of 24)', { narrow: true, inputMode: 'numeric' })}
          {field('h', 'Height (rows)', { narrow: true, inputMode: 'numeric' })}
        </div>
        <fieldset className="panel-editor__limits">
          <legend>Thresholds (empty: the site’s rules for each series)</legend>
          {field('warnAbove', 'Warn above', { narrow: true, inputMode: 'decimal' })}
          {field('alarmAbove', 'Alarm above', { narrow: true, inputMode: 'decimal' })}
          {field('warnBelow', 'Warn below', { narrow: true, inputMode: 'decimal' })}
          {field('alarmBelow', 'Alarm below', { narrow: true, inputMode: 'decimal' })}
        </fieldset>
        <SeriesPicker list={list} value={form.series} onChange={(series) => setForm((f) => ({ ...f, series }))} />
        {(errors.form || errors.series) && <p className="field-error">{errors.form ?? errors.series}</p>}
        <div className="modal__actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" data-testid="panel-apply">
            Apply
          </button>
        </div>
      </form>
    </div>
  );
}
