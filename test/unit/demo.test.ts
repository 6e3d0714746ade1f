// `npm run demo` (scripts/demo.mjs), the README's first command: its first screen must show tasks with
// AWUs and tokens per AWU, made from a real git repository and the sessions that worked in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers/engine';

const CLI = resolve('dist/cli.js');

/** The output of each `$ awu-meter …` command the demo printed, by command name. */
function sections(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of stdout.split(/^\$ awu-meter /m).slice(1)) out[part.slice(0, part.indexOf(' '))] = part;
  return out;
}

/** The rows of a box-drawn table as objects keyed by the header's column names. */
function tableRows(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.startsWith('│'));
  const cells = (l: string) => l.split('│').slice(1, -1).map((c) => c.trim());
  const header = cells(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(cells(l).map((c, i) => [header[i], c])));
}

describe('npm run demo', function () {
  let work: string;
  let stdout: string;
  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    work = join(tempDir('awu-demo-test-'), 'work');
    stdout = execFileSync(process.execPath, ['scripts/demo.mjs'], { encoding: 'utf8', env: { ...process.env, AWU_DEMO_WORK: work } });
  });
  after(function () {
    rmSync(resolve(work, '..'), { recursive: true, force: true });
  });

  it('prints daily, tasks and the Markdown week, in that order', function () {
    assert.deepEqual(Object.keys(sections(stdout)), ['daily', 'tasks', 'week']);
    assert.match(sections(stdout).week!, /^# AWU Meter — week 2026-W47$/m);
  });

  it('shows the demo repository’s tasks with AWUs and tokens per AWU', function () {
    const rows = tableRows(sections(stdout).tasks!);
    const repo = rows.filter((r) => r['Project']?.endsWith('invoice-api'));
    const earning = repo.filter((r) => Number(r['AWU']) > 0);
    // Session A (tests 0.5 + squash-merged PR 2), session B (tests 0.5 + a landed commit 1), the commit by hand (token-free 1).
    assert.deepEqual(earning.map((r) => Number(r['AWU'])).sort(), [1, 1.5, 2.5]);
    for (const r of earning.filter((x) => Number(x['Tokens']!.replace(/,/g, '')) > 0)) {
      const perAwu = Number(r['Tokens/AWU']!.replace(/,/g, ''));
      assert.equal(perAwu, Math.round(Number(r['Tokens']!.replace(/,/g, '')) / Number(r['AWU'])));
    }
    assert.equal(earning.filter((x) => Number(x['Tokens']!.replace(/,/g, '')) > 0).length, 2, 'two agent sessions earned');
    // Session C explored and committed nothing: spend with no outcome.
    assert.ok(repo.some((r) => r['AWU'] === '0' && Number(r['Tokens']!.replace(/,/g, '')) > 0));
  });

  it('links the outcomes by the sessions’ tool calls and the squash-merged PR', function () {
    const week = sections(stdout).week!;
    assert.match(week, /\| PR merged \| \w+ \| [^|]*invoice-api \| 2 \| Fix rounding of invoice totals \(#7\) \| squash of fix-rounding \(#7\): 2 of 2 commits by claude session a7c31f0e/);
    assert.match(week, /\| Tests passed \| npm test \| [^|]*invoice-api \| 0\.5 \|/);
    assert.match(week, /\| Commit landed \| \w+ \| [^|]*invoice-api \| 1 \| Mention CSV export in README \| no agent session active in the repo: token-free/);
  });

  it('keeps its repository, logs and index in its own folder', function () {
    assert.ok(readdirSync(join(work, 'cache')).length > 0, 'the index is in the demo folder');
    assert.ok(existsSync(join(work, 'invoice-api', '.git')));
  });
});
