import { describe, expect, it } from 'vitest';
import {
  DMX_SLOTS,
  ENTTEC_ESTA_ID,
  EnttecLabel,
  FULL_DMX_FRAME_SIZE,
  applyChangeOfState,
  changeOfStatePayload,
  decodeChangeOfState,
  decodeDeviceName,
  decodeManufacturer,
  decodeParams,
  decodeReceivedDmx,
  decodeSerial,
  decodeSetParams,
  encodeDeviceNameRequest,
  encodeDmx,
  encodeDmxInto,
  encodeFrame,
  encodeGetParams,
  encodeHardwareVersionRequest,
  encodeManufacturerRequest,
  encodeReceiveOnChange,
  encodeSerialRequest,
  encodeSetParams,
  formatFirmware,
  identityPayload,
  serialPayload,
  timingProblem,
} from '../../../native/enttec/codec.ts';

/** "7e 06 04 00" → bytes: vectors below are copied from PROTOCOLS.md §3 as written there. */
const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const bytes = (...xs: number[]) => Uint8Array.from(xs);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function value<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`expected a value, got reject: ${r.reason}`);
  return r.value;
}

describe('label constants', () => {
  it('match the USB Pro API / OLA numbering', () => {
    expect(EnttecLabel).toMatchObject({
      getParams: 3,
      setParams: 4,
      receivedDmx: 5,
      sendDmx: 6,
      receiveDmxOnChange: 8,
      changeOfState: 9,
      serialNumber: 10,
      hardwareVersion: 14,
      manufacturer: 77,
      deviceName: 78,
    });
    expect(ENTTEC_ESTA_ID).toBe(0x454e);
  });
});

describe('framing (PROTOCOLS.md §3.1)', () => {
  it('writes the frame OLA writes for ola_set_dmx -d 255,128,0', () => {
    expect(encodeDmx(bytes(255, 128, 0))).toEqual(hex('7e 06 04 00 00 ff 80 00 e7'));
  });

  it('reproduces the OLA unit-test frames', () => {
    expect(encodeFrame(0)).toEqual(hex('7e 00 00 00 e7'));
    expect(encodeFrame(10, new Uint8Array(0))).toEqual(hex('7e 0a 00 00 e7'));
    expect(encodeSerialRequest()).toEqual(hex('7e 0a 00 00 e7'));
    expect(encodeFrame(11, hex('de ad be ef'))).toEqual(hex('7e 0b 04 00 de ad be ef e7'));
    expect(encodeFrame(10, hex('e7 e7 7e e7'))).toEqual(hex('7e 0a 04 00 e7 e7 7e e7 e7'));
  });

  it('encodes a full universe as 518 bytes with length 0x0201', () => {
    const slots = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const out = new Uint8Array(600).fill(0xaa);
    expect(encodeDmxInto(out, slots)).toBe(518);
    expect(FULL_DMX_FRAME_SIZE).toBe(518);
    expect([...out.subarray(0, 5)]).toEqual([0x7e, 0x06, 0x01, 0x02, 0x00]);
    expect(out.subarray(5, 517)).toEqual(slots);
    expect(out[517]).toBe(0xe7);
    expect(out[518]).toBe(0xaa); // nothing written past the frame
  });

  it('reuses one buffer: a shorter frame after a longer one is complete on its own', () => {
    const out = new Uint8Array(FULL_DMX_FRAME_SIZE);
    encodeDmxInto(out, new Uint8Array(512).fill(9));
    const n = encodeDmxInto(out, bytes(255, 128, 0));
    expect(out.subarray(0, n)).toEqual(hex('7e 06 04 00 00 ff 80 00 e7'));
  });

  it('writes a non-zero start code when asked (the default is 0)', () => {
    expect(encodeDmx(bytes(1), 0xcc)).toEqual(hex('7e 06 02 00 cc 01 e7'));
    expect(encodeDmx(new Uint8Array(0))).toEqual(hex('7e 06 01 00 00 e7'));
  });

  it('refuses what no widget could take', () => {
    expect(() => encodeDmxInto(new Uint8Array(1000), new Uint8Array(513))).toThrow(RangeError);
    expect(() => encodeDmxInto(new Uint8Array(517), new Uint8Array(512))).toThrow(/needs 518/);
    expect(() => encodeFrame(6, new Uint8Array(601))).toThrow(RangeError);
    expect(() => encodeFrame(256)).toThrow(RangeError);
    expect(() => encodeFrame(-1)).toThrow(RangeError);
    expect(encodeFrame(6, new Uint8Array(600)).length).toBe(605);
  });
});

