/**
 * The serial ports on this computer, with their USB identity when it can be known.
 *
 * The system list (serialport's: udev on Linux, IOKit on macOS, SetupAPI on Windows) comes first. Where it
 * fails — on Linux it runs `udevadm`, which containers and minimal installs lack — the list degrades to
 * reading /dev and /sys directly (/dev/serial/by-id, /dev/ttyUSB*, /dev/ttyACM*; macOS /dev/cu.usbserial-*)
 * and says so in `note`. Windows has nothing to scan: there the note says why the list is empty.
 */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface SerialPortEntry {
  path: string;
  /** `/dev/serial/by-id/…`: the same widget keeps this path in any USB socket. */
  stablePath: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  product: string | null;
}

export interface SerialPortListing {
  ports: SerialPortEntry[];
  method: 'system' | 'scan';
  note: string | null;
}

/** What serialport's list() gives (its PortInfo, without importing its internals). */
export interface SystemPortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface ListOptions {
  system?: () => Promise<SystemPortInfo[]>;
  platform?: NodeJS.Platform;
  /** Prefix for /dev and /sys (tests build a fake tree). */
  root?: string;
}

// Loaded on first use: serialport (all its parsers) is slow to import, and the DMX worker must start fast.
const systemList = async (): Promise<SystemPortInfo[]> => (await import('serialport')).SerialPort.list();
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** USB ids as 4 lower-case hex digits ("403" and "0x0403" → "0403"); null when absent or not hex. */
export function normaliseUsbId(id: string | undefined | null): string | null {
  if (!id) return null;
  const hex = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : null;
}

export async function listSerialPorts(options: ListOptions = {}): Promise<SerialPortListing> {
  const platform = options.platform ?? process.platform;
  const root = options.root ?? '';
  let why: string;
  try {
    const found = await (options.system ?? systemList)();
    const ports = found
      .filter((p) => !(/^\/dev\/ttyS\d+$/.test(p.path) && !p.vendorId)) // the motherboard's legacy UARTs: dozens, none of them ours
      .map((p) => ({
        path: p.path,
        stablePath: p.pnpId && platform === 'linux' ? `/dev/serial/by-id/${p.pnpId}` : null,
        vendorId: normaliseUsbId(p.vendorId),
        productId: normaliseUsbId(p.productId),
        serialNumber: p.serialNumber || null,
        manufacturer: p.manufacturer || null,
        product: null,
      }));
    return { ports: sortByPath(ports), method: 'system', note: null };
  } catch (error) {
    why = /udevadm/.test(describe(error)) && /ENOENT/.test(describe(error)) ? 'udevadm is not installed' : `the system list failed (${describe(error)})`;
  }
  if (platform === 'linux') return { ports: sortByPath(await scanLinux(root)), method: 'scan', note: `${why}: listed from /dev/serial/by-id, /dev/ttyUSB* and /dev/ttyACM* instead` };
  if (platform === 'darwin') return { ports: sortByPath(await scanMac(root)), method: 'scan', note: `${why}: listed /dev/cu.usbserial-* and /dev/cu.usbmodem* instead (no USB ids)` };
  return { ports: [], method: 'scan', note: `${why}; there is nothing to scan on ${platform}: type the COM port into Settings → DMX` };
}

const sortByPath = (ports: SerialPortEntry[]) => ports.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

async function scanLinux(root: string): Promise<SerialPortEntry[]> {
  const dev = join(root, '/dev');
  const byIdDir = join(dev, 'serial/by-id');
  const stable = new Map<string, string>();
  for (const link of await entries(byIdDir)) {
    try {
      stable.set(await realpath(join(byIdDir, link)), join(byIdDir, link));
    } catch {
      // a dangling link: the device went away while we looked
    }
  }
  const paths = new Set<string>(stable.keys());
  for (const name of await entries(dev)) if (/^tty(USB|ACM)\d+$/.test(name)) paths.add(join(dev, name));
  const out: SerialPortEntry[] = [];
  for (const path of paths) out.push({ path, stablePath: stable.get(path) ?? null, ...(await usbIdentity(root, basename(path))) });
  return out;
}

/** /sys/class/tty/<name>/device is the USB interface; its parent (or a few levels up) holds the ids. */
async function usbIdentity(root: string, name: string): Promise<Pick<SerialPortEntry, 'vendorId' | 'productId' | 'serialNumber' | 'manufacturer' | 'product'>> {
  const none = { vendorId: null, productId: null, serialNumber: null, manufacturer: null, product: null };
  let dir: string;
  try {
    dir = await realpath(join(root, '/sys/class/tty', name, 'device'));
  } catch {
    return none;
  }
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    const vendor = await readText(join(dir, 'idVendor'));
    if (vendor === null) continue;
    return {
      vendorId: normaliseUsbId(vendor),
      productId: normaliseUsbId(await readText(join(dir, 'idProduct'))),
      serialNumber: await readText(join(dir, 'serial')),
      manufacturer: await readText(join(dir, 'manufacturer')),
      product: await readText(join(dir, 'product')),
    };
  }
  return none;
}

async function scanMac(root: string): Promise<SerialPortEntry[]> {
  const dev = join(root, '/dev');
  return (await entries(dev))
    .filter((n) => /^cu\.(usbserial|usbmodem)/.test(n))
    .map((n) => ({ path: join(dev, n), stablePath: null, vendorId: null, productId: null, serialNumber: null, manufacturer: null, product: null }));
}
