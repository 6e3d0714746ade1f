// The AWU breakdown panel's message protocol, imported by the host (src/extension/panel) and the
// webview (src/webview). Zod only: no vscode, no Node, no src/core. Every message is parsed on the
// receiving side; DTOs are JSON-safe (ISO strings, numbers, arrays). Only aggregated numbers, ids,
// project paths and commit subjects cross this boundary, never prompt or code text.
// zod/mini: the same parser with a functional API that tree-shakes to a few kB in the webview bundle
// (the classic `z` namespace pulls in all of zod, ~450 kB minified).
import * as z from 'zod/mini';

export const PROTOCOL_VERSION = 1;
export const PANEL_DATA_VERSION = 1;

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const count = z.int().check(z.nonnegative());
const nullableNumber = z.nullable(z.number());
const nonnegative = z.number().check(z.nonnegative());

// ---- What the webview asks for -------------------------------------------------------------------

export const rangeKindSchema = z.enum(['today', 'thisWeek', 'lastWeek', 'last30Days', 'custom']);

/** A date range: a named one, or `custom` with inclusive local days. */
export const panelRangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['today', 'thisWeek', 'lastWeek', 'last30Days']) }),
  z.object({ kind: z.literal('custom'), since: isoDay, until: isoDay }).check(z.refine((r) => r.since <= r.until, 'since must not be after until')),
]);

/** The webview's question: a range, and optionally one project (repo root path) and one source. */
export const panelQuerySchema = z.object({
  range: panelRangeSchema,
  /** Project path, or null for all projects. */
  project: z.nullable(z.string()),
  /** Source id (`claude`, `codex`, `token-free`), or null for all sources. */
  source: z.nullable(z.string()),
});

export const DEFAULT_PANEL_QUERY: PanelQuery = { range: { kind: 'thisWeek' }, project: null, source: null };

// ---- What the host answers ------------------------------------------------------------------------

export const panelTotalsSchema = z.object({
  tokens: count,
  /** Null when the cost is unknown (an unpriced model in the range). */
  costUSD: nullableNumber,
  awu: nonnegative,
  tokensPerAwu: nullableNumber,
  costPerAwu: nullableNumber,
  /** AWUs of token-free tasks / all AWUs; null when there are no AWUs. */
  tokenFreeShare: nullableNumber,
  tasks: count,
  outcomes: count,
});

export const panelDaySchema = z.object({
  date: isoDay,
  /** Per source (`token-free` carries AWUs only). */
  bySource: z.array(z.object({ source: z.string(), tokens: count, costUSD: nullableNumber, awu: nonnegative })),
});

export const panelTokensSchema = z.object({ input: count, output: count, cacheCreation: count, cacheRead: count, total: count });

/** One task = one agent session (or one token-free task per repo, branch and day); same shape as the week summary's task row. */
export const panelTaskSchema = z.object({
  id: z.string(),
  /** What a person recognises the task by: its PR's title, first commit's subject, branch, or `project · Tue 09:02`. */
  name: z.string(),
  /** Which rule named it: `pr` (its PR's title), `commit` (a commit's subject), `branch`, `start` (project and start time). */
  nameFrom: z.optional(z.enum(['pr', 'commit', 'branch', 'start'])),
  /** Agent source id (`claude`, `codex`, …) or `token-free`. */
  source: z.string(),
  sessionId: z.nullable(z.string()),
  project: z.string(),
  branch: z.nullable(z.string()),
  /** ISO 8601 instants. */
  start: z.string(),
  end: z.string(),
  tokens: panelTokensSchema,
  costUSD: nullableNumber,
  awu: nonnegative,
  tokensPerAwu: nullableNumber,
  outcomes: count,
  models: z.array(z.string()),
});

export const outcomeKindSchema = z.enum(['commit.landed', 'pr.merged', 'tests.passed', 'commit.local']);

/** One commit a merged PR brought in, and the task that made it. */
export const panelPrCommitSchema = z.object({
  /** Short sha. */
  ref: z.string(),
  subject: z.optional(z.string()),
  taskId: z.string(),
  /** Who made it, for people: "claude session a1b2c3d4", "by hand (no agent session)". */
  madeBy: z.string(),
});

/** One outcome and the evidence that linked it to its task; same shape as the week summary's outcome. */
export const panelOutcomeSchema = z.object({
  kind: outcomeKindSchema,
  /** Commit sha (short) or the test label (`npm test`). */
  ref: z.string(),
  /** ISO 8601 instant. */
  at: z.string(),
  awu: nonnegative,
  /** How the outcome was linked, e.g. "tool call `git commit` at 14:02". */
  evidence: z.string(),
  subject: z.optional(z.string()),
  /** Why it earned 0 (empty, whitespace-only, reverted, revert, no-change-since-last-pass, pending, via-pr). */
  zeroReason: z.optional(z.string()),
  /** The same in words (`landed via PR #12`, `nothing changed since the last counted pass`). */
  zeroText: z.optional(z.string()),
  project: z.string(),
  taskId: z.string(),
  /** A commit that landed through a merged PR: that PR (`#12`, or its commit's short sha). */
  viaPr: z.optional(z.string()),
  /** A merged PR: every commit it brought in and the task that made each (its AWUs are split by them). */
  prCommits: z.optional(z.array(panelPrCommitSchema)),
});