describe('requests', () => {
  it('label 3 get-params asks for no user config: payload 00 00', () => {
    expect(encodeGetParams()).toEqual(hex('7e 03 02 00 00 00 e7'));
    expect(encodeGetParams(300)).toEqual(hex('7e 03 02 00 2c 01 e7'));
  });

  it('label 4 set-params matches the OLA test payload 00 00 09 3f 14', () => {
    expect(encodeSetParams({ breakTime: 9, mabTime: 63, rate: 20 })).toEqual(hex('7e 04 05 00 00 00 09 3f 14 e7'));
    expect(encodeSetParams({ breakTime: 9, mabTime: 1, rate: 40 }, bytes(1, 2))).toEqual(hex('7e 04 07 00 02 00 09 01 28 01 02 e7'));
  });

  it('label 4 validates break 9–127, MAB 1–127, rate 1–40', () => {
    const ok = { breakTime: 9, mabTime: 1, rate: 1 };
    expect(timingProblem(ok)).toBeUndefined();
    expect(timingProblem({ breakTime: 127, mabTime: 127, rate: 40 })).toBeUndefined();
    expect(timingProblem({ ...ok, rate: 0 })).toMatch(/rate.*1–40/);
    expect(timingProblem({ ...ok, rate: 41 })).toMatch(/rate/);
    expect(timingProblem({ ...ok, breakTime: 8 })).toMatch(/break/);
    expect(timingProblem({ ...ok, breakTime: 128 })).toMatch(/break/);
    expect(timingProblem({ ...ok, mabTime: 0 })).toMatch(/mark-after-break/);
    expect(timingProblem({ ...ok, rate: 20.5 })).toMatch(/whole number/);
    expect(() => encodeSetParams({ ...ok, rate: 41 })).toThrow(RangeError);
  });

  it('label 8 receive-on-change: 0 = every packet, 1 = changes only (OLA testChangeMode)', () => {
    expect(encodeReceiveOnChange(false)).toEqual(hex('7e 08 01 00 00 e7'));
    expect(encodeReceiveOnChange(true)).toEqual(hex('7e 08 01 00 01 e7'));
  });

  it('identity requests are empty frames with labels 77, 78 and 14', () => {
    expect(encodeManufacturerRequest()).toEqual(hex('7e 4d 00 00 e7'));
    expect(encodeDeviceNameRequest()).toEqual(hex('7e 4e 00 00 e7'));
    expect(encodeHardwareVersionRequest()).toEqual(hex('7e 0e 00 00 e7'));
  });
});

