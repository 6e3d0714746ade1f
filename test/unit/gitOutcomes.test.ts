import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearRepoRootCache, findRepoRoot } from '../../src/core/outcomes/git/repoRoot';
import { readGitOutcomes, type GitRepoOutcomes } from '../../src/core/outcomes/git/readGitOutcomes';
import { agentTrailer } from '../../src/core/outcomes/git/messageRules';
import type { GitOutcome, GitOutcomeOptions } from '../../src/core/outcomes/types';
import { tempDir } from './helpers/engine';
import { GitRepo, hoursIn, isolatedGitEnv, ME, OTHER } from './helpers/gitRepo';

/** The parts of an outcome the rules decide, in order: `kind subject = awu (zeroReason) #pr`. */
function brief(r: GitRepoOutcomes): string[] {
  return r.outcomes.map((o: GitOutcome) => `${o.kind} ${o.subject} = ${o.awu}${o.zeroReason ? ` (${o.zeroReason})` : ''}${o.prNumber ? ` #${o.prNumber}` : ''}`);
}

async function outcomes(repo: GitRepo, options: GitOutcomeOptions = {}): Promise<GitRepoOutcomes> {
  return readGitOutcomes(repo.dir, options);
}

const DAY = 24 * 3600_000;

describe('git outcomes', () => {
  // The code under test inherits process.env: keep the machine's git config (and its user.email) out.
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const [k, v] of Object.entries(isolatedGitEnv())) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  describe('landed commits and merged PRs', () => {
    it('counts the developer’s commits on origin/HEAD, merges that bring them in and squash commits, once each', async () => {
      const seed = GitRepo.init();
      seed.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' }, author: OTHER });
      const repo = seed.cloneViaRemote();
      repo.commit('mine on main', { at: hoursIn(1), files: { 'a.txt': 'a\nb\n' } });
      repo.commit('theirs on main', { at: hoursIn(2), files: { 'b.txt': 'b\n' }, author: OTHER });
      repo.checkout('-b', 'feat');
      repo.commit('feature work', { at: hoursIn(3), files: { 'c.txt': 'c\n' } });
      repo.commit('teammate on my branch', { at: hoursIn(4), files: { 'd.txt': 'd\n' }, author: OTHER });
      repo.checkout('main');
      repo.merge('feat', 'Merge pull request #5 from me/feat', hoursIn(5), OTHER);
      repo.checkout('-b', 'theirs');
      repo.commit('their feature', { at: hoursIn(6), files: { 'e.txt': 'e\n' }, author: OTHER });
      repo.merge('main', "Merge branch 'main' into theirs", hoursIn(6.5)); // mine, but not my work
      repo.checkout('main');
      repo.merge('theirs', 'Merge pull request #6 from other/theirs', hoursIn(7), OTHER);
      repo.checkout('-b', 'sq');
      repo.commit('wip 1', { at: hoursIn(8), files: { 'f.txt': 'f\n' } });
      repo.commit('wip 2', { at: hoursIn(9), files: { 'f.txt': 'f\ng\n' } });
      repo.checkout('main');
      repo.squash('sq', 'Squashed feature (#12)', hoursIn(10));
      repo.commit('from my other address', { at: hoursIn(11), files: { 'h.txt': 'h\n' }, author: 'Me@Work.example' });
      repo.push('main');
      repo.git('branch', '-D', 'sq');

      const r = await outcomes(repo, { extraEmails: ['ME@work.example'] });
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.defaultBranch, 'origin/main');
      assert.deepEqual(r.identities, [ME, 'me@work.example']);
      assert.deepEqual(brief(r), [
        'commit.landed mine on main = 1',
        'commit.landed feature work = 0 (via-pr)',
        'pr.merged Merge pull request #5 from me/feat = 2 #5',
        // The squashed branch is deleted; HEAD's reflog still holds its commits.
        'commit.landed wip 1 = 0 (via-pr)',
        'commit.landed wip 2 = 0 (via-pr)',
        'pr.merged Squashed feature (#12) = 2 #12',
        'commit.landed from my other address = 1',
      ]);
      assert.equal(r.outcomes[2]?.authorEmail, OTHER);
      assert.deepEqual(r.outcomes[2]?.pr, { number: 5, style: 'merge', branch: 'feat', found: 'merge-parents', commits: [{ sha: r.outcomes[1]!.sha, at: hoursIn(3), subject: 'feature work' }] });
      assert.deepEqual(r.outcomes[1]?.viaPr, { sha: r.outcomes[2]!.sha, number: 5 });
      assert.deepEqual([r.outcomes[5]?.pr?.style, r.outcomes[5]?.pr?.found, r.outcomes[5]?.pr?.branch, r.outcomes[5]?.pr?.commits.map((c) => c.subject)], ['squash', 'reflog', 'sq', ['wip 1', 'wip 2']]);
      assert.ok(r.outcomes.every((o) => o.repo === r.repo && /^[0-9a-f]{40}$/.test(o.sha)));
      assert.equal(r.outcomes[0]?.at, hoursIn(1));
    });

    it('does not count a merge of main into a feature branch as a merged PR', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      repo.checkout('-b', 'feat');
      repo.commit('feature', { at: hoursIn(1), files: { 'f.txt': 'f\n' } });
      repo.checkout('main');
      repo.commit('upstream', { at: hoursIn(2), files: { 'u.txt': 'u\n' }, author: OTHER });
      repo.checkout('feat');
      repo.merge('main', "Merge branch 'main' into feat", hoursIn(3));
      repo.checkout('main');
      repo.merge('feat', 'Merge branch feat', hoursIn(4));
      const r = await outcomes(repo);
      assert.equal(r.defaultBranch, 'main');
      assert.deepEqual(brief(r), ['commit.landed root = 1', 'commit.landed feature = 0 (via-pr)', 'pr.merged Merge branch feat = 2']);
    });

    it('reads agent trailers from the message', async () => {
      const repo = GitRepo.init();
      const cases: [string, string][] = [
        ['Co-Authored-By: Claude <noreply@anthropic.com>', 'claude'],
        ['🤖 Generated with [Claude Code](https://claude.com/claude-code)', 'claude'],
        ['Co-authored-by: Codex <codex@openai.com>', 'codex'],
        ['Co-authored-by: gemini-code-assist[bot] <bot@google.com>', 'gemini'],
        ['Co-authored-by: Copilot <copilot@github.com>', 'other'],
        ['Generated with [Aider]', 'other'],
        ['Co-authored-by: Bob <bob@example.com>', ''],
        ['Co-authored-by: dependabot[bot] <support@github.com>', ''],
      ];
      cases.forEach(([body], i) => repo.commit(`c${i}`, { at: hoursIn(i), files: { 'n.txt': `${i}\n` }, body }));
      const r = await outcomes(repo);
      assert.deepEqual(r.outcomes.map((o) => o.agentTrailer ?? ''), cases.map(([, agent]) => agent));
      assert.equal(agentTrailer('Fix it\n\nThis line mentions claude but is not a trailer.'), undefined);
    });
  });

  describe('game resistance', () => {
    it('gives 0 to empty, whitespace-only and blank-line-only commits', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a b\nc\n' } });
      repo.commit('empty', { at: hoursIn(1) });
      repo.commit('spaces', { at: hoursIn(2), files: { 'a.txt': 'a   b\nc  \n' } });
      repo.commit('blank lines', { at: hoursIn(3), files: { 'a.txt': 'a   b\n\n\nc  \n' } });
      repo.commit('real', { at: hoursIn(4), files: { 'a.txt': 'a   b\n\n\nc  \nd\n' } });
      repo.commit('chmod', { at: hoursIn(5) });
      repo.git('update-index', '--chmod=+x', 'a.txt');
      repo.gitAt(hoursIn(5), ['commit', '-q', '--amend', '-m', 'chmod']);
      const r = await outcomes(repo);
      assert.deepEqual(brief(r), [
        'commit.landed root = 1',
        'commit.landed empty = 0 (empty)',
        'commit.landed spaces = 0 (whitespace-only)',
        'commit.landed blank lines = 0 (whitespace-only)',
        'commit.landed real = 1',
        'commit.landed chmod = 1',
      ]);
    });

    it('cancels a revert of the developer’s own commit within 7 days, and the reverted commit', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      const bad = repo.commit('bad idea', { at: hoursIn(1), files: { 'b.txt': 'b\n' } });
      const old = repo.commit('old feature', { at: hoursIn(2), files: { 'c.txt': 'c\n' } });
      const theirs = repo.commit('their change', { at: hoursIn(3), files: { 'd.txt': 'd\n' }, author: OTHER });
      repo.revert(bad, hoursIn(20));
      repo.revert(old, hoursIn(2) + 8 * DAY);
      repo.revert(theirs, hoursIn(2) + 8 * DAY + 3600_000);
      const r = await outcomes(repo);
      assert.deepEqual(brief(r), [
        'commit.landed root = 1',
        'commit.landed bad idea = 0 (reverted)',
        'commit.landed old feature = 1',
        'commit.landed Revert "bad idea" = 0 (revert)',
        'commit.landed Revert "old feature" = 1',
        'commit.landed Revert "their change" = 1',
      ]);
    });

    it('gives 0 to a merge that brings in nothing but an empty commit', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      repo.checkout('-b', 'noop');
      repo.commit('nothing', { at: hoursIn(1) });
      repo.checkout('main');
      repo.merge('noop', 'Merge pull request #9 from me/noop', hoursIn(2));
      const r = await outcomes(repo);
      assert.deepEqual(brief(r), ['commit.landed root = 1', 'commit.landed nothing = 0 (via-pr)', 'pr.merged Merge pull request #9 from me/noop = 0 (empty) #9']);
    });
  });

  describe('local commits', () => {
    it('reports a feature-branch commit as pending, then as landed via its PR (once) after the merge lands', async () => {
      const seed = GitRepo.init();
      seed.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' }, author: OTHER });
      const repo = seed.cloneViaRemote();
      repo.checkout('-b', 'feat');
      const sha = repo.commit('feature', { at: hoursIn(1), files: { 'f.txt': 'f\n' } });
      repo.commit('theirs on feat', { at: hoursIn(2), files: { 'g.txt': 'g\n' }, author: OTHER });
      const cacheDir = tempDir();
      const before = await outcomes(repo, { cacheDir });
      assert.deepEqual(brief(before), ['commit.local feature = 0 (pending)']);
      assert.equal(before.outcomes[0]?.sha, sha);

      repo.checkout('main');
      repo.merge('feat', 'Merge pull request #3 from me/feat', hoursIn(3));
      const merged = await outcomes(repo, { cacheDir });
      // Merged locally but not pushed: origin/main does not hold it yet.
      assert.deepEqual(brief(merged), ['commit.local feature = 0 (pending)']);

      repo.push('main');
      const landed = await outcomes(repo, { cacheDir });
      assert.deepEqual(brief(landed), ['commit.landed feature = 0 (via-pr)', 'pr.merged Merge pull request #3 from me/feat = 2 #3']);
      assert.equal(landed.outcomes.filter((o) => o.sha === sha).length, 1);
      assert.deepEqual(brief(await outcomes(repo)), brief(landed));
    });

    it('lists the trees of local-branch commits by time', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      repo.commit('empty', { at: hoursIn(1) });
      repo.checkout('-b', 'feat');
      repo.commit('feature', { at: hoursIn(2), files: { 'f.txt': 'f\n' } });
      const r = await outcomes(repo);
      assert.deepEqual(r.trees.map((t) => t.at), [hoursIn(0), hoursIn(1), hoursIn(2)]);
      assert.equal(r.trees[0]?.tree, r.trees[1]?.tree);
      assert.notEqual(r.trees[1]?.tree, r.trees[2]?.tree);
      assert.equal(r.trees[2]?.tree, repo.git('rev-parse', 'HEAD^{tree}'));
      assert.deepEqual((await outcomes(repo, { since: hoursIn(1) })).trees.map((t) => t.at), [hoursIn(1), hoursIn(2)]);
    });
  });

  describe('default branch', () => {
    it('uses main without a remote, master when there is no main, and a configured branch', async () => {
      const master = GitRepo.init({ branch: 'master' });
      master.commit('on master', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      assert.equal((await outcomes(master)).defaultBranch, 'master');
      master.checkout('-b', 'develop');
      master.commit('on develop', { at: hoursIn(1), files: { 'b.txt': 'b\n' } });
      const configured = await outcomes(master, { defaultBranch: 'develop' });
      assert.equal(configured.defaultBranch, 'develop');
      assert.deepEqual(brief(configured), ['commit.landed on master = 1', 'commit.landed on develop = 1']);
    });

    it('reports no landed outcomes, with a diagnostic, when no default branch exists', async () => {
      const repo = GitRepo.init({ branch: 'trunk' });
      repo.commit('on trunk', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      const r = await outcomes(repo);
      assert.equal(r.defaultBranch, undefined);
      assert.deepEqual(brief(r), ['commit.local on trunk = 0 (pending)']);
      assert.match(r.diagnostics.join('\n'), /no default branch/);
      const missing = await outcomes(repo, { defaultBranch: 'nope' });
      assert.match(missing.diagnostics.join('\n'), /'nope' was not found/);
    });
  });

  describe('since', () => {
    it('reads from `since`, and still cancels a commit just before it that a revert inside it undoes', async () => {
      const repo = GitRepo.init();
      repo.commit('ancient', { at: hoursIn(0) - 30 * DAY, files: { 'z.txt': 'z\n' } });
      const early = repo.commit('early', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      repo.commit('late', { at: hoursIn(0) + 3 * DAY, files: { 'b.txt': 'b\n' } });
      repo.revert(early, hoursIn(0) + 4 * DAY);
      const r = await outcomes(repo, { since: hoursIn(0) + 2 * DAY });
      assert.deepEqual(brief(r), ['commit.landed late = 1', 'commit.landed Revert "early" = 0 (revert)']);
      assert.equal(r.read.commitsListed, 3); // not the ancient one
    });
  });

  describe('incremental reads', () => {
    it('reads only new commits after the first read and agrees with a fresh full read', async () => {
      const seed = GitRepo.init();
      seed.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' }, author: OTHER });
      const repo = seed.cloneViaRemote();
      const shas = [1, 2, 3, 4, 5].map((i) => repo.commit(`c${i}`, { at: hoursIn(i), files: { 'a.txt': `${i}\n` }, author: i % 2 ? ME : OTHER, body: 'Secret body text' }));
      repo.push('main');
      const cacheDir = tempDir();
      const first = await outcomes(repo, { cacheDir });
      assert.equal(first.read.landedRead, 'full');
      assert.equal(first.read.commitsListed, 6);

      const again = await outcomes(repo, { cacheDir });
      assert.equal(again.read.landedRead, 'cached');
      assert.equal(again.read.commitsListed, 0);
      assert.deepEqual(again.outcomes, first.outcomes);

      repo.commit('c6', { at: hoursIn(6), files: { 'b.txt': '6\n' } });
      repo.checkout('-b', 'feat');
      repo.commit('f1', { at: hoursIn(7), files: { 'f.txt': 'f\n' } });
      repo.checkout('main');
      repo.merge('feat', 'Merge pull request #8 from me/feat', hoursIn(8));
      repo.revert(shas[4] ?? '', hoursIn(9)); // c5, read and cached by the first read
      repo.push('main');
      const next = await outcomes(repo, { cacheDir });
      assert.equal(next.read.landedRead, 'incremental');
      assert.equal(next.read.commitsListed, 4);
      const fresh = await outcomes(repo);
      assert.equal(fresh.read.landedRead, 'full');
      assert.deepEqual(next.outcomes, fresh.outcomes);
      assert.deepEqual(next.trees, fresh.trees);
      assert.equal(next.trees.length, 10);
      assert.deepEqual(brief(next).slice(-5), ['commit.landed c5 = 0 (reverted)', 'commit.landed c6 = 1', 'commit.landed f1 = 0 (via-pr)', 'pr.merged Merge pull request #8 from me/feat = 2 #8', 'commit.landed Revert "c5" = 0 (revert)']);

      const files = readdirSync(cacheDir);
      assert.equal(files.length, 1);
      assert.match(files[0] ?? '', /^git-[0-9a-f]+\.json$/);
      const state = readFileSync(join(cacheDir, files[0] ?? ''), 'utf8');
      assert.ok(!state.includes('Secret body text'));
    });

    it('re-reads fully after a force push rewrote the history it had read', async () => {
      const seed = GitRepo.init();
      seed.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' }, author: OTHER });
      const repo = seed.cloneViaRemote();
      repo.commit('kept', { at: hoursIn(1), files: { 'a.txt': '1\n' } });
      repo.commit('dropped', { at: hoursIn(2), files: { 'a.txt': '2\n' } });
      repo.push('main');
      const cacheDir = tempDir();
      await outcomes(repo, { cacheDir });
      repo.git('reset', '-q', '--hard', 'HEAD~1');
      repo.commit('replacement', { at: hoursIn(3), files: { 'a.txt': '3\n' } });
      repo.push('-f', 'main');
      const after = await outcomes(repo, { cacheDir });
      assert.equal(after.read.landedRead, 'full');
      assert.deepEqual(brief(after), ['commit.landed kept = 1', 'commit.landed replacement = 1']);
      const fresh = await outcomes(repo);
      assert.deepEqual(after.outcomes, fresh.outcomes);
      // The dropped commit was HEAD for a while: its tree stays in the history the cache keeps.
      assert.deepEqual(after.trees.map((t) => t.at), [hoursIn(0), hoursIn(1), hoursIn(2), hoursIn(3)]);
      assert.deepEqual(fresh.trees.map((t) => t.at), [hoursIn(0), hoursIn(1), hoursIn(3)]);
    });

    it('still answers, with a diagnostic, when the cache cannot be written', async () => {
      const repo = GitRepo.init();
      repo.commit('one', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      const notADir = join(tempDir(), 'file');
      writeFileSync(notADir, '');
      const r = await outcomes(repo, { cacheDir: notADir });
      assert.deepEqual(brief(r), ['commit.landed one = 1']);
      assert.match(r.diagnostics.join('\n'), /could not be saved/);
    });

    it('re-reads fully when asked for an earlier `since` than the cache covers', async () => {
      const repo = GitRepo.init();
      repo.commit('old', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      repo.commit('new', { at: hoursIn(0) + 10 * DAY, files: { 'a.txt': 'b\n' } });
      const cacheDir = tempDir();
      assert.deepEqual(brief(await outcomes(repo, { cacheDir, since: hoursIn(0) + 9 * DAY })), ['commit.landed new = 1']);
      const wider = await outcomes(repo, { cacheDir, since: hoursIn(0) });
      assert.equal(wider.read.landedRead, 'full');
      assert.deepEqual(brief(wider), ['commit.landed old = 1', 'commit.landed new = 1']);
      const narrower = await outcomes(repo, { cacheDir, since: hoursIn(0) + 9 * DAY });
      assert.equal(narrower.read.landedRead, 'cached');
      assert.deepEqual(brief(narrower), ['commit.landed new = 1']);
    });
  });

  describe('diagnostics', () => {
    it('reports a missing git, a missing path and a directory that is not a repo, without throwing', async () => {
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      const noGit = await outcomes(repo, { gitPath: '/nonexistent/git' });
      assert.deepEqual(noGit.outcomes, []);
      assert.match(noGit.diagnostics.join('\n'), /git could not be run \('\/nonexistent\/git': ENOENT\)/);
      const missing = await readGitOutcomes('/nonexistent/awu-repo', {});
      assert.match(missing.diagnostics.join('\n'), /does not exist/);
      const plain = await readGitOutcomes(tempDir(), {});
      assert.match(plain.diagnostics.join('\n'), /is not a git repository/);
    });

    it('still reads a shallow clone and a detached HEAD, noting them', async () => {
      const seed = GitRepo.init();
      seed.commit('one', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      seed.commit('two', { at: hoursIn(1), files: { 'a.txt': 'b\n' } });
      const shallow = seed.cloneViaRemote({ depth: 1 });
      const r = await outcomes(shallow);
      assert.match(r.diagnostics.join('\n'), /shallow clone: history may be incomplete/);
      assert.deepEqual(brief(r), ['commit.landed two = 1']);

      seed.checkout('--detach', 'HEAD~1');
      const detached = await outcomes(seed);
      assert.match(detached.diagnostics.join('\n'), /HEAD is detached/);
      assert.deepEqual(brief(detached), ['commit.landed one = 1', 'commit.landed two = 1']);
    });

    it('reads the repository it is given even when GIT_DIR (set by a hook) points elsewhere', async () => {
      const repo = GitRepo.init();
      repo.commit('here', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      const elsewhere = GitRepo.init();
      elsewhere.commit('elsewhere', { at: hoursIn(0), files: { 'a.txt': 'a\n' } });
      process.env.GIT_DIR = join(elsewhere.dir, '.git');
      try {
        assert.deepEqual(brief(await outcomes(repo)), ['commit.landed here = 1']);
      } finally {
        delete process.env.GIT_DIR;
      }
    });

    it('reads a repository with no commits yet', async () => {
      const r = await outcomes(GitRepo.init());
      assert.deepEqual([r.outcomes, r.trees, r.diagnostics, r.defaultBranch], [[], [], [], undefined]);
    });

    it('counts only the extra emails when no user.email is configured', async () => {
      const repo = GitRepo.init({ email: null });
      repo.commit('by extra', { at: hoursIn(0), files: { 'a.txt': 'a\n' }, author: 'extra@example.com' });
      const none = await outcomes(repo);
      assert.match(none.diagnostics.join('\n'), /no user\.email/);
      assert.deepEqual(none.outcomes, []);
      assert.deepEqual(brief(await outcomes(repo, { extraEmails: ['extra@example.com'] })), ['commit.landed by extra = 1']);
    });
  });

  describe('findRepoRoot', () => {
    it('finds the root from a subdirectory and answers undefined for everything else', async () => {
      clearRepoRootCache();
      const repo = GitRepo.init();
      repo.commit('root', { at: hoursIn(0), files: { 'sub/a.txt': 'a\n' } });
      assert.equal(await findRepoRoot(join(repo.dir, 'sub')), repo.dir);
      assert.equal(await findRepoRoot(tempDir()), undefined);
      assert.equal(await findRepoRoot('/nonexistent/awu-dir'), undefined);
      assert.equal(await findRepoRoot(repo.dir, '/nonexistent/git'), undefined);
    });

    it('asks git once per directory', async () => {
      clearRepoRootCache();
      const repo = GitRepo.init();
      const sub = join(repo.dir, 'x');
      mkdirSync(sub);
      assert.equal(await findRepoRoot(sub), repo.dir);
      repo.git('init', '-q', sub); // now its own repo, but the answer is memoized
      assert.equal(await findRepoRoot(sub), repo.dir);
      clearRepoRootCache();
      assert.equal(await findRepoRoot(sub), sub);
    });
  });
});
