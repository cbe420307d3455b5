import { describe, expect, it } from 'vitest';
import { dmxKeyAction, isFieldTarget, type DmxKeyEvent } from '../../renderer/src/lib/dmx-keys.ts';

const key = (over: Partial<DmxKeyEvent>): DmxKeyEvent => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, repeat: false, ...over });
const space = key({ key: ' ', code: 'Space' });
const b = key({ key: 'b', code: 'KeyB' });
const body = { tagName: 'BODY' };

describe('Scenes page keys', () => {
  it('Space is GO and B is blackout on the page and on buttons', () => {
    expect(dmxKeyAction(space, body)).toBe('go');
    expect(dmxKeyAction(b, body)).toBe('blackout');
    expect(dmxKeyAction(space, { tagName: 'BUTTON' })).toBe('go');
    expect(dmxKeyAction(b, null)).toBe('blackout');
    expect(dmxKeyAction(key({ key: 'B', code: 'KeyB' }), body)).toBe('blackout'); // Caps Lock
  });

  it('B follows the printed key, not the physical position (AZERTY, Dvorak)', () => {
    expect(dmxKeyAction(key({ key: 'b', code: 'KeyN' }), body)).toBe('blackout');
    expect(dmxKeyAction(key({ key: 'x', code: 'KeyB' }), body)).toBeNull();
  });

  it('never while typing in a field', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'input']) {
      expect(dmxKeyAction(space, { tagName })).toBeNull();
      expect(dmxKeyAction(b, { tagName })).toBeNull();
    }
    expect(dmxKeyAction(b, { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(isFieldTarget({ tagName: 'BUTTON' })).toBe(false);
  });

  it('never with a modifier, never on auto-repeat', () => {
    for (const mod of ['altKey', 'ctrlKey', 'metaKey', 'shiftKey'] as const) {
      expect(dmxKeyAction({ ...space, [mod]: true }, body)).toBeNull();
      expect(dmxKeyAction({ ...b, [mod]: true }, body)).toBeNull();
    }
    expect(dmxKeyAction({ ...space, repeat: true }, body)).toBeNull();
    expect(dmxKeyAction({ ...b, repeat: true }, body)).toBeNull();
  });

  it('other keys do nothing', () => {
    for (const k of ['Enter', 'g', 'Escape', 'ArrowDown']) expect(dmxKeyAction(key({ key: k, code: k }), body)).toBeNull();
  });
});
