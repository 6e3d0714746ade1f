// Links each outcome to the task that earned it, by the strongest evidence (awu-model.md, "Tasks"):
// 1. explicit — the session ran it (its test run; its `git commit` / merge tool call in the repo at
//    the commit's time); 2. trailer — the commit names an agent and a session of that agent was active
// in the repo; 3. temporal — a session was active in the repo (ties: the most recently active one).
// A merged PR follows the commits it brought in: each commit is linked by these rules and the PR's
// AWUs are split by the tasks' shares of them. What no session explains goes to a token-free task of
// its repo, branch and day.
import type { Activity } from '../activity/activityLog';
import type { ZoneCalendar } from '../time/zone';
import type { LinkedOutcome, LinkedPrCommit, LinkRule, ModelOutcome } from './modelOutcome';
import type { AgentSession } from './sessions';
import { sessionKey } from './sessions';
import type { PrInfo } from './types';

export interface LinkContext {
  /** Sessions with the repo their working directory belongs to. */
  sessions: readonly (AgentSession & { repo?: string })[];
  /** Commit and merge tool calls, with the repo of their working directory. */
  gitCalls: readonly (Activity & { repo?: string })[];
  /** How long after its last event a session still counts as active. */
  graceMs: number;
  calendar: ZoneCalendar;
}

/** A tool call this long before or after a commit's time is the call that made it. */
const CALL_BEFORE_MS = 2 * 60_000;
const CALL_AFTER_MS = 15 * 60_000;

const TRAILER_SOURCE: Record<string, string | undefined> = { claude: 'claude', codex: 'codex', gemini: 'gemini' };

export function localTime(cal: ZoneCalendar, at: number): string {
  const local = new Date(at + cal.offsetMinutes(at) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

function latestAtOrBefore(times: readonly number[], at: number): number | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1] : undefined;
}

export function tokenFreeTaskId(repo: string, branch: string | undefined, day: string): string {
  return `token-free:${repo}:${branch ?? ''}:${day}`;
}

