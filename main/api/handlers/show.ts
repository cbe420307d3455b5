import type { Settings } from '../../../preload/contract/index.ts';
import { showMethods } from '../../../preload/contract/show.ts';
import type { EventHub } from '../../runtime/hub.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import type { SettingsService } from '../../settings/service.ts';
import type { ShowFiles } from '../../show/show-file.ts';
import type { HandlersFor } from '../router.ts';

export interface ShowHandlerDeps {
  shows: ShowFiles;
  settings: SettingsService;
  hub: EventHub;
  timeline: Timeline;
}

export function createShowHandlers(d: ShowHandlerDeps): HandlersFor<keyof typeof showMethods> {
  return {
    'show.export': () => d.shows.export(),
    'show.import': (p, ctx) => {
      const before: Settings = d.settings.get();
      const imported = d.shows.import(p.show, p.only);
      const after = d.settings.get();
      if (after !== before) d.hub.publish('settings.changed', 'settings', after);
      d.timeline.record({ kind: 'operator', severity: 'info', deviceId: null, message: `Show file imported (${imported.join(', ')}) (via ${ctx.via})` });
      return { imported };
    },
  };
}
