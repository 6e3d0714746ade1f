// One test pass per change of the code under test, on real git repositories: the working tree's tree hash
// (what the editor records for terminal and task runs), and the rule over agent and editor runs together.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTasks } from '../../src/core/outcomes/analyzeTasks';
import { workingTreeHash } from '../../src/core/outcomes/git/workingTree';
import type { TestRunInput } from '../../src/core/outcomes/types';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { GitRepo, OTHER } from './helpers/gitRepo';

type Pass = [minute: number, origin: string, awu: number];

// Agent test runs here take no time (duration 0): a run counts at its end, so its minute stays the call's.

/** Every `tests.passed` outcome of the day as [minute, origin, AWUs]. */
async function passes(sessions: ClaudeSession[], external: TestRunInput[]): Promise<Pass[]> {
  const root = tempDir();
  for (const s of sessions) s.write(root);
  const result = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
  const a = await analyzeTasks(result.store, min(0), min(24 * 60), { sources: ['claude'], pricer: new Pricer(), calendar: new ZoneCalendar('UTC'), externalRuns: external });
  return a.outcomes.filter((o) => o.kind === 'tests.passed').map((o) => [(o.at - min(0)) / 60_000, o.origin, o.awu]);
}

/** A green terminal (or task) run at `atMin`, recording the working tree as the extension does. */
async function editorPass(repo: GitRepo, atMin: number, origin: 'terminal' | 'task' = 'terminal'): Promise<TestRunInput> {
  const tree = await workingTreeHash(repo.dir);
  assert.match(tree ?? '', /^[0-9a-f]{40}$/);
  return { origin, cwd: repo.dir, label: 'npm test', exitCode: 0, at: min(atMin), treeFingerprint: tree! };
}

