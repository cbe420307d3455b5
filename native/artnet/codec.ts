// Art-Net 4 codec: the public surface. Pure (bytes <-> values); the UDP adapter lives elsewhere.
export * from './constants.ts';
export * from './port-address.ts';
export * from './sequence.ts';
export { decodeArtNet, pollTargets } from './decode.ts';
export type { ArtDmxPacket, ArtNetPacket, ArtNetReject, ArtNetRejectReason, ArtOtherPacket, ArtPollPacket, ArtSyncPacket, ArtTimeCodePacket } from './decode.ts';
export { artDmxSize, encodeArtDmx, encodeArtDmxInto, encodeArtPoll, encodeArtSync, encodeArtTimeCode } from './encode.ts';
export type { ArtDmxInit, ArtPollOptions, ArtTimeCodeInit } from './encode.ts';
export { encodeArtPollReply, nodePorts } from './poll-reply.ts';
export type { ArtNodeInfo, ArtNodePort, ArtPollReplyInit, ArtPollReplyPacket, Four } from './poll-reply.ts';
