import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Showsite Console';

/** The OS app-data folder, the same one Electron uses as userData, so desktop and serve share one show. */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productName);
}
