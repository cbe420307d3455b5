// The part of net-snmp 3.29 (node_modules/net-snmp/index.js, plain JavaScript, no shipped types) the poller uses.
declare module 'net-snmp' {
  /** A varbind as net-snmp hands it: `type` is the BER tag (2 Integer, 4 OctetString, 70 Counter64, 128–130 exceptions…). */
  export interface NetSnmpVarbind {
    oid: string;
    type: number;
    /** number, string (OID, IpAddress), Buffer (OctetString, Opaque, Counter64) or null. */
    value: unknown;
  }

  export type ResponseCallback<T> = (error: Error | null, varbinds: T) => void;

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    idBitsSize?: 16 | 32;
    engineID?: string;
    context?: string;
  }

  export interface V3User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  export interface Session {
    get(oids: string[], callback: ResponseCallback<NetSnmpVarbind[]>): Session;
    getNext(oids: string[], callback: ResponseCallback<NetSnmpVarbind[]>): Session;
    /** With non-repeaters 0 the answer is one array of rows per requested OID. */
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, callback: ResponseCallback<NetSnmpVarbind[][]>): Session;
    close(): Session;
    on(event: 'error' | 'close', listener: (error?: unknown) => void): Session;
  }

  interface NetSnmp {
    createSession(target: string, community: string, options: SessionOptions): Session;
    createV3Session(target: string, user: V3User, options: SessionOptions): Session;
    isVarbindError(varbind: NetSnmpVarbind): boolean;
    Version1: 0;
    Version2c: 1;
    Version3: 3;
    SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
    AuthProtocols: Record<'none' | 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>;
    PrivProtocols: Record<'none' | 'des' | 'aes' | 'aes256b' | 'aes256r', number>;
    ErrorStatus: Record<string, number>;
  }

  const snmp: NetSnmp;
  export default snmp;
}
