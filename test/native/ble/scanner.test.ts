import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { NobleScanner, advertisementFromNoble, unavailableReason, type ScanListener, type ScanReport, type ScannerState } from '../../../native/ble/scanner.ts';
import { FakeNoble } from '../../helpers/fake-noble.ts';
import { bytes } from './helpers.ts';

function collector() {
  const states: ScannerState[] = [];
  const reports: ScanReport[] = [];
  const listener: ScanListener = { advertisement: (r) => reports.push(r), malformed: () => undefined, state: (s) => states.push(s) };
  return { states, reports, listener, last: () => states[states.length - 1] };
}

const tick = () => new Promise<void>((r) => setImmediate(r));
const scanners: NobleScanner[] = [];
afterEach(async () => {
  for (const s of scanners.splice(0)) await s.stop();
});
function scannerWith(load: () => Promise<unknown>, options: { restartDelayMs?: number; platform?: string } = {}) {
  const s = new NobleScanner({ load, now: () => 1_700_000_000_000, ...options });
  scanners.push(s);
  return s;
}

describe('unavailableReason: what an operator is told', () => {
  const cases: [string, unknown, RegExp][] = [
    ['noble not installed', Object.assign(new Error("Cannot find package '@abandonware/noble' imported from /app/dist/core/cli.js"), { code: 'ERR_MODULE_NOT_FOUND' }), /^Bluetooth support is not installed/],
    ['hci-socket not installed', Object.assign(new Error("Cannot find module '@abandonware/bluetooth-hci-socket'"), { code: 'MODULE_NOT_FOUND' }), /bluetooth-hci-socket\) is not installed.*make, g\+\+ and python3/],
    [
      'built for another ABI',
      Object.assign(new Error('The module \'/x/bluetooth_hci_socket.node\'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 127.'), { code: 'ERR_DLOPEN_FAILED' }),
      /built for another Node\.js or Electron version.*npm rebuild @abandonware\/bluetooth-hci-socket/,
    ],
    ['dlopen other', Object.assign(new Error('libfoo.so: cannot open shared object file'), { code: 'ERR_DLOPEN_FAILED' }), /could not be loaded \(libfoo\.so/],
    ['no AF_BLUETOOTH', Object.assign(new Error('Address family not supported by protocol'), { code: 'EAFNOSUPPORT' }), /^no adapter \(AF_BLUETOOTH not supported\)$/],
    ['no AF_BLUETOOTH as text', 'Address family not supported by protocol', /^no adapter \(AF_BLUETOOTH not supported\)$/],
    ['no controller', Object.assign(new Error('No such device'), { code: 'ENODEV' }), /^no adapter \(no Bluetooth controller found\)$/],
    ['no permission', Object.assign(new Error('Operation not permitted'), { code: 'EPERM' }), /^no permission \(scanning needs CAP_NET_RAW/],
    ['unknown', new Error('boom\nstack line'), /^could not start the scanner \(boom\)$/],
  ];
  it.each(cases)('%s', (_name, error, expected) => {
    expect(unavailableReason(error, 'linux', false)).toMatch(expected);
  });

  it('the rebuild hint fits the runtime (the desktop app runs in Electron)', () => {
    const abi = Object.assign(new Error('was compiled against a different Node.js version using\nNODE_MODULE_VERSION 127.'), { code: 'ERR_DLOPEN_FAILED' });
    expect(unavailableReason(abi, 'linux', false)).toMatch(/npm rebuild @abandonware\/bluetooth-hci-socket\)$/);
    expect(unavailableReason(abi, 'linux', true)).toMatch(/npx @electron\/rebuild -o @abandonware\/bluetooth-hci-socket\)$/);
  });

  it('the permission hint fits the platform', () => {
    expect(unavailableReason({ code: 'EPERM', message: 'x' }, 'darwin')).toMatch(/Privacy & Security → Bluetooth/);
    expect(unavailableReason({ code: 'EPERM', message: 'x' }, 'win32')).toMatch(/Settings → Privacy/);
  });
});

