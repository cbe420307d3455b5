import type { ReactNode } from 'react';

/** A labelled box with the contract's message under it (Settings forms that check while typing). */
export function Field({ label, htmlFor, message, messageId, children }: { label: string; htmlFor: string; message?: string | undefined; messageId?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {message && (
        <p className="field-error" id={messageId}>
          {message}
        </p>
      )}
    </div>
  );
}
