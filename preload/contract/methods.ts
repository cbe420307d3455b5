import { z } from 'zod';
import { AccessInfo, Device, Health, LiveReading, ServiceStatus, SystemInfo, TimelineEvent } from './model.ts';
import { Settings, SettingsPatch } from './settings.ts';
import { isTopicName } from './events.ts';

import { dmxMethods } from './dmx-api.ts';
import { dmxSerialMethods } from './dmx-serial.ts';
import { showMethods } from './show.ts';
import { deviceId, label, method, none } from './method-spec.ts';
import { snmpMethods } from './snmp.ts';
import { bleMethods } from './ble.ts';
import { scheduleMethods } from './schedule-api.ts';
import { mqttMethods } from './mqtt.ts';
import { devicesToolMethods } from './devices.ts';
import { monitoringMethods } from './monitoring.ts';

export type { Access, MethodSpec } from './method-spec.ts';

/**
 * Every method of the contract. The core's own methods are listed here; each capability declares its
 * methods in its own file (e.g. `dmx-methods.ts`) and is spread in below.
 */
export const coreMethods = {
  'system.health': method({ params: none, result: Health, access: 'public', summary: 'Liveness: version and uptime.' }),
  'system.info': method({ params: none, result: SystemInfo, access: 'view', summary: 'Version, server clock, data directory, LAN URLs.' }),
  'system.access': method({ params: none, result: AccessInfo, access: 'control', summary: 'The access token and the URLs a tablet can open.' }),

  subscribe: method({
    params: z.object({ topics: z.array(z.string().max(100).refine(isTopicName, 'unknown topic')).min(1).max(256) }).strict(),
    result: z.object({ topics: z.array(z.string()) }),
    access: 'view',
    summary: 'Start receiving live events for these topics (WebSocket and IPC only).',
  }),
  unsubscribe: method({
    params: z.object({ topics: z.array(z.string().max(100)).min(1).max(256) }).strict(),
    result: z.object({ topics: z.array(z.string()) }),
    access: 'view',
    summary: 'Stop receiving these topics.',
  }),

  'services.list': method({ params: none, result: z.array(ServiceStatus), access: 'view', summary: 'Every service’s status (LAN server, demo site, DMX, BLE, MQTT…), in start order.' }),

  'devices.list': method({ params: none, result: z.array(Device), access: 'view', summary: 'Every known device with its name and room.' }),
  'devices.rename': method({
    params: z
      .object({
        id: deviceId,
        name: label(64).optional(),
        room: label(64).optional(),
        notes: label(1000).optional(),
      })
      .strict()
      .refine((p) => p.name !== undefined || p.room !== undefined || p.notes !== undefined, 'give at least one of name, room, notes'),
    result: Device,
    access: 'control',
    summary: 'Set a device’s friendly name, room and notes (empty string clears). History is never split.',
  }),

  'telemetry.latest': method({ params: none, result: z.array(LiveReading), access: 'view', summary: 'Newest value of every series.' }),

  'events.list': method({
    params: z
      .object({
        limit: z
          .number({ error: 'limit must be a whole number from 1 to 1000' })
          .int('limit must be a whole number from 1 to 1000')
          .min(1, 'limit must be a whole number from 1 to 1000')
          .max(1000, 'limit must be a whole number from 1 to 1000')
          .default(200),
        beforeId: z.number({ error: 'beforeId must be an event id (a whole number)' }).int('beforeId must be an event id (a whole number)').positive('beforeId must be an event id (a whole number)').optional(),
      })
      .strict(),
    result: z.array(TimelineEvent),
    access: 'view',
    summary: 'Site timeline, newest first.',
  }),

  'settings.get': method({ params: none, result: Settings, access: 'view', summary: 'Current settings.' }),
  'settings.update': method({ params: SettingsPatch, result: Settings, access: 'control', summary: 'Merge a partial settings object; invalid input changes nothing.' }),
  'settings.export': method({ params: none, result: Settings, access: 'view', summary: 'Settings as a file body (the same shape settings.import takes).' }),
  'settings.import': method({
    params: z.object({ settings: SettingsPatch }).strict(),
    result: Settings,
    access: 'control',
    summary: 'Apply a settings file; invalid input changes nothing.',
  }),
} as const;

export const methods = {
  ...coreMethods,
  ...snmpMethods,
  ...bleMethods,
  ...dmxMethods,
  ...dmxSerialMethods,
  ...showMethods,
  ...scheduleMethods,
  ...mqttMethods,
  ...devicesToolMethods,
  ...monitoringMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParamsOf<M extends MethodName> = z.output<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);
