import type { ServiceStatus, Settings, coreMethods } from '../../preload/contract/index.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Timeline } from '../runtime/timeline.ts';
import { changedSections, type SettingsService } from '../settings/service.ts';
import type { Telemetry } from '../telemetry/pipeline.ts';
import { ApiError } from './errors.ts';
import type { CallContext, HandlersFor, SessionMethod } from './router.ts';

export interface HandlerDeps {
  version: string;
  mode: 'desktop' | 'serve';
  startedAt: number;
  dataDir: string;
  now: () => number;
  registry: DeviceRegistry;
  telemetry: Telemetry;
  timeline: Timeline;
  settings: SettingsService;
  hub: EventHub;
  demoRunning: () => boolean;
  remoteUrls: () => string[];
  services: () => ServiceStatus[];
}

/** Each method of the contract, implemented over the core's services. Params arrive validated. */
export function createHandlers(d: HandlerDeps): HandlersFor<Exclude<keyof typeof coreMethods, SessionMethod>> {
  /** Operator actions go on the site timeline beside alerts, so the show's story is in one place. */
  const logAction = (message: string, ctx: CallContext, deviceId: string | null = null) => {
    d.timeline.record({ kind: 'operator', severity: 'info', deviceId, message: `${message} (via ${ctx.via})` });
  };
  const applySettings = (patch: unknown, ctx: CallContext, what: string): Settings => {
    const before = d.settings.get();
    const next = d.settings.update(patch);
    if (next === before) return next; // nothing changed: nothing to announce
    d.hub.publish('settings.changed', 'settings', next);
    logAction(`${what}: ${changedSections(next, before).join(', ')}`, ctx);
    return next;
  };
  return {
    'system.health': () => ({ ok: true, version: d.version, uptimeS: Math.round((d.now() - d.startedAt) / 100) / 10 }),
    'system.info': (_p, ctx) => ({
      version: d.version,
      now: d.now(),
      startedAt: d.startedAt,
      dataDir: d.dataDir,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      demo: d.demoRunning(),
      mode: d.mode,
      access: ctx.access,
      remoteUrls: d.remoteUrls(),
      services: d.services(),
    }),
    'system.access': () => ({ token: d.settings.token(), viewerToken: d.settings.viewerToken(), remoteUrls: d.remoteUrls() }),

    'services.list': () => d.services(),
    'devices.list': () => d.registry.list(),
    'devices.rename': (p, ctx) => {
      const device = d.registry.rename(p.id, { name: p.name, room: p.room, notes: p.notes }, `operator:${ctx.via}`, d.now());
      if (!device) throw new ApiError('not_found', `no device with id "${p.id}"`);
      d.hub.publish('devices.changed', device.id, device);
      logAction(`Named ${device.id} “${device.name ?? '—'}”${device.room ? ` in ${device.room}` : ''}`, ctx, device.id);
      return device;
    },

    'telemetry.latest': () => d.telemetry.latest(),
    'events.list': (p) => d.timeline.list(p.limit, p.beforeId),

    'settings.get': () => d.settings.get(),
    'settings.export': () => d.settings.get(),
    'settings.update': (p, ctx) => applySettings(p, ctx, 'Settings changed'),
    'settings.import': (p, ctx) => applySettings(p.settings, ctx, 'Settings imported'),
  };
}
