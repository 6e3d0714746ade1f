// Runs the integration suite (out/test/integration/index.js) inside a real VS Code and returns its counts.
//
// Offline (default): VS Code 1.100.3's server from code-server (installed by setup.mjs) on a free loopback
// port, with fresh user-data, extensions and workspace dirs, opened in headless Debian Chromium through
// playwright-core. The workbench takes extensionDevelopmentPath/extensionTestsPath from the URL payload
// and, when the suite settles, calls window.codeAutomationExit(code). The extension and the tests run in
// the server's Node extension host, which inherits the server's environment: that is how the fixture
// agent logs (CLAUDE_CONFIG_DIR, CODEX_HOME, …) and the results file (AWU_TEST_RESULTS) reach them.
// AWU_TEST_ELECTRON=1: @vscode/test-electron instead (downloads a VS Code build; needs the internet).
//
// The suite writes {passed, failed, skipped, failures} to AWU_TEST_RESULTS; a run that never got there counts as
// one failure. Usage: node scripts/test-env/runIntegration.mjs [--screenshot FILE] [--keep] [--verbose]
// (--screenshot: the page when a test probes the status bar's DOM.)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_BIN } from './setup.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTS = join(ROOT, 'out', 'test', 'integration', 'index.js');
const RUN_TIMEOUT_MS = 10 * 60_000;
const log = (msg) => console.log(`[integration] ${msg}`);

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Temp dirs for one run: the fixture agent homes (empty; the tests write the logs), a workspace, VS Code's dirs. */
export function makeDirs() {
  const base = mkdtempSync(join(tmpdir(), 'awu-it-'));
  const dirs = {
    base,
    claude: join(base, 'agents', 'claude'),
    codex: join(base, 'agents', 'codex'),
    gemini: join(base, 'agents', 'gemini'),
    workspace: join(base, 'workspace'),
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
    results: join(base, 'results.json'),
  };
  for (const d of [dirs.claude, dirs.codex, dirs.gemini, dirs.workspace, join(dirs.userData, 'User'), dirs.extensions]) mkdirSync(d, { recursive: true });
  writeFileSync(join(dirs.workspace, 'README.md'), '# fixture workspace\n');
  // Quiet, deterministic workbench: no welcome page, no trust prompt, no update checks.
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off' }, null, 2),
  );
  return dirs;
}

function testEnv(dirs) {
  return {
    // Fixture agent logs only: never the developer's real ~/.claude or ~/.codex (HOME moves too).
    CLAUDE_CONFIG_DIR: dirs.claude,
    CODEX_HOME: dirs.codex,
    GEMINI_CLI_HOME: dirs.gemini,
    COPILOT_HOME: join(dirs.base, 'agents', 'copilot'),
    XDG_DATA_HOME: join(dirs.base, 'home', '.local', 'share'),
    PI_CODING_AGENT_DIR: join(dirs.base, 'agents', 'pi'),
    HOME: join(dirs.base, 'home'),
    XDG_CONFIG_HOME: join(dirs.base, 'home', '.config'),
    XDG_CACHE_HOME: join(dirs.base, 'home', '.cache'),
    AWU_TEST_RESULTS: dirs.results,
    AWU_TEST_WORKSPACE: dirs.workspace,
    TZ: 'UTC',
  };
}

function readResults(file, exitCode) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: r.passed, failed: r.failed, skipped: r.skipped ?? 0, failures: r.failures ?? [], exitCode };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, failures: [`the suite wrote no results (exit code ${exitCode})`], exitCode };
  }
}

