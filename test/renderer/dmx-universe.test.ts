import { describe, expect, it } from 'vitest';
import type { DmxFixture } from '../../preload/contract/index.ts';
import { activeRanges, universeChannelMap } from '../../renderer/src/lib/dmx-universe.ts';

describe('universe view', () => {
  it('maps each address to its fixture and type; fine channels take their coarse type; other universes are ignored', () => {
    const patch: DmxFixture[] = [
      { id: 'mh', name: 'Mover', universe: 1, address: 10, channels: ['pan', 'generic', 'intensity'], fine: [[0, 1]] },
      { id: 'x', name: 'Elsewhere', universe: 2, address: 1, channels: ['intensity'] },
    ];
    const map = universeChannelMap(patch, 1);
    expect(map).toHaveLength(512);
    expect(map[8]).toBeNull();
    expect(map[9]).toMatchObject({ type: 'pan', fixtureName: 'Mover', position: 1, fine: false, first: true });
    expect(map[10]).toMatchObject({ type: 'pan', position: 2, fine: true, first: false });
    expect(map[11]).toMatchObject({ type: 'intensity', position: 3 });
    expect(map[0]).toBeNull();
  });

  it('summarises what is above 0 as ranges', () => {
    const ch = new Array<number>(512).fill(0);
    ch[0] = 1;
    ch[1] = 2;
    ch[2] = 3;
    ch[19] = 100;
    ch[511] = 255;
    expect(activeRanges(ch)).toBe('channels 1–3, 20, 512 above 0');
    expect(activeRanges(new Array<number>(512).fill(0))).toBe('every channel at 0');
  });
});
