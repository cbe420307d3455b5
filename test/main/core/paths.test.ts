import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/core/paths.ts';

describe('default data folder (same place Electron keeps userData)', () => {
  it.each([
    ['linux', {}, '/home/op/.config/Showsite Console'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/Showsite Console'],
    ['darwin', {}, '/home/op/Library/Application Support/Showsite Console'],
  ] as const)('%s %j', (platform, env, expected) => {
    expect(defaultDataDir(platform, env, '/home/op')).toBe(expected);
  });

  it('win32 uses APPDATA', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'C:\\Users\\op')).toContain('Showsite Console');
  });
});
