import type { Device, devicesToolMethods } from '../../../preload/contract/index.ts';
import type { DeviceTools } from '../../devices/tools.ts';
import type { EventHub } from '../../runtime/hub.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import type { CallContext, HandlersFor } from '../router.ts';

export interface DeviceToolHandlerDeps {
  tools: DeviceTools;
  hub: EventHub;
  timeline: Timeline;
}

const label = (d: Device) => (d.name ? `“${d.name}” (${d.id})` : d.id);
const some = (list: readonly Device[]) => (list.length <= 3 ? list.map(label).join(', ') : `${list.slice(0, 3).map(label).join(', ')} and ${list.length - 3} more`);

/** The registry tools (devices.setRoom, bulkRename, merge, hide, forget, exportNames, importNames); each change is an operator action on the timeline. */
export function createDeviceToolHandlers(d: DeviceToolHandlerDeps): HandlersFor<keyof typeof devicesToolMethods> {
  const logAction = (message: string, ctx: CallContext, deviceId: string | null = null) => {
    d.timeline.record({ kind: 'operator', severity: 'info', deviceId, message: `${message} (via ${ctx.via})` });
  };
  const announce = (list: readonly Device[]) => {
    for (const device of list) d.hub.publish('devices.changed', device.id, device);
  };
  const setBy = (ctx: CallContext) => `operator:${ctx.via}`;
  return {
    'devices.setRoom': (p, ctx) => {
      const list = d.tools.setRoom(p.ids, p.room, setBy(ctx));
      announce(list);
      logAction(p.room ? `Put ${some(list)} in ${p.room}` : `Cleared the room of ${some(list)}`, ctx, list.length === 1 ? list[0]!.id : null);
      return list;
    },
    'devices.bulkRename': (p, ctx) => {
      const list = d.tools.bulkRename(p.rows, setBy(ctx));
      announce(list);
      logAction(`Named ${list.length} device${list.length === 1 ? '' : 's'}: ${some(list)}`, ctx, list.length === 1 ? list[0]!.id : null);
      return list;
    },
    'devices.merge': (p, ctx) => {
      const r = d.tools.merge(p.from, p.into);
      announce([r.device]);
      logAction(`Merged ${p.from} into ${label(r.device)}: ${r.moved} series moved, ${r.merged} joined; ${p.from} now means this device`, ctx, r.device.id);
      return r.device;
    },
    'devices.hide': (p, ctx) => {
      const list = d.tools.hide(p.ids, p.hidden);
      announce(list);
      logAction(`${p.hidden ? 'Hid' : 'Showed again'} ${some(list)}`, ctx, list.length === 1 ? list[0]!.id : null);
      return list;
    },
    'devices.forget': (p, ctx) => {
      const r = d.tools.forget(p.id);
      logAction(`Forgot ${r.id} with its history (${r.series} series, ${r.readings} readings)`, ctx, r.id);
      return r;
    },
    'devices.exportNames': (p) => d.tools.exportNames(p.format),
    'devices.importNames': (p, ctx) => {
      const report = d.tools.importNames(p.format, p.text, p.dryRun, setBy(ctx));
      if (!p.dryRun) {
        announce(d.tools.devices(report.rows.filter((r) => r.outcome === 'applied').map((r) => r.id)));
        logAction(`Imported names (${p.format.toUpperCase()}): ${report.applied} applied, ${report.unchanged} unchanged, ${report.pending} kept for devices not seen yet`, ctx);
      }
      return report;
    },
  };
}
