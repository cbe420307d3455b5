/** The Scenes page's keys: Space = GO on the selected cue list, B = blackout on/off. */
export type DmxKeyAction = 'go' | 'blackout';

export interface DmxKeyEvent {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
}

/** What the key landed on; an HTMLElement fits. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
}

/**
 * True when keys belong to a field: typing "b" into a scene name must not black the stage out, and Space in
 * a select or on a checkbox does what it always does there.
 */
export function isFieldTarget(target: KeyTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * The action a key press asks for, or null. Never with a modifier (Ctrl+B, Shift+Space and the
 * browser's shortcuts stay theirs) and never on auto-repeat: holding Space must not run through a list.
 */
export function dmxKeyAction(e: DmxKeyEvent, target: KeyTarget | null | undefined): DmxKeyAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat) return null;
  if (isFieldTarget(target)) return null;
  if (e.code === 'Space' || e.key === ' ') return 'go';
  // `key`, not `code`: on AZERTY or Dvorak the key labelled B is what the operator presses.
  if (e.key === 'b' || e.key === 'B') return 'blackout';
  return null;
}
