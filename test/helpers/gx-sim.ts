import mqtt, { type MqttClient } from 'mqtt';

/**
 * A Victron GX as far as MQTT shows it (PROTOCOLS.md §5, dbus-flashmq): answers `R/<portal>/keepalive`
 * (empty payload = republish every value, then `full_publish_completed`), `R/…/<path>` reads (republish
 * that one value) and `W/…/<path>` writes (take the value and republish it — unless `answerWrites` is
 * off, as when the GX ignores a write). Publishes `N/<portal>/system/0/Serial` retained, like the real one.
 */
export interface GxSim {
  client: MqttClient;
  portal: string;
  keepAlives: { at: number; payload: string }[];
  writes: { at: number; topic: string; payload: string }[];
  reads: string[];
  values: Map<string, unknown>;
  answerWrites: boolean;
  /** Publish one value on N/ (as the GX would after a change). */
  notify(path: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

export const gxDefaults: Record<string, unknown> = {
  'system/0/Serial': 'c0619ab1e2f3',
  'system/0/VebusInstance': 276,
  'system/0/Dc/Battery/Soc': 87,
  'system/0/Dc/Battery/Voltage': 52.4,
  'system/0/Dc/Battery/Current': -12.5,
  'system/0/Dc/Battery/Power': -655,
  'system/0/SystemState/State': 9,
  'vebus/276/ProductName': 'MultiPlus-II 48/5000/70-50',
  'vebus/276/Mode': 3,
  'vebus/276/ModeIsAdjustable': 1,
  'vebus/276/Ac/ActiveIn/ActiveInput': 0,
  'vebus/276/Ac/ActiveIn/P': 0,
  'vebus/276/Ac/Out/P': 640,
  'vebus/276/Ac/In/1/CurrentLimit': 16,
  'vebus/276/Ac/In/1/CurrentLimitIsAdjustable': 1,
  'settings/0/Settings/SystemSetup/MaxChargeCurrent': -1,
};

export async function startGxSim(url: string, portal = 'c0619ab1e2f3', values: Record<string, unknown> = gxDefaults): Promise<GxSim> {
  const client = mqtt.connect(url, { protocolVersion: 4, clientId: `gx-sim-${portal}`, reconnectPeriod: 200 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const sim: GxSim = {
    client,
    portal,
    keepAlives: [],
    writes: [],
    reads: [],
    values: new Map(Object.entries(values)),
    answerWrites: true,
    notify: async (path, value) => {
      sim.values.set(path, value);
      await client.publishAsync(`N/${portal}/${path}`, JSON.stringify({ value }), { qos: 0 });
    },
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
  const publishAll = async () => {
    for (const [path, value] of sim.values) await client.publishAsync(`N/${portal}/${path}`, JSON.stringify({ value }), { qos: 0 });
    await client.publishAsync(`N/${portal}/full_publish_completed`, JSON.stringify({ value: Math.floor(Date.now() / 1000) }), { qos: 0 });
  };
  client.on('message', (topic, payload) => {
    const text = payload.toString();
    if (topic === `R/${portal}/keepalive`) {
      sim.keepAlives.push({ at: Date.now(), payload: text });
      if (text === '') void publishAll();
      return;
    }
    const rest = topic.slice(`X/${portal}/`.length);
    if (topic.startsWith(`W/${portal}/`)) {
      sim.writes.push({ at: Date.now(), topic, payload: text });
      if (!sim.answerWrites) return;
      const v = (JSON.parse(text) as { value: unknown }).value;
      void sim.notify(rest, v);
      return;
    }
    if (topic.startsWith(`R/${portal}/`)) {
      sim.reads.push(rest);
      // A GX that ignores writes still answers reads — with the value it kept.
      if (sim.values.has(rest)) void client.publishAsync(`N/${portal}/${rest}`, JSON.stringify({ value: sim.values.get(rest) }), { qos: 0 });
    }
  });
  await client.subscribeAsync([`R/${portal}/#`, `W/${portal}/#`], { qos: 0 });
  await client.publishAsync(`N/${portal}/system/0/Serial`, JSON.stringify({ value: portal }), { qos: 0, retain: true });
  return sim;
}
