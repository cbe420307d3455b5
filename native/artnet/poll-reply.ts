// ArtPollReply (OpPollReply 0x2100): 239 bytes sent, >= 207 accepted. Layout: PROTOCOLS.md §2.4
// (art-net.org.uk ArtPollReply page; OLA ArtNetPackets.h artnet_reply_s; vanvught packets.h).
// Unlike every other packet it has NO ProtVer: the IP address starts at offset 10.

import { ARTNET_ID, ARTNET_PORT, ARTPOLLREPLY_LENGTH, OP_POLL_REPLY } from './constants.ts';
import { byteAt, checkInt, readIp, readMac, readText, readUid, u16be, u16le, writeIp, writeMac, writeText, writeUid } from './fields.ts';

export type Four = [number, number, number, number];

/** Every field of an ArtPollReply, as decoded (and as accepted by the encoder). */
export interface ArtNodeInfo {
  /** Offset 10, 4 bytes MSB first. */
  ip: string;
  /** Offset 14, little-endian; 6454 in practice. */
  port: number;
  /** Offset 16, VersInfoH/L: node firmware revision (not the protocol revision). */
  version: number;
  /** Offset 18: Port-Address bits 14-8. */
  netSwitch: number;
  /** Offset 19: Port-Address bits 7-4 (low nibble). */
  subSwitch: number;
  /** Offset 20, OemHi/Oem big-endian. */
  oem: number;
  /** Offset 22. */
  ubea: number;
  /** Offset 23. */
  status1: number;
  /** Offset 24, EstaManLo then EstaManHi (little-endian). */
  estaMan: number;
  /** Offset 26, 18 bytes NUL-terminated. */
  shortName: string;
  /** Offset 44, 64 bytes NUL-terminated. */
  longName: string;
  /** Offset 108, 64 bytes NUL-terminated ("#xxxx [yyyy] zzzz"). */
  nodeReport: string;
  /** Offset 172, NumPortsHi/Lo big-endian (max 4 meaningful). */
  numPorts: number;
  /** Offset 174: bit7 can output from Art-Net, bit6 can input to Art-Net, bits5-0 protocol (0 = DMX512). */
  portTypes: Four;
  /** Offset 178: bit3 = input disabled. */
  goodInput: Four;
  /** Offset 182: bit7 = data being output, bit3 = merging, bit1 = LTP. */
  goodOutput: Four;
  /** Offset 186: bits 3-0 = Universe of each input port. */
  swIn: Four;
  /** Offset 190: bits 3-0 = Universe of each output port. */
  swOut: Four;
  /** Offset 194 (was SwVideo). */
  acnPriority: number;
  /** Offset 195. */
  swMacro: number;
  /** Offset 196. */
  swRemote: number;
  /** Offset 200: 0 StNode, 1 StController, … */
  style: number;
  /** Offset 201, 6 bytes, "aa:bb:cc:dd:ee:ff". */
  mac: string;
  /** Offset 207, 4 bytes (0 in replies shorter than 211 bytes). */
  bindIp: string;
  /** Offset 211: 0/1 = root device. */
  bindIndex: number;
  /** Offset 212: bit3 = 15-bit Port-Address supported. */
  status2: number;
  /** Offset 213 (Art-Net 4). */
  goodOutputB: Four;
  /** Offset 217 (Art-Net 4). */
  status3: number;
  /** Offset 218, 6 bytes, RDM UID "mmmm:dddddddd" (Art-Net 4). */
  defaultRespUid: string;
  /** Offset 224, Hi/Lo — SECONDARY offset (PROTOCOLS.md §2.4). */
  user: number;
  /** Offset 226, Hi/Lo: max ArtDmx rate the node accepts, Hz (0 = not given) — SECONDARY offset. */
  refreshRate: number;
  /** Offset 228 — SECONDARY offset. */
  backgroundQueuePolicy: number;
}

/** One of the (up to 4) ports an ArtPollReply describes, with its Port-Addresses worked out. */
export interface ArtNodePort {
  /** 0..3 within this reply (Art-Net 4 nodes with more ports send several replies: see bindIndex). */
  index: number;
  /** PortTypes bits 5-0: 0 DMX512, 1 MIDI, 2 Avab, 3 CMX, 4 ADB 62.5, 5 Art-Net, 6 DALI. */
  protocol: number;
  canOutput: boolean;
  canInput: boolean;
  /** The Port-Address this port outputs (consumes ArtDmx for), or null if it cannot output. */
  outputPortAddress: number | null;
  /** The Port-Address this port inputs (sends ArtDmx on), or null if it cannot input. */
  inputPortAddress: number | null;
  /** GoodOutput bit 7. */
  outputActive: boolean;
  /** GoodInput bit 3. */
  inputDisabled: boolean;
}

