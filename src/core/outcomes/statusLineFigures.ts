// The figures of a terminal agent's status line: today's tokens, cost, AWUs and cost per AWU (the
// user's local day, every project), and the current session's cost and outcomes. The session is the
// agent's own (by its session id) or, without one, the last session that worked in the directory.
// AWUs come from the same analysis as `awu-meter tasks`, over today (and back to the session's start).
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Pricer } from '../pricing/pricing';
import { buildUsageReport } from '../report/usageReport';
import type { UsageStore } from '../store/usageStore';
import { addDays, type ZoneCalendar } from '../time/zone';
import { SOURCE_IDS, type SourceId } from '../types';
import { analyzeTasks, type AnalyzeOptions } from './analyzeTasks';
import { openSpend } from './openSpend';

export interface StatusLineToday {
  /** Local date, YYYY-MM-DD. */
  day: string;
  tokens: number;
  costUSD: number;
  /** Tokens of models with no known price: the cost is a lower bound. */
  unpricedTokens: number;
  awu: number;
  costPerAwu: number | null;
}

export interface StatusLineSession {
  source: SourceId;
  sessionId: string;
  /** The task's name (PR title, first commit, branch, or folder and start time) when the analysis names tasks. */
  name?: string;
  /** The whole session's cost; null when part of it is of a model with no known price. */
  costUSD: number | null;
  /** Outcomes linked to the session, and the AWUs they earned. */
  outcomes: number;
  awu: number;
  /** Cost spent since the session's last outcome that earned AWUs (absent before its first). */
  sinceLastOutcomeUSD?: number;
}

export interface StatusLineFigures {
  today: StatusLineToday;
  session?: StatusLineSession;
}

export interface StatusLineRequest extends Omit<AnalyzeOptions, 'calendar'> {
  calendar: ZoneCalendar;
  now: number;
  /** The agent's session id (Claude Code's `session_id`). */
  sessionId?: string;
  /** The agent's working directory: without a session id, the last session that worked in it is shown. */
  cwd?: string;
}

interface FoundSession {
  source: SourceId;
  sessionId: string;
  first: number;
  last: number;
}

export async function statusLineFigures(store: UsageStore, pricer: Pricer, req: StatusLineRequest): Promise<StatusLineFigures> {
  const cal = req.calendar;
  const day = cal.dayKey(req.now);
  const todayStart = cal.startOfLocalDay(day);
  const tomorrowStart = cal.startOfLocalDay(addDays(day, 1));
  const usage = buildUsageReport(store, { period: 'daily', timeZone: cal.timeZone, sources: req.sources, since: day, until: day, weekStartsOn: 1, pricer, now: req.now }).totals;
  const withCache = req.includeCacheReads ?? true;
  const today: StatusLineToday = {
    day,
    tokens: withCache ? usage.totalTokens : usage.totalTokens - usage.cacheReadTokens,
    costUSD: usage.costUSD,
    unpricedTokens: usage.unpricedTokens,
    awu: 0,
    costPerAwu: null,
  };

  let found = req.sessionId ? findSessionById(store, req.sources, req.sessionId) : undefined;
  // An id the logs do not hold yet is a new session: not the last one in the folder.
  if (!req.sessionId && req.cwd) {
    const root = enclosingRepo(req.cwd) ?? req.cwd;
    found = findLatestSessionUnder(store, req.sources, root);
  }
  // Back to the session's start, so its whole cost and every outcome it earned are in the analysis.
  const from = Math.min(todayStart, found ? found.first : todayStart);
  const analysis = await analyzeTasks(store, from, Math.max(tomorrowStart, req.now + 1), { ...req, calendar: cal });
  const awuToday = analysis.outcomes.filter((o) => o.at >= todayStart && o.at < tomorrowStart).reduce((s, o) => s + o.awu, 0);
  today.awu = Math.round(awuToday * 1000) / 1000;
  today.costPerAwu = today.awu > 0 ? today.costUSD / today.awu : null;
  if (!found) return { today };

  const task = analysis.tasks.find((t) => t.source === found.source && t.sessionId === found.sessionId);
  const name = (task as { name?: unknown } | undefined)?.name;
  const open = task ? openSpend(store, analysis.tasks, { pricer, includeCacheReads: withCache, taskId: task.id }) : undefined;
  const earned = task ? task.outcomes.filter((o) => o.awu > 0) : [];
  return {
    today,
    session: {
      source: found.source,
      sessionId: found.sessionId,
      ...(typeof name === 'string' && name !== '' ? { name } : {}),
      costUSD: task ? task.costUSD : 0,
      outcomes: earned.length,
      awu: task ? task.awu : 0,
      ...(open?.lastOutcome ? { sinceLastOutcomeUSD: open.costUSD } : {}),
    },
  };
}

