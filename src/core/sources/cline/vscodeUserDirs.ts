// VS Code's per-user data dirs (`…/User`), where extensions keep their global storage, for every
// VS Code build that runs these extensions (log-formats.md §0, §4.5): Code, Code - Insiders, VSCodium,
// Cursor and Windsurf on this platform, and the remote servers' `~/.vscode-server/data/User` etc.
// VSCODE_APPDATA replaces the platform's app-data dir (as VS Code itself does); VSCODE_PORTABLE adds a
// portable install's `user-data/User`.
import { join } from 'node:path';
import type { SourceEnv } from '../sourceEnv';

const PRODUCTS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];
const SERVERS = ['.vscode-server', '.vscode-server-insiders', '.vscodium-server', '.cursor-server', '.windsurf-server'];

function appDataDir({ env, home, platform }: SourceEnv): string {
  if (env.VSCODE_APPDATA) return env.VSCODE_APPDATA;
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

export function vscodeUserDirs(senv: SourceEnv): string[] {
  const appData = appDataDir(senv);
  const dirs = PRODUCTS.map((p) => join(appData, p, 'User'));
  for (const s of SERVERS) dirs.push(join(senv.home, s, 'data', 'User'));
  if (senv.env.VSCODE_PORTABLE) dirs.push(join(senv.env.VSCODE_PORTABLE, 'user-data', 'User'));
  return dirs;
}
