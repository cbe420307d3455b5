import type { mqttMethods } from '../../../preload/contract/index.ts';
import type { MqttService } from '../../mqtt/service.ts';
import type { Timeline } from '../../runtime/timeline.ts';
import { testMapping } from '../../telemetry/mappers/user-mapping.ts';
import type { CallContext, HandlersFor } from '../router.ts';

export interface MqttHandlerDeps {
  mqtt: MqttService;
  timeline: Timeline;
  now(): number;
}

const controlNames = { inverter_mode: 'inverter mode', charge_current_limit: 'charge current limit', ac_input_current_limit: 'AC input current limit' } as const;
const modes: Record<number, string> = { 1: 'charger only', 2: 'inverter only', 3: 'on', 4: 'off' };

/** The `mqtt.*` methods over the MQTT service. */
export function createMqttHandlers(d: MqttHandlerDeps): HandlersFor<keyof typeof mqttMethods> {
  const logAction = (message: string, ctx: CallContext, deviceId: string | null = null) => {
    d.timeline.record({ kind: 'operator', severity: 'info', deviceId, message: `${message} (via ${ctx.via})` });
  };
  return {
    'mqtt.connections': () => d.mqtt.connectionStatuses(),
    'mqtt.testMapping': (p) => {
      const r = testMapping(p.mapping, p.topic, p.payload, d.now());
      if (!r.ok) return { ok: false, reason: r.reason };
      return { ok: true, deviceId: r.deviceId, metric: r.sample.metric, unit: r.sample.unit, value: r.sample.value, expectedIntervalS: r.expectedIntervalS ?? null };
    },
    'mqtt.publish': async (p, ctx) => {
      const r = await d.mqtt.publish(p.topic, p.payload, { retain: p.retain, qos: p.qos, connection: p.connection });
      logAction(`Published ${r.bytes} byte${r.bytes === 1 ? '' : 's'} to ${r.topic} on ${r.connection}${p.retain ? ' (retained)' : ''}`, ctx);
      return r;
    },
    'mqtt.gx': () => d.mqtt.gx(),
    'mqtt.gxSet': async (p, ctx) => {
      const portal = await d.mqtt.gxSet(p.connection, p.portalId, p.control, p.value, p.instance, p.input);
      const what = p.control === 'inverter_mode' ? `${modes[p.value] ?? p.value} (${p.value})` : p.control === 'charge_current_limit' && p.value === -1 ? 'no limit' : `${p.value} A`;
      logAction(`Asked GX ${portal.name ?? p.portalId} to set ${controlNames[p.control]} to ${what} — pending until the GX confirms`, ctx, portal.deviceId);
      return portal;
    },
  };
}
