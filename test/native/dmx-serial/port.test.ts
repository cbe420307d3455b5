import { afterEach, describe, expect, it } from 'vitest';
import { SparkfunSerialInput } from '../../../native/dmx-serial/port.ts';
import type { SerialLinkHandlers, SerialOpener } from '../../../native/serial/link.ts';
import { waitFor } from '../../helpers/serve.ts';
import { openFarEnd, socatUnavailable, startPtyPair } from '../../helpers/pty.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

/** One fake serial port: the test sends bytes as the board would, and unplugs it. */
function fakeBoard(path = '/dev/ttyACM0') {
  const state = { present: true, id: 1, opens: 0, baud: 0, openError: undefined as Error | undefined, handlers: undefined as SerialLinkHandlers | undefined };
  const open: SerialOpener = async (p, baud, handlers) => {
    if (p !== path || !state.present) throw new Error(`Error: No such file or directory, cannot open ${p}`);
    if (state.openError) throw state.openError;
    state.opens++;
    state.baud = baud;
    state.handlers = handlers;
    return { path: p, isOpen: true, write: async () => {}, close: async () => {} };
  };
  return {
    state,
    open,
    deviceAt: async (p: string) => (p === path && state.present ? state.id : null),
    send: (text: string) => state.handlers!.onData(new TextEncoder().encode(text)),
    unplug() {
      state.present = false;
      state.handlers?.onClose(new Error('EIO: i/o error, read'));
    },
    replug() {
      state.present = true;
      state.id++;
    },
  };
}

describe('SparkFun DMX shield on a serial port', () => {
  const inputs: SparkfunSerialInput[] = [];
  const make = (board: ReturnType<typeof fakeBoard>, channels = { first: 1, last: 512 }, onValues?: () => void) => {
    let now = 1000;
    const input = new SparkfunSerialInput({ path: '/dev/ttyACM0', baudRate: 115_200, channels, open: board.open, deviceAt: board.deviceAt, clock: () => now, retryMs: 10, watchMs: 5, platform: 'linux', ...(onValues ? { onValues } : {}) });
    inputs.push(input);
    input.start();
    return { input, at: (t: number) => (now = t) };
  };
  afterEach(async () => {
    await Promise.all(inputs.splice(0).map((i) => i.stop()));
  });
  const open = (input: SparkfunSerialInput) => waitFor(() => (input.status().state === 'open' ? true : undefined), 2000, 2);

  it('opens at the configured baud rate and reads the sketch’s lines, banner and partial lines included', async () => {
    const board = fakeBoard();
    let told = 0;
    const { input, at } = make(board, undefined, () => told++);
    await open(input);
    expect(board.state.baud).toBe(115_200);
    board.send('SparkFun DMX Example 2 - Input\r\nDMX initialized!\r\n');
    at(1500);
    board.send('DMX: read value from chan');
    expect(input.frame[0]).toBe(0);
    board.send('nel 1: 123\r\nDMX: read value from channel 7: 9\r\n');
    expect(input.frame[0]).toBe(123);
    expect(input.frame[6]).toBe(9);
    expect(told).toBe(1); // one push, two values: one announcement
    expect(input.status()).toMatchObject({ state: 'open', values: 2, lines: 4, noise: 0, lastValueAt: 1500, lastLineAt: 1500 });
  });

  it('noise is counted, not read; a value glued after garbage on the same line is still read', async () => {
    const board = fakeBoard();
    const { input } = make(board);
    await open(input);
    board.send('\x00\xff\x13 garbage\r\n\x00\x00DMX: read value from channel 2: 44\r\nDMX: read value from channel 600: 1\r\n');
    expect(input.frame[1]).toBe(44);
    expect(input.status()).toMatchObject({ noise: 1, values: 1, rejected: 1 });
  });

  it('only channels in the range are taken', async () => {
    const board = fakeBoard();
    const { input } = make(board, { first: 2, last: 3 });
    await open(input);
    board.send('DMX: read value from channel 1: 10\nDMX: read value from channel 3: 30\n');
    expect([...input.frame.subarray(0, 3)]).toEqual([0, 0, 30]);
    expect(input.status()).toMatchObject({ values: 1, filtered: 1 });
  });

  it('unplugged mid-line and back: reopened by itself, the torn line is dropped (not glued to the next), totals carry on', async () => {
    const board = fakeBoard();
    const { input } = make(board);
    await open(input);
    board.send('DMX: read value from channel 1: 5\r\nDMX: read value from channel 1: 2');
    board.unplug();
    await waitFor(() => (input.status().state === 'lost' ? true : undefined), 1000, 1);
    expect(input.status().message).toMatch(/unplugged/);
    board.replug();
    await open(input);
    board.send('55\r\n'); // the rest of a line from before the unplug: noise, not "255"
    board.send('DMX: read value from channel 1: 77\r\n');
    expect(input.frame[0]).toBe(77);
    expect(input.status()).toMatchObject({ connects: 2, values: 2, noise: 1 });
  });

  it('a port that cannot be opened is a clear, retried state', async () => {
    const board = fakeBoard();
    board.state.openError = new Error('Error: Permission denied, cannot open /dev/ttyACM0');
    const { input } = make(board);
    await waitFor(() => (input.status().state === 'error' ? true : undefined), 1000, 1);
    expect(input.status().message).toMatch(/^\/dev\/ttyACM0: permission denied — add yourself to the dialout group/);
    board.state.openError = undefined;
    await open(input);
  });
});

const noSocat = socatUnavailable();
describe.skipIf(noSocat !== undefined)('SparkFun DMX shield on a real pty (socat)', () => {
  const tempDir = useTempDirs();

  it('reads lines written into the pty, and reconnects when the pty comes back', async () => {
    const dir = tempDir();
    let pair = await startPtyPair(dir);
    let board = await openFarEnd(pair.b);
    const input = new SparkfunSerialInput({ path: pair.a, baudRate: 115_200, channels: { first: 1, last: 512 }, retryMs: 50 });
    input.start();
    try {
      await waitFor(() => (input.status().state === 'open' ? true : undefined), 3000, 5);
      await board.write('DMX: read value from channel 1: 200\r\n');
      await waitFor(() => (input.frame[0] === 200 ? true : undefined), 2000, 5);
      await pair.stop('SIGKILL');
      await waitFor(() => (input.status().state === 'lost' ? true : undefined), 2000, 5);
      await board.close();
      pair = await startPtyPair(dir);
      board = await openFarEnd(pair.b);
      await waitFor(() => (input.status().state === 'open' ? true : undefined), 3000, 5);
      await board.write('DMX: read value from channel 1: 50\r\n');
      await waitFor(() => (input.frame[0] === 50 ? true : undefined), 2000, 5);
    } finally {
      await input.stop();
      await board.close();
      await pair.stop();
    }
  });
});
