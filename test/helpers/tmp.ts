import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * Fresh folders, removed after each test ('each') or after the whole describe block ('all' — use
 * this for folders made in beforeAll, e.g. the data folder of a server shared by several tests).
 */
export function useTempDirs(scope: 'each' | 'all' = 'each'): () => string {
  const made: string[] = [];
  (scope === 'each' ? afterEach : afterAll)(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'showsite-test-'));
    made.push(d);
    return d;
  };
}
