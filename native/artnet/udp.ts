import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
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

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: 'udp4', reuseAddr: true });
      const onError = (error: Error) => {
        socket.close();
        reject(error);
      };
      socket.once('error', onError);
      socket.on('message', (msg, from) => {
        this.received++;
        this.options.onPacket(decodeArtNet(msg), from);
      });
      socket.bind(this.options.port, this.options.bindAddress ?? '0.0.0.0', () => {
        socket.off('error', onError);
        socket.on('error', (error) => this.options.onError(error));
        try {
          socket.setBroadcast(true);
        } catch (error) {
          socket.close();
          reject(error as Error);
          return;
        }
        this.socket = socket;
        resolve();
      });
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
    try {
      socket?.close();
    } catch {
      // already closed
    }
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }
}
