import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { closeUdpSocket, openUdpSocket } from '../../../native/net/udp-socket.ts';

const noop = () => {};

describe('openUdpSocket', () => {
  it('binds where asked and hands every datagram to onMessage', async () => {
    const got: string[] = [];
    const socket = await openUdpSocket({ port: 0, address: '127.0.0.1', onMessage: (msg) => got.push(msg.toString()), onError: noop });
    try {
      expect(socket.address().address).toBe('127.0.0.1');
      const tx = createSocket('udp4');
      await new Promise<void>((r, j) => tx.send('hello', socket.address().port, '127.0.0.1', (e) => (e ? j(e) : r())));
      tx.close();
      await expect.poll(() => got, { timeout: 2000 }).toEqual(['hello']);
    } finally {
      closeUdpSocket(socket);
    }
  });

  it('runs configure on the bound socket', async () => {
    let port = -1;
    const socket = await openUdpSocket({ port: 0, address: '127.0.0.1', onError: noop, configure: (s) => (port = s.address().port) });
    expect(port).toBe(socket.address().port);
    closeUdpSocket(socket);
  });

  it('a failed bind rejects with the bind error', async () => {
    // 192.0.2.1 (TEST-NET-1) is on no interface of this machine.
    await expect(openUdpSocket({ port: 0, address: '192.0.2.1', onError: noop })).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
  });

  it('a throwing configure rejects with its error and closes the socket', async () => {
    let opened: import('node:dgram').Socket | undefined;
    await expect(
      openUdpSocket({
        port: 0,
        address: '127.0.0.1',
        onError: noop,
        configure: (s) => {
          opened = s;
          throw new Error('no multicast here');
        },
      }),
    ).rejects.toThrow('no multicast here');
    expect(() => opened!.address()).toThrow(); // closed: a closed socket has no address
  });

  it('closeUdpSocket tolerates undefined and a second close', async () => {
    const socket = await openUdpSocket({ port: 0, address: '127.0.0.1', onError: noop });
    closeUdpSocket(socket);
    expect(() => closeUdpSocket(socket)).not.toThrow();
    expect(() => closeUdpSocket(undefined)).not.toThrow();
  });
});
