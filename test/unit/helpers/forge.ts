// The everyday PR flow on real repositories: a bare `origin`, the developer's clone, and a second
// clone acting as the forge (GitHub, GitLab …), which merges pull requests the three usual ways and
// pushes the default branch, committing as the forge does (its own committer, the PR author as author).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './engine';
import { GitRepo, ME, isolatedGitEnv } from './gitRepo';

export const FORGE = 'noreply@forge.example';

export class Forge {
  readonly origin: string;
  private readonly clone: string;

  private constructor(
    readonly dev: GitRepo,
    private readonly env: Record<string, string>,
    origin: string,
  ) {
    this.origin = origin;
    this.clone = tempDir('awu-forge-');
    this.run(undefined, ['clone', '-q', `file://${origin}`, this.clone], process.cwd());
  }

  /** A repository with a first commit by a teammate on `main`, pushed to a bare origin, cloned by the developer. */
  static create(firstAt: number): Forge {
    const env = isolatedGitEnv();
    const seed = GitRepo.init({ env });
    seed.commit('initial', { at: firstAt, files: { 'README.md': 'app\n', 'src/app.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n' }, author: 'teammate@example.com' });
    const dev = seed.cloneViaRemote();
    const origin = dev.git('remote', 'get-url', 'origin').replace(/^file:\/\//, '');
    return new Forge(dev, env, origin);
  }

  private run(at: number | undefined, args: string[], cwd = this.clone, author = ME): string {
    const date = at === undefined ? {} : { GIT_AUTHOR_DATE: `${Math.floor(at / 1000)} +0000`, GIT_COMMITTER_DATE: `${Math.floor(at / 1000)} +0000` };
    const who = { GIT_AUTHOR_EMAIL: author, GIT_AUTHOR_NAME: author.split('@')[0]!, GIT_COMMITTER_EMAIL: FORGE, GIT_COMMITTER_NAME: 'Forge' };
    return execFileSync('git', args, { cwd, env: { ...process.env, ...this.env, ...date, ...who }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  private fresh(): void {
    this.run(undefined, ['fetch', '-q', '--prune', 'origin']);
    this.run(undefined, ['checkout', '-q', '-B', 'main', 'origin/main']);
  }

  private finish(branch: string, deleteBranch: boolean): string {
    this.run(undefined, ['push', '-q', 'origin', 'main']);
    if (deleteBranch) this.run(undefined, ['push', '-q', 'origin', '--delete', branch]);
    return this.run(undefined, ['rev-parse', 'HEAD']);
  }

  /** "Squash and merge": one commit `title (#n)` authored by the PR's author. */
  squash(branch: string, title: string, n: number, at: number, opts: { author?: string; deleteBranch?: boolean } = {}): string {
    this.fresh();
    this.run(undefined, ['merge', '-q', '--squash', `origin/${branch}`]);
    this.run(at, ['commit', '-q', '-m', `${title} (#${n})`], this.clone, opts.author ?? ME);
    return this.finish(branch, opts.deleteBranch ?? false);
  }

  /** "Create a merge commit": `Merge pull request #n from dev/branch` (then, as GitHub writes it, the PR's title), by whoever clicked merge. */
  merge(branch: string, n: number, at: number, opts: { author?: string; deleteBranch?: boolean; title?: string } = {}): string {
    this.fresh();
    const title = opts.title ? ['-m', opts.title] : [];
    this.run(at, ['merge', '-q', '--no-ff', '-m', `Merge pull request #${n} from dev/${branch}`, ...title, `origin/${branch}`], this.clone, opts.author ?? ME);
    return this.finish(branch, opts.deleteBranch ?? false);
  }

  /** "Rebase and merge": the branch's commits re-created on main (new hashes, the forge as committer). */
  rebase(branch: string, at: number, opts: { deleteBranch?: boolean } = {}): string {
    this.fresh();
    this.run(undefined, ['checkout', '-q', '-B', 'pr-head', `origin/${branch}`]);
    // GitHub re-creates every commit even when the branch is already on top of main.
    this.run(at, ['rebase', '-q', '--force-rebase', 'main']);
    this.run(undefined, ['checkout', '-q', 'main']);
    this.run(undefined, ['merge', '-q', '--ff-only', 'pr-head']);
    return this.finish(branch, opts.deleteBranch ?? false);
  }

  /** A teammate's commit pushed straight to main. */
  teammatePush(file: string, at: number): void {
    this.fresh();
    writeFileSync(join(this.clone, file), `${file} by a teammate\n`);
    this.run(undefined, ['add', '-A']);
    this.run(at, ['commit', '-q', '-m', `teammate: ${file}`], this.clone, 'teammate@example.com');
    this.run(undefined, ['push', '-q', 'origin', 'main']);
  }

  /** The developer fetches and fast-forwards main, with no agent running. */
  pull(): void {
    this.dev.git('fetch', '-q', '--prune', 'origin');
    this.dev.checkout('main');
    this.dev.git('merge', '-q', '--ff-only', 'origin/main');
  }
}
