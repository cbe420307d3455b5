import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirBusyError, lockDataDir } from '../../../main/core/lock.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('data folder lock', () => {
  const tempDir = useTempDirs();

  it('refuses a folder another live process holds', () => {
    const file = join(tempDir(), 'showsite.lock');
    writeFileSync(file, String(process.ppid)); // the test runner's parent is alive
    expect(() => lockDataDir(file)).toThrow(DataDirBusyError);
  });

  it('takes over a lock left by a crashed process and releases it', () => {
    const file = join(tempDir(), 'showsite.lock');
    writeFileSync(file, '2147483646');
    const release = lockDataDir(file);
    expect(existsSync(file)).toBe(true);
    release();
    expect(existsSync(file)).toBe(false);
  });
});
