import type { DmxLibrary } from '../dmx/library.ts';
import type { DmxService } from '../dmx/service.ts';
import type { CueTargets, MqttPublisher } from './cue-actions.ts';

/** The running order's cues onto the DMX capability (scene GO and cue-list GO as the Scenes page does them) and MQTT's publisher. */
export function dmxCueTargets(dmx: DmxService, library: DmxLibrary, mqtt: () => MqttPublisher | null = () => null): CueTargets {
  return {
    async sceneGo(sceneId, fadeMs) {
      const scene = library.scene(sceneId);
      await dmx.goScene(scene, fadeMs);
      return { name: scene.name };
    },
    async cueListGo(cueListId) {
      const list = library.cueList(cueListId);
      await dmx.cue(cueListId, 'go');
      return { name: list.name };
    },
    sceneName: (id) => library.get().scenes.find((s) => s.id === id)?.name,
    cueListName: (id) => library.get().cueLists.find((l) => l.id === id)?.name,
    mqtt,
  };
}
