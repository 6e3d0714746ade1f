// `awu-meter tasks` and `awu-meter week` as a user runs them: the built CLI, a real repository, real
// agent logs, every export format parsed back.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { weekSummarySchema } from '../../src/core/report/week/weekSchema';
import { tasksJson, tasksTable } from '../../src/cli/taskOutput';
import { ClaudeSession, min } from './helpers/claudeSession';
import { tempDir } from './helpers/engine';
import { GitRepo, isolatedGitEnv } from './helpers/gitRepo';
import { AGENT_TASK, HAND_TASK, prAnalysis } from './helpers/prOutcomes';

const CLI = resolve('dist/cli.js');

describe('awu-meter tasks and week', function () {
  let env: Record<string, string>;
  let repo: GitRepo;
  let session: ClaudeSession;

  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    const gitEnv = isolatedGitEnv();
    repo = GitRepo.init({ env: gitEnv });
    repo.commit('initial, by hand', { at: min(0), files: { 'a.txt': '1\n' } });
    session = new ClaudeSession('5e55105e-0000-4000-8000-000000000005', repo.dir).usage(60, 2000).edit(61).bash(62, 'npm test', 0);
    repo.commit('feat: "quoted", with comma', { at: min(64), files: { 'a.txt': '2\n' } });
    session.bash(63.9, 'git commit -am wip', 0, 0.2);
    for (let i = 0; i < 5; i++) session.bash(70 + i, 'npm test', 0);
    const claude = tempDir();
    session.write(claude);
    env = { ...gitEnv, PATH: process.env.PATH ?? '', CLAUDE_CONFIG_DIR: claude, CODEX_HOME: tempDir(), AWU_METER_CACHE_DIR: tempDir() };
  });

  function run(args: string[]): string {
    const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  }

  it('prints tasks --json in the documented shape with each outcome on its task', () => {
    const out = JSON.parse(run(['tasks', '--json', '--tz', 'UTC', '--since', '2026-03-01', '--until', '2026-03-03'])) as {
      tasks: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(out), ['tasks', 'totals']);
    assert.deepEqual(Object.keys(out.totals), ['tokens', 'costUSD', 'awu', 'tokensPerAwu', 'costPerAwu', 'tokenFreeShare']);
    const [tokenFree, agent] = out.tasks as { id: string; source: string; sessionId: string | null; awu: number; tokens: Record<string, number>; outcomes: Record<string, unknown>[] }[];
    assert.equal(out.tasks.length, 2);
    assert.deepEqual(Object.keys(agent!), ['id', 'name', 'nameFrom', 'source', 'sessionId', 'project', 'branch', 'start', 'end', 'tokens', 'costUSD', 'awu', 'outcomes']);
    assert.deepEqual(Object.keys(agent!.tokens), ['input', 'output', 'cacheCreation', 'cacheRead', 'total']);
    assert.equal(tokenFree!.source, 'token-free');
    assert.equal(tokenFree!.sessionId, null);
    assert.equal(tokenFree!.awu, 1);
    assert.equal(agent!.sessionId, session.id);
    assert.deepEqual(
      agent!.outcomes.map((o) => [o.kind, o.awu]),
      [['tests.passed', 0.5], ['commit.landed', 1], ['tests.passed', 0], ['tests.passed', 0], ['tests.passed', 0], ['tests.passed', 0], ['tests.passed', 0]],
    );
    assert.deepEqual(Object.keys(agent!.outcomes[0]!), ['kind', 'ref', 'at', 'awu', 'evidence']);
    assert.match(String(agent!.outcomes[2]!.evidence), /earns 0: nothing changed since the last counted pass/);
    assert.equal(out.totals.awu, 2.5);
    assert.equal(out.totals.tokenFreeShare, 0.4);
  });

  it('writes the week in all four formats, and a clear empty report for a week with nothing', () => {
    const dir = tempDir();
    for (const format of ['md', 'csv', 'json', 'html']) run(['week', '--week', '2026-W10', '--tz', 'UTC', '--format', format, '--out', join(dir, `w.${format}`)]);
    const summary = weekSummarySchema.parse(JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8')));
    assert.equal(summary.start, '2026-03-02');
    assert.equal(summary.totals.awu, 2.5);
    assert.ok(summary.outcomes.some((o) => o.subject === 'feat: "quoted", with comma'));
    const rows = parseCsv(readFileSync(join(dir, 'w.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, summary.tasks.length);
    const html = readFileSync(join(dir, 'w.html'), 'utf8');
    assert.ok(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html) && !/url\(\s*["']?(https?:)?\/\//i.test(html), 'no external URL');
    assert.match(readFileSync(join(dir, 'w.md'), 'utf8'), /feat: "quoted", with comma/);
    // --no-subjects leaves them out.
    assert.doesNotMatch(run(['week', '--week', '2026-W10', '--tz', 'UTC', '--no-subjects']), /quoted/);

    for (const format of ['md', 'csv', 'json', 'html']) run(['week', '--week', '2020-W10', '--tz', 'UTC', '--format', format, '--out', join(dir, `empty.${format}`)]);
    assert.match(readFileSync(join(dir, 'empty.md'), 'utf8'), /No activity/);
    assert.equal(weekSummarySchema.parse(JSON.parse(readFileSync(join(dir, 'empty.json'), 'utf8'))).totals.awu, 0);
    assert.equal((parseCsv(readFileSync(join(dir, 'empty.csv'), 'utf8'), { bom: true, columns: true }) as unknown[]).length, 0);
    assert.match(readFileSync(join(dir, 'empty.html'), 'utf8'), /No activity/);
  });

  it('rejects a malformed week with a clear message', () => {
    const r = spawnSync(process.execPath, [CLI, 'week', '--week', '2026-48'], { env, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Invalid week "2026-48": use YYYY-Www/);
  });
});

describe('awu-meter tasks: merged PRs and the commits they brought in', () => {
  type JsonOutcome = Record<string, unknown>;
  const out = tasksJson(prAnalysis()) as { tasks: { id: string; outcomes: JsonOutcome[] }[] };
  const outcomesOf = (id: string): JsonOutcome[] => out.tasks.find((t) => t.id === id)!.outcomes;

  it('names the PR a commit landed through, in viaPr and in words in its evidence', () => {
    const [landed] = outcomesOf(AGENT_TASK);
    assert.deepEqual(Object.keys(landed!), ['kind', 'ref', 'at', 'awu', 'evidence', 'viaPr']);
    assert.equal(landed!.viaPr, '#12');
    assert.equal(landed!.evidence, 'tool call `git commit` in claude session a1b2c3d4; earns 0: landed via PR #12');
    assert.equal(outcomesOf(HAND_TASK)[0]!.evidence, 'no agent session active in the repo: token-free; earns 0: landed via PR #12');
  });

  it("lists a PR share's commits with the task that made each, and no subjects", () => {
    const share = outcomesOf(AGENT_TASK).find((o) => o.kind === 'pr.merged')!;
    assert.deepEqual(Object.keys(share), ['kind', 'ref', 'at', 'awu', 'evidence', 'prCommits']);
    assert.equal(share.awu, 1.333);
    assert.deepEqual(share.prCommits, [
      { ref: 'a1b2c3d', taskId: AGENT_TASK, madeBy: 'claude session a1b2c3d4' },
      { ref: 'b2c3d4e', taskId: AGENT_TASK, madeBy: 'claude session a1b2c3d4' },
      { ref: 'e4f5a6b', taskId: HAND_TASK, madeBy: 'by hand (no agent session)' },
    ]);
    assert.equal(outcomesOf(HAND_TASK).find((o) => o.kind === 'pr.merged')!.awu, 0.667);
  });

  it('keeps the table as it was: one row per task, named by the PR its work landed in', () => {
    const table = tasksTable(prAnalysis());
    assert.match(table, /Parser header \(#12\) +│ claude +│ .* 1\.333 /);
    assert.doesNotMatch(table, /via PR|a1b2c3d:/);
  });
});
