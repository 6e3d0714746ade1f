// Agent sessions as the model's tasks see them: tokens and cost (in a time range), models, working
// directory, branch and the span of activity, from the usage store and the outcome activity.
import type { Activity } from '../activity/activityLog';
import { aggregate, type UnpricedModel } from '../report/aggregate';
import type { Pricer } from '../pricing/pricing';
import type { UsageTotals } from '../report/usageTotals';
import { emptyTotals } from '../report/usageTotals';
import type { RecordColumns } from '../store/recordColumns';
import { SOURCE_IDS, type SourceId } from '../types';

export interface AgentSession {
  /** `source:sessionId`. */
  key: string;
  source: SourceId;
  sessionId: string;
  /** Working directory (the most used one when a session moved). */
  cwd: string;
  branch?: string;
  /** First and last event of the session, over all time (usage and activity). */
  first: number;
  last: number;
  /** Times of every event, sorted: a session is active around these (see attribution). */
  times: number[];
  /** Usage inside the requested range only. */
  usage: UsageTotals;
  models: string[];
}

export interface SessionOptions {
  sources: readonly SourceId[];
  pricer: Pricer;
  /** Epoch-ms range [from, to) whose usage is summed; activity spans are kept whole. */
  from: number;
  to: number;
}

export function sessionKey(source: SourceId, sessionId: string): string {
  return `${source}:${sessionId}`;
}

export function collectSessions(cols: RecordColumns, activity: readonly Activity[], opts: SessionOptions): { sessions: Map<string, AgentSession>; unpriced: UnpricedModel[] } {
  const wanted = new Set(opts.sources.map((s) => SOURCE_IDS.indexOf(s)));
  const sessions = new Map<string, AgentSession>();
  const cwdCounts = new Map<string, Map<string, number>>();
  const keyIds = new Map<number, string>();
  const keyOfRecord = (i: number): string => {
    const id = cols.u32.session[i]! * 16 + cols.u8.source[i]!;
    let k = keyIds.get(id);
    if (k === undefined) {
      k = sessionKey(SOURCE_IDS[cols.u8.source[i]!]!, cols.sessionName(cols.u32.session[i]!));
      keyIds.set(id, k);
    }
    return k;
  };
  const touch = (source: SourceId, sessionId: string, at: number, cwd: string, branch: string | undefined): AgentSession => {
    const key = sessionKey(source, sessionId);
    let s = sessions.get(key);
    if (!s) {
      s = { key, source, sessionId, cwd, first: at, last: at, times: [], usage: emptyTotals(), models: [] };
      sessions.set(key, s);
    }
    if (at < s.first) s.first = at;
    if (at > s.last) s.last = at;
    s.times.push(at);
    if (branch) s.branch = branch;
    if (cwd) {
      const counts = cwdCounts.get(key) ?? new Map<string, number>();
      counts.set(cwd, (counts.get(cwd) ?? 0) + 1);
      cwdCounts.set(key, counts);
    }
    return s;
  };
  for (let i = 0; i < cols.length; i++) {
    if (cols.isDeleted(i) || !wanted.has(cols.u8.source[i]!)) continue;
    const source = SOURCE_IDS[cols.u8.source[i]!]!;
    touch(source, cols.sessionName(cols.u32.session[i]!), cols.f64.ts[i]!, cols.projectName(cols.u32.project[i]!), cols.branchName(cols.u32.branch[i]!) || undefined);
  }
  for (const a of activity) {
    if (!opts.sources.includes(a.source)) continue;
    touch(a.source, a.sessionId, a.at, a.cwd, undefined);
  }
  for (const [key, counts] of cwdCounts) {
    const s = sessions.get(key)!;
    s.cwd = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  }
  for (const s of sessions.values()) s.times.sort((a, b) => a - b);
  const { groups, unpriced } = aggregate(cols, {
    sources: opts.sources,
    pricer: opts.pricer,
    keyOf: (i, c) => {
      const ts = c.f64.ts[i]!;
      return ts >= opts.from && ts < opts.to ? keyOfRecord(i) : undefined;
    },
  });
  for (const g of groups) {
    const s = sessions.get(g.key);
    if (!s) continue;
    s.usage = g.totals;
    s.models = [...g.models].sort();
  }
  return { sessions, unpriced };
}
