import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../main/core/paths.ts';

describe('default data folder (same place Electron keeps userData)', () => {
  it.each([
    ['linux', {}, '/home/op', '/home/op/.config/Showsite Console'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/op', '/cfg/Showsite Console'],
    ['darwin', {}, '/Users/op', '/Users/op/Library/Application Support/Showsite Console'],
    ['win32', { APPDATA: 'D:\\Profiles\\op\\Roaming' }, 'C:\\Users\\op', 'D:\\Profiles\\op\\Roaming\\Showsite Console'],
    ['win32', {}, 'C:\\Users\\op', 'C:\\Users\\op\\AppData\\Roaming\\Showsite Console'],
  ] as const)('%s %j home %s → %s', (platform, env, home, expected) => {
    expect(defaultDataDir(platform, env, home)).toBe(expected);
  });
});
