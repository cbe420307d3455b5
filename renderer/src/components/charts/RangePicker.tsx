import { useId, useState } from 'react';
import { fromLocalInput, rangeKeys, rangeLabel, toLocalInput, type TimeRange } from '../../lib/time-range.ts';

interface Props {
  range: TimeRange;
  /** The resolved span now shown (to prefill the custom inputs). */
  shown: { from: number; to: number };
  onChange: (r: TimeRange) => void;
}

/** 15m … 30d presets (they follow now) and a custom from/to (a fixed window, e.g. last night's show). */
export function RangePicker({ range, shown, onChange }: Props) {
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="range-picker" data-testid="range-picker">
      <div className="range-picker__presets" role="group" aria-label="Time range">
        {rangeKeys.map((k) => (
          <button
            key={k}
            type="button"
            className="range-picker__btn"
            aria-pressed={range.kind === 'relative' && range.key === k}
            onClick={() => {
              setCustom(null);
              onChange({ kind: 'relative', key: k });
            }}
            data-range={k}
            title={rangeLabel({ kind: 'relative', key: k })}
          >
            {k}
          </button>
        ))}
        <button
          type="button"
          className="range-picker__btn"
          aria-pressed={range.kind === 'absolute'}
          aria-expanded={custom !== null}
          onClick={() => setCustom(custom ? null : { from: toLocalInput(shown.from), to: toLocalInput(shown.to) })}
          data-range="custom"
        >
          Custom
        </button>
      </div>
      {custom && (
        <form
          className="range-picker__custom"
          onSubmit={(e) => {
            e.preventDefault();
            const from = fromLocalInput(custom.from);
            const to = fromLocalInput(custom.to);
            if (from === undefined || to === undefined) return setError('give both times');
            if (from >= to) return setError('“from” must be before “to”');
            setError(null);
            setCustom(null);
            onChange({ kind: 'absolute', from, to });
          }}
        >
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="datetime-local" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} data-testid="range-from" />
          <label htmlFor={`${id}-to`}>to</label>
          <input id={`${id}-to`} type="datetime-local" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} data-testid="range-to" />
          <button type="submit" className="btn btn--small btn--primary">
            Show
          </button>
          {error && <span className="field-error">{error}</span>}
        </form>
      )}
    </div>
  );
}
