// The AWU model end to end on real git repositories and real agent log files: attribution by each
// rule, the game-resistance rules, token-free tasks, and the tokenmaxxing scenario.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeTasks, type TaskAnalysis } from '../../src/core/outcomes/analyzeTasks';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { ClaudeSession, min } from './helpers/claudeSession';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { scan, tempDir, writeLines } from './helpers/engine';
import { GitRepo } from './helpers/gitRepo';

const iso = (ms: number): string => new Date(ms).toISOString();


async function analyze(dirs: { claude?: string; codex?: string }, fromMin: number, toMin: number, repos?: string[]): Promise<TaskAnalysis> {
  const result = await scan({ ...dirs, cache: tempDir() }, { toolRuns: true });
  return analyzeTasks(result.store, min(fromMin), min(toMin), {
    sources: ['claude', 'codex'],
    pricer: new Pricer(),
    calendar: new ZoneCalendar('UTC'),
    ...(repos ? { repos } : {}),
  });
}

function outcomeRows(a: TaskAnalysis): [string, string, number, string, string][] {
  return a.outcomes.map((o) => [o.kind, o.subject ?? o.ref, o.awu, o.rule, o.taskId.startsWith('token-free') ? 'token-free' : o.taskId]);
}

describe('tasks and AWUs', () => {
  it('links commits by tool call, trailer and time, and leaves unexplained work token-free', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    const claude = new ClaudeSession('c1aaaaaa-0000-4000-8000-000000000001', repo.dir).usage(60).edit(62);
    repo.commit('feat: parser', { at: min(70), files: { 'b.txt': 'b\n' } });
    claude.bash(69.8, 'git add -A && git commit -m "feat: parser"', 0, 0.3).usage(75);
    const later = new ClaudeSession('c1aaaaaa-0000-4000-8000-000000000002', repo.dir).usage(180).usage(190).usage(200);
    const codexHome = tempDir();
    const codexId = '019d0000-0000-7000-8000-00000000c0de';
    writeLines(join(codexHome, 'sessions', '2026', '03', '02', `rollout-2026-03-02T12-00-00-${codexId}.jsonl`), [
      sessionMeta({ id: codexId, cwd: repo.dir, timestamp: iso(min(180)) }),
      turnContext(iso(min(180)), 'gpt-5', repo.dir),
      tokenCount(iso(min(181)), { input: 5000, cached: 1000, output: 300, reasoning: 100 }),
      tokenCount(iso(min(185)), { input: 9000, cached: 2000, output: 600, reasoning: 200 }),
    ]);
    // Codex's trailer beats the Claude session that was active more recently; no trailer: the most recent.
    repo.commit('fix: codex work', { at: min(195), files: { 'c.txt': 'c\n' }, body: 'Co-authored-by: Codex <codex@openai.com>' });
    repo.commit('chore: tidy', { at: min(201), files: { 'd.txt': 'd\n' } });
    // Hours after every session: token-free.
    repo.commit('docs: by hand', { at: min(600), files: { 'e.txt': 'e\n' } });
    claude.write(join(tempDir(), 'unused')); // a copy elsewhere changes nothing
    const claudeRoot = tempDir();
    claude.write(claudeRoot);
    later.write(claudeRoot);

    const a = await analyze({ claude: claudeRoot, codex: codexHome }, 0, 24 * 60);
    assert.deepEqual(outcomeRows(a), [
      ['commit.landed', 'initial', 1, 'none', 'token-free'],
      ['commit.landed', 'feat: parser', 1, 'explicit', `claude:${claude.id}`],
      ['commit.landed', 'fix: codex work', 1, 'trailer', `codex:${codexId}`],
      ['commit.landed', 'chore: tidy', 1, 'temporal', `claude:${later.id}`],
      ['commit.landed', 'docs: by hand', 1, 'none', 'token-free'],
    ]);
    const explicit = a.outcomes[1]!;
    assert.match(explicit.evidence, /^tool call `git commit` at 2026-03-02 10:10 in claude session c1aaaaaa$/);
    const tokenFree = a.tasks.filter((t) => t.source === 'token-free');
    assert.equal(tokenFree.length, 1, 'one token-free task per repo, branch and day');
    assert.equal(tokenFree[0]!.awu, 2);
    assert.equal(tokenFree[0]!.sessionId, null);
    assert.equal(a.totals.awu, 5);
    assert.equal(a.totals.tokenFreeShare, 0.4);
    const codexTask = a.tasks.find((t) => t.id === `codex:${codexId}`)!;
    assert.deepEqual(codexTask.tokens, { input: 7000, output: 600, cacheCreation: 0, cacheRead: 2000, total: 9600 });
    assert.equal(codexTask.tokensPerAwu, 9600);
  });

  it('tokenmaxxing earns exactly the real outcomes: green reruns, empty commits and commit/revert pairs earn nothing', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    const s = new ClaudeSession('7a7a7a7a-0000-4000-8000-00000000000a', repo.dir).usage(60);
    // Real work: a red run, an edit, a green run, a commit of the fix.
    s.bash(61, 'npm test', 1).edit(63).bash(64, 'npm test', 0);
    repo.commit('fix: the bug', { at: min(66), files: { 'src.txt': 'v2\n' } });
    s.bash(65.9, 'git commit -am "fix: the bug"', 0, 0.2);
    // Burning tokens for show: 50 green reruns …
    for (let i = 0; i < 50; i++) s.usage(70 + i * 0.5, 4000).bash(70.1 + i * 0.5, 'npm test', 0, 0.1);
    // … empty commits with green runs after each …
    for (let i = 0; i < 3; i++) {
      repo.commit(`chore: bump ${i}`, { at: min(100 + i * 4) });
      s.bash(99.9 + i * 4, 'git commit --allow-empty -m bump', 0, 0.2).bash(101 + i * 4, 'npm test', 0);
    }
    // … and commit/revert pairs with green runs in between.
    for (let i = 0; i < 2; i++) {
      const x = repo.commit(`feat: flag ${i}`, { at: min(120 + i * 10), files: { 'flag.txt': `on ${i}\n` } });
      s.bash(121 + i * 10, 'npm test', 0);
      repo.revert(x, min(124 + i * 10));
      s.bash(125 + i * 10, 'npm test', 0);
    }
    const root = tempDir();
    s.write(root);

    const a = await analyze({ claude: root }, 0, 24 * 60);
    const earned = a.outcomes.filter((o) => o.awu > 0).map((o) => [o.kind, o.subject ?? o.ref, o.awu]);
    assert.deepEqual(earned, [
      ['commit.landed', 'initial', 1],
      ['tests.passed', 'npm test', 0.5],
      ['commit.landed', 'fix: the bug', 1],
    ]);
    assert.equal(a.totals.awu, 2.5);
    const task = a.tasks.find((t) => t.source === 'claude')!;
    assert.equal(task.awu, 1.5, 'the session earned its green run and its commit, nothing for the rest');
    const zero = a.outcomes.filter((o) => o.awu === 0);
    assert.equal(zero.filter((o) => o.kind === 'tests.passed').length, 50 + 3 + 4);
    assert.ok(zero.filter((o) => o.kind === 'tests.passed').every((o) => o.zeroReason === 'no-change-since-last-pass'));
    assert.deepEqual(
      zero.filter((o) => o.kind === 'commit.landed').map((o) => [o.subject, o.zeroReason]),
      [
        ['chore: bump 0', 'empty'],
        ['chore: bump 1', 'empty'],
        ['chore: bump 2', 'empty'],
        ['feat: flag 0', 'reverted'],
        ['Revert "feat: flag 0"', 'revert'],
        ['feat: flag 1', 'reverted'],
        ['Revert "feat: flag 1"', 'revert'],
      ],
    );
    // The spend is all still counted, each line once: the fixture's lines are 1 + 50 usage lines (1,000
    // input each; 100 output, then 4,000 each), 3 + 50 + 6 + 4 Bash calls (2 in, 40 out each) and 1 edit
    // (2 in, 60 out), all of claude-sonnet-4-5 ($3 / $15 per million input / output tokens).
    const usageLines = 1 + 50;
    const bashCalls = 3 + 50 + 3 * 2 + 2 * 2;
    const edits = 1;
    const input = usageLines * 1000 + (bashCalls + edits) * 2;
    const output = 100 + 50 * 4000 + bashCalls * 40 + edits * 60;
    assert.deepEqual([input, output], [51_128, 202_680]);
    assert.deepEqual(task.tokens, { input, output, cacheCreation: 0, cacheRead: 0, total: input + output });
    assert.ok(Math.abs(task.costUSD! - (input * 3 + output * 15) / 1e6) < 1e-9, String(task.costUSD));
  });

  it('counts a green run after new edits again, and a pass from a VS Code terminal against the same repo state', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': '1\n' } });
    const s = new ClaudeSession('e0e0e0e0-0000-4000-8000-00000000000e', repo.dir).usage(10);
    s.bash(11, 'pytest -q', 0).bash(12, 'pytest -q', 0).edit(13).bash(14, 'pytest', 0).edit(20).bash(21, 'python -m pytest', 0);
    const root = tempDir();
    s.write(root);
    const result = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
    const a = await analyzeTasks(result.store, min(0), min(24 * 60), {
      sources: ['claude'],
      pricer: new Pricer(),
      calendar: new ZoneCalendar('UTC'),
      externalRuns: [
        { origin: 'terminal', cwd: repo.dir, label: 'pytest', exitCode: 0, at: min(22), treeFingerprint: 'same' },
        { origin: 'terminal', cwd: repo.dir, label: 'pytest', exitCode: 0, at: min(23), treeFingerprint: 'same' },
        { origin: 'task', cwd: repo.dir, label: 'pytest', exitCode: 0, at: min(24), treeFingerprint: 'changed' },
      ],
    });
    const tests = a.outcomes.filter((o) => o.kind === 'tests.passed').map((o) => [o.origin, o.awu, o.rule]);
    assert.deepEqual(tests, [
      ['agent', 0.5, 'explicit'],
      ['agent', 0, 'explicit'],
      ['agent', 0.5, 'explicit'],
      ['agent', 0.5, 'explicit'],
      ['terminal', 0.5, 'temporal'],
      ['terminal', 0, 'temporal'],
      ['task', 0.5, 'temporal'],
    ]);
  });

  it('lists the sessions that spent with no outcome, and only counts outcomes of --repo repositories', async () => {
    const mine = GitRepo.init();
    const other = GitRepo.init();
    mine.commit('work', { at: min(30), files: { 'a.txt': 'a\n' } });
    other.commit('elsewhere', { at: min(30), files: { 'a.txt': 'a\n' } });
    const busy = new ClaudeSession('b0b0b0b0-0000-4000-8000-00000000000b', other.dir).usage(20, 90_000).usage(25, 90_000);
    const root = tempDir();
    busy.write(root);
    const a = await analyze({ claude: root }, 0, 24 * 60, [mine.dir]);
    assert.deepEqual(outcomeRows(a), [['commit.landed', 'work', 1, 'none', 'token-free']]);
    assert.deepEqual(a.noOutcomeSpend.map((t) => t.id), [`claude:${busy.id}`]);
    assert.equal(a.totals.tokenFreeShare, 1);
  });
});