describe('test passes: one per change of the code under test', () => {
  it('workingTreeHash is the tree `git add -A && git commit` makes, and leaves the index alone', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': '1\n', 'gone.txt': 'x\n', 'kept.txt': 'k\n', '.gitignore': 'ignored.log\n' } });
    // Staged, then changed again; a file deleted; one untracked in the index only; a new file in a new
    // folder; an ignored file.
    repo.write({ 'a.txt': '2\n' });
    repo.git('add', 'a.txt');
    repo.write({ 'a.txt': '3\n', 'lib/new.txt': 'new\n', 'ignored.log': 'noise\n' });
    rmSync(join(repo.dir, 'gone.txt'));
    repo.git('rm', '-q', '--cached', 'kept.txt');
    const status = repo.git('status', '--porcelain', '--untracked-files=all');
    const index = repo.git('ls-files', '--stage');
    const head = repo.head();

    const tree = await workingTreeHash(repo.dir);
    const fromSubfolder = await workingTreeHash(join(repo.dir, 'lib'));

    assert.equal(repo.git('status', '--porcelain', '--untracked-files=all'), status);
    assert.equal(repo.git('ls-files', '--stage'), index);
    assert.equal(repo.head(), head);
    assert.equal(fromSubfolder, tree);
    repo.git('add', '-A');
    repo.gitAt(min(1), ['commit', '-q', '-m', 'all of it']);
    assert.equal(tree, repo.git('rev-parse', 'HEAD^{tree}'));
    assert.deepEqual(repo.git('ls-tree', '-r', '--name-only', 'HEAD').split('\n'), ['.gitignore', 'a.txt', 'kept.txt', 'lib/new.txt']);
  });

  it('workingTreeHash works in a repo with no commits, and is undefined outside a repo or without git', async () => {
    const fresh = GitRepo.init();
    fresh.write({ 'first.txt': 'hello\n' });
    const tree = await workingTreeHash(fresh.dir);
    assert.equal(fresh.git('status', '--porcelain'), '?? first.txt');
    fresh.commit('first', { at: min(0) });
    assert.equal(tree, fresh.git('rev-parse', 'HEAD^{tree}'));
    assert.equal(await workingTreeHash(tempDir()), undefined);
    assert.equal(await workingTreeHash(fresh.dir, join(tempDir(), 'no-git-here')), undefined);
  });

  it('terminal and task runs: edit → green → commit → green earns one 0.5; a new edit earns again, a rerun nothing', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    const runs = [await editorPass(repo, 1)];
    repo.write({ 'src.txt': 'v2\n' }); // by hand: no agent, no edit call
    runs.push(await editorPass(repo, 5));
    repo.commit('fix: the bug', { at: min(6) });
    runs.push(await editorPass(repo, 7), await editorPass(repo, 8, 'task'));
    repo.write({ 'src.txt': 'v3\n', 'new.txt': 'untracked\n' });
    runs.push(await editorPass(repo, 10), await editorPass(repo, 11));
    // Changed again before committing: the commit holds content no pass had.
    repo.write({ 'src.txt': 'v4\n' });
    repo.commit('feat: more', { at: min(12) });
    runs.push(await editorPass(repo, 13, 'task'), await editorPass(repo, 14));

    assert.deepEqual(await passes([], runs), [
      [1, 'terminal', 0.5],
      [5, 'terminal', 0.5],
      [7, 'terminal', 0],
      [8, 'task', 0],
      [10, 'terminal', 0.5],
      [11, 'terminal', 0],
      [13, 'task', 0.5],
      [14, 'terminal', 0],
    ]);
  });

  it('agent runs: edit → green → commit → green earns one 0.5, and so does a terminal run after that commit', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    const s = new ClaudeSession('a9e9e000-0000-4000-8000-000000000001', repo.dir).usage(1);
    s.edit(2).bash(3, 'npm test', 0, 0);
    repo.commit('fix: the bug', { at: min(5), files: { 'src.txt': 'v2\n' } });
    s.bash(4.9, 'git commit -am "fix: the bug"', 0, 0.1).bash(6, 'npm test', 0, 0);
    const runs = [await editorPass(repo, 7)];
    s.edit(8).bash(9, 'npm test', 0, 0).bash(10, 'npm test', 0, 0);
    repo.write({ 'src.txt': 'v3\n' });
    runs.push(await editorPass(repo, 11));

    assert.deepEqual(await passes([s], runs), [
      [3, 'agent', 0.5],
      [6, 'agent', 0],
      [7, 'terminal', 0],
      [9, 'agent', 0.5],
      [10, 'agent', 0],
      // The agent's pass at 9 ran on uncommitted edits whose content it did not record: the first run
      // that knows its content cannot tell it from what was tested, so it earns (as rule (a) says).
      [11, 'terminal', 0.5],
    ]);
  });

  it('hand edits and agent runs: what a run without a recorded tree can and cannot see', async () => {
    // Agent runs carry no tree: a change is seen only as an agent edit call or as HEAD moving to a tree
    // no counted pass had. A hand (or shell) edit is invisible until committed; then the pass after the
    // commit earns, and the pass before it on the same edits earned nothing: one 0.5 for the change.
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    const s = new ClaudeSession('a9e9e000-0000-4000-8000-000000000002', repo.dir).usage(1);
    s.bash(2, 'npm test', 0, 0);
    repo.write({ 'src.txt': 'v2\n' });
    s.bash(4, 'sed -i s/v1/v2/ src.txt', 0).bash(5, 'npm test', 0, 0);
    repo.commit('fix: by hand', { at: min(7) });
    s.bash(8, 'npm test', 0, 0).bash(9, 'npm test', 0, 0);
    // When a terminal run recorded the hand-edited tree, an agent run on its commit earns nothing: here
    // the commit leaves an untracked file out, so its tree is not the one tested, but nothing was edited
    // between the pass and the commit.
    repo.write({ 'src.txt': 'v3\n', 'notes.txt': 'untracked\n' });
    const runs = [await editorPass(repo, 11)];
    repo.git('add', 'src.txt');
    repo.gitAt(min(12), ['commit', '-q', '-m', 'fix: again by hand']);
    s.bash(13, 'npm test', 0, 0);

    assert.deepEqual(await passes([s], runs), [
      [2, 'agent', 0.5],
      [5, 'agent', 0],
      [8, 'agent', 0.5],
      [9, 'agent', 0],
      [11, 'terminal', 0.5],
      [13, 'agent', 0],
    ]);
  });

  it('hand edits before the first agent pass: the limit of what agent runs alone can decide', async () => {
    // With no earlier pass there is nothing to compare with, so the first pass earns; whether the hand
    // edits came before it (then the commit brings nothing new) or after it cannot be told from the logs
    // and the commit times alone. This pins that limit: it is not a goal.
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    repo.write({ 'src.txt': 'v2\n' });
    const s = new ClaudeSession('a9e9e000-0000-4000-8000-000000000003', repo.dir).usage(1).bash(2, 'npm test', 0, 0);
    repo.commit('fix: by hand', { at: min(4) });
    s.bash(5, 'npm test', 0, 0);

    assert.deepEqual(await passes([s], []), [
      [2, 'agent', 0.5],
      [5, 'agent', 0.5],
    ]);
  });

  it('a pull of others’ work and a checkout of content never tested earn again; going back to tested content does not', async () => {
    const mine = GitRepo.init();
    const initial = mine.commit('initial', { at: min(0), files: { 'a.txt': 'a\n' } });
    mine.commit('second', { at: min(1), files: { 'a.txt': 'a2\n' } });
    const theirs = mine.cloneViaRemote();
    const s = new ClaudeSession('a9e9e000-0000-4000-8000-000000000004', mine.dir).usage(2);
    const runs = [await editorPass(mine, 2)];
    s.bash(3, 'npm test', 0, 0);
    theirs.commit('feat: their work', { at: min(5), files: { 'b.txt': 'b\n' }, author: OTHER });
    mine.git('pull', '-q', '--ff-only', theirs.dir, 'main');
    s.bash(7, 'npm test', 0, 0);
    runs.push(await editorPass(mine, 8));
    theirs.commit('feat: more of theirs', { at: min(9), files: { 'c.txt': 'c\n' }, author: OTHER });
    mine.git('pull', '-q', '--ff-only', theirs.dir, 'main');
    runs.push(await editorPass(mine, 10));
    s.bash(11, 'npm test', 0, 0);
    // Back to the first commit, never tested: only a run that records its tree can see a checkout
    // (agent runs take HEAD from commit times); the agent pass after it has nothing new to show anyway.
    mine.checkout(initial);
    runs.push(await editorPass(mine, 13));
    s.bash(14, 'npm test', 0, 0);
    mine.checkout('main');
    runs.push(await editorPass(mine, 16));

    assert.deepEqual(await passes([s], runs), [
      [2, 'terminal', 0.5],
      [3, 'agent', 0],
      [7, 'agent', 0.5],
      [8, 'terminal', 0],
      [10, 'terminal', 0.5],
      [11, 'agent', 0],
      [13, 'terminal', 0.5],
      [14, 'agent', 0],
      [16, 'terminal', 0],
    ]);
  });

  it('amending only the message, or pushing what was tested, earns nothing', async () => {
    const origin = GitRepo.init();
    origin.commit('initial', { at: min(0), files: { 'src.txt': 'v1\n' } });
    const repo = origin.cloneViaRemote();
    const s = new ClaudeSession('a9e9e000-0000-4000-8000-000000000005', repo.dir).usage(1);
    repo.write({ 'src.txt': 'v2\n' });
    s.edit(2).bash(3, 'npm test', 0, 0);
    repo.commit('wip', { at: min(5) });
    s.bash(4.9, 'git commit -am wip', 0, 0.1).bash(6, 'npm test', 0, 0);
    repo.gitAt(min(8), ['commit', '-q', '--amend', '-m', 'feat: the real message']);
    s.bash(7.9, 'git commit --amend -m "feat: the real message"', 0, 0.1).bash(9, 'npm test', 0, 0);
    const runs = [await editorPass(repo, 10)];
    repo.push('HEAD:main');
    s.bash(11, 'git push', 0).bash(12, 'npm test', 0, 0);
    runs.push(await editorPass(repo, 13, 'task'));

    assert.deepEqual(await passes([s], runs), [
      [3, 'agent', 0.5],
      [6, 'agent', 0],
      [9, 'agent', 0],
      [10, 'terminal', 0],
      [12, 'agent', 0],
      [13, 'task', 0],
    ]);
  });

  it('runs saved by older versions keep their opaque fingerprints: equal ones earn once', async () => {
    const repo = GitRepo.init();
    repo.commit('initial', { at: min(0), files: { 'a.txt': '1\n' } });
    const old = (atMin: number, fingerprint: string): TestRunInput => ({ origin: 'terminal', cwd: repo.dir, label: 'pytest', exitCode: 0, at: min(atMin), treeFingerprint: fingerprint });
    const f1 = '0123456789abcdef0123456789abcdef';
    const f2 = 'fedcba9876543210fedcba9876543210';
    assert.deepEqual(await passes([], [old(1, f1), old(2, f1), old(3, f2), old(4, f2)]), [
      [1, 'terminal', 0.5],
      [2, 'terminal', 0],
      [3, 'terminal', 0.5],
      [4, 'terminal', 0],
    ]);
  });
});
