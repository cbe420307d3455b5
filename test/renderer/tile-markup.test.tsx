import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LiveReading } from '../../preload/contract/index.ts';
import { ConnectionIndicator } from '../../renderer/src/components/ConnectionIndicator.tsx';
import { Tile } from '../../renderer/src/components/Tile.tsx';
import { DeviceRow } from '../../renderer/src/components/DeviceRow.tsx';
import { ErrorMessage } from '../../renderer/src/components/ErrorMessage.tsx';
import { ApiError } from '../../renderer/src/api/errors.ts';

const T = 1_750_000_000_000;
const reading = (over: Partial<LiveReading>): LiveReading => ({
  seriesId: 1,
  deviceId: 'aa:bb',
  metric: 'temperature',
  unit: '°C',
  value: 21.46,
  ts: T,
  state: 'ok',
  staleAfterS: 60,
  ...over,
});

// The e2e suite finds tiles by these attributes; this keeps them from drifting silently.
describe('Tile markup', () => {
  it('carries test ids, device id, state and each value with metric and ts', () => {
    const html = renderToStaticMarkup(
      <Tile
        tile={{ deviceId: 'aa:bb', name: 'Stage L amp rack', model: 'Govee H5075', readings: [reading({}), reading({ seriesId: 2, metric: 'humidity', unit: '%', value: 48.2, ts: T - 5000, state: 'warn' })] }}
        serverNow={T + 12_000}
      />,
    );
    expect(html).toContain('data-testid="tile"');
    expect(html).toContain('data-device-id="aa:bb"');
    expect(html).toContain('data-state="warn"');
    expect(html).toContain(`data-testid="tile-value" data-metric="temperature" data-ts="${T}">21.5\u00a0°C<`);
    expect(html).toContain(`data-metric="humidity" data-ts="${T - 5000}">48%<`);
    expect(html).toContain('12 s ago');
    expect(html).toContain('Govee H5075');
  });

  it('a stale value keeps its number but is marked STALE and the tile is not current', () => {
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'x', name: 'x', model: null, readings: [reading({ state: 'ok' })] }} serverNow={T + 61_000} />);
    expect(html).toContain('data-state="stale"');
    expect(html).toContain('21.5\u00a0°C');
    expect(html).toContain('metric--stale');
    expect(html).toMatch(/>STALE</);
    expect(html).toContain('1 min ago');
  });
});

describe('Tile limits', () => {
  const thresholds = [
    { metric: 'temperature', warnAbove: 30, alarmAbove: 35 },
    { metric: 'temperature', deviceId: 'rack', warnAbove: 40, alarmAbove: 45 },
  ];

  it('shows the rule that applies under each value, with the full sentence as its tooltip', () => {
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'aa:bb', name: 'FOH', model: null, readings: [reading({})] }} serverNow={T} thresholds={thresholds} />);
    expect(html).toContain('data-testid="tile-limits" title="Warning above 30\u00a0°C, alarm above 35\u00a0°C">warn &gt;30 · alarm &gt;35\u00a0°C<');
  });

  it("a device's own rule replaces the metric rule on its tile", () => {
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'rack', name: 'Rack', model: null, readings: [reading({ deviceId: 'rack' })] }} serverNow={T} thresholds={thresholds} />);
    expect(html).toContain('warn &gt;40 · alarm &gt;45\u00a0°C');
  });

  it('no rule for the metric: no limits line', () => {
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'x', name: 'x', model: null, readings: [reading({ metric: 'co2', unit: 'ppm' })] }} serverNow={T} thresholds={thresholds} />);
    expect(html).not.toContain('tile-limits');
  });
});

describe('DeviceRow', () => {
  const device = {
    id: 'snmp:watchdog-demo:geist:41D88039013580C3',
    kind: 'climate-monitor' as const,
    model: 'Geist Watchdog 100',
    source: 'sim' as const,
    parentId: null,
    firstSeen: T - 3_600_000,
    lastSeen: T,
    rssi: -71,
    battery: 18,
    name: 'Rack climate',
    room: 'Amp rack',
    notes: null,
  };

  it('shows state, battery (low marked) and signal, each cell labelled for the card layout', () => {
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <DeviceRow device={device} lastSeen={T} state="stale" serverNow={T + 200_000} editing={false} onEdit={() => undefined} />
        </tbody>
      </table>,
    );
    expect(html).toContain('data-state="stale"');
    expect(html).toMatch(/data-label="State" data-testid="device-state"><span class="badge badge--device-stale">STALE</);
    expect(html).toMatch(/class="cell-num battery--low" data-label="Battery" data-testid="device-battery">18%</);
    expect(html).toContain('data-label="Signal" data-testid="device-rssi">-71\u00a0dBm<');
    // The whole id stays in the tooltip and the text; CSS only cuts what is drawn.
    expect(html).toContain('title="snmp:watchdog-demo:geist:41D88039013580C3"');
    expect(html).toContain('data-testid="rename-open"');
  });

  it('a viewer gets no Rename button; unknown battery and signal read as a dash', () => {
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <DeviceRow device={{ ...device, battery: null, rssi: null }} lastSeen={T} state="ok" serverNow={T} editing={false} />
        </tbody>
      </table>,
    );
    expect(html).not.toContain('rename-open');
    expect(html).toMatch(/data-testid="device-battery"><span class="muted">—</);
  });
});

describe('ErrorMessage', () => {
  it('never shows the developer wording of a refused field', () => {
    const e = new ApiError('invalid_params', 'name: keep it to 64 characters', [{ path: 'name', message: 'keep it to 64 characters' }]);
    const html = renderToStaticMarkup(<ErrorMessage error={e} />);
    expect(html).toContain('>Not saved — Name: keep it to 64 characters<');
    expect(html).not.toContain('<code>');
  });

  it('leaves out what the form already shows beside the field', () => {
    const e = new ApiError('invalid_params', 'x', [
      { path: 'name', message: 'keep it to 64 characters' },
      { path: 'id', message: 'no such device' },
    ]);
    const html = renderToStaticMarkup(<ErrorMessage error={e} inline={(p) => p === 'name'} />);
    expect(html).toContain('<li>Device: no such device</li>');
    expect(html).not.toContain('64 characters');
  });
});

describe('ConnectionIndicator', () => {
  it.each([
    ['connected', 'Connected'],
    ['connecting', 'Connecting…'],
    ['reconnecting', 'Reconnecting…'],
    ['unauthorized', 'Sign in required'],
  ] as const)('%s reads "%s"', (state, text) => {
    const html = renderToStaticMarkup(<ConnectionIndicator state={state} />);
    expect(html).toContain('data-testid="connection-indicator"');
    expect(html).toContain(`data-state="${state}"`);
    expect(html).toContain(`>${text}<`);
  });
});
