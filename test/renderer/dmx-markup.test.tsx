import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ArtNetNode, DmxOutputStatus } from '../../preload/contract/index.ts';
import { NodeRow, OutputAlarmView, OutputRow } from '../../renderer/src/components/dmx/OutputsPanel.tsx';

const output = (over: Partial<DmxOutputStatus>): DmxOutputStatus => ({
  index: 0,
  protocol: 'artnet',
  universe: 1,
  destination: 'Art-Net 0:0:0 → 2 nodes',
  state: 'ok',
  message: '',
  fps: 44,
  framesSent: 12345,
  errors: 0,
  lastFrameAgeMs: 20,
  ...over,
});

// The e2e suite and the operator both rely on these: a lost output must be impossible to miss.
describe('outputs markup', () => {
  it('no banner while every output is fine, idle or off', () => {
    expect(renderToStaticMarkup(<OutputAlarmView outputs={[]} />)).toBe('');
  });

  it('a lost output: an alert banner naming it, where it went and why', () => {
    const html = renderToStaticMarkup(<OutputAlarmView outputs={[output({ state: 'lost', message: 'node 10.0.0.7 stopped answering' })]} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('DMX output LOST');
    expect(html).toContain('Art-Net · universe 1 lost');
    expect(html).toContain('Art-Net 0:0:0 → 2 nodes: node 10.0.0.7 stopped answering');
  });

  it('a failing and a lost output together say FAILING and list both', () => {
    const html = renderToStaticMarkup(<OutputAlarmView outputs={[output({ state: 'lost' }), output({ index: 1, state: 'error', protocol: 'sacn', universe: 2 })]} />);
    expect(html).toContain('2 DMX outputs FAILING');
    expect(html).toContain('sACN · universe 2 error');
  });

  it('an output row carries its state, in words and as a class the stylesheet paints red', () => {
    const html = renderToStaticMarkup(<OutputRow o={output({ state: 'lost', errors: 3 })} />);
    expect(html).toContain('data-state="lost"');
    expect(html).toContain('io-row--lost');
    expect(html).toContain('>LOST<');
    expect(html).toContain('12,345');
  });

  it('a node row shows its names, address, MAC and Port-Addresses; a lost node is greyed', () => {
    const node: ArtNetNode = { ip: '10.0.0.7', mac: '00:11:22:33:44:55', shortName: 'Dimmer rack', longName: 'Rack A 12-way', nodeReport: '#0001 [42] OK', ports: [{ index: 0, output: 0x0012, input: null }], lastReplyAgeMs: 12_000, state: 'lost' };
    const html = renderToStaticMarkup(<NodeRow n={node} />);
    expect(html).toContain('io-row--node-lost');
    expect(html).toContain('Dimmer rack');
    expect(html).toContain('Rack A 12-way');
    expect(html).toContain('10.0.0.7 · 00:11:22:33:44:55');
    expect(html).toContain('1: out 0:1:2');
  });
});
