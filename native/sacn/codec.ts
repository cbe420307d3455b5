// sACN (ANSI E1.31) codec: the public surface. Pure (bytes <-> values); sockets live elsewhere.
export {
  SACN_PORT,
  SACN_DEFAULT_PRIORITY,
  SACN_MAX_PRIORITY,
  SACN_MIN_UNIVERSE,
  SACN_MAX_UNIVERSE,
  SACN_DISCOVERY_UNIVERSE,
  SACN_DISCOVERY_PAGE_SIZE,
  OPTION_PREVIEW,
  OPTION_STREAM_TERMINATED,
  OPTION_FORCE_SYNC,
  DATA_PACKET_MAX,
} from './layout.ts';
export { decodeSacn } from './decode.ts';
export type { SacnDataPacket, SacnDiscoveryPacket, SacnPacket, SacnPlainReject, SacnReject, SacnRejectReason, SacnStartCodeReject, SacnSyncPacket } from './decode.ts';
export { encodeSacnData, encodeSacnDataInto, encodeSacnDiscovery, encodeSacnSync, sacnDataSize, sacnDiscoveryPages, sacnSourceNameField } from './encode.ts';
export type { SacnDataFields, SacnDiscoveryFields, SacnSyncFields } from './encode.ts';
export { acceptSacnSequence, cidToString, multicastAddress, nextSacnSequence, parseCid } from './addressing.ts';
