// A PR squash-merged on the forge, split between an agent session and a commit made by hand, as the
// real model links it, on each surface built from its rows: the panel's data, `tasks --json`, the
// status bar and the weekly Markdown (with and without subjects).
import { strict as assert } from 'node:assert';
import { tasksJson } from '../../src/cli/taskOutput';
import { analyzeTasks } from '../../src/core/outcomes/analyzeTasks';
import { outcomeRow } from '../../src/core/outcomes/taskRows';
import { Pricer } from '../../src/core/pricing/pricing';
import { renderWeek } from '../../src/core/report/week/exportWeek';
import { ZoneCalendar } from '../../src/core/time/zone';
import { awuFigures } from '../../src/extension/outcomeModel';
import { analysisPanelData } from '../../src/extension/panel/analysisPanelData';
import { panelDataSchema, type PanelQuery } from '../../src/shared/protocol';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { Forge } from './helpers/forge';
import { weekFixture } from './helpers/weekFixture';

const ID = 'a1b2c3d4-0000-4000-8000-0000000000aa';

describe('a split PR on every surface (real git, real session)', function () {
  this.timeout(60_000);

  it('shows the commits landed through the PR and the PR\'s commits with the tasks that made them', async () => {
    const forge = Forge.create(min(0));
    const dev = forge.dev;
    dev.checkout('-B', 'feat-x', 'origin/main');
    const s = new ClaudeSession(ID, dev.dir, 'feat-x').usage(60, 3000);
    for (const [i, file] of ['x1.txt', 'x2.txt'].entries()) {
      const t = 61 + i * 2;
      s.edit(t);
      dev.commit(`feat-x: ${file}`, { at: min(t + 1), files: { [file]: `${file}\n` } });
      s.bash(t + 0.9, `git add -A && git commit -m "feat-x: ${file}"`, 0, 0.2).usage(t + 1.5, 2000);
    }
    dev.commit('feat-x: by hand', { at: min(300), files: { 'x3.txt': 'hand\n' } });
    dev.push('-u', 'feat-x');
    forge.squash('feat-x', 'Feature X', 12, min(400));
    forge.pull();
    const root = tempDir();
    s.write(root);
    const { store } = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
    const cal = new ZoneCalendar('UTC');
    const from = cal.startOfLocalDay(cal.dayKey(min(0)));
    const a = await analyzeTasks(store, from, from + 86_400_000, { sources: ['claude'], pricer: new Pricer(), calendar: cal });
    const agent = `claude:${ID}`;

    // Panel data.
    const query: PanelQuery = { range: { kind: 'today' }, project: null, source: null };
    const d = panelDataSchema.parse(analysisPanelData(store, a, query, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now: min(600) }));
    const mine = d.outcomes.filter((o) => o.taskId === agent);
    assert.deepEqual(mine.map((o) => [o.kind, o.subject, o.awu, o.viaPr ?? '']), [
      ['commit.landed', 'feat-x: x1.txt', 0, '#12'],
      ['commit.landed', 'feat-x: x2.txt', 0, '#12'],
      ['pr.merged', 'Feature X (#12)', 1.333, ''],
    ]);
    const share = mine[2]!;
    assert.deepEqual(share.prCommits!.map((c) => [c.subject, c.taskId === agent ? 'agent' : c.taskId.startsWith('token-free') ? 'token-free' : c.taskId, c.madeBy]), [
      ['feat-x: x1.txt', 'agent', 'claude session a1b2c3d4'],
      ['feat-x: x2.txt', 'agent', 'claude session a1b2c3d4'],
      ['feat-x: by hand', 'token-free', 'by hand (no agent session)'],
    ]);
    const handTask = share.prCommits![2]!.taskId;
    assert.ok(d.tasks.some((t) => t.id === handTask), 'the hand-made commit\'s task is in the data, so the panel can open it');

    // tasks --json.
    const json = tasksJson(a) as { tasks: { id: string; outcomes: Record<string, unknown>[] }[] };
    const cli = json.tasks.find((t) => t.id === agent)!.outcomes;
    assert.match(String(cli[0]!.evidence), /; earns 0: landed via PR #12$/);
    assert.deepEqual((cli[2]!.prCommits as { madeBy: string }[]).map((c) => c.madeBy), ['claude session a1b2c3d4', 'claude session a1b2c3d4', 'by hand (no agent session)']);

    // Status bar.
    const f = awuFigures(a, from, from + 86_400_000);
    assert.deepEqual(f.awuDetail.lastOutcome?.pr, { number: 12, awu: 2 });
    assert.equal(f.awuDetail.lastOutcome?.awu, 1.333);
    assert.equal(f.awuDetail.outcomesByKind['pr.merged'], 1);

    // The weekly Markdown, with and without subjects.
    for (const withSubjects of [true, false]) {
      const md = renderWeek({ ...weekFixture(), includesSubjects: withSubjects, outcomes: a.outcomes.map((o) => outcomeRow(o, withSubjects)) }, 'md');
      assert.match(md, /\| 0 \(landed via PR #12\) \|/);
      assert.match(md, /\| [0-9a-f]{7,}: claude session a1b2c3d4; [0-9a-f]{7,}: claude session a1b2c3d4; [0-9a-f]{7,}: by hand \(no agent session\) \|/);
      for (const subject of ['feat-x: x1.txt', 'feat-x: by hand', 'Feature X']) assert.equal(md.includes(subject), withSubjects, `${subject}: subjects ${withSubjects ? 'shown' : 'left out'}`);
    }
  });
});
