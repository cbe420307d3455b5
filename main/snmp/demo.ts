import { SimSnmpAgent } from '../../native/snmp/agent.ts';
import { createSimGeist, createSimSwitch } from '../../native/snmp/sim-mib.ts';
import type { RuntimeTarget } from './targets.ts';

/**
 * The demo site's SNMP half: a simulated Geist Watchdog and a simulated switch, each served by an
 * in-process agent on loopback, polled by the real poller like any target. Their devices keep stable ids
 * whatever port the agents get: `snmp:watchdog-demo:geist:<serial>` and `snmp:switch-demo:switch`.
 */

export const demoIdentities = { watchdog: 'watchdog-demo', switch: 'switch-demo' } as const;

/** The switch's port 4 flaps (down 20 s every 3 min): put the first drop this long after the demo starts. */
const firstFlapAfterS = 12;
/** Where in its 180 s cycle the simulated switch's port 4 goes down (see sim-mib.ts: offset 90 s). */
const flapPhaseS = 90;
/** The switch has been up a few days when the demo starts (and whole cycles keep the flap phase). */
const switchUpS = 3 * 86_400;

export class DemoAgents {
  private agents: SimSnmpAgent[] = [];

  /** Start both agents (their values follow `clock`); the targets that poll them, every `intervalMs`. */
  async start(clock: () => number, intervalMs: number): Promise<RuntimeTarget[]> {
    await this.stop();
    const now = clock();
    // Booted at start, so the rack exhaust climbs through its 35 °C alarm within seconds, as the old demo did.
    const watchdog = new SimSnmpAgent({ mib: createSimGeist({ bootAt: now }), now: clock });
    const bootAt = now - (switchUpS + (180 - flapPhaseS - firstFlapAfterS)) * 1000;
    const sw = new SimSnmpAgent({ mib: createSimSwitch({ bootAt, sysName: 'show-core-switch' }), now: clock });
    this.agents = [watchdog, sw];
    const [w, s] = await Promise.all([watchdog.start(), sw.start()]);
    const common = { builtIn: true, enabled: true, version: 'v2c' as const, intervalMs };
    const client = (a: { host: string; port: number }) => ({ host: a.host, port: a.port, version: '2c' as const, community: 'public', timeoutMs: 1000, retries: 1 });
    return [
      { ...common, id: 'demo-watchdog', name: 'Demo rack Watchdog', client: client(w), profile: { profile: 'geist' }, identity: { host: demoIdentities.watchdog }, room: 'Amp rack' },
      { ...common, id: 'demo-switch', name: 'Demo show switch', client: client(s), profile: { profile: 'switch' }, identity: { host: demoIdentities.switch }, room: 'FOH' },
    ];
  }

  async stop(): Promise<void> {
    const agents = this.agents;
    this.agents = [];
    await Promise.all(agents.map((a) => a.stop()));
  }
}
