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
    assert.equal(d.totals.tokens, d.tasks.reduce((s, t) => s + t.tokens.total, 0));
    assert.equal(d.days.length, 1);
    const sum = (source: string, pick: 'tokens' | 'awu'): number => d.days[0]!.bySource.filter((b) => b.source === source).reduce((s, b) => s + b[pick], 0);
    assert.equal(sum('claude', 'tokens'), d.totals.tokens);
    assert.equal(sum('claude', 'awu'), 1);
    assert.equal(sum('token-free', 'awu'), 1);

    // Filtered to the repository: the idle session (elsewhere) and its tokens drop out of the day too.
    const inRepo = analysisPanelData(store, analysis, { ...query, project: task.project }, opts);
    assert.deepEqual(inRepo.tasks.map((t) => t.source).sort(), ['claude', 'token-free']);
    assert.equal(inRepo.days[0]!.bySource.find((b) => b.source === 'claude')!.tokens, task.tokens.total);
    assert.deepEqual(inRepo.noOutcomeSpend, []);
    assert.deepEqual(inRepo.available.projects, d.available.projects);
    const onlyTokenFree = analysisPanelData(store, analysis, { ...query, source: 'token-free' }, opts);
    assert.equal(onlyTokenFree.totals.tokenFreeShare, 1);
    assert.equal(onlyTokenFree.totals.tokens, 0);
  });
});
