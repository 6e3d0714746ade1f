// The integration suite's entry, loaded by VS Code's extension host (extensionTestsPath): runs every
// `*.test.js` beside it with mocha, prints each result as `[awu-it] …` (the runner shows those lines) and
// writes {passed, failed, skipped, failures} to AWU_TEST_RESULTS for the harness to add to the total.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, forbidOnly: true, reporter: function Reporter(this: unknown, runner: Mocha.Runner) {
    runner.on('pass', (t) => console.log(`[awu-it]   ✓ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('pending', (t) => console.log(`[awu-it]   - ${t.fullTitle()} (skipped)`));
    runner.on('fail', (t, err: Error) => console.log(`[awu-it]   ✗ ${t.fullTitle()}\n[awu-it]     ${String(err.stack ?? err).split('\n').slice(0, 6).join('\n[awu-it]     ')}`));
  } as unknown as typeof Mocha.reporters.Base });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    const runner = mocha.run((failed) => {
      const result = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? failed, skipped: runner.stats?.pending ?? 0, failures };
      console.log(`[awu-it] ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
      if (process.env.AWU_TEST_RESULTS) writeFileSync(process.env.AWU_TEST_RESULTS, JSON.stringify(result));
      if (failed > 0) reject(new Error(`${failed} integration tests failed`));
      else resolve();
    });
    runner.on('fail', (t, err: Error) => failures.push(`${t.fullTitle()}: ${err.message}`));
  });
}
