import type { SnmpPort, SnmpSwitch } from '../../preload/contract/index.ts';
import { snmpPortStates } from '../../preload/contract/index.ts';
import { boxItemStateNames } from '../../native/snmp/mib.ts';
import type { ProfileDevice } from '../../native/snmp/profile.ts';

type PortState = (typeof snmpPortStates)[number];

/** ifOperStatus/ifAdminStatus number → name (1 up … 7 lowerLayerDown). */
const portState = (n: number | undefined): PortState | null => (n !== undefined && n >= 1 && n <= 7 ? snmpPortStates[n - 1]! : null);

/**
 * What the Network page shows of one switch, from the switch profile's device (its samples and
 * attributes: see native/snmp/profiles/switch.ts for the metric names).
 */
export function switchView(device: ProfileDevice, target: { id: string; name: string; host: string }, ts: number, seenUp: ReadonlySet<number> = new Set()): SnmpSwitch {
  const ports = new Map<number, SnmpPort>();
  const temperatures: SnmpSwitch['temperatures'] = [];
  const fans: SnmpSwitch['fans'] = [];
  const psus: SnmpSwitch['psus'] = [];
  const attributes = device.attributes ?? {};
  let uptimeS: number | null = null;

  const port = (index: number): SnmpPort => {
    let p = ports.get(index);
    if (!p) {
      p = { index, label: `#${index}`, name: null, alias: null, oper: null, admin: null, wasUp: seenUp.has(index), speedBps: null, inBps: null, outBps: null, inErrors: null, outErrors: null, inDiscards: null, outDiscards: null };
      ports.set(index, p);
    }
    return p;
  };
  // Ports that only have names (no readings yet) still belong in the grid.
  for (const key of Object.keys(attributes)) {
    const m = /^port\.(\d{1,10})\.(name|alias|label)$/.exec(key);
    if (!m) continue;
    const p = port(Number(m[1]));
    const value = attributes[key]!;
    if (m[2] === 'name') p.name = value;
    else if (m[2] === 'alias') p.alias = value;
    else p.label = value;
  }

  for (const s of device.samples) {
    if (s.metric === 'uptime') {
      uptimeS = s.value;
      continue;
    }
    const pm = /^port\.(\d{1,10})\.([a-z_]+)$/.exec(s.metric);
    if (pm) {
      const p = port(Number(pm[1]));
      switch (pm[2]) {
        case 'oper':
          p.oper = portState(s.value);
          if (p.oper === 'up') p.wasUp = true;
          break;
        case 'admin':
          p.admin = portState(s.value);
          break;
        case 'speed':
          p.speedBps = s.value;
          break;
        case 'in_bps':
          p.inBps = s.value;
          break;
        case 'out_bps':
          p.outBps = s.value;
          break;
        case 'in_errors':
          p.inErrors = s.value;
          break;
        case 'out_errors':
          p.outErrors = s.value;
          break;
        case 'in_discards':
          p.inDiscards = s.value;
          break;
        case 'out_discards':
          p.outDiscards = s.value;
          break;
      }
      continue;
    }
    const im = /^(temperature|fan|psu)\.(\d{1,10}\.\d{1,10})$/.exec(s.metric);
    if (!im) continue;
    const key = im[2]!;
    if (im[1] === 'temperature') temperatures.push({ key, celsius: s.value });
    else (im[1] === 'fan' ? fans : psus).push({ key, state: boxItemStateNames[s.value] ?? String(s.value), ok: s.value === 2 || s.value === 1 });
  }

  return {
    targetId: target.id,
    deviceId: device.sighting.id,
    name: device.name?.name ?? target.name,
    host: target.host,
    model: device.sighting.model,
    firmware: attributes.firmware ?? null,
    uptimeS,
    ts,
    ports: [...ports.values()].sort((a, b) => a.index - b.index),
    temperatures,
    fans,
    psus,
  };
}