describe('advertisementFromNoble', () => {
  it('splits the company id off the manufacturer data, upper-cases the MAC, keeps name, UUIDs, RSSI', () => {
    const { advertisement, peripheralId } = advertisementFromNoble({
      id: 'a4c138dddbf8',
      address: 'a4:c1:38:dd:db:f8',
      addressType: 'public',
      rssi: -63,
      advertisement: { localName: 'GVH5075_DBF8', manufacturerData: Buffer.from(bytes('88ec00034db26400')), serviceUuids: ['ec88'], serviceData: [{ uuid: 'fe95', data: Buffer.from([1, 2]) }], txPowerLevel: -4 },
    });
    expect(peripheralId).toBeUndefined();
    expect(advertisement).toMatchObject({ mac: 'A4:C1:38:DD:DB:F8', addressType: 0, rssi: -63, name: 'GVH5075_DBF8', serviceUuids: ['ec88'], txPower: -4 });
    expect(advertisement.manufacturerData[0]!.companyId).toBe(0xec88);
    expect([...advertisement.manufacturerData[0]!.data]).toEqual([0x00, 0x03, 0x4d, 0xb2, 0x64, 0x00]);
    expect(advertisement.serviceData[0]!.uuid).toBe('fe95');
    // Home Assistant #81335's H5075: 0x034DB2 → 21.6 °C.
    expect(decodeAdvertisement(advertisement)).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 21.6 } });
  });

  it('macOS hides MACs: the peripheral id is given instead; junk fields are ignored', () => {
    const r = advertisementFromNoble({ id: '2f1a…uuid', address: '', rssi: 127, advertisement: { localName: 7, manufacturerData: 'x', serviceUuids: [3, 'nope'] } });
    expect(r.peripheralId).toBe('2f1a…uuid');
    expect(r.advertisement).toEqual({ serviceUuids: [], manufacturerData: [], serviceData: [] });
  });
});

