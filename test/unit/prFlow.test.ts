// The everyday PR flow (issue 10, awu-model.md v1.1): an agent works on a branch, the PR is merged on
// the forge hours or days later with no agent running, and the developer fast-forwards main. The PR
// is the outcome and goes to the sessions that made its commits, whatever the merge style.
import assert from 'node:assert/strict';
import { analyzeTasks, type TaskAnalysis } from '../../src/core/outcomes/analyzeTasks';
import { readGitOutcomes } from '../../src/core/outcomes/git/readGitOutcomes';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { Forge } from './helpers/forge';
import { OTHER } from './helpers/gitRepo';

const DAY_MIN = 24 * 60;

async function analyze(sessions: ClaudeSession[], fromMin: number, toMin: number): Promise<TaskAnalysis> {
  const root = tempDir();
  for (const s of sessions) s.write(root);
  const result = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
  return analyzeTasks(result.store, min(fromMin), min(toMin), { sources: ['claude'], pricer: new Pricer(), calendar: new ZoneCalendar('UTC') });
}

/** AWUs per task: `claude:<id>` for sessions, `token-free <branch>` for the rest. */
function awuByTask(a: TaskAnalysis): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of a.tasks) out[t.source === 'token-free' ? `token-free ${t.branch}` : t.id] = t.awu;
  return out;
}

/** A session on `branch` that makes `files.length` commits by its own `git commit` tool calls, then pushes. */
function work(forge: Forge, id: string, branch: string, startMin: number, files: string[], opts: { from?: string; tests?: boolean } = {}): ClaudeSession {
  const dev = forge.dev;
  dev.checkout('-B', branch, opts.from ?? 'origin/main');
  const s = new ClaudeSession(id, dev.dir, branch).usage(startMin, 3000);
  let t = startMin + 1;
  if (opts.tests) {
    s.bash(t, 'npm test', 1).edit(t + 1).bash(t + 2, 'npm test', 0);
    t += 3;
  }
  for (const file of files) {
    s.edit(t);
    dev.commit(`${branch}: ${file}`, { at: min(t + 1), files: { [file]: `${file} by ${branch}\n` } });
    s.bash(t + 0.9, `git add -A && git commit -m "${branch}: ${file}"`, 0, 0.2).usage(t + 1.5, 2000);
    t += 2;
  }
  dev.git('push', '-q', '-u', 'origin', branch);
  s.bash(t, `git push -u origin ${branch}`, 0, 0.2);
  return s;
}

const A = 'a1b2c3d4-0000-4000-8000-00000000000a';
const B = 'b1b2c3d4-0000-4000-8000-00000000000b';
const C = 'c1b2c3d4-0000-4000-8000-00000000000c';

