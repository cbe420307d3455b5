import { describe, expect, it } from 'vitest';
import { EnttecProTwin } from '../../../native/enttec/twin.ts';
import { EnttecFrameStream } from '../../../native/enttec/stream.ts';
import {
  DMX_SLOTS,
  applyChangeOfState,
  decodeChangeOfState,
  decodeDeviceName,
  decodeManufacturer,
  decodeParams,
  decodeReceivedDmx,
  decodeSerial,
  encodeDmx,
  encodeFrame,
  encodeGetParams,
  encodeReceiveOnChange,
  encodeSetParams,
  type EnttecFrame,
} from '../../../native/enttec/codec.ts';
import { seededRandom } from '../../../native/sim/random.ts';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const framesOf = (bytes: Uint8Array): EnttecFrame[] => new EnttecFrameStream().push(bytes);

function value<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`expected a value, got reject: ${r.reason}`);
  return r.value;
}

/**
 * OLA's detection as read in plugins/usbpro/UsbProWidgetDetector.cpp and WidgetDetectorThread.cpp
 * (@185b10f2): send 77; on a reply or a timeout send 78, then 10, then 3 (payload 00 00); only if both
 * the ESTA id and device id are still 0 send 14. ESTA ids other than DMXking/Goddard/JESE/Open
 * Lighting fall back to the generic USB Pro driver, with RDM only from firmware 0x0204 on.
 */
function olaDetect(twin: EnttecProTwin) {
  const sent: number[] = [];
  const ask = (label: number, payload = new Uint8Array(0)) => {
    sent.push(label);
    const replies = framesOf(twin.feed(encodeFrame(label, payload)));
    return replies.find((f) => f.label === label); // undefined = OLA's 200 ms timeout
  };
  const info = { estaId: 0, manufacturer: '', deviceId: 0, device: '', serial: 0, firmware: undefined as number | undefined, dualPort: false };
  const m = ask(77);
  if (m && m.payload.length >= 2) Object.assign(info, { estaId: value(decodeManufacturer(m.payload)).estaId, manufacturer: value(decodeManufacturer(m.payload)).name });
  const d = ask(78);
  if (d && d.payload.length >= 2) Object.assign(info, { deviceId: value(decodeDeviceName(d.payload)).deviceId, device: value(decodeDeviceName(d.payload)).name });
  const s = ask(10);
  if (s && s.payload.length === 4) info.serial = value(decodeSerial(s.payload)).raw;
  const p = ask(3, new Uint8Array(2));
  if (p && p.payload.length >= 5) info.firmware = value(decodeParams(p.payload)).firmware;
  if (info.estaId === 0 && info.deviceId === 0) {
    const h = ask(14);
    if (h && h.payload.length === 1) info.dualPort = h.payload[0] === 2 || h.payload[0] === 3;
  }
  const special = [0x6a6b /* DMXking */, 0x4744 /* Goddard */, 0x6864 /* JESE */, 0x7a70 /* Open Lighting */];
  return { sent, info, driver: special.includes(info.estaId) ? 'other' : 'usbpro', rdm: (info.firmware ?? 0) >= 0x0204 };
}

describe('EnttecProTwin: identity and parameters', () => {
  it('passes OLA detection as an Enttec USB Pro: probe 77, 78, 10, 3 and no RDM', () => {
    const twin = new EnttecProTwin({ serial: 0x00123456 });
    const r = olaDetect(twin);
    expect(r.sent).toEqual([77, 78, 10, 3]);
    expect(r.info).toMatchObject({ estaId: 0x454e, manufacturer: 'ENTTEC', device: 'DMX USB PRO', serial: 0x00123456, firmware: 0x012c, dualPort: false });
    expect(r.driver).toBe('usbpro');
    expect(r.rdm).toBe(false);
  });

  it('answers the probe frames byte for byte (LSB-first ids, serial and firmware)', () => {
    const twin = new EnttecProTwin({ serial: 0x12345678, firmware: 0x0104 });
    expect(twin.feed(hex('7e 4d 00 00 e7'))).toEqual(hex('7e 4d 08 00 4e 45 45 4e 54 54 45 43 e7')); // "NE" + "ENTTEC"
    expect(twin.feed(hex('7e 0a 00 00 e7'))).toEqual(hex('7e 0a 04 00 78 56 34 12 e7'));
    expect(twin.feed(hex('7e 03 02 00 00 00 e7'))).toEqual(hex('7e 03 05 00 04 01 0a 0e 28 e7'));
  });

  it('answers a probe sent all at once, in order, and one split into single bytes', () => {
    const probe = hex('7e 4d 00 00 e7 7e 4e 00 00 e7 7e 0a 00 00 e7 7e 03 02 00 00 00 e7');
    const together = framesOf(new EnttecProTwin().feed(probe)).map((f) => f.label);
    expect(together).toEqual([77, 78, 10, 3]);
    const twin = new EnttecProTwin();
    const replies: number[] = [];
    for (const b of probe) replies.push(...framesOf(twin.feed(Uint8Array.of(b))).map((f) => f.label));
    expect(replies).toEqual([77, 78, 10, 3]);
  });

  it('as a stock widget that ignores 77/78, OLA asks 14 and sees a single-port widget', () => {
    const r = olaDetect(new EnttecProTwin({ answerIdentity: false }));
    expect(r.sent).toEqual([77, 78, 10, 3, 14]);
    expect(r.info.dualPort).toBe(false);
    expect(r.driver).toBe('usbpro');
  });

  it('label 4 (the OLA payload 00 00 09 3f 14) changes what label 3 reports; invalid timing is ignored', () => {
    const twin = new EnttecProTwin();
    expect(twin.feed(encodeSetParams({ breakTime: 9, mabTime: 63, rate: 20 })).length).toBe(0);
    expect(twin.timing).toEqual({ breakTime: 9, mabTime: 63, rate: 20 });
    const [reply] = framesOf(twin.feed(encodeGetParams()));
    expect(value(decodeParams(reply!.payload))).toMatchObject({ breakTime: 9, mabTime: 63, rate: 20 });
    twin.feed(encodeFrame(4, hex('00 00 09 3f 00'))); // rate 0
    expect(twin.timing.rate).toBe(20);
    expect(twin.stats.badRequests).toBe(1);
  });

  it('keeps user config from label 4 and returns as much as label 3 asks for', () => {
    const twin = new EnttecProTwin();
    twin.feed(encodeSetParams({ breakTime: 10, mabTime: 14, rate: 40 }, hex('aa bb cc')));
    const [reply] = framesOf(twin.feed(encodeGetParams(2)));
    expect(value(decodeParams(reply!.payload)).userConfig).toEqual(hex('aa bb'));
  });

  it('ignores labels it does not model and counts them', () => {
    const twin = new EnttecProTwin();
    expect(twin.feed(encodeFrame(0x81, hex('01 02'))).length).toBe(0);
    expect(twin.stats.unknownLabels).toBe(1);
  });
});

