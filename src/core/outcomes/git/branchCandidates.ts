// Branches a PR may have come from: every local and remote-tracking branch but the default one, and
// the states those branches had over time (their reflogs, and HEAD's reflog, which remembers a branch
// after it was deleted). A squash or rebase merge on the forge leaves the branch's own commits here.
import type { DefaultBranch } from './defaultBranch';
import type { RepoProbe } from './repoProbe';
import { gitOutput, type GitRunner } from './runGit';

export interface BranchCandidate {
  /** The branch's short name (`feat-x`), as a PR's head branch is named. */
  name: string;
  tip: string;
  /** A live local branch, a remote-tracking one, or a state a reflog remembers. */
  found: 'branch' | 'remote-branch' | 'reflog';
}

/** How many reflog entries are read: the newest, enough for weeks of work. */
const REFLOG_ENTRIES = 2000;
const CHECKOUT = /^checkout: moving from (\S+) to (\S+)$/;
const SHA = /^[0-9a-f]{40,64}$/;

export const FOUND_RANK: Record<BranchCandidate['found'], number> = { branch: 0, 'remote-branch': 1, reflog: 2 };

/** The default branch's own name (`origin/main` → `main`): its states are not another branch. */
export function localName(branch: DefaultBranch): string {
  return branch.ref.replace(/^refs\/(heads|remotes\/[^/]+)\//, '');
}

export async function branchCandidates(git: GitRunner, probe: RepoProbe, branch: DefaultBranch, since: number | undefined): Promise<BranchCandidate[]> {
  const own = localName(branch);
  const out: BranchCandidate[] = [];
  const locals: string[] = [];
  for (const ref of probe.refs) {
    if (ref.target || ref.name === branch.ref) continue;
    const local = /^refs\/heads\/(.+)$/.exec(ref.name)?.[1];
    const remote = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref.name)?.[1];
    if (local && local !== own) {
      out.push({ name: local, tip: ref.sha, found: 'branch' });
      locals.push(ref.name);
    } else if (remote && remote !== own && remote !== 'HEAD') {
      out.push({ name: remote, tip: ref.sha, found: 'remote-branch' });
    }
  }
  out.push(...(await reflogStates(git, locals, own, since)));
  return out;
}

/** States of the local branches (their reflogs) and of any branch HEAD was on (HEAD's reflog). */
async function reflogStates(git: GitRunner, localRefs: string[], own: string, since: number | undefined): Promise<BranchCandidate[]> {
  const args = ['log', '-g', `--max-count=${REFLOG_ENTRIES}`, '--format=%gD%x00%H%x00%ct%x00%gs'];
  const r = await git([...args, 'HEAD', ...localRefs, '--']);
  // No reflog (a bare clone, core.logAllRefUpdates off, a repo with no commits): nothing to add.
  if (r.code !== 0) return [];
  const out: BranchCandidate[] = [];
  let onBranch: string | undefined;
  for (const line of r.stdout.split('\n')) {
    const [selector, sha, seconds, message] = line.split('\0');
    if (!selector || !sha || seconds === undefined) continue;
    const recent = since === undefined || Number(seconds) * 1000 >= since;
    const ref = /^refs\/heads\/(.+)@\{\d+\}$/.exec(selector)?.[1];
    if (ref) {
      if (recent) out.push({ name: ref, tip: sha, found: 'reflog' });
      continue;
    }
    // HEAD's entries, newest first: after "moving from A to B", older entries were made on A.
    const move = CHECKOUT.exec(message ?? '');
    if (recent && onBranch && onBranch !== own && !SHA.test(onBranch)) out.push({ name: onBranch, tip: sha, found: 'reflog' });
    if (move) onBranch = move[1];
  }
  return out;
}