describe('PRs merged on the forge (awu-model v1.1)', () => {
  it('gives a squash-merged PR and a merge-commit PR to the sessions that made their commits, hours later', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt'], { tests: true });
    const b = work(forge, B, 'feat-y', 120, ['y1.txt']);
    forge.squash('feat-x', 'Add feature X', 12, min(400));
    forge.merge('feat-y', 13, min(420));
    forge.pull();

    const r = await analyze([a, b], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r), { [`claude:${A}`]: 2.5, [`claude:${B}`]: 2 });
    assert.equal(r.totals.awu, 4.5);
    assert.equal(r.totals.tokenFreeShare, 0);
    const squash = r.outcomes.find((o) => o.kind === 'pr.merged' && o.subject === 'Add feature X (#12)')!;
    assert.equal(squash.taskId, `claude:${A}`);
    assert.match(squash.evidence, /^squash of feat-x \(#12\): 2 of 2 commits by claude session a1b2c3d4 \(tool call `git commit` at 2026-03-02 10:\d\d\)$/);
    assert.deepEqual(squash.prCommits?.map((c) => [c.subject, c.madeBy]), [['feat-x: x1.txt', 'claude session a1b2c3d4'], ['feat-x: x2.txt', 'claude session a1b2c3d4']]);
    const merge = r.outcomes.find((o) => o.kind === 'pr.merged' && o.subject?.startsWith('Merge pull request #13'))!;
    assert.equal(merge.taskId, `claude:${B}`);
    assert.match(merge.evidence, /^merge of feat-y \(#13\): 1 commit by claude session b1b2c3d4/);
    // The branch commits landed through their PRs: shown, not pending, earning nothing more.
    const commits = r.outcomes.filter((o) => o.kind === 'commit.landed' || o.kind === 'commit.local').map((o) => [o.subject, o.kind, o.awu, o.zeroReason, o.viaPr?.number, o.taskId]);
    assert.deepEqual(commits, [
      ['feat-x: x1.txt', 'commit.landed', 0, 'via-pr', 12, `claude:${A}`],
      ['feat-x: x2.txt', 'commit.landed', 0, 'via-pr', 12, `claude:${A}`],
      ['feat-y: y1.txt', 'commit.landed', 0, 'via-pr', 13, `claude:${B}`],
    ]);
  });

  for (const style of ['squash', 'merge', 'rebase'] as const) {
    it(`earns the same for the same work when the forge uses ${style}`, async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt', 'x3.txt'], { tests: true });
      // main moves on meanwhile (a teammate's work next to ours), as it usually does
      forge.dev.checkout('main');
      forge.dev.commit('teammate fix', { at: min(200), files: { 'src/app.txt': 'one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\n' }, author: OTHER });
      forge.dev.push('main');
      if (style === 'squash') forge.squash('feat-x', 'Add feature X', 12, min(400));
      else if (style === 'merge') forge.merge('feat-x', 12, min(400));
      else forge.rebase('feat-x', min(400));
      forge.pull();
      const r = await analyze([a], 0, DAY_MIN);
      assert.deepEqual(awuByTask(r), { [`claude:${A}`]: 2.5 });
      const pr = r.outcomes.filter((o) => o.kind === 'pr.merged');
      assert.equal(pr.length, 1);
      assert.equal(pr[0]!.pr?.style, style);
      assert.equal(pr[0]!.at, min(400));
      assert.deepEqual(r.outcomes.filter((o) => o.kind !== 'pr.merged' && o.kind !== 'tests.passed').map((o) => [o.subject, o.zeroReason]), [
        ['feat-x: x1.txt', 'via-pr'],
        ['feat-x: x2.txt', 'via-pr'],
        ['feat-x: x3.txt', 'via-pr'],
      ]);
    });
  }

  it('matches a squash of a branch that merged main in, while main moved on again before the merge', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-x', 60, ['x1.txt']);
    forge.teammatePush('t1.txt', min(80));
    forge.dev.git('fetch', '-q', 'origin');
    forge.dev.gitAt(min(90), ['merge', '-q', '--no-ff', '-m', "Merge branch 'main' into feat-x", 'origin/main']);
    forge.dev.commit('feat-x: x2.txt', { at: min(95), files: { 'x2.txt': 'x2\n' } });
    a.bash(94.9, 'git commit -am "feat-x: x2.txt"', 0, 0.2).usage(96);
    forge.dev.push('feat-x');
    forge.teammatePush('t2.txt', min(200));
    forge.squash('feat-x', 'Add feature X', 12, min(400), { deleteBranch: true });
    forge.pull();
    const r = await analyze([a], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r), { [`claude:${A}`]: 2 });
    const pr = r.outcomes.find((o) => o.kind === 'pr.merged')!;
    assert.deepEqual(pr.prCommits?.map((c) => c.subject), ['feat-x: x1.txt', 'feat-x: x2.txt']);
    assert.equal(pr.pr?.found, 'branch');
  });

  it('splits a PR by the commits of two sessions and one made by hand', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-z', 60, ['z1.txt', 'z2.txt']);
    const c = work(forge, C, 'feat-z', 120, ['z3.txt'], { from: 'feat-z' });
    forge.dev.commit('feat-z: by hand', { at: min(300), files: { 'z4.txt': 'hand\n' } });
    forge.dev.push('feat-z');
    forge.squash('feat-z', 'Feature Z', 20, min(500));
    forge.pull();
    const r = await analyze([a, c], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r), { [`claude:${A}`]: 1, [`claude:${C}`]: 0.5, 'token-free main': 0.5 });
    const shares = r.outcomes.filter((o) => o.kind === 'pr.merged').map((o) => [o.taskId.startsWith('token-free') ? 'token-free' : o.taskId, o.awu, o.rule]);
    assert.deepEqual(shares, [[`claude:${A}`, 1, 'explicit'], [`claude:${C}`, 0.5, 'explicit'], ['token-free', 0.5, 'none']]);
    const byHand = r.outcomes.find((o) => o.taskId.startsWith('token-free') && o.kind === 'pr.merged')!;
    assert.match(byHand.evidence, /1 of 4 commits by hand, with no agent session active: token-free/);
    assert.deepEqual(byHand.prCommits?.map((x) => x.madeBy), ['claude session a1b2c3d4', 'claude session a1b2c3d4', 'claude session c1b2c3d4', 'by hand (no agent session)']);
    assert.equal(r.totals.tokenFreeShare, 0.25);
  });

  it('finds the commits of a branch deleted after the merge in the reflog, and says so', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt']);
    forge.squash('feat-x', 'Add feature X', 12, min(400), { deleteBranch: true });
    forge.pull();
    forge.dev.git('branch', '-D', 'feat-x');
    assert.equal(forge.dev.git('branch', '-a', '--list', '*feat-x*'), '');
    const r = await analyze([a], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r), { [`claude:${A}`]: 2 });
    const pr = r.outcomes.find((o) => o.kind === 'pr.merged')!;
    assert.match(pr.evidence, /^squash of feat-x \(#12\), found in the reflog \(the branch was deleted or rewritten\): 2 of 2 commits by claude session a1b2c3d4/);
  });

  it('falls back to the branch the merge message names when no commit of it is left', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-y', 60, ['y1.txt']);
    forge.merge('feat-y', 13, min(400), { deleteBranch: true });
    forge.pull();
    // A merge commit keeps its commits reachable: drop the reflog and the merge's side to reach the fallback.
    const r0 = await analyze([a], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r0), { [`claude:${A}`]: 2 });
    const squashOnly = Forge.create(min(0));
    const b = work(squashOnly, B, 'feat-q', 60, ['q1.txt']);
    squashOnly.squash('feat-q', 'Merge branch feat-q', 14, min(400), { deleteBranch: true });
    squashOnly.pull();
    squashOnly.dev.git('branch', '-D', 'feat-q');
    squashOnly.dev.git('reflog', 'expire', '--expire=now', '--expire-unreachable=now', '--all');
    squashOnly.dev.git('gc', '-q', '--prune=now');
    const r = await analyze([b], 0, DAY_MIN);
    assert.deepEqual(awuByTask(r), { [`claude:${B}`]: 2 });
    assert.match(r.outcomes.find((o) => o.kind === 'pr.merged')!.evidence, /its commits were not found; the message names branch feat-q, which claude session b1b2c3d4 worked on/);
  });

  it('gives a PR merged days after the session to that session, in the range of the merge', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-x', 60, ['x1.txt']);
    forge.squash('feat-x', 'Add feature X', 12, min(3 * DAY_MIN + 100));
    forge.pull();
    const mergeDay = await analyze([a], 3 * DAY_MIN, 4 * DAY_MIN);
    assert.deepEqual(awuByTask(mergeDay), { [`claude:${A}`]: 2 });
    assert.equal(mergeDay.tasks[0]!.tokens.total, 0, 'the spend was on the session’s day');
    const sessionDay = await analyze([a], 0, DAY_MIN);
    assert.deepEqual(awuByTask(sessionDay), { [`claude:${A}`]: 0 });
    assert.deepEqual(sessionDay.outcomes.map((o) => [o.kind, o.zeroReason, o.viaPr?.number]), [['commit.landed', 'via-pr', 12]]);
  });

  it('links a squash whose branch was amended after the merge through the branch’s reflog', async () => {
    const forge = Forge.create(min(0));
    const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt']);
    forge.squash('feat-x', 'Add feature X', 12, min(400), { deleteBranch: true });
    forge.dev.git('fetch', '-q', '--prune', 'origin');
    forge.dev.commit('feat-x: x2.txt, amended', { at: min(410), files: { 'x2.txt': 'changed after the merge\n' } });
    forge.dev.gitAt(min(410), ['commit', '-q', '--amend', '-m', 'feat-x: amended']);
    forge.pull();
    const r = await analyze([a], 0, DAY_MIN);
    assert.equal(awuByTask(r)[`claude:${A}`], 2);
    assert.match(r.outcomes.find((o) => o.kind === 'pr.merged')!.evidence, /found in the reflog/);
    // The amended commit was never merged: it is pending, and earns nothing.
    assert.deepEqual(r.outcomes.filter((o) => o.kind === 'commit.local').map((o) => [o.subject, o.zeroReason]), [['feat-x: amended', 'pending']]);
  });

  it('gives nothing for a PR of someone else’s commits, merged or squashed by the developer', async () => {
    const forge = Forge.create(min(0));
    const dev = forge.dev;
    for (const [branch, file] of [['theirs-1', 't1.txt'], ['theirs-2', 't2.txt']] as const) {
      dev.checkout('-B', branch, 'origin/main');
      dev.commit(`their ${file}`, { at: min(60), files: { [file]: 'theirs\n' }, author: OTHER });
      dev.push(branch);
    }
    forge.merge('theirs-1', 30, min(300));
    forge.squash('theirs-2', 'Their feature', 31, min(320));
    forge.pull();
    const watcher = new ClaudeSession(A, dev.dir).usage(290).usage(330);
    const r = await analyze([watcher], 0, DAY_MIN);
    assert.deepEqual(r.outcomes, []);
    assert.equal(r.totals.awu, 0);
  });

  it('keeps its links and change ids between reads, and agrees with a fresh read after refs move', async () => {
    const forge = Forge.create(min(0));
    work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt']);
    work(forge, B, 'feat-y', 120, ['y1.txt']);
    forge.squash('feat-x', 'Add feature X', 12, min(400));
    forge.pull();
    const cacheDir = tempDir();
    const brief = (r: Awaited<ReturnType<typeof readGitOutcomes>>): string[] => r.outcomes.map((o) => `${o.kind} ${o.subject} ${o.awu} ${o.zeroReason ?? ''} ${o.pr?.style ?? ''} ${o.pr?.commits.length ?? ''}`);
    const first = await readGitOutcomes(forge.dev.dir, { cacheDir });
    assert.deepEqual(brief(first), brief(await readGitOutcomes(forge.dev.dir, { cacheDir })));
    // The branch goes away and another PR lands: the squash stays linked, the new one is found.
    forge.dev.git('branch', '-D', 'feat-x');
    forge.rebase('feat-y', min(500));
    forge.pull();
    const next = await readGitOutcomes(forge.dev.dir, { cacheDir });
    const fresh = await readGitOutcomes(forge.dev.dir, {});
    assert.deepEqual(brief(next), brief(fresh));
    assert.deepEqual(brief(next).filter((l) => l.startsWith('pr.merged')), ['pr.merged Add feature X (#12) 2  squash 2', 'pr.merged feat-y: y1.txt 2  rebase 1']);
  });

  it('still gives 1.0 to each commit pushed straight onto main, and none to a pull --rebase of them', async () => {
    const forge = Forge.create(min(0));
    const dev = forge.dev;
    const s = new ClaudeSession(A, dev.dir).usage(60);
    dev.commit('direct 1', { at: min(61), files: { 'd1.txt': '1\n' } });
    s.bash(60.9, 'git commit -am "direct 1"', 0, 0.2);
    dev.commit('direct 2', { at: min(63), files: { 'd2.txt': '2\n' } });
    s.bash(62.9, 'git commit -am "direct 2"', 0, 0.2);
    // Meanwhile a teammate pushed: the developer rebases onto it and pushes.
    forge.teammatePush('t.txt', min(62));
    dev.gitAt(min(64), ['pull', '-q', '--rebase', 'origin', 'main']);
    dev.push('main');
    const r = await analyze([s], 0, DAY_MIN);
    // Both copies carry the rebase's time: order by subject.
    assert.deepEqual(r.outcomes.map((o) => [o.kind, o.subject, o.awu]).sort((x, y) => String(x[1]).localeCompare(String(y[1]))), [
      ['commit.landed', 'direct 1', 1],
      ['commit.landed', 'direct 2', 1],
    ]);
  });
});