export const panelDiagnosticsSchema = z.object({
  filesRead: count,
  filesMissing: count,
  skippedLines: count,
  /** Records dated more than a day in the future (a skewed clock). */
  futureRecords: count,
  /** Problems met outside the logs, for people (git missing, a path that is not a repository …). */
  notes: z.array(z.string()),
  /** Files with lines that could not be read, with a count per reason. */
  files: z.array(z.object({
    path: z.string(),
    source: z.string(),
    skipped: z.record(z.string(), count),
    error: z.optional(z.string()),
    missing: z.optional(z.boolean()),
  })),
});

/** The most recently active task's spend since its last outcome that earned AWUs (or since its start). */
export const panelOpenSpendSchema = z.object({
  taskId: z.string(),
  name: z.string(),
  project: z.string(),
  tokens: count,
  costUSD: nonnegative,
  /** Some tokens are of a model with no known price: the cost is a lower bound. */
  costIsLowerBound: z.boolean(),
  /** ISO 8601 instant it counts from. */
  since: z.string(),
  /** The outcome it counts from; absent: from the task's start. */
  lastOutcome: z.optional(z.object({ kind: outcomeKindSchema, ref: z.string(), at: z.string() })),
  /** awuMeter.alerts.noOutcomeCostUSD; the figure is a warning above it. */
  thresholdUSD: nonnegative,
});

export const panelDataSchema = z.object({
  schemaVersion: z.literal(PANEL_DATA_VERSION),
  generatedAt: z.string(),
  timeZone: z.string(),
  /** The query this answers (the webview drops answers to older queries). */
  query: panelQuerySchema,
  /** First and last local day of the range. */
  start: isoDay,
  end: isoDay,
  totals: panelTotalsSchema,
  /** Every day of the range, in order (the chart's x axis). */
  days: z.array(panelDaySchema),
  tasks: z.array(panelTaskSchema),
  outcomes: z.array(panelOutcomeSchema),
  /** Tasks that burned the most with no AWU, most expensive first. */
  noOutcomeSpend: z.array(z.object({ taskId: z.string(), name: z.string(), source: z.string(), project: z.string(), tokens: count, costUSD: nullableNumber })),
  diagnostics: panelDiagnosticsSchema,
  /** Models with no known price (their cost is unknown, never 0). */
  unpricedModels: z.array(z.string()),
  /** Sources in the range whose figures are estimates, with what is estimated (absent: all exact). */
  approximateSources: z.optional(z.array(z.object({ source: z.string(), note: z.string() }))),
  /** Choices for the filters, over the whole range (before the project/source filter). */
  available: z.object({ projects: z.array(z.string()), sources: z.array(z.string()) }),
  /** Spent since the last outcome by the running task, as the status bar shows it (absent: alert off or no agent task). */
  openSpend: z.optional(panelOpenSpendSchema),
});

// ---- Messages ---------------------------------------------------------------------------------------

export const exportFormatSchema = z.enum(['markdown', 'csv', 'json', 'html']);

/** Webview → host (the untrusted direction). */
export const toHostSchema = z.discriminatedUnion('type', [
  /** The webview is listening; `query` is its current (possibly restored) question. */
  z.object({ type: z.literal('ready'), v: z.literal(PROTOCOL_VERSION), query: panelQuerySchema }),
  z.object({ type: z.literal('query'), query: panelQuerySchema }),
  z.object({ type: z.literal('export'), format: exportFormatSchema }),
  /** Open a log file named in the diagnostics (the host only opens paths it sent). */
  z.object({ type: z.literal('openFile'), path: z.string() }),
]);

/** Host → webview. */
export const toWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: panelDataSchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
  /** Show this task's detail (the status bar's open-spend warning was clicked); the webview widens its query when the task is not in it. */
  z.object({ type: z.literal('selectTask'), taskId: z.string() }),
]);

// ---- Persisted webview state (vscode.setState; handed to the serializer after a reload) ---------------

export const sortKeySchema = z.enum(['task', 'project', 'start', 'tokens', 'cost', 'awu', 'tokensPerAwu', 'outcomes']);

export const panelViewStateSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  query: panelQuerySchema,
  sort: z.object({ key: sortKeySchema, dir: z.enum(['asc', 'desc']) }),
  /** Free-text filter over the task table. */
  filterText: z.string(),
  /** The task whose outcomes are shown, if any. */
  openTaskId: z.nullable(z.string()),
  /** The last data shown, so a hidden-then-shown panel paints at once. */
  data: z.nullable(panelDataSchema),
});

export type PanelRange = z.infer<typeof panelRangeSchema>;
export type RangeKind = z.infer<typeof rangeKindSchema>;
export type PanelQuery = z.infer<typeof panelQuerySchema>;
export type PanelTotals = z.infer<typeof panelTotalsSchema>;
export type PanelDay = z.infer<typeof panelDaySchema>;
export type PanelTask = z.infer<typeof panelTaskSchema>;
export type PanelOutcome = z.infer<typeof panelOutcomeSchema>;
export type PanelPrCommit = z.infer<typeof panelPrCommitSchema>;
export type PanelDiagnostics = z.infer<typeof panelDiagnosticsSchema>;
export type PanelData = z.infer<typeof panelDataSchema>;
export type PanelOpenSpend = z.infer<typeof panelOpenSpendSchema>;
export type ExportFormat = z.infer<typeof exportFormatSchema>;
export type ToHost = z.infer<typeof toHostSchema>;
export type ToWebview = z.infer<typeof toWebviewSchema>;
export type SortKey = z.infer<typeof sortKeySchema>;
export type PanelViewState = z.infer<typeof panelViewStateSchema>;
