import { useId, useState, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  /** Accessible name when the label is not plain text. */
  name: string;
  value: number;
  max: number;
  onChange: (value: number) => void;
  /** Called when a drag or an entry is finished (pointer up, Enter, leaving the box). */
  onCommit?: () => void;
  disabled?: boolean;
  testId?: string;
  /** Shown after the number: "(50 %)". */
  note?: ReactNode;
}

/**
 * A fader with a number box beside it: drag for feel, type for an exact value. The box keeps what is being
 * typed ("2" on the way to "200") and only hands over whole numbers in range.
 */
export function ValueControl({ label, name, value, max, onChange, onCommit, disabled, testId, note }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [basis, setBasis] = useState(value);
  if (basis !== value) {
    setBasis(value);
    setText(String(value));
  }
  const typed = (t: string) => {
    setText(t);
    if (!/^\d+$/.test(t.trim())) return;
    const v = Number(t);
    if (v >= 0 && v <= max) {
      setBasis(v);
      onChange(v);
    }
  };
  const invalid = !/^\d+$/.test(text.trim()) || Number(text) > max;
  return (
    <div className="dmx-control" data-testid={testId}>
      <label className="dmx-control__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="dmx-fader"
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
        onPointerUp={onCommit}
        onKeyUp={onCommit}
        data-testid={testId ? `${testId}-fader` : undefined}
      />
      <input
        className="dmx-control__number"
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        value={text}
        disabled={disabled}
        aria-label={`${name} value (0–${max})`}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => typed(e.target.value)}
        onBlur={() => {
          setText(String(value));
          onCommit?.();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit?.();
        }}
        data-testid={testId ? `${testId}-value` : undefined}
      />
      {note && <span className="dmx-control__note">{note}</span>}
    </div>
  );
}
