import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { answerRequest, decodeRequest, type MibView } from './agent-codec.ts';

/**
 * A small SNMP v1/v2c agent on a UDP socket, serving a MIB (the demo's simulated Geist and switch, the
 * tests' and benchmark's agents). Like a real agent it ignores requests with a wrong community (the
 * manager sees a timeout) and never answers garbage. It can be made silent to play a dead device.
 */

export interface SimAgentOptions {
  mib: MibView;
  /** Read community; default `public`. */
  community?: string;
  /** Default 127.0.0.1: the simulated agents are for this computer only. */
  host?: string;
  /** Default 0: any free port (see `address` after start). */
  port?: number;
  now?: () => number;
  /** Largest answer in bytes (GETBULK answers are cut to fit). Default 1472. */
  maxResponseBytes?: number;
}

export interface SimAgentStats {
  received: number;
  answered: number;
  /** Requests dropped without an answer, by reason (wrong community, malformed, silent…). */
  dropped: Record<string, number>;
}

export class SimSnmpAgent {
  private socket: Socket | undefined;
  private readonly options: SimAgentOptions;
  private readonly community: Uint8Array;
  private bound: { host: string; port: number } | undefined;
  /** When true the agent hears requests and answers none (a dead or unplugged device). */
  silent = false;
  readonly stats: SimAgentStats = { received: 0, answered: 0, dropped: {} };

  constructor(options: SimAgentOptions) {
    this.options = options;
    this.community = new TextEncoder().encode(options.community ?? 'public');
  }

  /** Where it listens (after start). */
  get address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.bound) return this.bound;
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg, from) => this.onMessage(msg, from));
    // A send error (the manager's port vanished) must not take the process down.
    socket.on('error', () => this.drop('socket error'));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const a = socket.address();
    this.bound = { host: a.address, port: a.port };
    return this.bound;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.bound = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  private drop(reason: string): void {
    this.stats.dropped[reason] = (this.stats.dropped[reason] ?? 0) + 1;
  }

  private onMessage(msg: Buffer, from: RemoteInfo): void {
    this.stats.received++;
    if (this.silent) return this.drop('silent');
    const decoded = decodeRequest(msg);
    if (!decoded.ok) return this.drop(decoded.reason);
    const request = decoded.request;
    if (!sameBytes(request.community, this.community)) return this.drop('wrong community');
    const now = (this.options.now ?? Date.now)();
    const answer = answerRequest(request, this.options.mib, now, { maxResponseBytes: this.options.maxResponseBytes });
    this.socket?.send(answer, from.port, from.address, (error) => {
      if (error) this.drop('send failed');
    });
    this.stats.answered++;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
