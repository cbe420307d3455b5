import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import type { Device, GxPortal, LiveReading, MqttConnectionStatus, ServiceStatus, TimelineEvent } from '../../preload/contract/index.ts';
import { freePort } from '../../bench/stats.ts';
import { startGxSim, type GxSim } from '../helpers/gx-sim.ts';
import { mosquittoUnavailable, startMosquitto, type MosquittoPeer } from '../helpers/mosquitto.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

/**
 * MQTT end to end, against the embedded broker and against a real Mosquitto the test starts (PEERS.md):
 * gateways publish, a GX simulator answers, the broker is killed and restarted mid-stream, and the
 * retained set is read back after a rename. Every payload below is from PROTOCOLS.md §1.6 / §5.
 */

const token = 'mqtt-integration-token-1';
const portal = 'c0619ab1e2f3';

/** OpenMQTTGateway/Theengs payloads (PROTOCOLS.md §1.6 and §1.5.4). */
const h5075 = { topic: 'home/OMG_lobby/BTtoMQTT/A4C138DDDBF8', payload: { name: 'GVH5075_DBF8', id: 'A4:C1:38:DD:DB:F8', rssi: -70, brand: 'Govee', model: 'Thermo-Hygrometer', model_id: 'H5072/75', type: 'THB', tempc: 26.8, tempf: 80.24, hum: 52.6, batt: 100 } };
/** Theengs Gateway undecoded publish for a GVH5105 (theengs/gateway #247): 22.7 °C / 44.6 % / battery 100. */
const h5105Raw = { manufacturerdata: '0100010103787664', name: 'GVH5105_5D6F', id: 'D0:30:38:35:5D:6F', rssi: -68, mfr: 'Nokia Mobile Phones' };

interface Rig {
  name: string;
  /** Where gateways and the GX simulator connect. */
  mqttUrl: string;
  serve: () => Served;
  dataDir: string;
  /** The console's connection id that reads the gateways. */
  connection: string;
  restartBroker(): Promise<void>;
  stop(): Promise<void>;
}

