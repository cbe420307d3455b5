import { describe, expect, it } from 'vitest';
import { activeAlertsHref, anchorOf, hrefFor, parseHash, routeForKey, routes, type KeyLike } from '../../renderer/src/lib/routes.ts';

const key = (over: Partial<KeyLike>): KeyLike => ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code: '', ...over });

describe('hash routes', () => {
  it('has the six pages in navigation order', () => {
    expect(routes.map((r) => r.label)).toEqual(['Dashboard', 'Scenes', 'Schedule', 'Devices', 'Alerts', 'Settings']);
  });

  it('parses #/page, tolerates extras and falls back to the dashboard', () => {
    expect(parseHash('#/devices')).toBe('devices');
    expect(parseHash('#settings')).toBe('settings');
    expect(parseHash('#/alerts/123')).toBe('alerts');
    expect(parseHash('')).toBe('dashboard');
    expect(parseHash('#/nope')).toBe('dashboard');
    expect(parseHash(hrefFor('schedule'))).toBe('schedule');
  });

  it('a section after the page ("#/alerts/active") opens that page at that section', () => {
    expect(activeAlertsHref).toBe('#/alerts/active');
    expect(parseHash(activeAlertsHref)).toBe('alerts');
    expect(anchorOf(activeAlertsHref)).toBe('active');
    expect(anchorOf('#/settings/services')).toBe('services');
    expect(anchorOf('#/alerts')).toBeNull();
    expect(anchorOf('')).toBeNull();
  });
});

describe('Alt+1…Alt+6', () => {
  it('maps digits to pages by physical key (works where Alt+1 types "¡")', () => {
    expect(routeForKey(key({ altKey: true, code: 'Digit1' }))).toBe('dashboard');
    expect(routeForKey(key({ altKey: true, code: 'Digit4' }))).toBe('devices');
    expect(routeForKey(key({ altKey: true, code: 'Numpad6' }))).toBe('settings');
  });

  it('ignores other digits, plain digits and other modifier combos', () => {
    expect(routeForKey(key({ altKey: true, code: 'Digit7' }))).toBeNull();
    expect(routeForKey(key({ code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, ctrlKey: true, code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, shiftKey: true, code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, code: 'KeyA' }))).toBeNull();
  });
});
