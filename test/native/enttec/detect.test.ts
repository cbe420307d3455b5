import { describe, expect, it } from 'vitest';
import { enttecCandidates, enttecScore } from '../../../native/enttec/detect.ts';
import type { SerialPortEntry } from '../../../native/serial/list.ts';

const port = (path: string, vendorId: string | null = null, productId: string | null = null, stablePath: string | null = null): SerialPortEntry => ({ path, stablePath, vendorId, productId, serialNumber: null, manufacturer: null, product: null });

describe('Enttec auto-detect: which ports to ask', () => {
  it('FTDI 0403:6001 ranks first, then 0403:6010 and 0x0400, then USB-serial names of unknown id', () => {
    expect(enttecScore(port('/dev/ttyUSB3', '0403', '6001'))).toBe(3);
    expect(enttecScore(port('/dev/ttyUSB2', '0403', '6010'))).toBe(2);
    expect(enttecScore(port('/dev/ttyUSB4', '0400', '1234'))).toBe(2);
    expect(enttecScore(port('/dev/ttyUSB5', '1234', '0400'))).toBe(2);
    expect(enttecScore(port('/dev/ttyUSB0'))).toBe(1);
    expect(enttecScore(port('/dev/cu.usbserial-EN123456'))).toBe(1);
  });

  it('never an Arduino, a modem or a known non-FTDI device (opening an Arduino resets it)', () => {
    expect(enttecScore(port('/dev/ttyACM0', '2341', '0043'))).toBe(0); // Arduino Uno
    expect(enttecScore(port('/dev/ttyACM1'))).toBe(0); // CDC-ACM with no ids: not an FTDI
    expect(enttecScore(port('/dev/ttyUSB1', '10c4', 'ea60'))).toBe(0); // CP210x with known ids
    expect(enttecScore(port('COM3'))).toBe(0);
  });

  it('best first, by-id paths preferred (they survive a replug), excluded ports left alone', () => {
    const ports = [
      port('/dev/ttyUSB0'),
      port('/dev/ttyUSB2', '0403', '6001', '/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN1-if00-port0'),
      port('/dev/ttyUSB1', '0403', '6010'),
      port('/dev/ttyUSB10', '0403', '6001'),
      port('/dev/ttyACM0', '2341', '0043'),
    ];
    expect(enttecCandidates(ports).map((c) => c.path)).toEqual(['/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN1-if00-port0', '/dev/ttyUSB10', '/dev/ttyUSB1', '/dev/ttyUSB0']);
    // A DMX text input's port is never probed, whichever of its two paths the settings name.
    expect(enttecCandidates(ports, ['/dev/ttyUSB10', '/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN1-if00-port0']).map((c) => c.path)).toEqual(['/dev/ttyUSB1', '/dev/ttyUSB0']);
    expect(enttecCandidates(ports, ['/dev/ttyUSB2']).map((c) => c.path)).not.toContain('/dev/serial/by-id/usb-ENTTEC_DMX_USB_PRO_EN1-if00-port0');
  });
});
