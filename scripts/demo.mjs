// Shows the CLI at work on the bundled demo logs (demo/), without touching the real agent folders
// or the user's cache.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const env = {
  ...process.env,
  CLAUDE_CONFIG_DIR: resolve('demo/claude'),
  CODEX_HOME: resolve('demo/codex'),
  AWU_METER_CACHE_DIR: mkdtempSync(join(tmpdir(), 'awu-meter-demo-')),
};
for (const args of [['daily', '--tz', 'UTC'], ['session', '--tz', 'UTC']]) {
  console.log(`\n$ awu-meter ${args.join(' ')}`);
  execFileSync(process.execPath, ['dist/cli.js', ...args], { env, stdio: 'inherit' });
}
