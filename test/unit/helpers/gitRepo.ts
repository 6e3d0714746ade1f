// Real git repositories in temp dirs for the git-outcome tests, isolated from the machine's git config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './engine';

export const ME = 'me@example.com';
export const OTHER = 'other@example.com';

/** 2026-03-02 (a Monday) 09:00 UTC, plus the given hours: fixed dates keep the assertions exact. */
export function hoursIn(hours: number): number {
  return Date.UTC(2026, 2, 2, 9) + hours * 3600_000;
}

/** Config and env every git call here uses, so a global user.email or hook cannot leak in. */
export function isolatedGitEnv(): Record<string, string> {
  const home = tempDir('awu-git-home-');
  const empty = join(home, 'gitconfig');
  writeFileSync(empty, '');
  return { GIT_CONFIG_GLOBAL: empty, GIT_CONFIG_NOSYSTEM: '1', HOME: home };
}

export interface CommitOptions {
  /** Epoch ms, used as author and committer date. */
  at: number;
  files?: Record<string, string>;
  author?: string;
  body?: string;
}

export class GitRepo {
  private constructor(
    readonly dir: string,
    private readonly env: Record<string, string>,
  ) {}

  static init(opts: { branch?: string; email?: string | null; env?: Record<string, string> } = {}): GitRepo {
    const env = opts.env ?? isolatedGitEnv();
    const repo = new GitRepo(tempDir('awu-git-'), env);
    repo.git('init', '-q', '-b', opts.branch ?? 'main');
    repo.git('config', 'user.name', 'Me');
    if (opts.email !== null) repo.git('config', 'user.email', opts.email ?? ME);
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** A clone of this repo through a bare one, so `origin/HEAD` exists; `push()` from it lands work. */
  cloneViaRemote(opts: { depth?: number } = {}): GitRepo {
    const bare = tempDir('awu-git-remote-');
    this.git('clone', '-q', '--bare', this.dir, bare);
    const dir = tempDir('awu-git-clone-');
    const depth = opts.depth ? ['--depth', String(opts.depth)] : [];
    this.git('clone', '-q', ...depth, `file://${bare}`, dir);
    const clone = new GitRepo(dir, this.env);
    clone.git('config', 'user.name', 'Me');
    clone.git('config', 'user.email', ME);
    return clone;
  }

  git(...args: string[]): string {
    return this.gitAt(undefined, args);
  }

  /** Runs git with author and committer date `at` (and author `author`). */
  gitAt(at: number | undefined, args: string[], author = ME): string {
    const date = at === undefined ? {} : { GIT_AUTHOR_DATE: `${Math.floor(at / 1000)} +0000`, GIT_COMMITTER_DATE: `${Math.floor(at / 1000)} +0000` };
    const name = author.split('@')[0] ?? author;
    const who = author === ME ? {} : { GIT_AUTHOR_EMAIL: author, GIT_AUTHOR_NAME: name, GIT_COMMITTER_EMAIL: author, GIT_COMMITTER_NAME: name };
    return execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...this.env, ...date, ...who }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      const path = join(this.dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }

  /** A commit of `files` (or an empty one), returning its sha. */
  commit(subject: string, opts: CommitOptions): string {
    this.write(opts.files ?? {});
    this.git('add', '-A');
    const message = opts.body ? `${subject}\n\n${opts.body}` : subject;
    this.gitAt(opts.at, ['commit', '-q', '--allow-empty', '-m', message], opts.author);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  checkout(...args: string[]): void {
    this.git('checkout', '-q', ...args);
  }

  /** `git merge --no-ff` of `branch` into the current branch. */
  merge(branch: string, subject: string, at: number, author = ME): string {
    this.gitAt(at, ['merge', '-q', '--no-ff', '-m', subject, branch], author);
    return this.head();
  }

  /** `git merge --squash` of `branch` committed as one commit (what a squash-merged PR looks like). */
  squash(branch: string, subject: string, at: number): string {
    this.git('merge', '-q', '--squash', branch);
    this.gitAt(at, ['commit', '-q', '-m', subject]);
    return this.head();
  }

  revert(sha: string, at: number): string {
    this.gitAt(at, ['revert', '--no-edit', sha]);
    return this.head();
  }

  push(...args: string[]): void {
    this.git('push', '-q', 'origin', ...args);
  }
}
