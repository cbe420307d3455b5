import { createHash } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

export interface Ipv4Interface {
  name: string;
  address: string;
  netmask: string;
  /** Directed broadcast: address | ~netmask (what Art-Net asks for instead of 255.255.255.255). */
  broadcast: string;
  mac: string;
  internal: boolean;
}

const toInt = (ip: string) => ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

export function directedBroadcast(address: string, netmask: string): string {
  return toIp((toInt(address) | ~toInt(netmask)) >>> 0);
}

/** This computer's IPv4 interfaces, loopback included (Art-Net on one machine, tests). */
export function ipv4Interfaces(source = networkInterfaces()): Ipv4Interface[] {
  const out: Ipv4Interface[] = [];
  for (const [name, list] of Object.entries(source)) {
    for (const i of list ?? []) {
      if (i.family !== 'IPv4') continue;
      out.push({ name, address: i.address, netmask: i.netmask, broadcast: directedBroadcast(i.address, i.netmask), mac: i.mac, internal: i.internal });
    }
  }
  return out;
}

/** A stable sACN CID for this installation: a UUID derived from the host name and the data folder. */
export function stableCid(dataDir: string): string {
  const h = createHash('sha256').update(`${hostname()}\0${dataDir}`).digest('hex');
  // RFC 4122 layout with version 5-ish bits, so receivers that print it see a well-formed UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
