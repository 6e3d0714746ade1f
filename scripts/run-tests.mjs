// Runs every test suite (unit, browser, integration in VS Code, the .vsix install check) and ends with
// one line that sums them all: `N passed, N failed, N skipped`. Exits non-zero when anything failed. A
// suite that ran no test (no test file found, or every test skipped) counts as a failure: an empty run
// must not read as a green one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import { checkVsix, packageVsix } from './test-env/checkVsix.mjs';
import { runIntegration } from './test-env/runIntegration.mjs';
import { setup } from './test-env/setup.mjs';

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join(dir, f))
    .sort();
}

function runMocha(specs) {
  // forbidOnly: an `it.only` left behind would silently drop every other test.
  const mocha = new Mocha({ reporter: 'spec', timeout: 60000, forbidOnly: true });
  for (const f of specs) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
  });
}

/** Adds a suite's counts to the totals; a suite that ran no test is one failure. */
function count(name, r) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  if (r.skipped) console.log(`  ${name}: ${r.skipped} skipped`);
  if (r.passed + r.failed === 0) {
    console.log(`  failed: the ${name} suite ran no test`);
    failed++;
  }
}

// Every temporary folder a test (or a process it starts) makes goes into one folder per run, removed at the
// end: tests that leave theirs behind would otherwise fill a developer's /tmp run after run.
const runTmp = mkdtempSync(join(tmpdir(), 'awu-run-'));
process.env.TMPDIR = runTmp;

execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['esbuild.config.mjs', '--tests'], { stdio: 'inherit' });
const suites = [['unit', files('out/test/unit')], ['browser', files('out/test/browser')]];
let passed = 0;
let failed = 0;
let skipped = 0;
// Chromium and VS Code (code-server) for the browser and integration suites; skipped when installed.
let envReady = true;
try {
  setup();
} catch (err) {
  console.error(`[test-env] ${err.message}`);
  envReady = false;
  failed++;
}
for (const [name, specs] of suites) {
  console.log(`\n=== ${name} tests (${specs.length} files)`);
  count(name, await runMocha(specs));
}
if (envReady) {
  console.log('\n=== integration tests (in VS Code)');
  const r = await runIntegration();
  for (const f of r.failures) console.log(`  failed: ${f}`);
  count('integration', r);
  // One more: the packaged .vsix installs with VS Code's CLI and activates (then the dev build is restored).
  console.log('\n=== packaging');
  let ok = false;
  const vsix = join(tmpdir(), `awu-meter-${process.pid}.vsix`);
  try {
    ok = await checkVsix(packageVsix(vsix), { quiet: true });
  } catch (err) {
    console.log(`  failed: ${err.message}`);
  } finally {
    rmSync(vsix, { force: true });
    execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  }
  if (ok) passed++;
  else failed++;
}
try {
  rmSync(runTmp, { recursive: true, force: true });
} catch (err) {
  console.log(`  could not remove ${runTmp}: ${err.message}`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