async function call<T>(s: Served, method: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  const body = (await res.json()) as { error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.message ?? res.status}`);
  return body as T;
}

function connect(url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 100, ...options });
  return new Promise((resolve, reject) => {
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

const end = (c: MqttClient | undefined) => (c ? new Promise<void>((r) => c.end(true, {}, () => r())) : Promise.resolve());

/** The retained messages a fresh subscriber to `#` gets now. */
async function retainedSet(url: string, waitMs = 1200): Promise<Map<string, string>> {
  const c = await connect(url, { clean: true, reconnectPeriod: 0 });
  const got = new Map<string, string>();
  c.on('message', (topic, payload, packet) => {
    if (packet.retain) got.set(topic, payload.toString());
  });
  await c.subscribeAsync('#', { qos: 0 });
  await new Promise((r) => setTimeout(r, waitMs));
  await end(c);
  return got;
}

const seqMapping = { pattern: 'test/+/seq', deviceIdSegment: 1, metric: 'seq', unit: '', expectedIntervalS: 5 };

async function startConsole(dataDir: string, httpPort: number, args: string[]): Promise<Served> {
  return startServe(['--port', String(httpPort), '--token', token, '--data-dir', dataDir, ...args], { timeoutMs: 30_000 });
}

async function embeddedRig(tempDir: () => string): Promise<Rig> {
  const dataDir = tempDir();
  const httpPort = await freePort();
  const mqttPort = await freePort();
  const config = join(dataDir, 'settings.json');
  writeFileSync(config, JSON.stringify({ mqtt: { mappings: [seqMapping] } }));
  const args = ['--mqtt-port', String(mqttPort), '--config', config];
  let s = await startConsole(dataDir, httpPort, args);
  return {
    name: 'embedded broker',
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    serve: () => s,
    dataDir,
    connection: 'embedded',
    // The embedded broker lives in the console: killing the broker is stopping the console.
    restartBroker: async () => {
      expect(await s.stop()).toBe(0);
      s = await startConsole(dataDir, httpPort, ['--mqtt-port', String(mqttPort)]);
    },
    stop: async () => {
      await s.stop();
    },
  };
}

async function mosquittoRig(tempDir: () => string): Promise<Rig & { peer: MosquittoPeer }> {
  const peer = await startMosquitto();
  const dataDir = tempDir();
  const httpPort = await freePort();
  const config = join(dataDir, 'settings.json');
  writeFileSync(
    config,
    JSON.stringify({
      mqtt: {
        connections: [{ id: 'venue', label: 'Venue Mosquitto', host: '127.0.0.1', port: peer.port, clientId: 'showsite-it' }],
        mappings: [seqMapping],
        publish: { connection: 'venue' },
      },
    }),
  );
  const s = await startConsole(dataDir, httpPort, ['--mqtt-port', '0', '--config', config]);
  await waitFor(async () => (await call<MqttConnectionStatus[]>(s, 'mqtt.connections')).find((c) => c.id === 'venue' && c.state === 'connected'), 15_000);
  return {
    name: 'Mosquitto',
    peer,
    mqttUrl: `mqtt://127.0.0.1:${peer.port}`,
    serve: () => s,
    dataDir,
    connection: 'venue',
    restartBroker: async () => {
      await peer.stop();
      await new Promise((r) => setTimeout(r, 300));
      await peer.start();
    },
    stop: async () => {
      await s.stop();
      await peer.dispose();
    },
  };
}

const suites: { name: string; make: (tempDir: () => string) => Promise<Rig>; skip?: string }[] = [
  { name: 'embedded broker', make: embeddedRig },
  { name: 'Mosquitto', make: mosquittoRig, skip: mosquittoUnavailable() },
];

for (const suite of suites) {
  describe.skipIf(suite.skip !== undefined)(`MQTT through the ${suite.name}${suite.skip ? ` (skipped: ${suite.skip})` : ''}`, () => {
    const tempDir = useTempDirs('all');
    let rig: Rig;
    let gw: MqttClient | undefined;
    let gw2: MqttClient | undefined;
    let sim: GxSim | undefined;

    beforeAll(async () => {
      rig = await suite.make(tempDir);
    });
    afterAll(async () => {
      await end(gw);
      await end(gw2);
      await sim?.close();
      await rig?.stop();
    });

    it('gateway payloads become named readings: one device per sensor however many gateways hear it, each gateway with its RSSI', async () => {
      const s = rig.serve();
      gw = await connect(rig.mqttUrl, { clientId: 'OMG_lobby' });
      gw2 = await connect(rig.mqttUrl, { clientId: 'TheengsGateway' });
      await gw.publishAsync(h5075.topic, JSON.stringify(h5075.payload), { qos: 1 });
      await gw2.publishAsync('home/TheengsGateway/BTtoMQTT/D03038355D6F', JSON.stringify(h5105Raw), { qos: 1 });
      await gw.publishAsync('home/OMG_lobby/BTtoMQTT/D03038355D6F', JSON.stringify({ ...h5105Raw, rssi: -81 }), { qos: 1 });

      const h5105 = await waitFor(async () => (await call<Device[]>(s, 'devices.list')).find((d) => d.id === 'ble:D0:30:38:35:5D:6F' && (d.heardVia?.length ?? 0) === 2), 10_000);
      expect(h5105).toMatchObject({ model: 'H5105', source: 'ble', battery: 100, name: 'GVH5105_5D6F', needsName: 'the factory name' });
      expect(Object.fromEntries(h5105.heardVia!.map((v) => [v.gatewayId, v.rssi]))).toEqual({ TheengsGateway: -68, OMG_lobby: -81 });
      expect(h5105.heardVia!.every((v) => v.connectionId === rig.connection)).toBe(true);
      const devices = await call<Device[]>(s, 'devices.list');
      expect(devices.filter((d) => d.id.includes('D0:30:38:35:5D:6F'))).toHaveLength(1);

      const renamed = await call<Device>(s, 'devices.rename', { id: 'ble:A4:C1:38:DD:DB:F8', name: 'Stage left', room: 'Stage' });
      expect(renamed.needsName).toBeNull();
      const latest = await call<LiveReading[]>(s, 'telemetry.latest');
      const v = (id: string, metric: string) => latest.find((r) => r.deviceId === id && r.metric === metric)?.value;
      expect([v('ble:A4:C1:38:DD:DB:F8', 'temperature'), v('ble:A4:C1:38:DD:DB:F8', 'humidity')]).toEqual([26.8, 52.6]);
      expect([v('ble:D0:30:38:35:5D:6F', 'temperature'), v('ble:D0:30:38:35:5D:6F', 'humidity')]).toEqual([22.7, 44.6]);
      // A gateway source says how often it reports: stale after three of its intervals, not the site-wide 120 s.
      expect(latest.find((r) => r.deviceId === 'ble:A4:C1:38:DD:DB:F8')?.staleAfterS).toBe(360);
      const conn = (await call<MqttConnectionStatus[]>(s, 'mqtt.connections')).find((c) => c.id === rig.connection)!;
      expect(conn.state).toBe('connected');
      expect(conn.messages).toBeGreaterThanOrEqual(3);
      expect(conn.readings).toBeGreaterThanOrEqual(6);
    });

    it('a message no mapper understands is counted and shown as a reject, and nothing breaks', async () => {
      const s = rig.serve();
      await gw!.publishAsync('home/OMG_lobby/BTtoMQTT/A4C138DDDBF8', '{"id": "A4:C1:38:DD:DB:F8", "tempc": ', { qos: 1 });
      const conn = await waitFor(async () => (await call<MqttConnectionStatus[]>(s, 'mqtt.connections')).find((c) => c.id === rig.connection && c.rejected >= 1), 10_000);
      expect(conn.rejects[0]).toMatchObject({ mapper: 'omg-theengs', topic: 'home/OMG_lobby/BTtoMQTT/A4C138DDDBF8', reason: 'payload is not valid JSON' });
    });

    it('a GX simulator sees keep-alives; a write is confirmed only by its republish, and reverted when none comes', { timeout: 60_000 }, async () => {
      const s = rig.serve();
      sim = await startGxSim(rig.mqttUrl, portal);
      // The retained Serial announces the portal; the first keep-alive asks for a full republish (empty payload).
      await waitFor(() => sim!.keepAlives.length >= 1 || undefined, 10_000);
      expect(sim.keepAlives[0]!.payload).toBe('');
      const gx = await waitFor(async () => (await call<GxPortal[]>(s, 'mqtt.gx')).find((p) => p.portalId === portal && p.summary.soc === 87), 10_000);
      expect(gx).toMatchObject({ connection: rig.connection, deviceId: `victron:${portal}`, summary: { soc: 87, battery_voltage: 52.4, inverter_mode: 3, ac_out_power: 640, charge_current_limit: -1 } });
      expect(gx.controls.find((c) => c.control === 'inverter_mode')).toMatchObject({ instance: 276, value: 3, adjustable: true, pending: null });

      // Inverter off: pending at once, confirmed when the GX republishes Mode = 4.
      const afterSet = await call<GxPortal>(s, 'mqtt.gxSet', { connection: rig.connection, portalId: portal, control: 'inverter_mode', value: 4 });
      // In-process the GX may have answered before the call returns: pending, or already confirmed — never a plain 4.
      const mode = afterSet.controls.find((c) => c.control === 'inverter_mode')!;
      expect(mode.pending?.wanted ?? mode.last?.outcome).toBe(mode.pending ? 4 : 'confirmed');
      await waitFor(() => sim!.writes.find((w) => w.topic === `W/${portal}/vebus/276/Mode`), 5000);
      expect(JSON.parse(sim.writes.find((w) => w.topic === `W/${portal}/vebus/276/Mode`)!.payload)).toEqual({ value: 4 });
      const confirmed = await waitFor(async () => (await call<GxPortal[]>(s, 'mqtt.gx')).find((p) => p.portalId === portal)?.controls.find((c) => c.control === 'inverter_mode' && c.last?.outcome === 'confirmed'), 5000);
      expect(confirmed).toMatchObject({ value: 4, pending: null, last: { outcome: 'confirmed', wanted: 4, value: 4 } });

      // A GX that ignores the write (it still answers the read with the value it kept): pending, then reverted.
      sim.answerWrites = false;
      const requested = Date.now();
      await call<GxPortal>(s, 'mqtt.gxSet', { connection: rig.connection, portalId: portal, control: 'charge_current_limit', value: 30 });
      await new Promise((r) => setTimeout(r, 2000));
      const still = (await call<GxPortal[]>(s, 'mqtt.gx')).find((p) => p.portalId === portal)!.controls.find((c) => c.control === 'charge_current_limit')!;
      expect(still.pending).toMatchObject({ wanted: 30 });
      expect(still.last).toBeNull();
      const reverted = await waitFor(async () => (await call<GxPortal[]>(s, 'mqtt.gx')).find((p) => p.portalId === portal)?.controls.find((c) => c.control === 'charge_current_limit' && c.last?.outcome === 'reverted'), 15_000);
      expect(Date.now() - requested).toBeGreaterThanOrEqual(9_000);
      expect(reverted).toMatchObject({ value: -1, pending: null, last: { outcome: 'reverted', wanted: 30, value: -1 } });
      expect(reverted.last!.message).toMatch(/kept no limit \(-1\) instead of 30 A/);
      const events = await call<TimelineEvent[]>(s, 'events.list', { limit: 50 });
      expect(events.some((e) => e.severity === 'warn' && /Charge current limit on GX .* kept no limit/.test(e.message))).toBe(true);
      expect(events.some((e) => e.kind === 'operator' && /inverter mode to off \(4\)/.test(e.message))).toBe(true);
    });

    it('killing and restarting the broker loses no QoS 1 reading', { timeout: 90_000 }, async () => {
      const total = 400;
      const node = await connect(rig.mqttUrl, { clientId: 'esp32-seq-node', clean: false });
      const acks: Promise<unknown>[] = [];
      let restarted: Promise<void> | undefined;
      for (let i = 0; i < total; i++) {
        acks.push(node.publishAsync('test/seqnode/seq', String(i), { qos: 1 }));
        if (i === 150) restarted = rig.restartBroker();
        await new Promise((r) => setTimeout(r, i > 150 && i < 250 ? 10 : 2));
      }
      await restarted;
      await Promise.all(acks);
      const s = rig.serve();
      if (rig.connection !== 'embedded') {
        // The console really lost the broker, and got its persistent session back (with what was queued for it).
        const venue = await waitFor(async () => (await call<MqttConnectionStatus[]>(s, 'mqtt.connections')).find((c) => c.id === rig.connection && c.state === 'connected'), 30_000);
        expect(venue.message).toContain('session resumed');
        expect((await call<TimelineEvent[]>(s, 'events.list', { limit: 100 })).some((e) => /MQTT: .*Venue Mosquitto: .*retrying/.test(e.message))).toBe(true);
      }
      await waitFor(async () => ((await call<LiveReading[]>(s, 'telemetry.latest')).find((r) => r.deviceId === 'mqtt:seqnode')?.value === total - 1) || undefined, 30_000);
      await new Promise((r) => setTimeout(r, 600)); // one writer flush
      const db = new Database(join(rig.dataDir, 'showsite.db'), { readonly: true, fileMustExist: true });
      try {
        const values = db
          .prepare<[], { value: number }>("SELECT r.value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.device_id = 'mqtt:seqnode' AND s.metric = 'seq'")
          .all()
          .map((r) => r.value);
        const missing = Array.from({ length: total }, (_, i) => i).filter((i) => !values.includes(i));
        expect(missing).toEqual([]);
      } finally {
        db.close();
        await end(node);
      }
    });

    it('after a rename the broker’s retained set holds no topic with the old name; forgetting a device clears its topics', async () => {
      const s = rig.serve();
      await gw!.publishAsync(h5075.topic, JSON.stringify(h5075.payload), { qos: 1 });
      await call<Device>(s, 'devices.rename', { id: 'ble:A4:C1:38:DD:DB:F8', name: 'Stage left', room: 'Stage' });
      const first = await waitFor(async () => {
        const set = await retainedSet(rig.mqttUrl, 800);
        return set.get('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/state') && set.get('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/meta')?.includes('Stage left') ? set : undefined;
      }, 15_000);
      expect(JSON.parse(first.get('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/state')!)).toMatchObject({ temperature: { value: 26.8, unit: '°C' }, humidity: { value: 52.6, unit: '%' } });

      await call<Device>(s, 'devices.rename', { id: 'ble:A4:C1:38:DD:DB:F8', name: 'FOH rack', room: 'FOH' });
      const after = await waitFor(async () => {
        const set = await retainedSet(rig.mqttUrl);
        return set.get('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/meta')?.includes('FOH rack') ? set : undefined;
      }, 10_000);
      const ours = [...after].filter(([t]) => t.startsWith('showsite/'));
      expect(ours.length).toBeGreaterThanOrEqual(4);
      for (const [topic, payload] of ours) {
        expect(topic).toMatch(/^showsite\/main\/devices\/[^/]+\/(state|meta)$/);
        expect(topic).not.toMatch(/Stage left|FOH rack/);
        expect(payload).not.toContain('Stage left');
      }
      expect(JSON.parse(after.get('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/meta')!)).toMatchObject({ id: 'ble:A4:C1:38:DD:DB:F8', name: 'FOH rack', room: 'FOH', model: 'H5075' });

      await call(s, 'devices.forget', { id: 'ble:D0:30:38:35:5D:6F' });
      const gone = await waitFor(async () => {
        const set = await retainedSet(rig.mqttUrl, 800);
        return [...set.keys()].some((t) => t.includes('D0:30:38:35:5D:6F')) ? undefined : set;
      }, 10_000);
      expect(gone.has('showsite/main/devices/ble:A4:C1:38:DD:DB:F8/meta')).toBe(true);
    });
  });
}

describe('the embedded broker refuses what it cannot serve, and says why', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  let taken: ReturnType<typeof createServer>;
  let takenPort: number;
  let mqttPort: number;
  beforeAll(async () => {
    mqttPort = await freePort();
    s = await startConsole(tempDir(), await freePort(), ['--mqtt-port', String(mqttPort)]);
    takenPort = await freePort();
    taken = createServer().listen(takenPort, '127.0.0.1');
  });
  afterAll(async () => {
    await s?.stop();
    taken?.close();
  });

  it('an MQTT 5 client gets a CONNACK refusal it can show ("Unsupported Protocol Version") and the log says why', async () => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${mqttPort}`, { protocolVersion: 5, reconnectPeriod: 0 });
    const error = await new Promise<Error>((resolve) => c.once('error', resolve));
    c.end(true);
    expect(error.message).toBe('Connection refused: Unsupported Protocol Version');
    await waitFor(() => /refused an MQTT 5 client — this broker speaks MQTT 3\.1\.1/.test(s.output()) || undefined, 5000);
  });

  it('a port another program holds: the service says "port N in use — another broker? …", and the rest of the console runs', async () => {
    const before = await call<{ remote: unknown }>(s, 'settings.get');
    expect(before).toBeDefined();
    await call(s, 'settings.update', { mqtt: { broker: { port: takenPort } } });
    // serve --mqtt-port overrides the setting for this run, so the setting alone does not move it: check the run's port is unchanged…
    const status = (await call<ServiceStatus[]>(s, 'services.list')).find((x) => x.name === 'mqtt')!;
    expect(status.message).toContain(`127.0.0.1:${mqttPort}`);
    // …and a console started on a taken port reports it plainly.
    const other = await startConsole(tempDir(), await freePort(), ['--mqtt-port', String(takenPort)]);
    try {
      const st = await waitFor(async () => (await call<ServiceStatus[]>(other, 'services.list')).find((x) => x.name === 'mqtt' && x.state === 'degraded'), 10_000);
      expect(st.message).toContain(`port ${takenPort} in use — another broker? use it as an external connection or pick a port`);
      const conn = (await call<MqttConnectionStatus[]>(other, 'mqtt.connections')).find((c) => c.id === 'embedded')!;
      expect(conn.state).toBe('error');
      expect((await call<{ ok: boolean }>(other, 'system.health')).ok).toBe(true);
    } finally {
      await other.stop();
    }
  });
});
