import { randomBytes } from 'node:crypto';
import type { DmxLibrary as DmxLibraryShape } from '../../preload/contract/dmx-api.ts';
import { DmxCueList, DmxFixture, DmxPatch, DmxScene, type DmxLookValues } from '../../preload/contract/dmx.ts';
import { CoreError, invalidInput } from '../runtime/errors.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Db } from '../store/db.ts';
import { JsonRows } from '../store/dmx-repo.ts';

const newId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/**
 * The lighting library: the patch, the scenes and the cue lists, kept in SQLite and checked against the
 * contract on the way in (and on the way out: a damaged row is skipped and logged, never fatal).
 * Changes notify listeners (the DMX service forwards them to the engine and the UI).
 */
export class DmxLibrary {
  private readonly fixtures: JsonRows<typeof DmxFixture>;
  private readonly scenes: JsonRows<typeof DmxScene>;
  private readonly cueLists: JsonRows<typeof DmxCueList>;
  private cache: DmxLibraryShape | undefined;
  private readonly listeners = new Set<(library: DmxLibraryShape) => void>();
  private readonly now: () => number;

  constructor(db: Db, logger: Logger, now: () => number) {
    const onInvalid = (table: string) => (id: string, issues: string) => logger.warn('skipped a damaged row', { table, id, issues });
    this.fixtures = new JsonRows(db, { table: 'dmx_fixtures', schema: DmxFixture, onInvalid: onInvalid('dmx_fixtures') });
    this.scenes = new JsonRows(db, { table: 'dmx_scenes', schema: DmxScene, onInvalid: onInvalid('dmx_scenes'), timestamps: true });
    this.cueLists = new JsonRows(db, { table: 'dmx_cuelists', schema: DmxCueList, onInvalid: onInvalid('dmx_cuelists'), timestamps: true });
    this.now = now;
  }

  get(): DmxLibraryShape {
    this.cache ??= { patch: this.fixtures.all(), scenes: this.scenes.all(), cueLists: this.cueLists.all() };
    return this.cache;
  }

  onChange(listener: (library: DmxLibraryShape) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  scene(id: string): DmxScene {
    const scene = this.get().scenes.find((s) => s.id === id);
    if (!scene) throw new CoreError('not_found', `no scene with id "${id}"`);
    return scene;
  }

  cueList(id: string): DmxCueList {
    const list = this.get().cueLists.find((l) => l.id === id);
    if (!list) throw new CoreError('not_found', `no cue list with id "${id}"`);
    return list;
  }

  setPatch(patch: unknown): DmxLibraryShape {
    const parsed = DmxPatch.safeParse(patch);
    if (!parsed.success) throw invalidInput(parsed.error, 'patch');
    this.fixtures.replaceAll(parsed.data);
    return this.changed();
  }

  createScene(fields: { name: string; colour?: string; fadeMs: number; values: DmxLookValues }): DmxScene {
    const scene = this.checkScene({ id: newId('scene'), ...fields });
    this.scenes.put(scene, this.now());
    this.changed();
    return scene;
  }

  updateScene(id: string, fields: { name?: string; colour?: string; fadeMs?: number; values?: DmxLookValues }): DmxScene {
    const current = this.scene(id);
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const scene = this.checkScene({ ...current, ...defined });
    this.scenes.put(scene, this.now());
    this.changed();
    return scene;
  }

  deleteScene(id: string): void {
    this.scene(id);
    const users = this.get().cueLists.filter((l) => l.cues.some((c) => c.sceneId === id));
    if (users.length) throw new CoreError('conflict', `scene "${this.scene(id).name}" is used by cue list ${users.map((l) => `“${l.name}”`).join(', ')}: remove those cues first`);
    this.scenes.delete(id);
    this.changed();
  }

  reorderScenes(ids: readonly string[]): DmxScene[] {
    const scenes = this.get().scenes;
    const known = new Set(scenes.map((s) => s.id));
    const given = new Set(ids);
    if (given.size !== ids.length) throw new CoreError('invalid', 'a scene id is listed twice');
    for (const id of ids) if (!known.has(id)) throw new CoreError('not_found', `no scene with id "${id}"`);
    // Scenes not named keep their relative order after the named ones.
    const ordered = [...ids.map((id) => scenes.find((s) => s.id === id)!), ...scenes.filter((s) => !given.has(s.id))];
    this.scenes.replaceAll(ordered, this.now());
    this.changed();
    return ordered;
  }

  saveCueList(list: unknown): DmxCueList {
    const parsed = DmxCueList.safeParse(list);
    if (!parsed.success) throw invalidInput(parsed.error, 'cue list');
    const scenes = new Set(this.get().scenes.map((s) => s.id));
    parsed.data.cues.forEach((c, i) => {
      if (!scenes.has(c.sceneId)) throw new CoreError('invalid', `cue ${i + 1} uses scene "${c.sceneId}", which does not exist`, [{ path: `list.cues.${i}.sceneId`, message: 'no such scene' }]);
    });
    this.cueLists.put(parsed.data, this.now());
    this.changed();
    return parsed.data;
  }

  deleteCueList(id: string): void {
    this.cueList(id);
    this.cueLists.delete(id);
    this.changed();
  }

  /** Replace everything (a show file): checked as a whole first, so a bad file changes nothing. */
  replaceAll(library: unknown): DmxLibraryShape {
    const checked = this.check(library);
    this.fixtures.replaceAll(checked.patch);
    this.scenes.replaceAll(checked.scenes, this.now());
    this.cueLists.replaceAll(checked.cueLists, this.now());
    return this.changed();
  }

  /** A whole library from a file, validated (scenes every cue list uses included); changes nothing. */
  check(library: unknown): DmxLibraryShape {
    const patch = DmxPatch.safeParse((library as DmxLibraryShape | null)?.patch ?? []);
    if (!patch.success) throw invalidInput(patch.error, 'patch');
    const scenes = DmxScene.array().safeParse((library as DmxLibraryShape | null)?.scenes ?? []);
    if (!scenes.success) throw invalidInput(scenes.error, 'scenes');
    const lists = DmxCueList.array().safeParse((library as DmxLibraryShape | null)?.cueLists ?? []);
    if (!lists.success) throw invalidInput(lists.error, 'cue lists');
    const ids = new Set(scenes.data.map((s) => s.id));
    for (const l of lists.data) for (const c of l.cues) if (!ids.has(c.sceneId)) throw new CoreError('invalid', `cue list “${l.name}” uses scene "${c.sceneId}", which is not in the file`);
    return { patch: patch.data, scenes: scenes.data, cueLists: lists.data };
  }

  private checkScene(scene: unknown): DmxScene {
    const parsed = DmxScene.safeParse(scene);
    if (!parsed.success) throw invalidInput(parsed.error, 'scene');
    return parsed.data;
  }

  private changed(): DmxLibraryShape {
    this.cache = undefined;
    const library = this.get();
    for (const l of this.listeners) l(library);
    return library;
  }
}
