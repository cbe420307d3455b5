import { describe, expect, it } from 'vitest';
import { canControl } from '../../renderer/src/hooks/useCanControl.ts';

describe('which sessions are offered controls', () => {
  it('only a session the core said may control; nothing while its access is not known yet', () => {
    expect(canControl({ access: 'control' })).toBe(true);
    expect(canControl({ access: 'view' })).toBe(false);
    expect(canControl(null)).toBe(false); // system.info has not answered: a viewer's tablet must not flash buttons
  });
});
