// The weekly summary's data: what every export format (Markdown, CSV, JSON, HTML) renders. The JSON
// export is this object as is, so this schema is also the JSON format's published contract.
import { z } from 'zod';

export const WEEK_SCHEMA_VERSION = 1;

const nullableNumber = z.number().nullable();

export const tokenBreakdownSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cacheCreation: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export const outcomeKindSchema = z.enum(['commit.landed', 'pr.merged', 'tests.passed', 'commit.local']);

/** One commit a merged PR brought in, and the task that made it. */
export const prCommitSchema = z.object({
  /** Short sha. */
  ref: z.string(),
  /** Commit subject; absent when subjects are left out (--no-subjects). */
  subject: z.string().optional(),
  taskId: z.string(),
  /** Who made it, for people: "claude session a1b2c3d4", "by hand (no agent session)". */
  madeBy: z.string(),
});

export const outcomeSchema = z.object({
  kind: outcomeKindSchema,
  /** Commit sha (short) or the test label (`npm test`). */
  ref: z.string(),
  /** ISO 8601 instant. */
  at: z.string(),
  awu: z.number().nonnegative(),
  /** How the outcome was linked to its task, e.g. "tool call `git commit` at 14:02". */
  evidence: z.string(),
  /** Commit subject; absent when subjects are left out (--no-subjects) or for test runs. */
  subject: z.string().optional(),
  /** Why it earned 0, when it did (empty, whitespace-only, reverted, revert, no-change-since-last-pass, pending, via-pr). */
  zeroReason: z.string().optional(),
  /** The same in words (`landed via PR #12`, `nothing changed since the last counted pass`). */
  zeroText: z.string().optional(),
  project: z.string(),
  taskId: z.string(),
  /** A commit that landed through a merged PR: that PR (`#12`, or its commit's short sha). */
  viaPr: z.string().optional(),
  /** A merged PR: every commit it brought in and the task that made each (its AWUs are split by them). */
  prCommits: z.array(prCommitSchema).optional(),
});

export const totalsSchema = z.object({
  tokens: z.number().int().nonnegative(),
  costUSD: nullableNumber,
  awu: z.number().nonnegative(),
  tokensPerAwu: nullableNumber,
  costPerAwu: nullableNumber,
  /** AWUs of token-free tasks / all AWUs; null when there are no AWUs. */
  tokenFreeShare: nullableNumber,
  tasks: z.number().int().nonnegative(),
  outcomes: z.number().int().nonnegative(),
});

export const taskRowSchema = z.object({
  id: z.string(),
  /** What a person recognises the task by: its PR's title, first commit's subject, branch, or `project · Tue 09:02`; never from commit text when subjects are left out. */
  name: z.string(),
  /** Which rule named it: `pr` (its PR's title), `commit` (a commit's subject), `branch`, `start` (project and start time). */
  nameFrom: z.enum(['pr', 'commit', 'branch', 'start']),
  /** Agent source id (`claude`, `codex`, …) or `token-free`. */
  source: z.string(),
  sessionId: z.string().nullable(),
  project: z.string(),
  branch: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  tokens: tokenBreakdownSchema,
  costUSD: nullableNumber,
  awu: z.number().nonnegative(),
  tokensPerAwu: nullableNumber,
  outcomes: z.number().int().nonnegative(),
  models: z.array(z.string()),
});

export const weekSummarySchema = z.object({
  schemaVersion: z.literal(WEEK_SCHEMA_VERSION),
  /** ISO week label of the week's first day, `YYYY-Www`. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** First and last local day of the week, `YYYY-MM-DD`. */
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  /** 0 = Sunday … 6 = Saturday. */
  weekStartsOn: z.number().int().min(0).max(6),
  generatedAt: z.string(),
  includesSubjects: z.boolean(),
  totals: totalsSchema,
  previous: totalsSchema,
  /** Relative change against the previous week (0.25 = +25 %); null when the previous value is 0 or unknown. */
  change: z.object({ tokens: nullableNumber, costUSD: nullableNumber, awu: nullableNumber, tokensPerAwu: nullableNumber }),
  days: z.array(z.object({ date: z.string(), tokens: z.number().int().nonnegative(), costUSD: nullableNumber, awu: z.number().nonnegative() })),
  projects: z.array(z.object({
    project: z.string(),
    tokens: z.number().int().nonnegative(),
    costUSD: nullableNumber,
    awu: z.number().nonnegative(),
    tokensPerAwu: nullableNumber,
    tasks: z.number().int().nonnegative(),
  })),
  tasks: z.array(taskRowSchema),
  outcomes: z.array(outcomeSchema),
  models: z.array(z.object({ model: z.string(), tokens: z.number().int().nonnegative(), costUSD: nullableNumber, share: z.number().min(0).max(1) })),
  /** Tasks that burned the most with no AWU, most expensive first. */
  noOutcomeSpend: z.array(z.object({ taskId: z.string(), name: z.string(), source: z.string(), project: z.string(), tokens: z.number().int().nonnegative(), costUSD: nullableNumber })),
  /** Models with no known price (their cost is unknown, never 0). */
  unpricedModels: z.array(z.string()),
  /** Sources in this week whose figures are estimates (rounded logs, no token counts …), with what is estimated. */
  approximateSources: z.array(z.object({ source: z.string(), note: z.string() })).optional(),
});

export type WeekSummary = z.infer<typeof weekSummarySchema>;
export type WeekTaskRow = z.infer<typeof taskRowSchema>;
export type WeekOutcome = z.infer<typeof outcomeSchema>;
export type WeekPrCommit = z.infer<typeof prCommitSchema>;
export type WeekTotals = z.infer<typeof totalsSchema>;