export interface ArtPollReplyPacket extends ArtNodeInfo {
  op: 'pollReply';
  /** Bytes received (207..). */
  length: number;
  /** The first min(numPorts, 4) ports. */
  ports: ArtNodePort[];
  /** Port-Addresses the node wants ArtDmx for: where to unicast a universe. */
  outputPortAddresses: number[];
  /** Port-Addresses the node sends ArtDmx on. */
  inputPortAddresses: number[];
}

const four = (b: Uint8Array, i: number): Four => [byteAt(b, i), byteAt(b, i + 1), byteAt(b, i + 2), byteAt(b, i + 3)];

/** Decodes the body of an ArtPollReply whose ID, OpCode and minimum length were already checked. */
export function readArtPollReply(b: Uint8Array): ArtPollReplyPacket {
  const info: ArtNodeInfo = {
    ip: readIp(b, 10),
    port: u16le(b, 14),
    version: u16be(b, 16),
    netSwitch: byteAt(b, 18),
    subSwitch: byteAt(b, 19),
    oem: u16be(b, 20),
    ubea: byteAt(b, 22),
    status1: byteAt(b, 23),
    estaMan: u16le(b, 24),
    shortName: readText(b, 26, 18),
    longName: readText(b, 44, 64),
    nodeReport: readText(b, 108, 64),
    numPorts: u16be(b, 172),
    portTypes: four(b, 174),
    goodInput: four(b, 178),
    goodOutput: four(b, 182),
    swIn: four(b, 186),
    swOut: four(b, 190),
    acnPriority: byteAt(b, 194),
    swMacro: byteAt(b, 195),
    swRemote: byteAt(b, 196),
    style: byteAt(b, 200),
    mac: readMac(b, 201),
    // Fields from 207 on are absent in pre-Art-Net-3 replies: byteAt reads them as 0.
    bindIp: readIp(b, 207),
    bindIndex: byteAt(b, 211),
    status2: byteAt(b, 212),
    goodOutputB: four(b, 213),
    status3: byteAt(b, 217),
    defaultRespUid: readUid(b, 218),
    user: u16be(b, 224),
    refreshRate: u16be(b, 226),
    backgroundQueuePolicy: byteAt(b, 228),
  };
  const ports = nodePorts(info);
  return {
    op: 'pollReply',
    length: b.length,
    ...info,
    ports,
    outputPortAddresses: ports.flatMap((p) => (p.outputPortAddress === null ? [] : [p.outputPortAddress])),
    inputPortAddresses: ports.flatMap((p) => (p.inputPortAddress === null ? [] : [p.inputPortAddress])),
  };
}

/**
 * The ports a reply describes. Port-Address = NetSwitch (7 bits) << 8 | SubSwitch (low nibble) << 4 |
 * SwOut/SwIn (low nibble) — the spec's composition. OLA writes the whole Sub-Net+Universe byte into
 * SwOut (0x23 with SubSwitch 2), which gives the same answer. Like OLA (HandleReplyPacket) a port
 * counts as an output when PortTypes bit 7 is set, whatever its protocol bits.
 */
export function nodePorts(info: Pick<ArtNodeInfo, 'numPorts' | 'netSwitch' | 'subSwitch' | 'portTypes' | 'goodInput' | 'goodOutput' | 'swIn' | 'swOut'>): ArtNodePort[] {
  const base = ((info.netSwitch & 0x7f) << 8) | ((info.subSwitch & 0x0f) << 4);
  const count = Math.min(info.numPorts, 4);
  const ports: ArtNodePort[] = [];
  for (let i = 0; i < count; i++) {
    const type = info.portTypes[i] ?? 0;
    const canOutput = (type & 0x80) !== 0;
    const canInput = (type & 0x40) !== 0;
    ports.push({
      index: i,
      protocol: type & 0x3f,
      canOutput,
      canInput,
      outputPortAddress: canOutput ? base | ((info.swOut[i] ?? 0) & 0x0f) : null,
      inputPortAddress: canInput ? base | ((info.swIn[i] ?? 0) & 0x0f) : null,
      outputActive: ((info.goodOutput[i] ?? 0) & 0x80) !== 0,
      inputDisabled: ((info.goodInput[i] ?? 0) & 0x08) !== 0,
    });
  }
  return ports;
}