describe('EnttecProTwin: DMX output', () => {
  it('records the frame OLA writes for 255,128,0 with a count', () => {
    const twin = new EnttecProTwin();
    twin.feed(hex('7e 06 04 00 00 ff 80 00 e7'), 1000);
    expect(twin.dmxFrameCount).toBe(1);
    expect(twin.lastDmx).toMatchObject({ index: 1, startCode: 0, at: 1000 });
    expect([...twin.lastDmx!.slots]).toEqual([255, 128, 0]);
  });

  it('records frames split across reads and keeps a bounded history, oldest first', () => {
    const twin = new EnttecProTwin({ historyLimit: 3 });
    const stream = new Uint8Array([...Array.from({ length: 5 }, (_, i) => [...encodeDmx(Uint8Array.of(i, i))]).flat()]);
    for (let i = 0; i < stream.length; i += 4) twin.feed(stream.subarray(i, i + 4));
    expect(twin.dmxFrameCount).toBe(5);
    expect(twin.history().map((f) => [f.index, f.slots[0]])).toEqual([
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(twin.takeHistory()).toHaveLength(3);
    expect(twin.history()).toHaveLength(0);
    expect(twin.dmxFrameCount).toBe(5);
  });

  it('records a full 512-slot universe', () => {
    const twin = new EnttecProTwin();
    const slots = Uint8Array.from({ length: 512 }, (_, i) => 255 - (i & 0xff));
    twin.feed(encodeDmx(slots));
    expect(twin.lastDmx!.slots).toEqual(slots);
  });
});

describe('EnttecProTwin: DMX input', () => {
  it('in send-always mode reports each received packet as label 5', () => {
    const twin = new EnttecProTwin();
    const [frame, ...rest] = framesOf(twin.receiveInput(Uint8Array.of(1, 10, 14, 40)));
    expect(rest).toEqual([]);
    expect(frame!.label).toBe(5);
    expect(frame!.payload).toEqual(hex('00 00 01 0a 0e 28'));
    expect(value(decodeReceivedDmx(framesOf(twin.receiveInput(Uint8Array.of(1), 0, 2))[0]!.payload)).statusError).toBe(true);
  });

  it('after label 8 = 1 reports only changes as label 9; the OLA test change is 00 38 00 00 00 00 16 5d 90', () => {
    const twin = new EnttecProTwin();
    twin.feed(encodeReceiveOnChange(true));
    expect(twin.receiveMode).toBe('changesOnly');
    const universe = new Uint8Array(DMX_SLOTS);
    for (const f of framesOf(twin.receiveInput(Uint8Array.of(1, 10, 14, 40)))) applyChangeOfState(universe, value(decodeChangeOfState(f.payload)));
    expect([...universe.subarray(0, 5)]).toEqual([1, 10, 14, 40, 0]);
    expect(twin.receiveInput(Uint8Array.of(1, 10, 14, 40)).length).toBe(0);
    expect(twin.receiveInput(Uint8Array.of(1, 10, 22, 93, 144))).toEqual(hex('7e 09 09 00 00 38 00 00 00 00 16 5d 90 e7'));
  });

  it('covers a whole changed universe in ≤40-slot windows that rebuild it exactly', () => {
    const rnd = seededRandom(13);
    const twin = new EnttecProTwin();
    twin.feed(encodeReceiveOnChange(true));
    const universe = new Uint8Array(DMX_SLOTS);
    for (let round = 0; round < 5; round++) {
      const input = Uint8Array.from({ length: DMX_SLOTS }, () => (rnd() < 0.5 ? Math.floor(rnd() * 256) : 0));
      for (const f of framesOf(twin.receiveInput(input))) {
        expect(f.label).toBe(9);
        const cos = value(decodeChangeOfState(f.payload));
        expect(cos.changes.length).toBeLessThanOrEqual(40);
        applyChangeOfState(universe, cos);
      }
      expect(universe).toEqual(input);
    }
  });

  it('label 8 = 0 goes back to label 5 for every packet', () => {
    const twin = new EnttecProTwin();
    twin.feed(encodeReceiveOnChange(true));
    twin.feed(encodeReceiveOnChange(false));
    expect(framesOf(twin.receiveInput(Uint8Array.of(7))).map((f) => f.label)).toEqual([5]);
  });
});
