// The facts about a repository that decide how it is read: its root, whether it is shallow, where HEAD
// is, the developer's configured email, and its local and remote-tracking branches. A few cheap calls, in parallel.
import type { GitRunner } from './runGit';

export interface RepoRef {
  /** Full ref name, e.g. `refs/heads/main`. */
  name: string;
  sha: string;
  /** For a symbolic ref (origin/HEAD): the ref it points at. */
  target?: string;
}

export interface RepoProbe {
  root: string;
  shallow: boolean;
  /** The commit HEAD points at; undefined in a repo with no commits yet. */
  head?: string;
  /** False when HEAD is detached. */
  onBranch: boolean;
  userEmail?: string;
  refs: RepoRef[];
}

/** undefined when the directory is not inside a git work tree. */
export async function probeRepo(git: GitRunner): Promise<RepoProbe | undefined> {
  const [top, head, branch, email, refs] = await Promise.all([
    git(['rev-parse', '--show-toplevel', '--is-shallow-repository']),
    git(['rev-parse', '-q', '--verify', 'HEAD^{commit}']),
    git(['symbolic-ref', '-q', 'HEAD']),
    git(['config', '--get', 'user.email']),
    git(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', 'refs/heads/', 'refs/remotes/']),
  ]);
  const [root, shallow] = top.stdout.split('\n');
  if (top.code !== 0 || !root) return undefined;
  const probe: RepoProbe = { root, shallow: shallow === 'true', onBranch: branch.code === 0, refs: [] };
  if (head.code === 0 && head.stdout.trim()) probe.head = head.stdout.trim();
  const userEmail = email.code === 0 ? email.stdout.trim() : '';
  if (userEmail) probe.userEmail = userEmail;
  for (const line of refs.stdout.split('\n')) {
    const [name, sha, target] = line.split('\0');
    if (name && sha) probe.refs.push(target ? { name, sha, target } : { name, sha });
  }
  return probe;
}
