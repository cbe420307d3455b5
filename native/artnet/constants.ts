// Art-Net 4 constants. Sources: ../shared/PROTOCOLS.md §2.1 (art-net.org.uk pages; OLA
// plugins/artnet/ArtNetPackets.h @ 185b10f2; vanvught rpidmx512 lib-artnet/include/packets.h).

/** UDP port for every Art-Net packet, both directions (0x1936). */
export const ARTNET_PORT = 6454;

/** "Art-Net" + NUL: bytes 0..7 of every packet (§2.1). */
export const ARTNET_ID: readonly number[] = [0x41, 0x72, 0x74, 0x2d, 0x4e, 0x65, 0x74, 0x00];

/** The protocol revision we write in ProtVer; receivers accept any ProtVer >= 14 (§2.1). */
export const ARTNET_PROTOCOL_VERSION = 14;

/** OpCodes (little-endian on the wire at offset 8). Full list in §2.1. */
export const OP_POLL = 0x2000;
export const OP_POLL_REPLY = 0x2100;
export const OP_DMX = 0x5000;
export const OP_NZS = 0x5100;
export const OP_SYNC = 0x5200;
export const OP_TOD_CONTROL = 0x8200;
export const OP_TIME_CODE = 0x9700;

/** Fixed sizes (bytes, header included). */
export const ARTDMX_HEADER_LENGTH = 18;
export const ARTDMX_MAX_DATA = 512;
export const ARTDMX_MIN_DATA = 2;
export const ARTPOLL_MIN_LENGTH = 14;
/** ArtPoll with the Art-Net 4 tail (TargetPortAddressTop/Bottom, EstaMan, Oem): §2.3 table ends at offset 21. */
export const ARTPOLL_ARTNET4_LENGTH = 22;
export const ARTPOLLREPLY_MIN_LENGTH = 207;
export const ARTPOLLREPLY_LENGTH = 239;
export const ARTTIMECODE_LENGTH = 19;
export const ARTSYNC_LENGTH = 14;

/** ArtPoll Flags bits (§2.3). Bit 1 is verified against OLA; the others are SECONDARY. */
export const ARTPOLL_FLAG_REPLY_ON_CHANGE = 0x02;
export const ARTPOLL_FLAG_SEND_DIAGNOSTICS = 0x04;
export const ARTPOLL_FLAG_DIAGNOSTICS_UNICAST = 0x08;
export const ARTPOLL_FLAG_DISABLE_VLC = 0x10;
export const ARTPOLL_FLAG_TARGETED = 0x20;

/** ArtTimeCode Type values (§2.5) and the frame rate each implies. */
export const TIMECODE_FILM = 0;
export const TIMECODE_EBU = 1;
export const TIMECODE_DF = 2;
export const TIMECODE_SMPTE = 3;
/** Frames per second by Type: frames must be < this (OLA common/timecode/TimeCode.cpp IsValid). */
export const TIMECODE_FRAMES: readonly number[] = [24, 25, 30, 30];

/** ArtPollReply Style codes (§2.4; non-zero values SECONDARY). */
export const STYLE_NODE = 0;
export const STYLE_CONTROLLER = 1;
