import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app.ts';
import type { ShowFile } from '../../../preload/contract/index.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('show files: everything but the readings, in one file', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.stop();
  });

  async function core() {
    const dataDir = tempDir();
    const c = await createCore({ mode: 'desktop', dataDir, version: '0', resourcesDir: join(dataDir, 'ui'), checkContract: true });
    cores.push(c);
    await c.start();
    const s = c.openSession({ deliver: () => {}, ready: () => true }, 'control');
    const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
      const out = await s.call(method, params);
      if ('error' in out) throw Object.assign(new Error(out.error.message), out.error);
      return out.result as T;
    };
    return { c, call };
  }

  it('a show exported from one console loads into another: settings, patch, scenes, cue lists', async () => {
    const a = await core();
    await a.call('settings.update', { site: { name: 'Field Stage' }, dmx: { universes: 8 } });
    await a.call('dmx.patch', { patch: [{ id: 'wash', name: 'Wash', universe: 1, address: 1, channels: ['intensity', 'red', 'green', 'blue'] }] });
    const scene = await a.call<{ id: string }>('scenes.create', { name: 'Walk-in', fadeMs: 3000, values: { '1': { '1': 255, '2': 40 } } });
    await a.call('cues.save', { list: { id: 'main', name: 'Main', loop: false, cues: [{ id: 'q1', sceneId: scene.id, fadeMs: 500 }] } });
    const file = await a.call<ShowFile>('show.export');
    expect(Object.keys(file.parts)).toEqual(expect.arrayContaining(['settings', 'dmx']));

    const b = await core();
    const text = JSON.parse(JSON.stringify(file)) as ShowFile; // as it would come from disk
    expect(await b.call('show.import', { show: text })).toMatchObject({ imported: expect.arrayContaining(['settings', 'dmx']) });
    expect((await b.call<{ site: { name: string } }>('settings.get')).site.name).toBe('Field Stage');
    expect(await b.call('dmx.library')).toEqual(await a.call('dmx.library'));
    await b.c.settled();
    expect(await b.call<{ universes: number }>('dmx.status')).toMatchObject({ universes: 8 });
  });

  it('a file with one bad part changes nothing at all', async () => {
    const a = await core();
    const file = await a.call<ShowFile>('show.export');
    const bad = {
      ...file,
      parts: {
        ...file.parts,
        settings: { ...(file.parts.settings as object), site: { name: 'Changed' } },
        dmx: { patch: [], scenes: [], cueLists: [{ id: 'x', name: 'X', loop: false, cues: [{ id: 'q', sceneId: 'missing' }] }] },
      },
    };
    await expect(a.call('show.import', { show: bad })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/^dmx: .*missing/) });
    expect((await a.call<{ site: { name: string } }>('settings.get')).site.name).toBe('Showsite');
  });

  it('refuses files that are not show files, from a newer version, or with parts it does not know', async () => {
    const a = await core();
    const file = await a.call<ShowFile>('show.export');
    await expect(a.call('show.import', { show: { ...file, format: 'something-else' } })).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/not a Showsite show file/) });
    await expect(a.call('show.import', { show: { ...file, version: 2 } })).rejects.toMatchObject({ message: expect.stringMatching(/newer/) });
    await expect(a.call('show.import', { show: { ...file, parts: { ...file.parts, holograms: {} } } })).rejects.toMatchObject({ message: expect.stringMatching(/holograms/) });
  });

  it('imports only the parts asked for', async () => {
    const a = await core();
    await a.call('settings.update', { site: { name: 'Keep me' } });
    const file = await a.call<ShowFile>('show.export');
    const other = { ...file, parts: { ...file.parts, settings: { ...(file.parts.settings as object), site: { name: 'Not me' } } } };
    expect(await a.call('show.import', { show: other, only: ['dmx'] })).toEqual({ imported: ['dmx'] });
    expect((await a.call<{ site: { name: string } }>('settings.get')).site.name).toBe('Keep me');
  });
});
