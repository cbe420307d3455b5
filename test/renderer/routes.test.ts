import { describe, expect, it } from 'vitest';
import { activeAlertsHref, anchorOf, hrefFor, parseHash, routeForKey, routes, type KeyLike } from '../../renderer/src/lib/routes.ts';

const key = (over: Partial<KeyLike>): KeyLike => ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code: '', ...over });

describe('hash routes', () => {
  it('has the eight pages in navigation order', () => {
    expect(routes.map((r) => r.label)).toEqual(['Dashboard', 'Scenes', 'Schedule', 'Devices', 'Alerts', 'Settings', 'Network', 'Dashboards']);
  });

  it('parses #/page, tolerates extras and falls back to the dashboard', () => {
    expect(parseHash('#/devices')).toBe('devices');
    expect(parseHash('#settings')).toBe('settings');
    expect(parseHash('#/alerts/123')).toBe('alerts');
    expect(parseHash('')).toBe('dashboard');
    expect(parseHash('#/nope')).toBe('dashboard');
    expect(parseHash(hrefFor('schedule'))).toBe('schedule');
    // A dashboard link carries its id and range after the page; the Dashboard page is a different one.
    expect(parseHash('#/dashboards/room-foh?range=24h')).toBe('dashboards');
    expect(parseHash('#/dashboards?device=ble:1')).toBe('dashboards');
    expect(parseHash('#/dashboard')).toBe('dashboard');
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
    expect(routeForKey(key({ altKey: true, code: 'Digit7' }))).toBe('network');
    expect(routeForKey(key({ altKey: true, code: 'Digit8' }))).toBe('dashboards');
    expect(routeForKey(key({ altKey: true, code: 'Digit9' }))).toBeNull();
    expect(routeForKey(key({ code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, ctrlKey: true, code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, shiftKey: true, code: 'Digit1' }))).toBeNull();
    expect(routeForKey(key({ altKey: true, code: 'KeyA' }))).toBeNull();
  });
});