export function linkOutcomes(outcomes: readonly ModelOutcome[], ctx: LinkContext): LinkedOutcome[] {
  const byRepo = new Map<string, (AgentSession & { repo?: string })[]>();
  for (const s of ctx.sessions) {
    if (!s.repo) continue;
    const list = byRepo.get(s.repo) ?? [];
    list.push(s);
    byRepo.set(s.repo, list);
  }
  const short = (s: AgentSession): string => `${s.source} session ${s.sessionId.slice(0, 8)}`;

  /** Sessions active in the repo at `at`, most recently active first. */
  const activeAt = (repo: string, at: number): { session: AgentSession; lastEvent: number }[] => {
    const found: { session: AgentSession; lastEvent: number }[] = [];
    for (const s of byRepo.get(repo) ?? []) {
      if (at < s.first || at > s.last + ctx.graceMs) continue;
      const lastEvent = latestAtOrBefore(s.times, at);
      if (lastEvent !== undefined) found.push({ session: s, lastEvent });
    }
    return found.sort((a, b) => b.lastEvent - a.lastEvent || (a.session.key < b.session.key ? -1 : 1));
  };

  // Successful git calls by kind and repo, in time order (ties in their original order): each
  // commit looks only at the calls within its window.
  const callsBy = new Map<string, { call: Activity & { repo?: string }; index: number }[]>();
  ctx.gitCalls.forEach((call, index) => {
    if (call.exitCode !== 0 || call.repo === undefined) return;
    const key = `${call.kind}\0${call.repo}`;
    const list = callsBy.get(key) ?? [];
    list.push({ call, index });
    callsBy.set(key, list);
  });
  for (const list of callsBy.values()) list.sort((a, b) => a.call.at - b.call.at || a.index - b.index);

  /** The successful call of `kind` in `repo` closest to `at` within the window (the earliest listed of equals). */
  const explicitCall = (repo: string, at: number, kind: 'commit' | 'merge'): (Activity & { repo?: string }) | undefined => {
    const list = callsBy.get(`${kind}\0${repo}`);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.call.at < at - CALL_BEFORE_MS) lo = mid + 1;
      else hi = mid;
    }
    let best: { call: Activity & { repo?: string }; index: number } | undefined;
    for (let i = lo; i < list.length && list[i]!.call.at <= at + CALL_AFTER_MS; i++) {
      const c = list[i]!;
      const d = Math.abs(c.call.at - at);
      const bestD = best ? Math.abs(best.call.at - at) : Infinity;
      if (d < bestD || (d === bestD && best && c.index < best.index)) best = c;
    }
    return best?.call;
  };

  const sessionsByKey = new Map(ctx.sessions.map((s) => [s.key, s]));

  /** A commit (made at `at`) by rules 1–3; undefined when no session explains it. */
  const commitLink = (repo: string, at: number, trailer: ModelOutcome['agentTrailer'], kind: 'commit' | 'merge'): Link | undefined => {
    const call = explicitCall(repo, at, kind);
    const callSession = call && sessionsByKey.get(sessionKey(call.source, call.sessionId));
    if (call && callSession) {
      const why = `tool call \`${call.label}\` at ${localTime(ctx.calendar, call.at)}`;
      return { session: callSession, rule: 'explicit', why, evidence: `${why} in ${short(callSession)}` };
    }
    const active = activeAt(repo, at);
    if (trailer) {
      const wantSource = TRAILER_SOURCE[trailer];
      const match = active.find((a) => wantSource === undefined || a.session.source === wantSource);
      if (match) return { session: match.session, rule: 'trailer', why: `commit trailer names ${trailer}`, evidence: `commit trailer names ${trailer}; ${short(match.session)} active in the repo at ${localTime(ctx.calendar, at)}` };
    }
    return temporal(active[0]);
  };

  const temporal = (a: { session: AgentSession; lastEvent: number } | undefined): Link | undefined => {
    if (!a) return undefined;
    const why = `active in the repo, last event ${localTime(ctx.calendar, a.lastEvent).slice(11)}`;
    return { session: a.session, rule: 'temporal', why, evidence: `${short(a.session)} active in the repo (last event ${localTime(ctx.calendar, a.lastEvent).slice(11)})` };
  };

  const linkOne = (o: ModelOutcome, note = ''): LinkedOutcome => {
    const when = localTime(ctx.calendar, o.at);
    if (o.sessionKey && sessionsByKey.has(o.sessionKey)) {
      const s = sessionsByKey.get(o.sessionKey)!;
      return { ...o, taskId: s.key, rule: 'explicit', evidence: `${note}tool call \`${o.ref}\` at ${when} in ${short(s)}` };
    }
    const origin = o.origin === 'terminal' ? `VS Code terminal \`${o.ref}\` at ${when}; ` : o.origin === 'task' ? `VS Code task \`${o.ref}\` at ${when}; ` : '';
    const link = o.origin === 'git' ? commitLink(o.repo, o.at, o.agentTrailer, o.kind === 'pr.merged' ? 'merge' : 'commit') : activeLink(o.repo, o.at);
    if (link) return { ...o, taskId: link.session.key, rule: link.rule, evidence: `${note}${origin}${link.evidence}` };
    return { ...o, taskId: tokenFreeTaskId(o.repo, o.branch, ctx.calendar.dayKey(o.at)), rule: 'none', evidence: `${note}${origin}no agent session active in the repo: token-free` };
  };

  const activeLink = (repo: string, at: number): Link | undefined => temporal(activeAt(repo, at)[0]);

  /** A merged PR goes to the tasks that made its commits, split by their share of them (awu-model.md v1.1). */
  const linkPr = (o: ModelOutcome & { pr: PrInfo }): LinkedOutcome[] => {
    const what = describePr(o.pr);
    if (o.pr.commits.length === 0) {
      const onBranch = o.pr.branch ? (byRepo.get(o.repo) ?? []).filter((s) => s.branch === o.pr.branch && s.first <= o.at) : [];
      if (onBranch.length === 0) return [linkOne(o, `${what}: its commits were not found (no branch, reflog or merge parents left); `)];
      const shares = splitAwu(o.awu, onBranch.map(() => 1));
      return onBranch.map((s, i) => ({ ...o, awu: shares[i]!, taskId: s.key, rule: 'temporal' as const, evidence: `${what}: its commits were not found; the message names branch ${o.pr.branch}, which ${short(s)} worked on${onBranch.length > 1 ? ` (1 of ${onBranch.length} sessions)` : ''}` }));
    }
    const tokenFree = tokenFreeTaskId(o.repo, o.branch, ctx.calendar.dayKey(o.at));
    const groups = new Map<string, { link: Link | undefined; commits: number }>();
    const prCommits: LinkedPrCommit[] = o.pr.commits.map((c) => {
      const link = commitLink(o.repo, c.at, c.agentTrailer, 'commit');
      const taskId = link?.session.key ?? tokenFree;
      const group = groups.get(taskId) ?? { link, commits: 0 };
      group.commits++;
      if (link && group.link && RULE_STRENGTH[link.rule] > RULE_STRENGTH[group.link.rule]) group.link = link;
      groups.set(taskId, group);
      return { ref: c.sha.slice(0, 10), subject: c.subject, taskId, madeBy: link ? short(link.session) : 'by hand (no agent session)' };
    });
    const total = o.pr.commits.length;
    const entries = [...groups.entries()];
    const shares = splitAwu(o.awu, entries.map(([, g]) => g.commits));
    return entries.map(([taskId, g], i) => {
      const who = g.link ? `${short(g.link.session)} (${g.link.why})` : 'hand, with no agent session active: token-free';
      const count = total === 1 ? '1 commit' : `${g.commits} of ${total} commits`;
      return { ...o, awu: shares[i]!, taskId, rule: g.link?.rule ?? 'none', evidence: `${what}: ${count} by ${who}`, prCommits };
    });
  };

  return outcomes.flatMap((o) => (o.kind === 'pr.merged' && o.pr ? linkPr(o as ModelOutcome & { pr: PrInfo }) : [linkOne(o)]));
}

interface Link {
  session: AgentSession;
  rule: Exclude<LinkRule, 'none'>;
  /** The evidence without the session's name. */
  why: string;
  evidence: string;
}

const RULE_STRENGTH: Record<Link['rule'], number> = { explicit: 3, trailer: 2, temporal: 1 };

/** "squash of feat-x (#12), found in the reflog" */
export function describePr(pr: PrInfo): string {
  const number = pr.number !== undefined ? ` #${pr.number}` : '';
  const head = pr.branch ? `${pr.style} of ${pr.branch}${number ? ` (${number.trim()})` : ''}` : `${pr.style}${number}`;
  const where = pr.found === 'reflog' ? ', found in the reflog (the branch was deleted or rewritten)' : pr.found === 'remote-branch' ? ', found on its remote-tracking branch' : '';
  return `${head}${where}`;
}

/** `total` split by `weights` in thousandths, the remainders to the largest parts, so the parts add up exactly. */
export function splitAwu(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const milli = Math.round(total * 1000);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (milli * w) / sum);
  const parts = exact.map(Math.floor);
  let left = milli - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts.map((p) => p / 1000);
}