/** What the encoder needs: the IP; everything else defaults to 0 / "" / port 6454. */
export type ArtPollReplyInit = Partial<ArtNodeInfo> & { ip: string };

const ZERO4: Four = [0, 0, 0, 0];

/**
 * A 239-byte ArtPollReply. Throws RangeError on out-of-range fields (names are truncated to fit,
 * non-ASCII characters become '?').
 */
export function encodeArtPollReply(init: ArtPollReplyInit): Uint8Array {
  const v: ArtNodeInfo = {
    port: ARTNET_PORT, version: 0, netSwitch: 0, subSwitch: 0, oem: 0, ubea: 0, status1: 0, estaMan: 0,
    shortName: '', longName: '', nodeReport: '', numPorts: 0,
    portTypes: ZERO4, goodInput: ZERO4, goodOutput: ZERO4, swIn: ZERO4, swOut: ZERO4,
    acnPriority: 0, swMacro: 0, swRemote: 0, style: 0, mac: '00:00:00:00:00:00', bindIp: '0.0.0.0', bindIndex: 0, status2: 0,
    goodOutputB: ZERO4, status3: 0, defaultRespUid: '0000:00000000', user: 0, refreshRate: 0, backgroundQueuePolicy: 0,
    // Drop explicit undefineds so they fall back to the defaults above.
    ...(Object.fromEntries(Object.entries(init).filter(([, x]) => x !== undefined)) as ArtPollReplyInit),
  };
  const u8 = (name: string, x: number) => checkInt(name, x, 0, 255);
  const u16 = (name: string, x: number) => checkInt(name, x, 0, 65535);
  u16('port', v.port); u16('version', v.version); checkInt('netSwitch', v.netSwitch, 0, 127); checkInt('subSwitch', v.subSwitch, 0, 15);
  u16('oem', v.oem); u8('ubea', v.ubea); u8('status1', v.status1); u16('estaMan', v.estaMan); checkInt('numPorts', v.numPorts, 0, 4);
  for (const [name, q] of [['portTypes', v.portTypes], ['goodInput', v.goodInput], ['goodOutput', v.goodOutput], ['swIn', v.swIn], ['swOut', v.swOut], ['goodOutputB', v.goodOutputB]] as const) {
    if (q.length !== 4) throw new RangeError(`${name} must have 4 entries`);
    q.forEach((x, i) => u8(`${name}[${i}]`, x));
  }
  u8('acnPriority', v.acnPriority); u8('swMacro', v.swMacro); u8('swRemote', v.swRemote); u8('style', v.style);
  u8('bindIndex', v.bindIndex); u8('status2', v.status2); u8('status3', v.status3);
  u16('user', v.user); u16('refreshRate', v.refreshRate); u8('backgroundQueuePolicy', v.backgroundQueuePolicy);

  const out = new Uint8Array(ARTPOLLREPLY_LENGTH); // spares and filler stay 0
  out.set(ARTNET_ID, 0);
  out[8] = OP_POLL_REPLY & 0xff;
  out[9] = OP_POLL_REPLY >> 8;
  writeIp(out, 10, v.ip);
  out[14] = v.port & 0xff;
  out[15] = v.port >> 8;
  out[16] = v.version >> 8;
  out[17] = v.version & 0xff;
  out[18] = v.netSwitch;
  out[19] = v.subSwitch;
  out[20] = v.oem >> 8;
  out[21] = v.oem & 0xff;
  out[22] = v.ubea;
  out[23] = v.status1;
  out[24] = v.estaMan & 0xff;
  out[25] = v.estaMan >> 8;
  writeText(out, 26, 18, v.shortName);
  writeText(out, 44, 64, v.longName);
  writeText(out, 108, 64, v.nodeReport);
  out[172] = 0;
  out[173] = v.numPorts;
  out.set(v.portTypes, 174);
  out.set(v.goodInput, 178);
  out.set(v.goodOutput, 182);
  out.set(v.swIn, 186);
  out.set(v.swOut, 190);
  out[194] = v.acnPriority;
  out[195] = v.swMacro;
  out[196] = v.swRemote;
  out[200] = v.style;
  writeMac(out, 201, v.mac);
  writeIp(out, 207, v.bindIp);
  out[211] = v.bindIndex;
  out[212] = v.status2;
  out.set(v.goodOutputB, 213);
  out[217] = v.status3;
  writeUid(out, 218, v.defaultRespUid);
  out[224] = v.user >> 8;
  out[225] = v.user & 0xff;
  out[226] = v.refreshRate >> 8;
  out[227] = v.refreshRate & 0xff;
  out[228] = v.backgroundQueuePolicy;
  return out;
}
