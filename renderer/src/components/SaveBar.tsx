import type { ReactNode } from 'react';

interface Props {
  /** The Save button's words ("Save thresholds"); "Saving…" while busy. */
  label: string;
  busy: boolean;
  /** The draft differs from what is stored: Save and Undo are live. */
  dirty: boolean;
  /** The last Save went through (shows "Saved" until the next edit). */
  done: boolean;
  onUndo: () => void;
  /** Boxes the draft's own check marked; > 0 says so in words. */
  typing?: number;
  /** Extra reason to hold Save back (beyond busy or nothing changed). */
  holdSave?: boolean;
  className?: string;
  testIds?: { save?: string; undo?: string; saved?: string; typing?: string };
  /** Shown after Undo (a count, a note). */
  children?: ReactNode;
}

/** The row under every editable form: Save, Undo changes, "Saved", and how many boxes still need fixing. */
export function SaveBar({ label, busy, dirty, done, onUndo, typing = 0, holdSave = false, className = 'form-row thresholds__actions', testIds = {}, children }: Props) {
  return (
    <div className={className}>
      <button type="submit" className="btn btn--primary" disabled={busy || !dirty || holdSave} data-testid={testIds.save}>
        {busy ? 'Saving…' : label}
      </button>
      <button type="button" className="btn" disabled={busy || !dirty} onClick={onUndo} data-testid={testIds.undo}>
        Undo changes
      </button>
      {children}
      {done && !dirty && (
        <span className="ok-note" role="status" data-testid={testIds.saved}>
          Saved
        </span>
      )}
      {typing > 0 && (
        <p className="field-error" data-testid={testIds.typing}>
          {typing === 1 ? 'Fix the marked box before saving.' : `Fix the ${typing} marked boxes before saving.`}
        </p>
      )}
    </div>
  );
}
