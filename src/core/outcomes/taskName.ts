// A task's name as a person recognises it (issue 13), from what its work became, never from prompt text:
// 1. the title of the PR its work landed in (a squash: the landed commit's subject, `feat: x (#12)`; a
//    merge commit: the PR title its message carries, else the PR's branch; a rebase has no title);
// 2. the subject of its first landed or local commit;
// 3. its branch (or its PR's), when that is not the repo's default branch;
// 4. the project folder and the local start time: `api-server · Tue 09:02`.
// Rules 1 and 2 are commit text: with subjects left out of an export they are skipped. The task's id
// stays next to the name wherever it is shown in full (tooltip, detail, JSON).
import type { ZoneCalendar } from '../time/zone';
import type { LinkedOutcome } from './modelOutcome';

export interface NameableTask {
  source: string;
  /** Repository root, or the working directory outside a repository. */
  project: string;
  branch: string | null;
  /** When the task began (epoch ms): a session's first event. */
  startedAt: number;
  outcomes: readonly LinkedOutcome[];
}

export interface TaskNaming {
  calendar: ZoneCalendar;
  /** False when commit subjects are left out (`--no-subjects`): names then come from branches and times only. */
  withSubjects: boolean;
  /** Each repository's default branch by its local name (`main`); main and master where unknown. */
  defaultBranches: ReadonlyMap<string, string>;
  /** Merged PRs by their commit's ref, so a commit that landed via a PR outside the range still finds its title. */
  prsByRef: ReadonlyMap<string, LinkedOutcome>;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The title of a merged PR as git knows it; undefined for a rebase merge (no commit carries one). */
export function prTitle(o: Pick<LinkedOutcome, 'kind' | 'subject' | 'pr'>): string | undefined {
  if (o.kind !== 'pr.merged' || !o.pr) return undefined;
  if (o.pr.style === 'squash') return nonEmpty(o.subject);
  if (o.pr.style === 'merge') return nonEmpty(o.pr.title) ?? nonEmpty(o.pr.branch);
  return undefined;
}

/** `api-server · Tue 09:02`: the project's folder and the local weekday and time. */
export function projectAndStart(project: string, at: number, calendar: ZoneCalendar, fallback = 'task'): string {
  const folder = project.split(/[\\/]/).filter((p) => p !== '').pop() ?? fallback;
  const local = new Date(at + calendar.offsetMinutes(at) * 60_000);
  return `${folder} · ${WEEKDAYS[local.getUTCDay()]} ${local.toISOString().slice(11, 16)}`;
}

/** Which rule named a task: its PR's title, a commit's subject (both commit text), a branch, or project and start. */
export type TaskNameSource = 'pr' | 'commit' | 'branch' | 'start';

export interface TaskNameOf {
  name: string;
  from: TaskNameSource;
}

/** Whether a name is commit text, which an export without subjects must not carry. */
export function isCommitText(from: TaskNameSource): boolean {
  return from === 'pr' || from === 'commit';
}

export function taskName(t: NameableTask, naming: TaskNaming): TaskNameOf {
  const prs = landedPrs(t, naming);
  if (naming.withSubjects) {
    for (const pr of prs) {
      const title = prTitle(pr);
      if (title) return { name: title, from: 'pr' };
    }
    const subject = firstCommitSubject(t);
    if (subject) return { name: subject, from: 'commit' };
  }
  const defaultBranch = naming.defaultBranches.get(t.project);
  const isDefault = (b: string): boolean => (defaultBranch ? b === defaultBranch : b === 'main' || b === 'master');
  const branch = [t.branch, ...prs.map((p) => p.pr?.branch)].find((b): b is string => !!b && b !== 'HEAD' && !isDefault(b));
  if (branch) return { name: branch, from: 'branch' };
  return { name: projectAndStart(t.project, t.startedAt, naming.calendar, t.source), from: 'start' };
}

/** The merged PRs the task's work landed in, first merged first: its own shares, and the PRs its commits landed via. */
function landedPrs(t: NameableTask, naming: TaskNaming): LinkedOutcome[] {
  const found = new Map<string, LinkedOutcome>();
  for (const o of t.outcomes) {
    if (o.kind === 'pr.merged' && o.pr) found.set(o.ref, o);
    else if (o.viaPr && !found.has(o.viaPr.ref)) {
      const pr = naming.prsByRef.get(o.viaPr.ref);
      if (pr) found.set(pr.ref, pr);
    }
  }
  return [...found.values()].sort((a, b) => a.at - b.at || (a.ref < b.ref ? -1 : 1));
}

/** The subject of the task's earliest commit (landed, local, or one it made of a PR it shares); a revert is no name. */
function firstCommitSubject(t: NameableTask): string | undefined {
  const commits: { at: number; subject: string }[] = [];
  for (const o of t.outcomes) {
    if ((o.kind === 'commit.landed' || o.kind === 'commit.local') && o.zeroReason !== 'revert' && nonEmpty(o.subject)) commits.push({ at: o.at, subject: o.subject! });
    if (o.kind !== 'pr.merged' || !o.pr || !o.prCommits) continue;
    const mine = new Set(o.prCommits.filter((c) => c.taskId === o.taskId).map((c) => c.ref));
    for (const c of o.pr.commits) if (mine.has(c.sha.slice(0, 10)) && nonEmpty(c.subject)) commits.push({ at: c.at, subject: c.subject });
  }
  commits.sort((a, b) => a.at - b.at);
  return commits[0]?.subject.trim();
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
