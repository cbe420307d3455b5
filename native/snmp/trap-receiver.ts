import type { Socket } from 'node:dgram';
import { closeUdpSocket, openUdpSocket } from '../net/udp-socket.ts';
import { decodeTrap, type SnmpTrap } from './trap-codec.ts';

export interface TrapReceiverHandlers {
  /** A trap, and the address it came from. */
  onTrap(trap: SnmpTrap, from: string): void;
  /** A datagram that is not a trap we read (garbage, SNMPv3, an inform): counted, and the reason for logs. */
  onReject?(reason: string, from: string): void;
  /** The socket failed after it was open. */
  onError(error: Error): void;
}

/** Listens for SNMP v1/v2c traps on one UDP port. The adapter only: what a trap means is the service's business. */
export class TrapReceiver {
  private socket: Socket | undefined;
  received = 0;
  rejected = 0;

  async start(port: number, address: string, handlers: TrapReceiverHandlers): Promise<void> {
    await this.stop();
    this.socket = await openUdpSocket({
      port,
      address,
      onError: handlers.onError,
      onMessage: (msg, rinfo) => {
        const decoded = decodeTrap(msg);
        if (decoded.ok) {
          this.received++;
          handlers.onTrap(decoded.trap, rinfo.address);
        } else {
          this.rejected++;
          handlers.onReject?.(decoded.reason, rinfo.address);
        }
      },
    });
  }

  /** The port actually bound (0 asks the OS for a free one). */
  get port(): number | undefined {
    return this.socket?.address().port;
  }

  async stop(): Promise<void> {
    closeUdpSocket(this.socket);
    this.socket = undefined;
  }
}
