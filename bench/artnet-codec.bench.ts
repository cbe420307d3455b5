// Art-Net and sACN codec throughput on one core (target: >= 2 million ArtDmx decodes/s).
// Full 512-slot universes; encodes write into one reused buffer. Asserts nothing.
import { opsPerSecond } from './stats.ts';
import { decodeArtNet, encodeArtDmx, encodeArtDmxInto } from '../native/artnet/codec.ts';
import { decodeSacn, encodeSacnData, encodeSacnDataInto, sacnSourceNameField, type SacnDataFields } from '../native/sacn/codec.ts';

export default async function (): Promise<Record<string, unknown>> {
  const slots = Uint8Array.from({ length: 512 }, (_, i) => (i * 13) & 0xff);
  let sink = 0; // keeps the JIT from discarding results

  // Art-Net: 64 different universes, as a 64-universe show would receive them.
  const artPackets = Array.from({ length: 64 }, (_, u) => encodeArtDmx({ sequence: 1 + u, portAddress: u, data: slots }));
  const artDecode = opsPerSecond((i) => {
    const p = decodeArtNet(artPackets[i & 63]!);
    if (p.op === 'dmx') sink += p.data[p.length - 1]! + p.portAddress;
  }, 2000);
  const artBuf = new Uint8Array(530);
  const artEncode = opsPerSecond((i) => {
    sink += encodeArtDmxInto(artBuf, (i % 255) + 1, 0, i & 63, slots);
  }, 2000);

  // sACN: same, with a pre-encoded source name (the recommended hot-path use).
  const cid = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const sourceName = sacnSourceNameField('Showsite Console');
  const fields: SacnDataFields = { cid, sourceName, sequence: 0, universe: 1, slots };
  const sacnPackets = Array.from({ length: 64 }, (_, u) => encodeSacnData({ ...fields, universe: u + 1, sequence: u }));
  const sacnDecode = opsPerSecond((i) => {
    const p = decodeSacn(sacnPackets[i & 63]!);
    if (p.kind === 'data') sink += p.slots[511]! + p.universe + p.sourceName.length;
  }, 2000);
  const sacnBuf = new Uint8Array(638);
  const sacnEncode = opsPerSecond((i) => {
    fields.sequence = i & 0xff;
    fields.universe = (i & 63) + 1;
    sink += encodeSacnDataInto(sacnBuf, fields);
  }, 2000);
  const sacnEncodeStringName = opsPerSecond((i) => {
    sink += encodeSacnDataInto(sacnBuf, { cid, sourceName: 'Showsite Console', sequence: i & 0xff, universe: 1, slots });
  }, 1000);

  return {
    slotsPerPacket: 512,
    artDmxDecodesPerSecond: artDecode,
    artDmxEncodesPerSecond: artEncode,
    sacnDataDecodesPerSecond: sacnDecode,
    sacnDataEncodesPerSecond: sacnEncode,
    sacnDataEncodesPerSecondWithStringName: sacnEncodeStringName,
    targetArtDmxDecodesPerSecond: 2_000_000,
    sink: sink % 7, // printed so the work cannot be optimised away
  };
}
