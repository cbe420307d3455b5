import { describe, expect, it } from 'vitest';
import type { DmxCueList, DmxPlaybackStatus, DmxScene, DmxStatus } from '../../preload/contract/index.ts';
import { cueListView, findPlayback, moveItem, outputName, sceneButtonState, troubledOutputs } from '../../renderer/src/lib/dmx-playback.ts';

const scenes = new Map<string, DmxScene>([
  ['a', { id: 'a', name: 'Walk-in', fadeMs: 3000, values: {} }],
  ['b', { id: 'b', name: 'Show', fadeMs: 1000, values: {} }],
]);
const list: DmxCueList = {
  id: 'main',
  name: 'Main',
  loop: false,
  cues: [
    { id: 'c1', sceneId: 'a' },
    { id: 'c2', sceneId: 'b', fadeMs: 500, followMs: 2000 },
    { id: 'c3', sceneId: 'gone' },
  ],
};
const pb = (over: Partial<DmxPlaybackStatus> & { cueList?: DmxPlaybackStatus['cueList'] }): DmxPlaybackStatus => ({ id: 'cuelist:main', sceneId: 'b', fading: false, progress: 1, cueList: null, ...over });

describe('scene button state', () => {
  it('active only for the scene on the scenes playback; progress while fading, full after', () => {
    expect(sceneButtonState(undefined, 'a')).toEqual({ active: false, fading: false, progress: 0 });
    expect(sceneButtonState(pb({ id: 'scenes', sceneId: 'a', fading: true, progress: 0.4 }), 'a')).toEqual({ active: true, fading: true, progress: 0.4 });
    expect(sceneButtonState(pb({ id: 'scenes', sceneId: 'a', fading: false, progress: 0.4 }), 'a')).toEqual({ active: true, fading: false, progress: 1 });
    expect(sceneButtonState(pb({ id: 'scenes', sceneId: 'b' }), 'a').active).toBe(false);
  });
});

describe('cue list view', () => {
  it('before the first GO: nothing current, GO plays cue 1', () => {
    const v = cueListView(list, undefined, scenes);
    expect(v.current).toBeNull();
    expect(v.next).toMatchObject({ index: 0, label: 'Cue 1', sceneName: 'Walk-in', fadeMs: 3000 });
    expect(v.released).toBe(true);
  });

  it('current and next from the core, fade from the cue (else its scene), follow countdown', () => {
    const v = cueListView(list, pb({ sceneId: 'b', fading: true, progress: 0.25, cueList: { current: 1, currentId: 'c2', next: 2, nextId: 'c3', followInMs: 1800 } }), scenes);
    expect(v.current).toMatchObject({ index: 1, label: 'Cue 2', sceneName: 'Show', fadeMs: 500, followMs: 2000 });
    expect(v.next).toMatchObject({ index: 2, label: 'Cue 3', sceneName: 'missing scene gone' });
    expect(v).toMatchObject({ released: false, fading: true, progress: 0.25, followInMs: 1800 });
  });

  it('at the end of a list without loop there is no next; a released list says so', () => {
    expect(cueListView(list, pb({ cueList: { current: 2, currentId: 'c3', next: -1, nextId: null, followInMs: null } }), scenes).next).toBeNull();
    expect(cueListView(list, pb({ sceneId: null, cueList: { current: 0, currentId: 'c1', next: 1, nextId: 'c2', followInMs: null } }), scenes).released).toBe(true);
  });
});

describe('outputs and ordering', () => {
  it('lost and failing outputs are the ones that need the operator', () => {
    const o = (state: 'ok' | 'idle' | 'lost' | 'error' | 'off', index: number) => ({ index, protocol: 'artnet' as const, universe: 1, destination: '', state, message: '', fps: 0, framesSent: 0, errors: 0, lastFrameAgeMs: null });
    const status = { outputs: [o('ok', 0), o('lost', 1), o('off', 2), o('error', 3), o('idle', 4)], playbacks: [] } as unknown as DmxStatus;
    expect(troubledOutputs(status).map((x) => x.index)).toEqual([1, 3]);
    expect(troubledOutputs(null)).toEqual([]);
    expect(findPlayback(null, 'scenes')).toBeUndefined();
    expect(outputName({ protocol: 'sacn', universe: 4 })).toBe('sACN · universe 4');
  });

  it('moves an item, leaving the list alone for moves off either end', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});
