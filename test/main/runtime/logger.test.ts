import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../../main/runtime/logger.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('logger', () => {
  const tempDir = useTempDirs();

  it('writes one JSON object per line with component and fields', () => {
    const dir = tempDir();
    const log = createLogger({ dir, level: 'info' });
    log.child('dmx').warn('universe 1 lost', { universe: 1, error: new Error('EIO') });
    log.debug('not written at info');
    const lines = readFileSync(join(dir, 'showsite.log'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', component: 'core.dmx', msg: 'universe 1 lost', universe: 1, error: { message: 'EIO' } });
  });

  it('rotates at the size limit and keeps a bounded number of old files', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 400, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${i}`, { pad: 'x'.repeat(40) });
    expect(existsSync(join(dir, 'showsite.log.1'))).toBe(true);
    expect(existsSync(join(dir, 'showsite.log.2'))).toBe(true);
    expect(existsSync(join(dir, 'showsite.log.3'))).toBe(false);
    expect(readFileSync(join(dir, 'showsite.log'), 'utf8').length).toBeLessThanOrEqual(400);
    expect(readFileSync(join(dir, 'showsite.log'), 'utf8')).toContain('line 39');
  });
});
