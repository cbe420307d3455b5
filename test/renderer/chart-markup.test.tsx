import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LiveReading, Panel, SeriesInfo } from '../../preload/contract/index.ts';
import { PanelView, type PanelData } from '../../renderer/src/components/charts/PanelView.tsx';
import { Tile } from '../../renderer/src/components/Tile.tsx';
import { seriesKey } from '../../renderer/src/hooks/useSeries.ts';

const T = 1_750_000_000_000;
const MIN = 60_000;
const dev = 'ble:A4:C1:38:5A:10:01';
const key = seriesKey(dev, 'temperature');
const reading = (over: Partial<LiveReading> = {}): LiveReading => ({ seriesId: 1, deviceId: dev, metric: 'temperature', unit: '°C', value: 21.4, ts: T, state: 'ok', staleAfterS: 60, ...over });
const info = new Map<string, SeriesInfo>([[key, { id: 1, deviceId: dev, metric: 'temperature', unit: '°C', name: 'Stage left', room: 'Stage', first: 0, last: T }]]);
const points = Array.from({ length: 30 }, (_, i) => ({ t: T - (30 - i) * MIN, min: 20, max: 22, avg: 21 }));
const data: PanelData = { points: new Map([[key, { points }]]), step: MIN, from: T - 30 * MIN, to: T, loaded: true };
const panel = (over: Partial<Panel>): Panel => ({ id: 'p1', type: 'stat', title: 'Stage temp', series: [{ device: dev, metric: 'temperature' }], grid: { x: 0, y: 0, w: 4, h: 3 }, ...over });
const render = (p: Panel, live = new Map([[key, reading()]]), now = T + 1000, following = true) =>
  renderToStaticMarkup(<PanelView panel={p} data={data} info={info} live={live} siteThresholds={[{ metric: 'temperature', warnAbove: 30, alarmAbove: 35 }]} nameOf={() => 'Stage left'} now={now} following={following} />);

describe('panels', () => {
  it('a stat shows the live value, a sparkline of the range, and is ok under the site rule', () => {
    const html = render(panel({}));
    expect(html).toContain('data-state="ok"');
    expect(html).toContain('21.4\u00a0°C');
    expect(html).toMatch(/data-testid="sparkline" data-points="30"/);
  });

  it('panel thresholds the value crosses colour the panel (they replace the site rule)', () => {
    expect(render(panel({ thresholds: { warnAbove: 20 } }))).toMatch(/class="panel panel--stat panel--warn"/);
    const html = render(panel({ thresholds: { warnAbove: 10, alarmAbove: 21 } }));
    expect(html).toMatch(/class="panel panel--stat panel--alarm"/);
    expect(html).toContain('>ALARM<');
  });

  it('an old live value makes the panel stale; a past range shows its last bucket instead', () => {
    expect(render(panel({}), undefined, T + 61_000)).toContain('data-state="stale"');
    const past = render(panel({}), undefined, T + 3_600_000, false);
    expect(past).toContain('data-state="ok"');
    expect(past).toContain('21.0\u00a0°C'); // the last bucket's mean, not the live 21.4
  });

  it('a gauge, a table and a state timeline draw from the same data', () => {
    const gauge = render(panel({ type: 'gauge', min: 0, max: 40 }));
    expect(gauge).toContain('data-testid="gauge"');
    expect(gauge).toContain('Stage left · Temperature: 21.4\u00a0°C');
    const table = render(panel({ type: 'table' }));
    expect(table).toMatch(/<td>20.0\u00a0°C<\/td><td>21.0\u00a0°C<\/td><td>22.0\u00a0°C<\/td>/); // min, mean, max of the range
    const timeline = render(panel({ type: 'state-timeline', thresholds: { warnAbove: 21.5 } }));
    expect(timeline).toContain('data-testid="timeline-bar"');
    expect(timeline).toContain('data-state="warn"'); // every bucket's max (22) is above 21.5
  });

  it('says why it is empty: no series, or a series this site does not have', () => {
    expect(render(panel({ series: [] }))).toContain('No series yet');
    expect(render(panel({ series: [{ device: 'ble:gone', metric: 'temperature' }] }), new Map())).toContain('No such series here');
  });
});

describe('Dashboard tiles', () => {
  it('link to the device’s charts and draw a sparkline of the last hour ending at the live value', () => {
    const html = renderToStaticMarkup(
      <Tile
        tile={{ deviceId: dev, name: 'Stage left', model: null, readings: [reading()] }}
        serverNow={T}
        sparks={{ history: new Map([[1, [{ t: T - 30 * MIN, v: 20 }, { t: T - 20 * MIN, v: 21 }]]]), from: T - 60 * MIN, to: T, gapMs: 3 * MIN }}
      />,
    );
    expect(html).toContain(`href="#/dashboards?device=${encodeURIComponent(dev)}&amp;range=6h"`);
    expect(html).toMatch(/data-testid="sparkline" data-points="3"/); // two buckets + the live value
  });

  it('a switch is summed up, not listed port by port', () => {
    const ports = [1, 2, 3].flatMap((n) => [reading({ seriesId: n * 10, metric: `port.${n}.oper`, unit: '', value: n === 2 ? 2 : 1 }), reading({ seriesId: n * 10 + 1, metric: `port.${n}.in_bps`, unit: 'bit/s', value: 1e8 })]);
    const html = renderToStaticMarkup(<Tile tile={{ deviceId: 'snmp:sw:switch', name: 'Core', model: 'M4300', readings: ports }} serverNow={T} />);
    expect(html).toContain('data-testid="switch-summary" data-up="2" data-down="1"');
    expect(html).toContain('300\u00a0Mbit/s');
    expect(html).not.toContain('data-testid="tile-value"');
  });
});
