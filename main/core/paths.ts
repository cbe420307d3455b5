import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const productName = 'Showsite Console';

/** The OS app-data folder, the same one Electron uses as userData, so desktop and serve share one show. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  // Paths are built with the target platform's rules, so the answer is right (and testable) on any host.
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', productName);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), productName);
}