/** The nearest folder from `dir` up that holds a `.git`: the repository the sessions under it worked in (no git process). */
function enclosingRepo(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The session with this id in any enabled source (ids are the agents' own, e.g. Claude Code's UUIDs). */
function findSessionById(store: UsageStore, sources: readonly SourceId[], sessionId: string): FoundSession | undefined {
  return findSession(store, sources, (id) => id === sessionId, () => true);
}

/** The session that was active last in `root` or a folder under it. */
function findLatestSessionUnder(store: UsageStore, sources: readonly SourceId[], root: string): FoundSession | undefined {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return findSession(store, sources, () => true, (cwd) => cwd === root || cwd.startsWith(prefix));
}

/** The session of the latest event that matches (by session id and working directory), with its whole span. */
function findSession(store: UsageStore, sources: readonly SourceId[], idMatches: (id: string) => boolean, cwdMatches: (cwd: string) => boolean): FoundSession | undefined {
  const cols = store.columns;
  const wanted = new Set(sources.map((s) => SOURCE_IDS.indexOf(s)));
  const idOk = new Map<number, boolean>();
  const cwdOk = new Map<number, boolean>();
  let best: { source: SourceId; sessionId: string; at: number } | undefined;
  for (let i = 0; i < cols.length; i++) {
    if (cols.isDeleted(i) || !wanted.has(cols.u8.source[i]!)) continue;
    const sid = cols.u32.session[i]!;
    let ok = idOk.get(sid);
    if (ok === undefined) idOk.set(sid, (ok = idMatches(cols.sessionName(sid))));
    if (!ok) continue;
    const pid = cols.u32.project[i]!;
    let inDir = cwdOk.get(pid);
    if (inDir === undefined) cwdOk.set(pid, (inDir = cwdMatches(cols.projectName(pid))));
    const at = cols.f64.ts[i]!;
    if (inDir && (!best || at > best.at)) best = { source: SOURCE_IDS[cols.u8.source[i]!]!, sessionId: cols.sessionName(sid), at };
  }
  for (const a of store.activity.events) {
    if (sources.includes(a.source) && idMatches(a.sessionId) && cwdMatches(a.cwd) && (!best || a.at > best.at)) best = { source: a.source, sessionId: a.sessionId, at: a.at };
  }
  if (!best) return undefined;
  const found: FoundSession = { source: best.source, sessionId: best.sessionId, first: best.at, last: best.at };
  const source = SOURCE_IDS.indexOf(best.source);
  const widen = (at: number): void => {
    if (at < found.first) found.first = at;
    if (at > found.last) found.last = at;
  };
  for (let i = 0; i < cols.length; i++) {
    if (cols.u8.source[i] === source && !cols.isDeleted(i) && cols.sessionName(cols.u32.session[i]!) === found.sessionId) widen(cols.f64.ts[i]!);
  }
  for (const a of store.activity.events) if (a.source === found.source && a.sessionId === found.sessionId) widen(a.at);
  return found;
}
