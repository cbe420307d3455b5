// ANSI E1.31 (sACN) wire layout. All multi-byte fields are big-endian (network order).
//
// Where the offsets come from (cross-checked against each other, none copied):
//  - ANSI E1.31-2018 §4 Table 4-1 (data), 4-2 (sync), 4-3 (discovery), as transcribed octet by
//    octet in RustLight/sacn tests/data_parse_tests.rs @ 0e7f9827 ("Appendix B Table B-13"),
//    tests/sync_parse_tests.rs ("Table B-14") and tests/discovery_parse_tests.rs (Tables 4-3,
//    6-7, 8-9); patopesto/go-sacn packet/{data,sync,discovery}_test.go; Hundemeier/sacn
//    sacn/messages/data_packet_test.py (the E1.31-2016 Appendix B packet).
//  - OpenLightingProject/ola @ 185b10f2: libs/acn/E131Header.h (framing fields: source[64],
//    priority, sync address ("reserved" there), sequence, options, universe; PREVIEW 0x80,
//    TERMINATED 0x40), DMPE131Inflator.cpp (DMP header 0xA1, increment 1, priority <= 200,
//    non-zero start codes skipped unless terminating, sequence window -20),
//    BaseInflator.cpp (flags & length: top 4 bits flags, low 12 bits length), E131Sender.cpp
//    (multicast 239.255.hi.lo), E131Node.h (DISCOVERY_UNIVERSE_ID 64214).
//  - PROTOCOLS.md §7 (port 5568, priority default 100).
//  - Real olad 0.10.9 packets (test/native/sacn/olad-capture.test.ts): our encoder reproduces them.
//
// NOTE: OLA's framing vectors for sync/discovery (3 and 4, include/ola/acn/ACNVectors.h) are a
// pre-standard draft; the published standard (and the Table B-14 example) uses root vector
// 0x00000008 (EXTENDED) with framing vector 1 (sync) or 2 (discovery). We follow the standard.

export const SACN_PORT = 5568;
export const SACN_DEFAULT_PRIORITY = 100;
export const SACN_MAX_PRIORITY = 200;
export const SACN_MIN_UNIVERSE = 1;
export const SACN_MAX_UNIVERSE = 63999;
/** Universe-discovery packets go to this universe's multicast group (239.255.250.214). */
export const SACN_DISCOVERY_UNIVERSE = 64214;
/** Universes per discovery page (Table 8-9: up to 512). */
export const SACN_DISCOVERY_PAGE_SIZE = 512;

/** ACN packet identifier "ASC-E1.17\0\0\0" (root layer octets 4..15). */
export const ACN_PACKET_IDENTIFIER: readonly number[] = [0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0x00, 0x00, 0x00];

// Vectors (Appendix A).
export const VECTOR_ROOT_E131_DATA = 0x00000004;
export const VECTOR_ROOT_E131_EXTENDED = 0x00000008;
export const VECTOR_E131_DATA_PACKET = 0x00000002;
export const VECTOR_E131_EXTENDED_SYNCHRONIZATION = 0x00000001;
export const VECTOR_E131_EXTENDED_DISCOVERY = 0x00000002;
export const VECTOR_UNIVERSE_DISCOVERY_UNIVERSE_LIST = 0x00000001;
export const VECTOR_DMP_SET_PROPERTY = 0x02;
/** DMP Address Type & Data Type: virtual, absolute, 2-byte, range-equal. */
export const DMP_ADDRESS_TYPE = 0xa1;

/** Options bits (framing octet 112). */
export const OPTION_PREVIEW = 0x80; // bit 7: preview data, not for live output
export const OPTION_STREAM_TERMINATED = 0x40; // bit 6: the source has stopped sending this universe
export const OPTION_FORCE_SYNC = 0x20; // bit 5

/** Flags nibble of every flags&length field: V, H and D set, L clear. */
export const PDU_FLAGS = 0x7;

// ---- Root layer (all packets) ----
export const OFF_PREAMBLE = 0; // 2: 0x0010
export const OFF_POSTAMBLE = 2; // 2: 0x0000
export const OFF_PACKET_ID = 4; // 12
export const OFF_ROOT_FLAGS_LENGTH = 16; // 2: length = packet length - 16
export const OFF_ROOT_VECTOR = 18; // 4
export const OFF_CID = 22; // 16
export const ROOT_LAYER_END = 38;

// ---- Framing layer (all packets start it at 38) ----
export const OFF_FRAMING_FLAGS_LENGTH = 38; // 2: length = packet length - 38
export const OFF_FRAMING_VECTOR = 40; // 4

// Data packet framing layer
export const OFF_SOURCE_NAME = 44; // 64, UTF-8, NUL-terminated
export const SOURCE_NAME_SIZE = 64;
export const OFF_PRIORITY = 108; // 1
export const OFF_SYNC_ADDRESS = 109; // 2
export const OFF_SEQUENCE = 111; // 1
export const OFF_OPTIONS = 112; // 1
export const OFF_UNIVERSE = 113; // 2
// Data packet DMP layer
export const OFF_DMP_FLAGS_LENGTH = 115; // 2: length = packet length - 115
export const OFF_DMP_VECTOR = 117; // 1: 0x02
export const OFF_DMP_ADDRESS_TYPE = 118; // 1: 0xA1
export const OFF_FIRST_PROPERTY_ADDRESS = 119; // 2: 0x0000
export const OFF_ADDRESS_INCREMENT = 121; // 2: 0x0001
export const OFF_PROPERTY_COUNT = 123; // 2: 1 + slots (1..513)
export const OFF_START_CODE = 125; // 1
export const OFF_SLOTS = 126; // 0..512
export const DATA_PACKET_MIN = 126;
export const DATA_PACKET_MAX = 638;

// Sync packet framing layer (49 bytes in all)
export const OFF_SYNC_SEQUENCE = 44; // 1
export const OFF_SYNC_SYNC_ADDRESS = 45; // 2
export const OFF_SYNC_RESERVED = 47; // 2
export const SYNC_PACKET_LENGTH = 49;

// Discovery packet framing layer + universe discovery layer
export const OFF_DISCOVERY_SOURCE_NAME = 44; // 64
export const OFF_DISCOVERY_RESERVED = 108; // 4
export const OFF_UDL_FLAGS_LENGTH = 112; // 2: length = packet length - 112
export const OFF_UDL_VECTOR = 114; // 4: 0x00000001
export const OFF_PAGE = 118; // 1
export const OFF_LAST_PAGE = 119; // 1
export const OFF_UNIVERSES = 120; // 2 each, ascending
export const DISCOVERY_PACKET_MIN = 120;
export const DISCOVERY_PACKET_MAX = DISCOVERY_PACKET_MIN + 2 * SACN_DISCOVERY_PAGE_SIZE;