describe('replies', () => {
  it('label 3: the OLA test reply 00 01 0a 0e 28 is firmware 0x0100, break 10, MAB 14, rate 40', () => {
    const p = value(decodeParams(hex('00 01 0a 0e 28')));
    expect(p).toEqual({ firmware: 0x0100, breakTime: 10, mabTime: 14, rate: 40, userConfig: new Uint8Array(0) });
    expect(formatFirmware(p.firmware)).toBe('1.0');
  });

  it('label 3: OLA detector test {4,1,9,1,1} is firmware 0x0104 ("1.4"); user config follows the five bytes', () => {
    const p = value(decodeParams(bytes(4, 1, 9, 1, 1, 0xaa, 0xbb)));
    expect(p.firmware).toBe(0x0104);
    expect(formatFirmware(p.firmware)).toBe('1.4');
    expect(p.userConfig).toEqual(bytes(0xaa, 0xbb));
    expect(decodeParams(bytes(0, 1, 10, 14))).toMatchObject({ ok: false, reason: expect.stringMatching(/4 bytes/) });
  });

  it('label 4 as the widget reads it', () => {
    expect(value(decodeSetParams(hex('00 00 09 3f 14')))).toEqual({ breakTime: 9, mabTime: 63, rate: 20, userConfig: new Uint8Array(0) });
    expect(decodeSetParams(hex('02 00 09 3f 14 01'))).toMatchObject({ ok: false });
  });

  it('label 10: 78 56 34 12 is serial 0x12345678 (LSB first, OLA detector test), read as BCD 12345678', () => {
    const s = value(decodeSerial(hex('78 56 34 12')));
    expect(s.raw).toBe(0x12345678);
    expect(s.hex).toBe('12345678');
    expect(s.bcd).toBe('12345678');
    expect(serialPayload(0x12345678)).toEqual(hex('78 56 34 12'));
  });

  it('label 10: a nibble above 9 is not BCD; wrong lengths are rejected', () => {
    const s = value(decodeSerial(hex('0a 00 00 f0')));
    expect(s.raw).toBe(0xf000000a);
    expect(s.hex).toBe('f000000a');
    expect(s.bcd).toBeUndefined();
    expect(decodeSerial(hex('01 02 03'))).toMatchObject({ ok: false });
    expect(decodeSerial(hex('01 02 03 04 05'))).toMatchObject({ ok: false });
  });

  it('labels 77/78: the OLA detector test replies "pzOpen Lighting\\0" and "NSUnittest Device\\0"', () => {
    expect(value(decodeManufacturer(ascii('pzOpen Lighting\0')))).toEqual({ estaId: 0x7a70, name: 'Open Lighting' });
    expect(value(decodeDeviceName(ascii('NSUnittest Device\0')))).toEqual({ deviceId: 0x534e, name: 'Unittest Device' });
  });

  it('labels 77/78: Enttec "EN" goes on the wire LSB first; names stop at 32 characters; control bytes show as ?', () => {
    expect(identityPayload(0x454e, 'ENTTEC')).toEqual(ascii('NEENTTEC'));
    expect(value(decodeManufacturer(identityPayload(0x454e, 'ENTTEC')))).toEqual({ estaId: 0x454e, name: 'ENTTEC' });
    expect(value(decodeDeviceName(ascii(`xx${'A'.repeat(40)}`))).name).toBe('A'.repeat(32));
    expect(value(decodeDeviceName(bytes(1, 0, 0x41, 0x07, 0xff, 0x42))).name).toBe('A??B');
    expect(value(decodeManufacturer(bytes(0x4e, 0x45))).name).toBe('');
    expect(decodeManufacturer(bytes(0x4e))).toMatchObject({ ok: false });
  });

  it('label 5: the OLA test payload 00 00 01 0a 0e 28 is slots 1–4 = 1, 10, 14, 40', () => {
    const r = value(decodeReceivedDmx(hex('00 00 01 0a 0e 28')));
    expect([...r.slots]).toEqual([1, 10, 14, 40]);
    expect(r).toMatchObject({ status: 0, startCode: 0, statusError: false, alternateStartCode: false });
  });

  it('label 5: an error status or a non-zero start code is flagged, not rejected (OLA test: status 1, start code 0x0a)', () => {
    expect(value(decodeReceivedDmx(hex('01 00 01 0a 0e 28')))).toMatchObject({ status: 1, statusError: true, alternateStartCode: false });
    expect(value(decodeReceivedDmx(hex('00 0a 01 0a 0e 28')))).toMatchObject({ startCode: 0x0a, statusError: false, alternateStartCode: true });
    expect(value(decodeReceivedDmx(hex('00 00'))).slots.length).toBe(0);
    expect(decodeReceivedDmx(hex('00'))).toMatchObject({ ok: false });
    expect(decodeReceivedDmx(new Uint8Array(2 + 513))).toMatchObject({ ok: false });
    expect(value(decodeReceivedDmx(new Uint8Array(2 + 512))).slots.length).toBe(512);
  });

  it('label 9: 00 38 00 00 00 00 16 5d 90 is slots 3, 4, 5 = 22, 93, 144', () => {
    const cos = value(decodeChangeOfState(hex('00 38 00 00 00 00 16 5d 90')));
    expect(cos.changes).toEqual([
      { slot: 3, value: 22 },
      { slot: 4, value: 93 },
      { slot: 5, value: 144 },
    ]);
    expect(cos.alternateStartCode).toBe(false);
    expect(changeOfStatePayload(0, cos.changes)).toEqual(hex('00 38 00 00 00 00 16 5d 90'));
  });

  it('label 5 then label 9 (OLA testReceiveDMX, 46-byte padded COS) gives the universe 1,10,22,93,144', () => {
    const universe = new Uint8Array(DMX_SLOTS);
    universe.set(value(decodeReceivedDmx(hex('00 00 01 0a 0e 28'))).slots);
    const olaCos = new Uint8Array(46);
    olaCos.set(hex('00 38 00 00 00 00 16 5d 90'));
    expect(applyChangeOfState(universe, value(decodeChangeOfState(olaCos)))).toBe(3);
    expect([...universe.subarray(0, 6)]).toEqual([1, 10, 22, 93, 144, 0]);
  });

  it('label 9: the window starts at startBlock·8 and bits go byte by byte, LSB first', () => {
    // start block 2 → slots 16..55; byte 1 bit 0 = slot 24, byte 4 bit 7 = slot 55.
    const cos = value(decodeChangeOfState(hex('02 00 01 00 00 80 11 22')));
    expect(cos.changes).toEqual([
      { slot: 24, value: 0x11 },
      { slot: 55, value: 0x22 },
    ]);
  });

  it('label 9: slot 0 is the start code: kept out of the universe, and a non-zero one skips the message', () => {
    const universe = new Uint8Array(DMX_SLOTS);
    const zeroStart = value(decodeChangeOfState(hex('00 03 00 00 00 00 00 07')));
    expect(zeroStart.changes).toEqual([
      { slot: 0, value: 0 },
      { slot: 1, value: 7 },
    ]);
    expect(applyChangeOfState(universe, zeroStart)).toBe(1);
    expect(universe[0]).toBe(7);
    const textStart = value(decodeChangeOfState(hex('00 03 00 00 00 00 17 09')));
    expect(textStart.alternateStartCode).toBe(true);
    expect(applyChangeOfState(universe, textStart)).toBe(0);
    expect(universe[0]).toBe(7);
  });

  it('label 9: bits past slot 512 are counted and skipped; a window starting past 512 or missing data is rejected', () => {
    const last = value(decodeChangeOfState(hex('40 03 00 00 00 00 05 06')));
    expect(last.changes).toEqual([{ slot: 512, value: 5 }]);
    expect(last.beyondUniverse).toBe(1);
    expect(decodeChangeOfState(hex('41 01 00 00 00 00 05'))).toMatchObject({ ok: false });
    expect(decodeChangeOfState(hex('00 07 00 00 00 00 01 02'))).toMatchObject({ ok: false, reason: expect.stringMatching(/more slots/) });
    expect(decodeChangeOfState(hex('00 00 00 00 00'))).toMatchObject({ ok: false });
    expect(value(decodeChangeOfState(hex('00 00 00 00 00 00'))).changes).toEqual([]);
  });
});
