import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSerialPorts, normaliseUsbId } from '../../../native/serial/list.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const udevMissing = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });

/** A /dev and /sys tree as Linux lays it out for an FTDI widget (ttyUSB0) and a CDC-ACM board (ttyACM0). */
function fakeLinux(root: string) {
  const usb = join(root, 'sys/devices/pci0000:00/0000:00:14.0/usb1/1-2');
  mkdirSync(join(usb, '1-2:1.0/ttyUSB0'), { recursive: true });
  for (const [f, v] of Object.entries({ idVendor: '0403\n', idProduct: '6001\n', serial: 'EN123456\n', manufacturer: 'ENTTEC\n', product: 'DMX USB PRO\n' })) writeFileSync(join(usb, f), v);
  const acm = join(root, 'sys/devices/pci0000:00/0000:00:14.0/usb1/1-3');
  mkdirSync(join(acm, '1-3:1.0/tty/ttyACM0'), { recursive: true });
  for (const [f, v] of Object.entries({ idVendor: '1b4f\n', idProduct: '0016\n', product: 'SparkFun ESP32 Thing Plus\n' })) writeFileSync(join(acm, f), v);
  mkdirSync(join(root, 'sys/class/tty/ttyUSB0'), { recursive: true });
  mkdirSync(join(root, 'sys/class/tty/ttyACM0'), { recursive: true });
  symlinkSync(join(usb, '1-2:1.0'), join(root, 'sys/class/tty/ttyUSB0/device'));
  symlinkSync(join(acm, '1-3:1.0'), join(root, 'sys/class/tty/ttyACM0/device'));
  mkdirSync(join(root, 'dev/serial/by-id'), { recursive: true });
  for (const n of ['ttyUSB0', 'ttyACM0', 'ttyS0', 'tty1']) writeFileSync(join(root, 'dev', n), '');
  symlinkSync('../../ttyUSB0', join(root, 'dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN123456-if00-port0'));
  symlinkSync('../../ttyGONE', join(root, 'dev/serial/by-id/usb-dangling')); // unplugged while we look
}

describe('serial port list', () => {
  const tempDir = useTempDirs();

  it('without udevadm: reads /dev/serial/by-id, /dev/ttyUSB*, /dev/ttyACM* and the USB ids from /sys, and says why', async () => {
    const root = tempDir();
    fakeLinux(root);
    const listing = await listSerialPorts({ platform: 'linux', root, system: () => Promise.reject(udevMissing) });
    expect(listing.method).toBe('scan');
    expect(listing.note).toMatch(/udevadm is not installed: listed from \/dev\/serial\/by-id/);
    expect(listing.ports).toEqual([
      { path: join(root, 'dev/ttyACM0'), stablePath: null, vendorId: '1b4f', productId: '0016', serialNumber: null, manufacturer: null, product: 'SparkFun ESP32 Thing Plus' },
      {
        path: join(root, 'dev/ttyUSB0'),
        stablePath: join(root, 'dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN123456-if00-port0'),
        vendorId: '0403',
        productId: '6001',
        serialNumber: 'EN123456',
        manufacturer: 'ENTTEC',
        product: 'DMX USB PRO',
      },
    ]);
  });

  it('the system list when it works: ids normalised to 4 lower-case hex digits, by-id path from pnpId, legacy ttyS dropped', async () => {
    const listing = await listSerialPorts({
      platform: 'linux',
      system: async () => [
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'EN123456', manufacturer: 'ENTTEC', pnpId: 'usb-ENTTEC_DMX_USB_PRO_EN123456-if00-port0' },
      ],
    });
    expect(listing).toEqual({
      method: 'system',
      note: null,
      ports: [{ path: '/dev/ttyUSB0', stablePath: '/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN123456-if00-port0', vendorId: '0403', productId: '6001', serialNumber: 'EN123456', manufacturer: 'ENTTEC', product: null }],
    });
    const win = await listSerialPorts({ platform: 'win32', system: async () => [{ path: 'COM3', vendorId: '0403', productId: '6001', pnpId: 'FTDIBUS\\VID_0403+PID_6001+EN123456A\\0000' }] });
    expect(win.ports[0]).toMatchObject({ path: 'COM3', stablePath: null, vendorId: '0403', productId: '6001' });
  });

  it('macOS without the system list: /dev/cu.usbserial-*; Windows: an empty list that says what to do', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'dev'));
    for (const n of ['cu.usbserial-EN123456', 'tty.usbserial-EN123456', 'cu.Bluetooth-Incoming-Port']) writeFileSync(join(root, 'dev', n), '');
    const mac = await listSerialPorts({ platform: 'darwin', root, system: () => Promise.reject(new Error('IOKit said no')) });
    expect(mac.ports.map((p) => p.path)).toEqual([join(root, 'dev/cu.usbserial-EN123456')]);
    expect(mac.note).toMatch(/the system list failed \(IOKit said no\)/);
    const win = await listSerialPorts({ platform: 'win32', system: () => Promise.reject(new Error('SetupAPI failed')) });
    expect(win).toMatchObject({ ports: [], method: 'scan' });
    expect(win.note).toMatch(/type the COM port/);
  });

  it.runIf(process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v udevadm']).status !== 0)('on this machine (no udevadm) the real list degrades to the scan and says so', async () => {
    const listing = await listSerialPorts();
    expect(listing.method).toBe('scan');
    expect(listing.note).toMatch(/udevadm is not installed/);
  });

  it('USB ids: hex of any case or width, with or without 0x; anything else is unknown', () => {
    expect(normaliseUsbId('0403')).toBe('0403');
    expect(normaliseUsbId('403')).toBe('0403');
    expect(normaliseUsbId('0x6001')).toBe('6001');
    expect(normaliseUsbId('6D0A')).toBe('6d0a');
    expect(normaliseUsbId('')).toBeNull();
    expect(normaliseUsbId(undefined)).toBeNull();
    expect(normaliseUsbId('zz')).toBeNull();
    expect(normaliseUsbId('12345')).toBeNull();
  });
});
