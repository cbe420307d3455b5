import type { RemoteInfo, Socket } from 'node:dgram';
import { closeUdpSocket, openUdpSocket } from '../net/udp-socket.ts';
import { decodeSacn, multicastAddress, SACN_PORT, type SacnPacket } from './codec.ts';

/** Sends E1.31 packets from the chosen interface: multicast groups per universe, or unicast. */
export class SacnSender {
  private socket: Socket | undefined;
  private readonly interfaceAddress: string;
  private readonly onError: (error: Error) => void;
  sendErrors = 0;

  constructor(interfaceAddress: string, onError: (error: Error) => void) {
    this.interfaceAddress = interfaceAddress;
    this.onError = onError;
  }

  async open(): Promise<void> {
    // An ephemeral port on the interface: the source address receivers see is the interface's.
    this.socket = await openUdpSocket({
      port: 0,
      address: this.interfaceAddress,
      onError: (e) => this.onError(e),
      configure: (socket) => {
        socket.setMulticastInterface(this.interfaceAddress);
        socket.setMulticastTTL(8);
        socket.setMulticastLoopback(true);
      },
    });
  }

  send(bytes: Uint8Array, length: number, universe: number, target: string): void {
    const socket = this.socket;
    if (!socket) return;
    socket.send(bytes, 0, length, SACN_PORT, target || multicastAddress(universe), (error) => {
      if (error) {
        this.sendErrors++;
        this.onError(error);
      }
    });
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    closeUdpSocket(s);
  }
}

/** Receives E1.31 on port 5568: joins the multicast group of each universe listened to; unicast arrives too. */
export class SacnReceiver {
  private socket: Socket | undefined;
  private readonly joined = new Set<string>();
  private readonly interfaceAddress: string;
  private readonly onPacket: (packet: SacnPacket, from: RemoteInfo) => void;
  private readonly onError: (error: Error) => void;

  constructor(interfaceAddress: string, onPacket: (packet: SacnPacket, from: RemoteInfo) => void, onError: (error: Error) => void) {
    this.interfaceAddress = interfaceAddress;
    this.onPacket = onPacket;
    this.onError = onError;
  }

  async open(port = SACN_PORT): Promise<void> {
    this.socket = await openUdpSocket({
      port,
      address: '0.0.0.0',
      onMessage: (msg, from) => this.onPacket(decodeSacn(msg), from),
      onError: (e) => this.onError(e),
    });
  }

  /** Listen to exactly these universes (joins and leaves groups as needed). */
  listen(universes: readonly number[]): void {
    const socket = this.socket;
    if (!socket) return;
    const want = new Set(universes.map((u) => multicastAddress(u)));
    for (const group of this.joined) {
      if (want.has(group)) continue;
      try {
        socket.dropMembership(group, this.interfaceAddress || undefined);
      } catch {
        // already left
      }
      this.joined.delete(group);
    }
    for (const group of want) {
      if (this.joined.has(group)) continue;
      try {
        socket.addMembership(group, this.interfaceAddress || undefined);
        this.joined.add(group);
      } catch (error) {
        this.onError(error as Error);
      }
    }
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    this.joined.clear();
    closeUdpSocket(s);
  }
}
