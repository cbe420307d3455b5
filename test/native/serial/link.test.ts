import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSerialError, openSerial, uucpLockHolder } from '../../../native/serial/link.ts';
import { waitFor } from '../../helpers/serve.ts';
import { openFarEnd, socatUnavailable, startPtyPair } from '../../helpers/pty.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('serial errors in words', () => {
  // The texts serialport's native binding produces ("<strerror>, cannot open <path>").
  it('permission denied names the fix for each system', () => {
    const e = new Error('Error: Permission denied, cannot open /dev/ttyUSB0');
    expect(describeSerialError('/dev/ttyUSB0', e, 'linux')).toEqual({ kind: 'permission', message: '/dev/ttyUSB0: permission denied — add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and in)' });
    expect(describeSerialError('COM3', new Error('Opening COM3: Access denied'), 'win32').message).toBe('COM3: access denied — another program has the port open (close it), or the driver needs reinstalling');
    expect(describeSerialError('/dev/cu.usbserial-EN1', e, 'darwin').kind).toBe('permission');
  });

  it('missing, busy, not a serial port, unplugged, anything else', () => {
    expect(describeSerialError('/dev/ttyUSB0', new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'))).toEqual({ kind: 'missing', message: '/dev/ttyUSB0: not connected (no such device)' });
    expect(describeSerialError('/dev/ttyUSB0', Object.assign(new Error('locked by process 42 (/var/lock/LCK..ttyUSB0)'), { code: 'EBUSY' }))).toEqual({
      kind: 'busy',
      message: '/dev/ttyUSB0: in use by another program (locked by process 42 (/var/lock/LCK..ttyUSB0)) — close it (OLA, QLC+, another console…)',
    });
    expect(describeSerialError('/tmp/x', new Error('Error: Inappropriate ioctl for device setting custom baud rate of 115200')).kind).toBe('not-serial');
    expect(describeSerialError('/dev/ttyUSB0', Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }))).toEqual({ kind: 'unplugged', message: '/dev/ttyUSB0: unplugged (EIO: i/o error, write)' });
    expect(describeSerialError('/dev/ttyUSB0', 'something odd')).toEqual({ kind: 'other', message: '/dev/ttyUSB0: something odd' });
    expect(describeSerialError('COM3', Object.assign(new Error('serial ports are not supported on Windows yet'), { code: 'ENOTSUP' }))).toEqual({ kind: 'unsupported', message: 'COM3: serial ports are not supported on Windows yet' });
  });
});

describe('UUCP lock files (how OLA says a port is taken)', () => {
  const tempDir = useTempDirs();

  it('a live process holding LCK..<name> is reported; a dead one, ours, or none is not', async () => {
    const dir = tempDir();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'LCK..ttyUSB0'), `${String(sleeper.pid).padStart(10)}\n`); // HDB: pid in ASCII
      expect(await uucpLockHolder('/dev/ttyUSB0', [dir])).toEqual({ pid: sleeper.pid, file: join(dir, 'LCK..ttyUSB0') });
      const binary = Buffer.alloc(4);
      binary.writeInt32LE(sleeper.pid!);
      writeFileSync(join(dir, 'LCK..ttyUSB1'), binary); // old style: a binary int
      expect((await uucpLockHolder('/dev/ttyUSB1', [dir]))?.pid).toBe(sleeper.pid);
      writeFileSync(join(dir, 'LCK..ttyUSB2'), `${process.pid}\n`);
      expect(await uucpLockHolder('/dev/ttyUSB2', [dir])).toBeNull();
      expect(await uucpLockHolder('/dev/ttyUSB3', [dir])).toBeNull();
    } finally {
      sleeper.kill();
    }
    await new Promise((r) => sleeper.once('exit', r));
    expect(await uucpLockHolder('/dev/ttyUSB0', [dir])).toBeNull(); // stale: left by a process that died
  });
});

const noSocat = socatUnavailable();
describe.skipIf(noSocat !== undefined)('a serial link over a pty (socat)', () => {
  const tempDir = useTempDirs();

  it('bytes both ways; a write after the unplug fails and the close callback says why, once', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir);
    const far = await openFarEnd(pair.b);
    const got: number[] = [];
    const closes: (Error | null)[] = [];
    const link = await openSerial(pair.a, 115_200, { onData: (c) => got.push(...c), onClose: (e) => closes.push(e) });
    await link.write(Uint8Array.of(0x7e, 0x0a, 0, 0, 0xe7));
    await waitFor(() => (far.received().length === 5 ? true : undefined), 2000, 5);
    await far.write(Uint8Array.of(1, 2, 3));
    await waitFor(() => (got.length === 3 ? true : undefined), 2000, 5);
    expect(got).toEqual([1, 2, 3]);
    await pair.stop('SIGKILL');
    await expect(async () => {
      for (let i = 0; i < 50; i++) {
        await link.write(Uint8Array.of(0));
        await new Promise((r) => setTimeout(r, 10));
      }
    }).rejects.toThrow();
    await waitFor(() => (closes.length > 0 ? true : undefined), 2000, 5);
    expect(closes).toHaveLength(1);
    expect(closes[0]).toBeInstanceOf(Error);
    expect(link.isOpen).toBe(false);
    await link.close();
    expect(closes).toHaveLength(1);
    await far.close();
  });

  it('our own close() reports null, not an error', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir);
    const closes: (Error | null)[] = [];
    const link = await openSerial(pair.a, 115_200, { onData: () => {}, onClose: (e) => closes.push(e) });
    await link.close();
    await waitFor(() => (closes.length > 0 ? true : undefined), 1000, 5);
    expect(closes).toEqual([null]);
    await pair.stop();
  });

  const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv') ? undefined : 'needs root and setpriv to open a port as an unprivileged user';
  it.skipIf(asNobody !== undefined)('a real EACCES (a root-only pty opened as nobody) reads "permission denied — add yourself to the dialout group"', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir); // socat's ptys are crw------- root
    const link = fileURLToPath(new URL('../../../native/serial/link.ts', import.meta.url));
    const script = `import(${JSON.stringify(link)}).then(async (m) => { try { await m.openSerial(${JSON.stringify(pair.a)}, 115200, { onData() {}, onClose() {} }); console.log('opened'); } catch (e) { console.log(JSON.stringify(m.describeSerialError(${JSON.stringify(pair.a)}, e, 'linux'))); } });`;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
    await pair.stop();
    expect(JSON.parse(r.stdout.trim())).toEqual({ kind: 'permission', message: `${pair.a}: permission denied — add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and in)` });
  });
});
