import { dmxMethods } from '../../../preload/contract/dmx-api.ts';
import type { DmxLibrary } from '../../dmx/library.ts';
import type { DmxService } from '../../dmx/service.ts';
import { ipv4Interfaces } from '../../dmx/interfaces.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import type { CallContext, HandlersFor } from '../router.ts';

export interface DmxHandlerDeps {
  dmx: DmxService;
  library: DmxLibrary;
  timeline: Timeline;
}

/** The DMX methods over the service (engine in its worker) and the library (SQLite). */
export function createDmxHandlers(d: DmxHandlerDeps): HandlersFor<keyof typeof dmxMethods> {
  // Looks on stage are the show's story: GO, blackout and master moves go on the timeline like any operator action.
  const note = (message: string, ctx: CallContext) => d.timeline.record({ kind: 'operator', severity: 'info', deviceId: null, message: `${message} (via ${ctx.via})` });
  return {
    'dmx.status': () => d.dmx.status(),
    'dmx.universe': (p) => d.dmx.universe(p.universe),
    'dmx.input': (p) => d.dmx.input(p.index),
    'dmx.set': (p) => d.dmx.set(p.universe, p.channels),
    'dmx.release': async (p) => {
      await d.dmx.release(p.universe, p.channels, p.fadeMs);
      return { released: true };
    },
    'dmx.blackout': async (p, ctx) => {
      const status = await d.dmx.blackout(p.on, p.fadeMs);
      note(`Blackout ${p.on ? 'on' : 'off'}${p.fadeMs ? ` over ${p.fadeMs / 1000} s` : ''}`, ctx);
      return status;
    },
    'dmx.master': (p) => d.dmx.master(p.level),
    'dmx.interfaces': () => ipv4Interfaces().map(({ name, address, netmask, broadcast, internal }) => ({ name, address, netmask, broadcast, internal })),
    'dmx.library': () => d.library.get(),
    'dmx.patch': (p, ctx) => {
      const library = d.library.setPatch(p.patch);
      note(`Patch changed: ${library.patch.length} fixture${library.patch.length === 1 ? '' : 's'}`, ctx);
      return library;
    },

    'scenes.list': () => d.library.get().scenes,
    'scenes.create': (p, ctx) => {
      const scene = d.library.createScene(p);
      note(`Scene “${scene.name}” created`, ctx);
      return scene;
    },
    'scenes.record': async (p, ctx) => {
      const values = await d.dmx.record({ fixtures: p.fixtures, universes: p.universes });
      const scene = d.library.createScene({ name: p.name, colour: p.colour, fadeMs: p.fadeMs, values });
      note(`Scene “${scene.name}” recorded from the stage`, ctx);
      return scene;
    },
    'scenes.update': (p) => d.library.updateScene(p.id, p),
    'scenes.delete': (p, ctx) => {
      const name = d.library.scene(p.id).name;
      d.library.deleteScene(p.id);
      note(`Scene “${name}” deleted`, ctx);
      return { deleted: p.id };
    },
    'scenes.reorder': (p) => d.library.reorderScenes(p.ids),
    'scenes.go': async (p, ctx) => {
      const scene = d.library.scene(p.id);
      const status = await d.dmx.goScene(scene, p.fadeMs);
      note(`Scene “${scene.name}” GO (${(p.fadeMs ?? scene.fadeMs) / 1000} s)`, ctx);
      return status;
    },
    'scenes.release': (p) => d.dmx.releaseScenes(p.fadeMs),

    'cues.list': () => d.library.get().cueLists,
    'cues.save': (p) => d.library.saveCueList(p.list),
    'cues.delete': (p) => {
      d.library.deleteCueList(p.id);
      return { deleted: p.id };
    },
    'cues.go': async (p, ctx) => {
      const status = await d.dmx.cue(p.id, 'go');
      const playing = status.playbacks.find((b) => b.id === `cuelist:${p.id}`)?.cueList;
      note(`Cue list “${d.library.cueList(p.id).name}” GO${playing ? ` → cue ${playing.current + 1}` : ''}`, ctx);
      return status;
    },
    'cues.back': (p) => d.dmx.cue(p.id, 'back'),
    'cues.jump': (p) => d.dmx.cue(p.id, 'jump', p.cue - 1),
    'cues.release': (p) => d.dmx.releaseCueList(p.id, p.fadeMs),
  };
}
