// Interim panel data from the usage index alone: tokens and cost per day and per session (task), with
// no outcomes or AWUs yet, until the core's AWU model supplies PanelData. Pure apart from the store it
// reads (no vscode), so unit tests run it.
import type { PanelData, PanelQuery, PanelTask } from '../../shared/protocol';
import type { Pricer } from '../../core/pricing/pricing';
import { aggregate, type Group } from '../../core/report/aggregate';
import type { UsageStore } from '../../core/store/usageStore';
import { projectAndStart } from '../../core/outcomes/taskName';
import { ZoneCalendar } from '../../core/time/zone';
import { SOURCE_IDS } from '../../core/types';
import { costOf, dayInRange, NO_OUTCOME_ROWS, panelDiagnostics, sumCost, tokenDays } from './panelParts';
import { rangeDays } from './rangeDays';

export interface UsagePanelOptions {
  timeZone: string;
  weekStartsOn: number;
  pricer: Pricer;
  now: number;
}

function toTask(g: Group, cal: ZoneCalendar): PanelTask {
  const [source = '', sessionId = ''] = g.key.split('\u0000');
  const t = g.totals;
  const project = [...g.projects].sort()[0] ?? '';
  return {
    id: `${source}:${sessionId}`,
    // No git read yet: the last of the naming rules (the model's names replace it).
    name: projectAndStart(project, g.first, cal, source),
    nameFrom: 'start',
    source,
    sessionId,
    project,
    branch: null,
    start: new Date(g.first).toISOString(),
    end: new Date(g.last).toISOString(),
    tokens: { input: t.inputTokens, output: t.outputTokens, cacheCreation: t.cacheCreationTokens, cacheRead: t.cacheReadTokens, total: t.totalTokens },
    costUSD: costOf(t),
    awu: 0,
    tokensPerAwu: null,
    outcomes: 0,
    models: [...g.models].sort(),
  };
}

/** Panel data for `query` from the usage store (pure apart from the store it reads). */
export function usagePanelData(store: UsageStore, query: PanelQuery, opts: UsagePanelOptions): PanelData {
  const cal = new ZoneCalendar(opts.timeZone);
  const range = rangeDays(query.range, opts.now, cal, opts.weekStartsOn);
  const sources = SOURCE_IDS.filter((s) => query.source === null || query.source === s);
  const cols = store.columns;
  const dayOf = dayInRange(cols, cal, range);
  const inProject = (i: number): boolean => query.project === null || cols.projectName(cols.u32.project[i]!) === query.project;
  const pricer = opts.pricer;
  // Filter choices over the whole range, before the project/source filter.
  const projects = aggregate(cols, { sources: SOURCE_IDS, pricer, keyOf: (i) => (dayOf(i) === undefined ? undefined : cols.projectName(cols.u32.project[i]!)) });
  const days = tokenDays(store, { sources, pricer, cal, range, keep: inProject });
  const sessions = aggregate(cols, { sources, pricer, keyOf: (i) => (inProject(i) && dayOf(i) !== undefined ? `${SOURCE_IDS[cols.u8.source[i]!]}\u0000${cols.sessionName(cols.u32.session[i]!)}` : undefined) });
  const tasks = sessions.groups.map((g) => toTask(g, cal)).sort((a, b) => (a.start < b.start ? -1 : 1));
  const tokens = tasks.reduce((s, t) => s + t.tokens.total, 0);
  const noOutcome = [...tasks].sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total).slice(0, NO_OUTCOME_ROWS);
  const usedSources = new Set(projects.groups.flatMap((g) => Object.keys(g.bySource)));
  return {
    schemaVersion: 1,
    generatedAt: new Date(opts.now).toISOString(),
    timeZone: opts.timeZone,
    query,
    start: range.since,
    end: range.until,
    totals: { tokens, costUSD: sumCost(tasks.map((t) => t.costUSD)), awu: 0, tokensPerAwu: null, costPerAwu: null, tokenFreeShare: null, tasks: tasks.length, outcomes: 0 },
    days,
    tasks,
    outcomes: [],
    noOutcomeSpend: noOutcome.map((t) => ({ taskId: t.id, name: t.name, source: t.source, project: t.project, tokens: t.tokens.total, costUSD: t.costUSD })),
    diagnostics: panelDiagnostics(store, sources, opts.now),
    unpricedModels: [...new Set(sessions.unpriced.map((u) => u.model))].sort(),
    available: { projects: projects.groups.map((g) => g.key).sort(), sources: SOURCE_IDS.filter((s) => usedSources.has(s)) },
  };
}
