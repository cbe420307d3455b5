import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LiveReading } from '../../preload/contract/index.ts';
import { ConnectionIndicator } from '../../renderer/src/components/ConnectionIndicator.tsx';
import { Tile } from '../../renderer/src/components/Tile.tsx';

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
    expect(html).toContain(`data-testid="tile-value" data-metric="temperature" data-ts="${T}">21.5 °C<`);
    expect(html).toContain(`data-metric="humidity" data-ts="${T - 5000}">48%<`);
    expect(html).toContain('12 s ago');
    expect(html).toContain('Govee H5075');
  });

  it('a stale value keeps its number but is marked STALE and the tile is not current', () => {
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'x', name: 'x', model: null, readings: [reading({ state: 'ok' })] }} serverNow={T + 61_000} />);
    expect(html).toContain('data-state="stale"');
    expect(html).toContain('21.5 °C');
    expect(html).toContain('metric--stale');
    expect(html).toMatch(/>STALE</);
    expect(html).toContain('1 min ago');
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
