// Git answers reused while nothing in a repository moved, without starting git: a status line asks
// after every agent message, and even an incremental read of a repo is several git processes.
// A repo "moved" when any file git keeps its refs and settings in changed (HEAD, config, packed-refs,
// shallow, refs/**, logs/**), or the global git config, the read's options or this code did: those
// are what a read depends on. Anything else (a linked worktree, an unreadable .git) is read as always.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../store/atomicFile';
import type { GitOutcomeOptions } from '../types';
import { findRepoRoot } from './repoRoot';
import { readGitOutcomes, type GitRepoOutcomes } from './readGitOutcomes';

const MEMO_VERSION = 1;
const MEMO_FILE = 'git-unmoved-v1.json';

interface Memo {
  version: number;
  /** cwd → repo root (or null: not in a repo), with the folders that decided it. */
  roots: Record<string, { root: string | null; stamp: string }>;
  /** repo root → the last answer and what it depended on. */
  repos: Record<string, { stamp: string; result: GitRepoOutcomes }>;
}

function stamp(s: Stats | undefined): string {
  return s ? `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}` : '-';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** mtimes, sizes and inodes of a tree of files (refs/, logs/), sorted by path. */
function treeStamps(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    out.push(`${dir}:-`);
    return;
  }
  out.push(`${dir}:${stamp(statOrUndefined(dir))}`);
  for (const name of names) {
    const path = join(dir, name);
    const s = statOrUndefined(path);
    if (s?.isDirectory()) treeStamps(path, out);
    else out.push(`${name}:${stamp(s)}`);
  }
}

/** The global and system config files git reads (user.email may come from them). */
function configFiles(env: NodeJS.ProcessEnv): string[] {
  const files = [env.GIT_CONFIG_GLOBAL ?? join(env.HOME ?? homedir(), '.gitconfig'), join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'git', 'config')];
  if (!env.GIT_CONFIG_NOSYSTEM) files.push(env.GIT_CONFIG_SYSTEM ?? '/etc/gitconfig');
  return files;
}

/** What a read of `root` depends on; undefined when the repo is not a plain `.git` folder (then never reused). */
export function repoStamp(root: string, options: GitOutcomeOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const gitDir = join(root, '.git');
  if (!statOrUndefined(gitDir)?.isDirectory()) return undefined;
  const parts = [
    JSON.stringify({ v: MEMO_VERSION, code: codeStamp(), since: options.since ?? null, extra: options.extraEmails ?? [], branch: options.defaultBranch ?? null, weights: options.weights ?? null, git: options.gitPath ?? null }),
    JSON.stringify([env.GIT_CONFIG_GLOBAL, env.GIT_CONFIG_NOSYSTEM, env.GIT_CONFIG_SYSTEM, env.HOME, env.XDG_CONFIG_HOME, env.GIT_DIR, env.GIT_WORK_TREE]),
    ...configFiles(env).map((f) => `${f}:${stamp(statOrUndefined(f))}`),
  ];
  for (const f of ['HEAD', 'config', 'packed-refs', 'shallow', 'commondir']) parts.push(`${f}:${stamp(statOrUndefined(join(gitDir, f)))}`);
  treeStamps(join(gitDir, 'refs'), parts);
  treeStamps(join(gitDir, 'logs'), parts);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** This code's build: a new version may derive other outcomes from the same history. */
function codeStamp(): string {
  return stamp(statOrUndefined(__filename));
}

/** The folders from `cwd` up to its root: a `.git` appearing or vanishing in any of them changes the answer. */
function rootStamp(cwd: string, root: string | null): string {
  const parts: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    parts.push(`${dir}:${stamp(statOrUndefined(join(dir, '.git')))}`);
    if (dir === root || dirname(dir) === dir) break;
  }
  return parts.join('\n');
}

export class UnmovedRepos {
  private memo: Memo = { version: MEMO_VERSION, roots: {}, repos: {} };
  private changed = false;

  private constructor(private readonly cacheDir: string) {}

  static load(cacheDir: string): UnmovedRepos {
    const u = new UnmovedRepos(cacheDir);
    try {
      const memo = JSON.parse(readFileSync(join(cacheDir, MEMO_FILE), 'utf8')) as Memo;
      if (memo?.version === MEMO_VERSION && memo.roots && memo.repos) u.memo = memo;
    } catch {
      // No memo yet, or a damaged one: everything is read from git.
    }
    return u;
  }

  /** Like findRepoRoot, answered from the memo while no `.git` between `cwd` and its root changed. */
  async repoRoot(cwd: string, gitPath: string | undefined): Promise<string | undefined> {
    const known = this.memo.roots[cwd];
    if (known && known.stamp === rootStamp(cwd, known.root)) return known.root ?? undefined;
    const root = await findRepoRoot(cwd, gitPath);
    // A root git gives that is not an ancestor (GIT_DIR, a worktree's gitdir) is not remembered.
    if (root === undefined || cwd === root || cwd.startsWith(root.endsWith('/') ? root : `${root}/`)) {
      this.memo.roots[cwd] = { root: root ?? null, stamp: rootStamp(cwd, root ?? null) };
      this.changed = true;
    }
    return root;
  }

  /** Like readGitOutcomes, answered from the memo while the repo did not move. */
  async read(root: string, options: GitOutcomeOptions): Promise<GitRepoOutcomes> {
    const before = repoStamp(root, options);
    const known = this.memo.repos[root];
    if (before !== undefined && known?.stamp === before) return structuredClone(known.result);
    const result = await readGitOutcomes(root, options);
    // Remembered only when nothing moved during the read, and the read met no problem worth retrying.
    const after = repoStamp(root, options);
    if (after !== undefined && after === before && !result.diagnostics.some((d) => /could not be|failed/.test(d))) {
      this.memo.repos[root] = { stamp: after, result: structuredClone(result) };
      this.changed = true;
    }
    return result;
  }

  /** Writes the memo when it changed; a failure only means git is asked again next time. */
  save(): void {
    if (!this.changed) return;
    try {
      writeFileAtomic(join(this.cacheDir, MEMO_FILE), JSON.stringify(this.memo));
      this.changed = false;
    } catch {
      // Best effort.
    }
  }
}
