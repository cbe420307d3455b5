import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export interface UdpSocketOptions {
  port: number;
  address: string;
  /** Listening from before the bind, so no datagram that arrives right after it is missed. */
  onMessage?: (msg: Buffer, from: RemoteInfo) => void;
  /** Errors once the socket is open (a failed bind rejects the open instead). */
  onError: (error: Error) => void;
  /** Options that need a bound socket (broadcast, multicast); a throw here closes it and fails the open. */
  configure?: (socket: Socket) => void;
}

/**
 * Opens a reusable-address UDP4 socket bound to `address:port`: resolves with the socket once bound and
 * configured, rejects (with the socket closed) when the bind or the configuration fails.
 */
export function openUdpSocket(options: UdpSocketOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    const onBindError = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('error', onBindError);
    if (options.onMessage) socket.on('message', options.onMessage);
    socket.bind(options.port, options.address, () => {
      socket.off('error', onBindError);
      socket.on('error', (error) => options.onError(error));
      try {
        options.configure?.(socket);
      } catch (error) {
        socket.close();
        reject(error as Error);
        return;
      }
      resolve(socket);
    });
  });
}

/** Closes a socket that may already be closed (or never opened). */
export function closeUdpSocket(socket: Socket | undefined): void {
  try {
    socket?.close();
  } catch {
    // already closed
  }
}
