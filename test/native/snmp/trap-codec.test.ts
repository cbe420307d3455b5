import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native/sim/random.ts';
import { oidContent, signedContent, tlv } from '../../../native/snmp/ber.ts';
import { decodeTrap } from '../../../native/snmp/trap-codec.ts';

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/**
 * Recorded from net-snmp 5.9's snmptrap (Debian `snmp`):
 *   snmptrap -v 2c -c public HOST "" 1.3.6.1.6.3.1.1.5.3 ifIndex.4 i 4 ifAdminStatus.4 i 1 ifOperStatus.4 i 2
 *   snmptrap -v 1 -c public HOST 1.3.6.1.4.1.4526 10.0.0.5 2 0 "" ifIndex.7 i 7
 */
const recordedV2cLinkDown = hex(
  '307802010104067075626c6963a76b020431f16dce020100020100305d300f06082b0601020101030043031634113017060a2b06010603010104010006092b0601060301010503300f060a2b060102010202010104020104300f060a2b060102010202010704020101300f060a2b060102010202010804020102',
);
const recordedV1LinkDown = hex('303a02010004067075626c6963a42d06072b06010401a32e40040a00000502010202010043031634623011300f060a2b060102010202010107020107');

describe('SNMP trap codec', () => {
  it('reads a v2c linkDown as snmptrap sends it: community, trap OID, the interface', () => {
    expect(decodeTrap(recordedV2cLinkDown)).toEqual({
      ok: true,
      trap: {
        version: 1,
        community: 'public',
        trapOid: '1.3.6.1.6.3.1.1.5.3',
        kind: 'linkDown',
        ifIndex: 4,
        agentAddress: null,
        varbindOids: ['1.3.6.1.2.1.1.3.0', '1.3.6.1.6.3.1.1.4.1.0', '1.3.6.1.2.1.2.2.1.1.4', '1.3.6.1.2.1.2.2.1.7.4', '1.3.6.1.2.1.2.2.1.8.4'],
      },
    });
  });

  it('reads a v1 generic linkDown (2) as its v2 equivalent (RFC 3584), with the agent address', () => {
    expect(decodeTrap(recordedV1LinkDown)).toMatchObject({ ok: true, trap: { version: 0, trapOid: '1.3.6.1.6.3.1.1.5.3', kind: 'linkDown', ifIndex: 7, agentAddress: '10.0.0.5' } });
  });

  it('a v1 enterprise-specific trap becomes enterprise.0.specific; a v2c linkUp naming only ifOperStatus.N still gives N', () => {
    const v1 = tlv(0x30, tlv(0x02, signedContent(0)), tlv(0x04, new TextEncoder().encode('c')), tlv(0xa4, tlv(0x06, oidContent('1.3.6.1.4.1.21239')), tlv(0x40, Uint8Array.of(192, 168, 1, 9)), tlv(0x02, signedContent(6)), tlv(0x02, signedContent(10205)), tlv(0x43, signedContent(5)), tlv(0x30)));
    expect(decodeTrap(v1)).toMatchObject({ ok: true, trap: { trapOid: '1.3.6.1.4.1.21239.0.10205', kind: 'other', ifIndex: null, agentAddress: '192.168.1.9' } });
    const vb = (oid: string, value: Uint8Array) => tlv(0x30, tlv(0x06, oidContent(oid)), value);
    const v2 = tlv(0x30, tlv(0x02, signedContent(1)), tlv(0x04, new TextEncoder().encode('c')), tlv(0xa7, tlv(0x02, signedContent(1)), tlv(0x02, signedContent(0)), tlv(0x02, signedContent(0)), tlv(0x30, vb('1.3.6.1.2.1.1.3.0', tlv(0x43, signedContent(1))), vb('1.3.6.1.6.3.1.1.4.1.0', tlv(0x06, oidContent('1.3.6.1.6.3.1.1.5.4'))), vb('1.3.6.1.2.1.2.2.1.8.12', tlv(0x02, signedContent(1))))));
    expect(decodeTrap(v2)).toMatchObject({ ok: true, trap: { kind: 'linkUp', ifIndex: 12 } });
  });

  it('says why for what is not a trap it reads', () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(0), /message/],
      [hex('3003020103'), /./],
      [tlv(0x30, tlv(0x02, signedContent(3)), tlv(0x04)), /SNMPv3/],
      [tlv(0x30, tlv(0x02, signedContent(1)), tlv(0x04), tlv(0xa0, tlv(0x02, signedContent(1)))), /not a trap/],
      [tlv(0x30, tlv(0x02, signedContent(1)), tlv(0x04), tlv(0xa6)), /InformRequest/],
      [tlv(0x30, tlv(0x02, signedContent(0)), tlv(0x04), tlv(0xa7)), /v1 message/],
      [Uint8Array.from([...recordedV2cLinkDown, 0]), /stray/],
      [recordedV2cLinkDown.subarray(0, 60), /truncated/],
    ];
    for (const [bytes, reason] of cases) {
      const r = decodeTrap(bytes);
      expect(r.ok, Buffer.from(bytes).toString('hex')).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    }
  });

  it('never throws on 100 000 mutated and random datagrams', () => {
    const rnd = seededRandom(162);
    const seeds = [recordedV2cLinkDown, recordedV1LinkDown];
    let ok = 0;
    for (let i = 0; i < 100_000; i++) {
      let bytes: Uint8Array;
      if (i % 4 === 0) bytes = Uint8Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256));
      else {
        bytes = Uint8Array.from(seeds[i % 2]!);
        const flips = 1 + Math.floor(rnd() * 4);
        for (let f = 0; f < flips; f++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
        if (rnd() < 0.2) bytes = bytes.subarray(0, Math.floor(rnd() * bytes.length));
      }
      const r = decodeTrap(bytes);
      if (r.ok) {
        ok++;
        if (typeof r.trap.trapOid !== 'string' || (r.trap.ifIndex !== null && !(r.trap.ifIndex > 0))) throw new Error('bad trap');
      } else if (!r.reason) throw new Error('a reject without a reason');
    }
    expect(ok).toBeGreaterThan(0); // mutations that leave a valid trap still decode
  });
});
