// Installs what the integration tests need to run inside a real VS Code on a machine that reaches only
// the npm registry and Debian's packages (see /work/shared/docs/testing-in-vscode.md):
//   - Debian: chromium (the window), ripgrep (VS Code's search), libkrb5-dev (a native module's headers),
//     strace (the unit test that no command opens an agent's log for writing);
//   - code-server@4.100.3 (VS Code 1.100.3's server and web workbench, the newest line on Node 20) in a
//     git-ignored cache folder, with its postinstall done by hand (its own downloads ripgrep).
// Idempotent: each step is skipped when what it makes is already there; a second run takes well under a
// second. Safe to run from several processes at once (a lock file serialises the install).
// Usage: node scripts/test-env/setup.mjs [--quiet]   (exits non-zero when something could not be installed)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where code-server is installed; AWU_TEST_CACHE moves it (e.g. to share it between work trees). */
export const CACHE_DIR = resolve(process.env.AWU_TEST_CACHE || join(ROOT, '.vscode-test', 'offline'));
export const CODE_SERVER_BIN = join(CACHE_DIR, 'node_modules', '.bin', 'code-server');
const MARKER = join(CACHE_DIR, `.installed-code-server-${CODE_SERVER_VERSION}`);

const quiet = process.argv.includes('--quiet');
const log = (msg) => console.log(`[test-env] ${msg}`);

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}) in ${opts.cwd ?? process.cwd()}`);
  }
  log(`  ${cmd} ${args.join(' ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function hasDeb(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Debian packages, installed only when one is missing (apt-get update first: a fresh machine has no lists). */
export function ensureDebianPackages() {
  const wanted = [
    ['chromium', () => existsSync('/usr/bin/chromium')],
    ['ripgrep', () => has('rg')],
    ['libkrb5-dev', () => hasDeb('libkrb5-dev')],
    ['strace', () => has('strace')],
  ];
  const missing = wanted.filter(([, present]) => !present()).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) throw new Error(`missing packages ${missing.join(', ')}; install them (Debian, as root: apt-get install -y ${missing.join(' ')})`);
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

/** A lock file that one installer holds; a lock whose process is gone (or older than 20 min) is taken over. */
function withLock(path, fn) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let stale = false;
      try {
        const pid = Number(readFileSync(path, 'utf8'));
        stale = Date.now() - statSync(path).mtimeMs > 20 * 60_000;
        if (pid > 0) process.kill(pid, 0);
      } catch {
        stale = true;
      }
      if (stale) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
      log('another process is installing code-server; waiting');
      spawnSync('sleep', ['2']);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(path, { force: true });
  }
}

/** code-server with scripts off, then by hand what its postinstall.sh does, without the ripgrep download. */
export function ensureCodeServer() {
  if (existsSync(MARKER) && existsSync(CODE_SERVER_BIN)) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  withLock(join(CACHE_DIR, '.install.lock'), () => {
    if (existsSync(MARKER) && existsSync(CODE_SERVER_BIN)) return;
    log(`installing code-server@${CODE_SERVER_VERSION} into ${CACHE_DIR}`);
    // Its own package.json, so that npm installs here and not into the project above.
    writeFileSync(join(CACHE_DIR, 'package.json'), `${JSON.stringify({ name: 'awu-meter-test-env', private: true }, null, 2)}\n`);
    const npm = (cwd, ...args) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: { ...process.env, npm_config_yes: 'true' } });
    npm(CACHE_DIR, 'install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`);
    const lib = join(CACHE_DIR, 'node_modules', 'code-server', 'lib');
    const vscodeDir = join(lib, 'vscode');
    npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');
    // @vscode/ripgrep's postinstall downloads rg; it exits early when bin/ exists, so link Debian's.
    const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgBin, { recursive: true });
    const rgLink = join(rgBin, 'rg');
    rmSync(rgLink, { force: true });
    symlinkSync('/usr/bin/rg', rgLink);
    // Native modules (node-pty runs `npx node-gyp`; npm_config_yes lets npx fetch it).
    npm(vscodeDir, 'rebuild');
    const asar = join(vscodeDir, 'node_modules.asar');
    rmSync(asar, { force: true });
    symlinkSync('node_modules', asar);
    npm(join(vscodeDir, 'extensions'), 'install', '--omit=dev', '--ignore-scripts');
    npm(CACHE_DIR, 'rebuild', 'argon2');
    // (its own config dir: --version writes a default config.yaml there)
    const v = spawnSync(CODE_SERVER_BIN, ['--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(CACHE_DIR, '.config') } });
    if (v.status !== 0 || !v.stdout.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version failed: ${v.stdout}${v.stderr}`);
    writeFileSync(MARKER, v.stdout);
    log(`code-server ready: ${v.stdout.split('\n').find((l) => l.includes(CODE_SERVER_VERSION))}`);
  });
}

export function setup() {
  const started = Date.now();
  ensureDebianPackages();
  // With @vscode/test-electron (AWU_TEST_ELECTRON=1, machines with the internet) code-server is not needed.
  if (process.env.AWU_TEST_ELECTRON !== '1') ensureCodeServer();
  const s = (Date.now() - started) / 1000;
  if (s > 1) log(`test environment ready in ${s.toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setup();
  } catch (err) {
    console.error(`[test-env] ${err.message}`);
    process.exitCode = 1;
  }
}
