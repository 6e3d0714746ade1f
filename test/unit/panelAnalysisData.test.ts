// The panel's data from the AWU model on a real git repository and real Claude Code logs.
import { strict as assert } from 'node:assert';
import { analyzeTasks } from '../../src/core/outcomes/analyzeTasks';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { analysisPanelData, rangeBounds } from '../../src/extension/panel/analysisPanelData';
import { type PanelQuery, panelDataSchema } from '../../src/shared/protocol';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { GitRepo } from './helpers/gitRepo';
import { AGENT_TASK, HAND_TASK, PR_COMMITS, prAnalysis } from './helpers/prOutcomes';

describe('panel data from the AWU model', () => {
  it('shows tasks with their outcomes and evidence, AWUs per day, token-free work and spend with no outcome', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    const worker = new ClaudeSession('c1aaaaaa-0000-4000-8000-0000000000a1', repo.dir).usage(60).edit(62);
    repo.commit('feat: parser', { at: min(70), files: { 'b.txt': 'b\n' } });
    worker.bash(69.8, 'git add -A && git commit -m "feat: parser"', 0, 0.3).usage(75);
    const idle = new ClaudeSession('c1aaaaaa-0000-4000-8000-0000000000b2', '/nowhere/else').usage(120, 5000).usage(130, 5000);
    const claudeRoot = tempDir();
    worker.write(claudeRoot);
    idle.write(claudeRoot);
    const { store } = await scan({ claude: claudeRoot, cache: tempDir() }, { toolRuns: true });

    const cal = new ZoneCalendar('UTC');
    const now = min(600);
    const query: PanelQuery = { range: { kind: 'today' }, project: null, source: null };
    const bounds = rangeBounds(query.range, now, cal, 1);
    assert.equal(bounds.to - bounds.from, 86_400_000);
    const analysis = await analyzeTasks(store, bounds.from, bounds.to, { sources: ['claude'], pricer: new Pricer(), calendar: cal });
    const opts = { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now };
    const d = panelDataSchema.parse(analysisPanelData(store, analysis, query, opts));

    const task = d.tasks.find((t) => t.id === `claude:${worker.id}`);
    assert.ok(task, 'the working session is a task');
    assert.equal(task.awu, 1);
    const linked = d.outcomes.filter((o) => o.taskId === task.id);
    assert.deepEqual(linked.map((o) => [o.kind, o.subject, o.awu]), [['commit.landed', 'feat: parser', 1]]);
    assert.match(linked[0]!.evidence, /^tool call `git commit` at /);
    const tokenFree = d.tasks.filter((t) => t.source === 'token-free');
    assert.equal(tokenFree.length, 1);
    assert.deepEqual(d.outcomes.filter((o) => o.taskId === tokenFree[0]!.id).map((o) => o.subject), ['initial']);
    assert.deepEqual(d.noOutcomeSpend.map((r) => r.taskId), [`claude:${idle.id}`]);
    assert.equal(d.totals.awu, 2);
    assert.equal(d.totals.tokenFreeShare, 0.5);
    // The figures the fixture makes (claude-sonnet-4-5: $3 / $15 per million input / output tokens). The
    // worker: two usage lines (1,000 in, 100 out each), an edit (2 in, 60 out), a Bash call (2 in, 40 out).
    // The idle session: two usage lines of 1,000 in, 5,000 out.
    const cost = (input: number, output: number): number => (input * 3 + output * 15) / 1e6;
    const workerTokens = { input: 2 * 1000 + 2 + 2, output: 2 * 100 + 60 + 40 };
    const idleTokens = { input: 2 * 1000, output: 2 * 5000 };
    assert.deepEqual(task.tokens, { input: workerTokens.input, output: workerTokens.output, cacheCreation: 0, cacheRead: 0, total: workerTokens.input + workerTokens.output });
    assert.deepEqual([workerTokens.input + workerTokens.output, idleTokens.input + idleTokens.output], [2_304, 12_000]);
    assert.ok(Math.abs(task.costUSD! - cost(workerTokens.input, workerTokens.output)) < 1e-9, String(task.costUSD));
    assert.deepEqual(d.noOutcomeSpend.map((r) => r.tokens), [idleTokens.input + idleTokens.output]);
    assert.ok(Math.abs(d.noOutcomeSpend[0]!.costUSD! - cost(idleTokens.input, idleTokens.output)) < 1e-9, String(d.noOutcomeSpend[0]!.costUSD));
    const tokens = workerTokens.input + workerTokens.output + idleTokens.input + idleTokens.output;
    const costUSD = cost(workerTokens.input, workerTokens.output) + cost(idleTokens.input, idleTokens.output);
    assert.equal(d.totals.tokens, tokens);
    assert.ok(Math.abs(d.totals.costUSD! - costUSD) < 1e-9, String(d.totals.costUSD));
    assert.equal(d.totals.tokensPerAwu, tokens / 2);
    assert.ok(Math.abs(d.totals.costPerAwu! - costUSD / 2) < 1e-9, String(d.totals.costPerAwu));
    assert.equal(d.days.length, 1);
    const sum = (source: string, pick: 'tokens' | 'awu'): number => d.days[0]!.bySource.filter((b) => b.source === source).reduce((s, b) => s + b[pick], 0);
    assert.equal(sum('claude', 'tokens'), tokens);
    assert.ok(Math.abs(d.days[0]!.bySource.filter((b) => b.source === 'claude').reduce((s, b) => s + (b.costUSD ?? NaN), 0) - costUSD) < 1e-9);
    assert.equal(sum('claude', 'awu'), 1);
    assert.equal(sum('token-free', 'awu'), 1);

    // Filtered to the repository: the idle session (elsewhere) and its tokens drop out of the day too.
    const inRepo = analysisPanelData(store, analysis, { ...query, project: task.project }, opts);
    assert.deepEqual(inRepo.tasks.map((t) => t.source).sort(), ['claude', 'token-free']);
    assert.equal(inRepo.days[0]!.bySource.find((b) => b.source === 'claude')!.tokens, workerTokens.input + workerTokens.output);
    assert.equal(inRepo.totals.tokens, workerTokens.input + workerTokens.output);
    assert.deepEqual(inRepo.noOutcomeSpend, []);
    assert.deepEqual(inRepo.available.projects, d.available.projects);
    const onlyTokenFree = analysisPanelData(store, analysis, { ...query, source: 'token-free' }, opts);
    assert.equal(onlyTokenFree.totals.tokenFreeShare, 1);
    assert.equal(onlyTokenFree.totals.tokens, 0);
  });

  it('carries a merged PR\'s commits and the tasks that made them, and names the PR its commits landed through', async () => {
    const { store } = await scan({ claude: tempDir(), cache: tempDir() });
    const analysis = prAnalysis();
    const query: PanelQuery = { range: { kind: 'custom', since: '2026-11-25', until: '2026-11-25' }, project: null, source: null };
    const opts = { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now: analysis.to };
    const d = panelDataSchema.parse(JSON.parse(JSON.stringify(analysisPanelData(store, analysis, query, opts))));
    const ofAgent = d.outcomes.filter((o) => o.taskId === AGENT_TASK);
    assert.deepEqual(ofAgent.map((o) => [o.kind, o.ref, o.awu, o.zeroReason ?? '', o.viaPr ?? '']), [
      ['commit.landed', 'a1b2c3d', 0, 'via-pr', '#12'],
      ['commit.landed', 'b2c3d4e', 0, 'via-pr', '#12'],
      ['pr.merged', 'f00d012', 1.333, '', ''],
    ]);
    assert.deepEqual(ofAgent[2]!.prCommits, PR_COMMITS, 'every commit of the PR, with its subject and who made it');
    assert.equal(ofAgent[0]!.prCommits, undefined);
    assert.deepEqual(d.outcomes.filter((o) => o.taskId === HAND_TASK && o.kind === 'pr.merged').map((o) => o.awu), [0.667]);
    // The PR's AWUs on its day, under each share's task.
    assert.deepEqual(d.days[0]!.bySource.map((b) => [b.source, b.awu]), [['claude', 1.333], ['token-free', 0.667]]);
    // Filtered to Claude, the share still names the hand-made commit's task (which the webview then shows in words).
    const claudeOnly = analysisPanelData(store, analysis, { ...query, source: 'claude' }, opts);
    assert.deepEqual(claudeOnly.tasks.map((t) => t.id), [AGENT_TASK]);
    assert.deepEqual(claudeOnly.outcomes.find((o) => o.kind === 'pr.merged')!.prCommits!.map((c) => c.taskId), [AGENT_TASK, AGENT_TASK, HAND_TASK]);
  });
});
