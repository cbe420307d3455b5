import { describe, expect, it } from 'vitest';
import { EnttecWidgetReader, READ_IDENTITY, READ_INPUT } from '../../../native/enttec/reader.ts';
import { EnttecProTwin } from '../../../native/enttec/twin.ts';

/** Bytes written out as PROTOCOLS.md §3 writes them. */
const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));

describe('what a DMX USB Pro says: identity and DMX input', () => {
  it('label 5 (OLA test payload 00 00 01 0a 0e 28): slots 1–4 = 1, 10, 14, 40; the rest read 0', () => {
    const r = new EnttecWidgetReader();
    r.input.fill(99);
    expect(r.push(hex('7e 05 06 00 00 00 01 0a 0e 28 e7'), 5)).toBe(READ_INPUT);
    expect([...r.input.subarray(0, 5)]).toEqual([1, 10, 14, 40, 0]);
    expect(r.input.subarray(4).every((v) => v === 0)).toBe(true);
    expect(r.lastInputAt).toBe(5);
  });

  it('label 5 with a receive error or a non-zero start code is dropped and counted (as OLA does)', () => {
    const r = new EnttecWidgetReader();
    r.push(hex('7e 05 04 00 00 00 11 22 e7'), 1);
    expect(r.push(hex('7e 05 04 00 02 00 99 99 e7'), 2)).toBe(0); // status bit 1: overrun
    expect(r.push(hex('7e 05 04 00 00 cc 99 99 e7'), 3)).toBe(0); // RDM start code
    expect(r.push(hex('7e 05 01 00 00 e7'), 4)).toBe(0); // no start code at all
    expect([...r.input.subarray(0, 2)]).toEqual([0x11, 0x22]);
    expect(r.stats.rejected).toEqual({ receiveError: 1, alternateStartCode: 1, malformed: 1 });
    expect(r.rejectedCount).toBe(3);
    expect(r.lastInputAt).toBe(1);
  });

  it('label 9 (OLA test message 00 38 00 00 00 00 16 5d 90): slots 3, 4, 5 = 22, 93, 144, the rest untouched', () => {
    const r = new EnttecWidgetReader();
    r.input[0] = 7;
    r.input[5] = 8;
    expect(r.push(hex('7e 09 09 00 00 38 00 00 00 00 16 5d 90 e7'), 9)).toBe(READ_INPUT);
    expect([...r.input.subarray(0, 6)]).toEqual([7, 0, 22, 93, 144, 8]);
  });

  it('identity: serial (BCD), firmware, names; confirmed once serial or parameters came back', () => {
    const r = new EnttecWidgetReader();
    expect(r.confirmed).toBe(false);
    // OLA's test replies: parameters 00 01 0a 0e 28 (firmware 1.0, break 10, MAB 14, rate 40); serial LSB first.
    expect(r.push(hex('7e 03 05 00 00 01 0a 0e 28 e7'), 0)).toBe(READ_IDENTITY);
    expect(r.confirmed).toBe(true);
    r.push(hex('7e 0a 04 00 56 34 12 00 e7'), 0);
    r.push(hex('7e 4e 0d 00 00 00 44 4d 58 20 55 53 42 20 50 52 4f e7'), 0); // 78: "DMX USB PRO"
    expect(r.serialText).toBe('00123456');
    expect(r.firmwareText).toBe('1.0');
    expect(r.identity.params).toMatchObject({ breakTime: 10, mabTime: 14, rate: 40 });
    expect(r.identity.deviceName).toBe('DMX USB PRO');
    r.resetLink();
    expect(r.confirmed).toBe(false);
  });

  it('noise, split frames and unknown labels between the messages: every message is still read', () => {
    const twin = new EnttecProTwin();
    const slots = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const stream = new Uint8Array([0x00, 0x7e, 0xff, 0xff, 0x13, ...hex('7e 0c 00 00 e7'), ...twin.receiveInput(slots), 0xe7, 0x7e]);
    const r = new EnttecWidgetReader();
    for (let i = 0; i < stream.length; i += 13) r.push(stream.subarray(i, i + 13), 1);
    expect([...r.input]).toEqual([...slots]);
    expect(r.stats.otherLabels).toBe(1);
  });

  it('changes-only mode: the host starts from zeros, as the widget does (twin in change mode → label 9)', () => {
    const twin = new EnttecProTwin();
    const r = new EnttecWidgetReader();
    r.push(twin.receiveInput(Uint8Array.of(5, 6, 7)), 1);
    twin.feed(hex('7e 08 01 00 01 e7')); // label 8 = 1: changes only
    r.clearInput();
    r.push(twin.receiveInput(Uint8Array.of(5, 0, 9)), 2);
    expect([...r.input.subarray(0, 4)]).toEqual([5, 0, 9, 0]);
    expect(r.stats.inputMessages).toBe(2);
  });
});
