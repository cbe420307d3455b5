import type { LiveReading } from '../../../preload/contract/index.ts';

/**
 * A switch's dozens of port series summed up for one Dashboard tile: how many ports are up or down, the
 * total traffic, the hottest sensor and any fan or PSU not working (metric names from
 * native/snmp/profiles/switch.ts). Pure.
 */
export interface SwitchSummary {
  /** Ports whose link is up. */
  up: number;
  /** Enabled (admin up) ports without a link. */
  down: number;
  /** Ports switched off (admin down). */
  disabled: number;
  /** Sum over ports, bit/s (null when no port reports a rate yet). */
  inBps: number | null;
  outBps: number | null;
  /** Errors per second over all ports, in + out (null when none reported). */
  errorsPerS: number | null;
  /** Hottest temperature sensor (null when none). */
  maxTemperature: LiveReading | null;
  /** Fans and PSUs present but not operational ("fan 1.2", "PSU 1.1"). */
  faults: string[];
  uptimeS: number | null;
}

const portMetric = /^port\.(\d{1,10})\.([a-z_]+)$/;

/** True when the readings look like a switch's (ports reported as `port.N.oper`). */
export const isSwitchReadings = (readings: readonly Pick<LiveReading, 'metric'>[]): boolean => readings.some((r) => /^port\.\d+\.oper$/.test(r.metric));

// boxServices item states: 1 not present, 2 operational; the rest (failed, no power…) are faults.
const NOT_PRESENT = 1;
const OPERATIONAL = 2;

export function summariseSwitch(readings: readonly LiveReading[]): SwitchSummary {
  const oper = new Map<number, number>();
  const admin = new Map<number, number>();
  let inBps: number | null = null;
  let outBps: number | null = null;
  let errorsPerS: number | null = null;
  let maxTemperature: LiveReading | null = null;
  const faults: string[] = [];
  let uptimeS: number | null = null;
  for (const r of readings) {
    const m = portMetric.exec(r.metric);
    if (m) {
      const port = Number(m[1]);
      switch (m[2]) {
        case 'oper':
          oper.set(port, r.value);
          break;
        case 'admin':
          admin.set(port, r.value);
          break;
        case 'in_bps':
          inBps = (inBps ?? 0) + r.value;
          break;
        case 'out_bps':
          outBps = (outBps ?? 0) + r.value;
          break;
        case 'in_errors':
        case 'out_errors':
          errorsPerS = (errorsPerS ?? 0) + r.value;
          break;
      }
      continue;
    }
    if (r.metric === 'uptime') uptimeS = r.value;
    else if (/^temperature(\.|$)/.test(r.metric)) {
      if (!maxTemperature || r.value > maxTemperature.value) maxTemperature = r;
    } else {
      const item = /^(fan|psu)\.(.+)$/.exec(r.metric);
      if (item && r.value !== NOT_PRESENT && r.value !== OPERATIONAL) faults.push(`${item[1] === 'psu' ? 'PSU' : 'fan'} ${item[2]}`);
    }
  }
  let up = 0;
  let down = 0;
  let disabled = 0;
  for (const [port, state] of oper) {
    if (state === 1) up++;
    else if (admin.get(port) === 2) disabled++;
    else down++;
  }
  return { up, down, disabled, inBps, outBps, errorsPerS, maxTemperature, faults: faults.sort(), uptimeS };
}
