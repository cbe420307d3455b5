import { useId, type ReactNode } from 'react';

/** A labelled field with its message beside it (the settings and device forms share the look). */
export function Field({ label, htmlFor, message, grow, errorTestId, children }: { label: string; htmlFor: string; message?: string | undefined; grow?: boolean; errorTestId?: string; children: ReactNode }) {
  return (
    <div className={`field${grow ? ' field--grow' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {message && (
        <p className="field-error" data-testid={errorTestId} data-for={htmlFor}>
          {message}
        </p>
      )}
    </div>
  );
}

/** An on/off switch: a checkbox drawn as a track, the whole label its target. */
export function Switch({ label, checked, onChange, testId, disabled }: { label: string; checked: boolean; onChange: (on: boolean) => void; testId: string; disabled?: boolean }) {
  const id = useId();
  return (
    <label className="switch" htmlFor={id}>
      <input id={id} type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span className="switch__track" aria-hidden="true" />
      <span>{label}</span>
    </label>
  );
}
