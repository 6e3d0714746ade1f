// The branch whose history counts as landed: the configured one, else origin/HEAD, else main, else master.
import type { RepoProbe } from './repoProbe';
import type { GitRunner } from './runGit';

export interface DefaultBranch {
  /** As shown to the user: `origin/main`, `main`, or the configured name. */
  name: string;
  /** What identifies it between reads (a full ref name, or the configured name). */
  ref: string;
  head: string;
}

export async function findDefaultBranch(git: GitRunner, probe: RepoProbe, configured?: string): Promise<DefaultBranch | undefined> {
  if (configured) {
    const r = await git(['rev-parse', '-q', '--verify', '--end-of-options', `${configured}^{commit}`]);
    const head = r.stdout.trim();
    return r.code === 0 && head ? { name: configured, ref: configured, head } : undefined;
  }
  const originHead = probe.refs.find((r) => r.name === 'refs/remotes/origin/HEAD' && r.target);
  if (originHead?.target) return { name: originHead.target.replace(/^refs\/remotes\//, ''), ref: originHead.target, head: originHead.sha };
  for (const name of ['main', 'master']) {
    const local = probe.refs.find((r) => r.name === `refs/heads/${name}`);
    if (local) return { name, ref: local.name, head: local.sha };
  }
  return undefined;
}
