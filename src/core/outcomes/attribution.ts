// Links each outcome to the task that earned it, by the strongest evidence (awu-model.md, "Tasks"):
// 1. explicit — the session ran it (its test run; its `git commit` / merge tool call in the repo at
//    the commit's time); 2. trailer — the commit names an agent and a session of that agent was active
// in the repo; 3. temporal — a session was active in the repo (ties: the most recently active one).
// An outcome no session explains goes to a token-free task of its repo, branch and day.
import type { Activity } from '../activity/activityLog';
import type { ZoneCalendar } from '../time/zone';
import type { LinkedOutcome, ModelOutcome } from './modelOutcome';
import type { AgentSession } from './sessions';
import { sessionKey } from './sessions';

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

  const explicitCall = (o: ModelOutcome): (Activity & { repo?: string }) | undefined => {
    const kind = o.kind === 'pr.merged' ? 'merge' : 'commit';
    let best: (Activity & { repo?: string }) | undefined;
    for (const c of ctx.gitCalls) {
      if (c.kind !== kind || c.repo !== o.repo || c.exitCode !== 0) continue;
      if (c.at < o.at - CALL_BEFORE_MS || c.at > o.at + CALL_AFTER_MS) continue;
      if (!best || Math.abs(c.at - o.at) < Math.abs(best.at - o.at)) best = c;
    }
    return best;
  };

  const sessionsByKey = new Map(ctx.sessions.map((s) => [s.key, s]));
  return outcomes.map((o): LinkedOutcome => {
    const when = localTime(ctx.calendar, o.at);
    if (o.sessionKey && sessionsByKey.has(o.sessionKey)) {
      const s = sessionsByKey.get(o.sessionKey)!;
      return { ...o, taskId: s.key, rule: 'explicit', evidence: `tool call \`${o.ref}\` at ${when} in ${short(s)}` };
    }
    if (o.origin === 'git') {
      const call = explicitCall(o);
      if (call) {
        const s = sessionsByKey.get(sessionKey(call.source, call.sessionId));
        if (s) return { ...o, taskId: s.key, rule: 'explicit', evidence: `tool call \`${call.label}\` at ${localTime(ctx.calendar, call.at)} in ${short(s)}` };
      }
    }
    const active = activeAt(o.repo, o.at);
    if (o.agentTrailer) {
      const wantSource = TRAILER_SOURCE[o.agentTrailer];
      const match = active.find((a) => wantSource === undefined || a.session.source === wantSource);
      if (match) return { ...o, taskId: match.session.key, rule: 'trailer', evidence: `commit trailer names ${o.agentTrailer}; ${short(match.session)} active in the repo at ${when}` };
    }
    const origin = o.origin === 'terminal' ? `VS Code terminal \`${o.ref}\` at ${when}; ` : o.origin === 'task' ? `VS Code task \`${o.ref}\` at ${when}; ` : '';
    if (active.length > 0) {
      const a = active[0]!;
      return { ...o, taskId: a.session.key, rule: 'temporal', evidence: `${origin}${short(a.session)} active in the repo (last event ${localTime(ctx.calendar, a.lastEvent).slice(11)})` };
    }
    return { ...o, taskId: tokenFreeTaskId(o.repo, o.branch, ctx.calendar.dayKey(o.at)), rule: 'none', evidence: `${origin}no agent session active in the repo: token-free` };
  });
}
