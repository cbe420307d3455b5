import type { RemoteInfo, Socket } from 'node:dgram';
import { closeUdpSocket, openUdpSocket } from '../net/udp-socket.ts';
import { decodeArtNet, type ArtNetPacket } from './codec.ts';

export interface ArtNetUdpOptions {
  port: number;
  /** Where to bind: '0.0.0.0' receives broadcasts too (Linux delivers them only to wildcard sockets). */
  bindAddress?: string;
  onPacket(packet: ArtNetPacket, from: RemoteInfo): void;
  onError(error: Error): void;
}

/**
 * The Art-Net UDP socket: one per console, shared by output, polling and input (all of Art-Net is one port).
 * Decodes every datagram with the pure codec; a malformed one is a counted reject, never a throw.
 */
export class ArtNetUdp {
  private socket: Socket | undefined;
  private readonly options: ArtNetUdpOptions;
  received = 0;
  sendErrors = 0;

  constructor(options: ArtNetUdpOptions) {
    this.options = options;
  }

  async open(): Promise<void> {
    this.socket = await openUdpSocket({
      port: this.options.port,
      address: this.options.bindAddress ?? '0.0.0.0',
      onMessage: (msg, from) => {
        this.received++;
        this.options.onPacket(decodeArtNet(msg), from);
      },
      onError: (error) => this.options.onError(error),
      configure: (socket) => socket.setBroadcast(true),
    });
  }

  /** Fire and forget: a failure is counted and reported, the frame is not retried (the next one supersedes it). */
  send(bytes: Uint8Array, length: number, address: string, port = this.options.port): void {
    const socket = this.socket;
    if (!socket) return;
    socket.send(bytes, 0, length, port, address, (error) => {
      if (error) {
        this.sendErrors++;
        this.options.onError(error);
      }
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    closeUdpSocket(socket);
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }
}
