import { homedir } from 'node:os';
import { join } from 'node:path';

/** AWU_METER_CACHE_DIR, else the platform's user cache directory. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.AWU_METER_CACHE_DIR) return env.AWU_METER_CACHE_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'awu-meter');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'awu-meter', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'awu-meter');
}
