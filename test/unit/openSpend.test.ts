// "Spent since the last outcome" on real Claude Code transcripts and real git repositories: it counts
// from the task's start until an outcome earns, then from that outcome; outcomes that earn nothing
// (a green rerun with nothing changed, an empty commit) do not reset it; the most recently active agent
// task is the one measured unless one is named.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTasks, type TaskAnalysis } from '../../src/core/outcomes/analyzeTasks';
import { mostRecentTask, openSpend } from '../../src/core/outcomes/openSpend';
import { Pricer } from '../../src/core/pricing/pricing';
import type { UsageStore } from '../../src/core/store/usageStore';
import { ZoneCalendar } from '../../src/core/time/zone';
import { assistantLine } from './helpers/claudeLines';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { GitRepo } from './helpers/gitRepo';

const pricer = new Pricer();
/** Tokens of one `ClaudeSession.usage` line (1000 in, 100 out) and of one Bash tool call line (2 in, 40 out). */
const USAGE_LINE = 1100;
const BASH_LINE = 42;

async function analyze(sessions: ClaudeSession[], fromMin = 0, toMin = 24 * 60): Promise<{ store: UsageStore; analysis: TaskAnalysis }> {
  const claude = tempDir();
  for (const s of sessions) s.write(claude);
  const { store } = await scan({ claude, cache: tempDir() }, { toolRuns: true });
  const analysis = await analyzeTasks(store, min(fromMin), min(toMin), { sources: ['claude'], pricer, calendar: new ZoneCalendar('UTC') });
  return { store, analysis };
}

describe('spent since the last outcome', () => {
  const savedTmp = process.env.TMPDIR;
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'awu-open-spend-'));
    process.env.TMPDIR = root;
  });
  after(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(root, { recursive: true, force: true });
  });

  it('counts from the task start until a commit lands, then from the commit', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    const s = new ClaudeSession('05e05e05-0000-4000-8000-000000000001', repo.dir).usage(60).usage(65);

    const before = await analyze([s]);
    const task = before.analysis.tasks.find((t) => t.id === `claude:${s.id}`)!;
    const open = openSpend(before.store, before.analysis.tasks, { pricer })!;
    assert.equal(open.taskId, task.id);
    assert.equal(open.name, task.name);
    assert.equal(open.lastOutcome, undefined);
    assert.equal(open.since, min(60));
    assert.equal(open.tokens, 2 * USAGE_LINE);
    // With no outcome yet, the open spend is the whole task's.
    assert.equal(open.tokens, task.tokens.total);
    assert.ok(open.costUSD > 0);
    assert.equal(open.costUSD, task.costUSD);

    const sha = repo.commit('feat: parser', { at: min(70), files: { 'b.txt': 'b\n' } });
    s.bash(69.8, 'git add -A && git commit -m "feat: parser"', 0, 0.3).usage(75).usage(80);
    const after = await analyze([s]);
    const landed = openSpend(after.store, after.analysis.tasks, { pricer })!;
    assert.equal(landed.lastOutcome?.kind, 'commit.landed');
    assert.equal(landed.lastOutcome?.ref, sha.slice(0, 10));
    assert.equal(landed.since, min(70));
    assert.equal(landed.tokens, 2 * USAGE_LINE, 'only the two replies after the commit');
    // The same records as the task's own figures over a range that starts just after the commit.
    const later = await analyzeTasks(after.store, min(70) + 1, min(24 * 60), { sources: ['claude'], pricer, calendar: new ZoneCalendar('UTC') });
    const laterTask = later.tasks.find((t) => t.id === landed.taskId)!;
    assert.equal(landed.tokens, laterTask.tokens.total);
    assert.ok(Math.abs(landed.costUSD - laterTask.costUSD!) < 1e-12);
  });

  it('is not reset by outcomes that earn nothing: a green rerun with nothing changed, an empty commit', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    const s = new ClaudeSession('05e05e05-0000-4000-8000-000000000002', repo.dir).usage(5).edit(10).bash(12, 'npm test', 0);
    s.usage(20).bash(25, 'npm test', 0).usage(30);
    repo.commit('chore: nothing', { at: min(35) });
    s.bash(34.8, 'git commit --allow-empty -m "chore: nothing"', 0, 0.3).usage(40);

    const { store, analysis } = await analyze([s]);
    const task = analysis.tasks.find((t) => t.id === `claude:${s.id}`)!;
    const zero = task.outcomes.filter((o) => o.awu === 0).map((o) => [o.kind, o.zeroReason]);
    assert.deepEqual(zero, [['tests.passed', 'no-change-since-last-pass'], ['commit.landed', 'empty']]);
    const open = openSpend(store, analysis.tasks, { pricer })!;
    assert.equal(open.lastOutcome?.kind, 'tests.passed');
    assert.equal(open.lastOutcome?.awu, 0.5);
    assert.ok(open.since >= min(12) && open.since < min(20), new Date(open.since).toISOString());
    // Replies at 20, 30 and 40, and the two Bash calls (the rerun at 25, the empty commit at 34.8).
    assert.equal(open.tokens, 3 * USAGE_LINE + 2 * BASH_LINE);
  });

  it('measures the most recently active agent task, or the one named, with or without cache reads', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    const earlier = new ClaudeSession('05e05e05-0000-4000-8000-00000000000a', repo.dir).usage(60).usage(80);
    const latest = new ClaudeSession('05e05e05-0000-4000-8000-00000000000b', repo.dir).usage(70);
    latest.lines.push(assistantLine({ sessionId: latest.id, cwd: repo.dir, timestamp: new Date(min(90)).toISOString(), messageId: 'cached-m', requestId: 'cached-r', input: 10, output: 20, cacheRead: 5000 }));
    // Token-free work after both sessions is never the "running" task.
    repo.commit('docs: by hand', { at: min(600), files: { 'b.txt': 'b\n' } });
    const { store, analysis } = await analyze([earlier, latest]);
    assert.ok(analysis.tasks.some((t) => t.source === 'token-free' && t.end > min(90)));

    assert.equal(mostRecentTask(analysis.tasks)?.id, `claude:${latest.id}`);
    const open = openSpend(store, analysis.tasks, { pricer })!;
    assert.equal(open.taskId, `claude:${latest.id}`);
    assert.equal(open.lastActive, min(90));
    assert.equal(open.tokens, USAGE_LINE + 5030);
    assert.equal(openSpend(store, analysis.tasks, { pricer, includeCacheReads: false })!.tokens, USAGE_LINE + 30);
    assert.equal(openSpend(store, analysis.tasks, { pricer, taskId: `claude:${earlier.id}` })!.tokens, 2 * USAGE_LINE);
    assert.equal(openSpend(store, analysis.tasks, { pricer, taskId: analysis.tasks.find((t) => t.source === 'token-free')!.id }), undefined);
    assert.equal(openSpend(store, analysis.tasks.filter((t) => t.source === 'token-free'), { pricer }), undefined);
  });
});
