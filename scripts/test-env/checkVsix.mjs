// Checks the packaged extension end to end: installs the .vsix with VS Code's own CLI (code-server's
// --install-extension) into a fresh extensions dir, opens a workbench with no development options, and
// waits for the extension's status bar item to appear in the page (it activates onStartupFinished and,
// with the fixture logs below, shows their tokens and cost).
// Usage: npm run package && node scripts/test-env/checkVsix.mjs [awu-meter.vsix]   (npm test runs it too)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, makeDirs, startCodeServer } from './runIntegration.mjs';
import { CODE_SERVER_BIN } from './setup.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ITEM_ID = 'awu-meter.awu-meter.awuMeter.status';

/** Packages the extension (npm run package) into `out`; returns its path. */
export function packageVsix(out) {
  const r = spawnSync('npm', ['run', 'package', '--silent', '--', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
  return out;
}

/** Installs `vsixPath` into a fresh profile and checks that it activates; resolves to true when it did. */
export async function checkVsix(vsixPath, { quiet = false } = {}) {
  const vsix = resolve(vsixPath);
  const dirs = makeDirs();
  const started = Date.now();
  let server;
  let browser;
  const say = (m) => (quiet ? undefined : console.log(m));
  try {
    const install = spawnSync(CODE_SERVER_BIN, ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', vsix], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`--install-extension failed: ${install.stderr}`);
    const list = spawnSync(CODE_SERVER_BIN, ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    say(`installed: ${list.stdout.trim()}`);
    if (!list.stdout.includes('awu-meter.awu-meter@')) throw new Error('the extension is not listed after install');

    // One Claude Code line of today: 1,000 input + 500 output tokens of Sonnet 4.5 = $0.0105.
    const project = join(dirs.claude, 'projects', '-home-dev-app');
    mkdirSync(project, { recursive: true });
    const line = {
      type: 'assistant', sessionId: 's1', requestId: 'req_1', timestamp: new Date().toISOString(), cwd: '/home/dev/app', uuid: 'u1',
      message: { id: 'msg_1', model: 'claude-sonnet-4-5-20250929', role: 'assistant', content: [], usage: { input_tokens: 1000, output_tokens: 500, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } },
    };
    writeFileSync(join(project, 's1.jsonl'), `${JSON.stringify(line)}\n`);

    server = await startCodeServer(dirs);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(dirs.workspace)}`);
    const item = page.locator(`[id="${ITEM_ID}"]`);
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction((id) => /1\.5k.* AWU/.test(document.getElementById(id)?.textContent ?? ''), ITEM_ID, { timeout: 30_000 }).catch(async () => {
      throw new Error(`the status bar item says "${(await item.textContent())?.trim()}" (${await item.getAttribute('aria-label')})`);
    });
    const text = (await item.textContent())?.trim();
    if (process.env.AWU_VSIX_SCREENSHOT) await page.screenshot({ path: resolve(process.env.AWU_VSIX_SCREENSHOT) });
    // Spend from the fixture log, then the AWUs (none: the fixture session worked in no repository).
    if (text !== '1.5k · $0.01 · 0 AWU') throw new Error(`unexpected status bar text: ${text}`);
    console.log(`[vsix] ${vsix} installed with VS Code's CLI, activated: status bar shows "${text}" (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    console.error(`[vsix] check failed: ${err.message}`);
    if (server) console.error(server.log.slice(-3000));
    return false;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.AWU_TEST_KEEP) console.log(`kept ${dirs.base}`);
    else rmSync(dirs.base, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = (await checkVsix(process.argv[2] ?? join(ROOT, 'awu-meter.vsix'))) ? 0 : 1;
}