describe('NobleScanner over a fake noble', () => {
  it('loads noble only on start, scans actively with duplicates once powered on, and merges names per MAC', async () => {
    const noble = new FakeNoble();
    let loads = 0;
    const s = scannerWith(async () => {
      loads++;
      return { default: noble };
    });
    expect(loads).toBe(0);
    const c = collector();
    await s.start(c.listener);
    expect(loads).toBe(1);
    noble.power('poweredOn');
    await tick();
    expect(noble.scans).toEqual([{ uuids: [], allowDuplicates: true }]);
    expect(c.last()).toEqual({ state: 'scanning', message: 'scanning' });

    // An H5105 (company 0x0001): data first without a name, then the scan response with the name, then data again.
    noble.discover({ address: 'd0:30:38:35:5d:6f', mfr: '0100010103787664', uuids: ['ec88'] });
    noble.discover({ address: 'd0:30:38:35:5d:6f', localName: 'GVH5105_5D6F' });
    noble.discover({ address: 'd0:30:38:35:5d:6f', mfr: '0100010103787664' });
    expect(c.reports).toHaveLength(3);
    expect(decodeAdvertisement(c.reports[0]!.advertisement)).toMatchObject({ ok: false });
    expect(decodeAdvertisement(c.reports[2]!.advertisement)).toMatchObject({ ok: true, model: 'H5105', mac: 'D0:30:38:35:5D:6F', readings: { temperature: 22.7 } });
    expect(c.reports[2]!.ts).toBe(1_700_000_000_000);
  });

  it('adapter switched off and on at runtime: waits, then scans again by itself', async () => {
    const noble = new FakeNoble();
    const s = scannerWith(async () => noble);
    const c = collector();
    await s.start(c.listener);
    noble.power('poweredOn');
    await tick();
    noble.power('poweredOff');
    expect(c.last()).toEqual({ state: 'waiting', reason: 'the adapter is powered off; scanning resumes when it is switched on' });
    noble.power('poweredOn');
    await tick();
    expect(noble.scans).toHaveLength(2);
    expect(c.last()?.state).toBe('scanning');
  });

  it('a scan the adapter ends on its own is restarted', async () => {
    const noble = new FakeNoble();
    const s = scannerWith(async () => noble, { restartDelayMs: 5 });
    const c = collector();
    await s.start(c.listener);
    noble.power('poweredOn');
    await tick();
    noble.emit('scanStop');
    expect(c.last()).toMatchObject({ state: 'waiting' });
    await new Promise((r) => setTimeout(r, 30));
    expect(noble.scans).toHaveLength(2);
    expect(c.last()?.state).toBe('scanning');
  });

  it('no permission and no BLE support are reported, not thrown', async () => {
    for (const [state, expected] of [
      ['unauthorized', /^no permission/],
      ['unsupported', /does not support Bluetooth Low Energy/],
    ] as const) {
      const noble = new FakeNoble();
      const s = scannerWith(async () => noble);
      const c = collector();
      await s.start(c.listener);
      noble.power(state);
      expect(c.last()).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(expected) });
      expect(noble.scans).toEqual([]);
    }
  });

  it('a backend that fails to initialise (no AF_BLUETOOTH) makes it unavailable with the reason', async () => {
    const noble = new FakeNoble({ initError: Object.assign(new Error('Address family not supported by protocol'), { code: 'EAFNOSUPPORT' }) });
    const s = scannerWith(async () => noble);
    const c = collector();
    await s.start(c.listener);
    expect(c.last()).toEqual({ state: 'unavailable', reason: 'no adapter (AF_BLUETOOTH not supported)' });
  });

  it('a module that cannot be loaded makes it unavailable; start never rejects', async () => {
    const s = scannerWith(async () => {
      throw Object.assign(new Error("Cannot find package '@abandonware/noble'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    const c = collector();
    await expect(s.start(c.listener)).resolves.toBeUndefined();
    expect(c.last()).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/^Bluetooth support is not installed/) });
    const odd = scannerWith(async () => ({ nothing: true }));
    const d = collector();
    await odd.start(d.listener);
    expect(d.last()).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/does not look like noble/) });
  });

  it('removes the SIGINT handler noble installs (the core shuts down itself) and its own listeners on stop', async () => {
    const noble = new FakeNoble();
    const before = process.listenerCount('SIGINT');
    const s = scannerWith(async () => noble);
    await s.start(collector().listener);
    expect(process.listeners('SIGINT')).not.toContain(noble.sigint);
    expect(process.listenerCount('SIGINT')).toBe(before);
    noble.power('poweredOn');
    await tick();
    await s.stop();
    expect(noble.stops).toBe(1);
    for (const e of ['stateChange', 'discover', 'scanStop', 'scanStart', 'warning']) expect(noble.listenerCount(e)).toBe(0);
  });

  it('a second start in the same process (noble already initialised and powered on) scans at once', async () => {
    const noble = new FakeNoble();
    const first = scannerWith(async () => noble);
    await first.start(collector().listener);
    noble.power('poweredOn');
    await tick();
    await first.stop();
    const again = scannerWith(async () => noble);
    const c = collector();
    await again.start(c.listener);
    await tick();
    expect(noble.scans).toHaveLength(2);
    expect(c.last()?.state).toBe('scanning');
  });
});

describe('the real module on this machine', () => {
  it('is imported lazily: scanner.ts has no static import or require of noble', () => {
    const source = readFileSync(new URL('../../../native/ble/scanner.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import[^;]*['"]@abandonware\/noble['"]/m);
    expect(source).not.toMatch(/require\(/);
  });

  it('starting the real scanner never throws: it scans, or says why Bluetooth is unavailable', async () => {
    const s = new NobleScanner({ answerTimeoutMs: 2000 });
    scanners.push(s);
    const c = collector();
    await s.start(c.listener);
    const end = Date.now() + 5000;
    while (c.last()?.state === 'starting' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const last = c.last()!;
    // Here (PEERS.md: no Bluetooth, a native backend built for another ABI) it is 'unavailable' with a reason.
    if (last.state === 'unavailable') expect(last.reason).toMatch(/^(no adapter|the Bluetooth module|Bluetooth support is not installed|the Linux Bluetooth module|no permission|could not start)/);
    else expect(['scanning', 'waiting']).toContain(last.state);
  });
});