async function waitForServer(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with code ${server.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

/** Exposes functions the workbench calls, navigates, and waits for codeAutomationExit. */
/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  // launch() gives Chromium a fresh temporary --user-data-dir of its own (and --headless).
  return chromium.launch({
    executablePath: process.env.AWU_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function runInBrowser(url, { screenshot, onLine }) {
  const browser = await launchChromium();
  try {
    // The web workbench's clipboard is the page's: without the permission, writeText waits forever.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    let exit;
    const exited = new Promise((res) => (exit = res));
    await page.exposeFunction('codeAutomationLog', async (type, args) => {
      onLine(type, args);
      // A DOM probe: a test logs `[awu-it-dom] FILE`; the page's status bar items are written to FILE as
      // JSON (the test reads it). It has to happen during the run: when the suite settles, the workbench
      // stops the extension host, which removes the extension's status bar items before codeAutomationExit.
      const probe = /\[awu-it-dom\] ([^\s"\\]+)/.exec(JSON.stringify(args));
      if (probe) {
        const items = await page.evaluate(() =>
          [...document.querySelectorAll('.statusbar-item')].map((e) => ({ id: e.id, text: e.textContent ?? '', label: e.getAttribute('aria-label') ?? '', className: e.className })),
        );
        writeFileSync(`${probe[1]}.tmp`, JSON.stringify(items));
        renameSync(`${probe[1]}.tmp`, probe[1]);
        if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
      }
      // A user gesture: VS Code for the web defers clipboard writes until the user next interacts with
      // the page (browsers allow them only then). A test logs `[awu-it-gesture]` to stand in for that.
      if (JSON.stringify(args).includes('[awu-it-gesture]')) {
        await page.keyboard.press('Shift').catch(() => {});
        await page.mouse.click(5, 450).catch(() => {});
      }
    });
    await page.exposeFunction('codeAutomationExit', async (code) => {
      exit(code);
    });
    page.on('pageerror', (err) => onLine('pageerror', [String(err)]));
    await page.goto(url);
    let timer;
    const timeout = new Promise((res) => (timer = setTimeout(() => res(-1), RUN_TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Lines from the extension host worth printing: the suite's own (prefixed) and errors. */
function printer(verbose) {
  return (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    if (verbose || text.includes('[awu-it]') || type === 'pageerror') console.log(`  ${text.replace(/%c/g, '')}`);
  };
}

/** code-server on a free loopback port with the run's dirs and environment; `stop()` ends it. */
export async function startCodeServer(dirs, { verbose = false, extraEnv = {} } = {}) {
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server is not installed; run node scripts/test-env/setup.mjs`);
  const port = await freePort();
  const env = { ...process.env, ...testEnv(dirs), ...extraEnv };
  delete env.VSCODE_IPC_HOOK_CLI;
  mkdirSync(env.HOME, { recursive: true });
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--config', join(dirs.base, 'code-server.yaml'),
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, dirs.workspace,
  ];
  const server = spawn(CODE_SERVER_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const handle = {
    port,
    origin: `http://127.0.0.1:${port}`,
    log: '',
    async stop() {
      server.kill('SIGTERM');
      await new Promise((res) => (server.exitCode !== null ? res() : server.once('exit', res)));
    },
  };
  const onServer = (d) => {
    handle.log += d;
    if (verbose) process.stdout.write(d);
  };
  server.stdout.on('data', onServer);
  server.stderr.on('data', onServer);
  try {
    await waitForServer(`${handle.origin}/healthz`, server, 60_000);
  } catch (err) {
    await handle.stop();
    throw new Error(`${err.message}\n${handle.log.slice(-4000)}`);
  }
  return handle;
}

async function runOffline(opts) {
  const dirs = makeDirs();
  const started = Date.now();
  let server;
  try {
    server = await startCodeServer(dirs, { verbose: opts.verbose, extraEnv: { AWU_TEST_DOM_PROBE: '1' } });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(TESTS)],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`VS Code (code-server) on port ${server.port} up in ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite`);
    const code = await runInBrowser(url, { screenshot: opts.screenshot, onLine: printer(opts.verbose) });
    if (code === -1) log(`timed out after ${RUN_TIMEOUT_MS / 1000} s`);
    const r = readResults(dirs.results, code);
    if (r.failed === 0 && code !== 0) {
      r.failed = 1;
      r.failures.push(`the workbench exited with code ${code}`);
    }
    if (r.exitCode !== 0 && !opts.verbose) process.stdout.write(server.log.slice(-4000));
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (exit code ${code})`);
    return r;
  } finally {
    await server?.stop();
    if (!opts.keep) rmSync(dirs.base, { recursive: true, force: true });
    else log(`kept ${dirs.base}`);
  }
}

async function runElectron(opts) {
  const { runTests } = await import('@vscode/test-electron');
  const dirs = makeDirs();
  try {
    const code = await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      extensionTestsEnv: testEnv(dirs),
      launchArgs: [dirs.workspace, '--disable-extensions', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    }).catch(() => 1);
    return readResults(dirs.results, code);
  } finally {
    if (!opts.keep) rmSync(dirs.base, { recursive: true, force: true });
  }
}

/** Runs the suite (already built into out/test/integration) and returns {passed, failed, skipped, failures}. */
export async function runIntegration(opts = {}) {
  const o = { verbose: !!process.env.AWU_TEST_VERBOSE, ...opts };
  try {
    return process.env.AWU_TEST_ELECTRON === '1' ? await runElectron(o) : await runOffline(o);
  } catch (err) {
    log(`harness error: ${err.stack ?? err}`);
    return { passed: 0, failed: 1, skipped: 0, failures: [`harness: ${err.message}`], exitCode: 1 };
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--screenshot');
  const r = await runIntegration({ keep: argv.includes('--keep'), ...(argv.includes('--verbose') ? { verbose: true } : {}), ...(at >= 0 ? { screenshot: resolve(argv[at + 1]) } : {}) });
  for (const f of r.failures) console.log(`  failed: ${f}`);
  // A run that ran no test is no success either.
  if (r.passed + r.failed === 0) {
    console.log('  failed: the integration suite ran no test');
    r.failed++;
  }
  console.log(`${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  process.exitCode = r.failed > 0 ? 1 : 0;
}
