import type { bleMethods } from '../../../preload/contract/index.ts';
import type { BleService } from '../../ble/service.ts';
import { withAssignment } from '../../ble/service.ts';
import type { EventHub } from '../../runtime/hub.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import type { SettingsService } from '../../settings/service.ts';
import type { CallContext, HandlersFor } from '../router.ts';

export interface BleHandlerDeps {
  ble: BleService;
  settings: SettingsService;
  hub: EventHub;
  timeline: Timeline;
}

/** The `ble.*` methods over the BLE service. Params arrive validated (MACs normalised to AA:BB:…). */
export function createBleHandlers(d: BleHandlerDeps): HandlersFor<keyof typeof bleMethods> {
  const logAction = (message: string, ctx: CallContext, mac: string) => {
    d.timeline.record({ kind: 'operator', severity: 'info', deviceId: `ble:${mac}`, message: `${message} (via ${ctx.via})` });
  };
  return {
    'ble.unknown': () => d.ble.unknownList(),
    'ble.stats': () => d.ble.stats(),
    'ble.recordings': () => d.ble.recordings(),
    'ble.record': (p, ctx) => {
      const r = d.ble.record(p.mac, p.minutes);
      logAction(`Recording Bluetooth advertisements of ${p.mac} for ${p.minutes} min to ${r.file}`, ctx, p.mac);
      return r;
    },
    'ble.stopRecording': (p, ctx) => {
      const r = d.ble.stopRecording(p.mac);
      logAction(`Stopped recording ${p.mac} (${r.count} advertisements in ${r.file})`, ctx, p.mac);
      return r;
    },
    'ble.assign': (p, ctx) => {
      const before = d.settings.get();
      const next = d.settings.update({ ble: { assignments: withAssignment(before.ble.assignments, p.mac, p.model) } });
      if (next !== before) {
        d.hub.publish('settings.changed', 'settings', next);
        logAction(p.model === null ? `Removed the model assigned to ${p.mac}` : `Assigned model ${p.model} to ${p.mac}`, ctx, p.mac);
      }
      return next.ble.assignments;
    },
  };
}
