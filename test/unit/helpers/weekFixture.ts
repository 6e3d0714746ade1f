// Week summaries for the export tests: one busy week (three projects, Claude, Codex and token-free
// tasks, outcomes of every kind including zero-AWU ones, an unpriced model) and one empty week.
import type { WeekSummary, WeekTotals } from '../../../src/core/report/week/weekSchema';

export const BILLING = 'billing, "legacy" api';
export const UNICODE_PROJECT = 'café-ünïcode 日本';
export const UNPRICED_MODEL = 'mystery-model-x';

const TOTAL_TOKENS = 5_544_375;
const TOTAL_COST = 6.4815 + 1.0523 + 0.95;
const TOTAL_AWU = 6.5;

const previousWeek: WeekTotals = { tokens: 4_950_000, costUSD: 7.2, awu: 5, tokensPerAwu: 990_000, costPerAwu: 1.44, tokenFreeShare: 0.2, tasks: 4, outcomes: 7 };

function days(rows: [string, number, number | null, number][]): WeekSummary['days'] {
  return rows.map(([date, tokens, costUSD, awu]) => ({ date, tokens, costUSD, awu }));
}

export function weekFixture(): WeekSummary {
  return {
    schemaVersion: 1,
    week: '2026-W48',
    start: '2026-11-23',
    end: '2026-11-29',
    timeZone: 'Europe/Berlin',
    weekStartsOn: 1,
    generatedAt: '2026-11-30T07:00:00.000Z',
    includesSubjects: true,
    totals: {
      tokens: TOTAL_TOKENS,
      costUSD: TOTAL_COST,
      awu: TOTAL_AWU,
      tokensPerAwu: TOTAL_TOKENS / TOTAL_AWU,
      costPerAwu: TOTAL_COST / TOTAL_AWU,
      tokenFreeShare: 2 / TOTAL_AWU,
      tasks: 5,
      outcomes: 9,
    },
    previous: previousWeek,
    change: {
      tokens: (TOTAL_TOKENS - 4_950_000) / 4_950_000,
      costUSD: (TOTAL_COST - 7.2) / 7.2,
      awu: (TOTAL_AWU - 5) / 5,
      tokensPerAwu: (TOTAL_TOKENS / TOTAL_AWU - 990_000) / 990_000,
    },
    days: days([
      ['2026-11-23', 4_566_875, 6.4815, 3.5],
      ['2026-11-24', 428_000, 1.0523, 1],
      ['2026-11-25', 149_500, null, 0],
      ['2026-11-26', 400_000, 0.95, 0],
      ['2026-11-27', 0, 0, 2],
      ['2026-11-28', 0, 0, 0],
      ['2026-11-29', 0, 0, 0],
    ]),
    projects: [
      { project: 'awu-meter', tokens: 4_566_875, costUSD: 6.4815, awu: 5.5, tokensPerAwu: 4_566_875 / 5.5, tasks: 2 },
      { project: BILLING, tokens: 828_000, costUSD: 1.0523 + 0.95, awu: 1, tokensPerAwu: 828_000, tasks: 2 },
      { project: UNICODE_PROJECT, tokens: 149_500, costUSD: null, awu: 0, tokensPerAwu: null, tasks: 1 },
    ],
    tasks: [
      {
        id: 'claude:7f3a9c21',
        name: 'Weekly summary export (#42)',
        nameFrom: 'pr',
        source: 'claude',
        sessionId: '7f3a9c21-4b2e-4d1a-9c0e-1a2b3c4d5e6f',
        project: 'awu-meter',
        branch: 'main',
        start: '2026-11-23T08:12:00.000Z',
        end: '2026-11-23T11:47:00.000Z',
        tokens: { input: 182_340, output: 61_205, cacheCreation: 410_880, cacheRead: 3_912_450, total: 4_566_875 },
        costUSD: 6.4815,
        awu: 3.5,
        tokensPerAwu: 4_566_875 / 3.5,
        outcomes: 4,
        models: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
      },
      {
        id: 'codex:019a6e2f',
        name: 'Invoice PDF: quote "legacy" names, commas',
        nameFrom: 'commit',
        source: 'codex',
        sessionId: '019a6e2f-7c1d-7aa0-b5e2-3f4d5c6b7a89',
        project: BILLING,
        branch: 'feature/invoice-pdf',
        start: '2026-11-24T13:05:00.000Z',
        end: '2026-11-24T14:20:00.000Z',
        tokens: { input: 95_400, output: 22_100, cacheCreation: 0, cacheRead: 310_500, total: 428_000 },
        costUSD: 1.0523,
        awu: 1,
        tokensPerAwu: 428_000,
        outcomes: 2,
        models: ['gpt-5-codex'],
      },
      {
        id: 'claude:c0ffee12',
        name: 'WIP: ünïcode ✓ 日本語',
        nameFrom: 'commit',
        source: 'claude',
        sessionId: 'c0ffee12-0000-4000-8000-00000000beef',
        project: UNICODE_PROJECT,
        branch: null,
        start: '2026-11-25T19:30:00.000Z',
        end: '2026-11-25T20:10:00.000Z',
        tokens: { input: 40_000, output: 9_500, cacheCreation: 12_000, cacheRead: 88_000, total: 149_500 },
        costUSD: null,
        awu: 0,
        tokensPerAwu: null,
        outcomes: 1,
        models: [UNPRICED_MODEL],
      },
      {
        id: 'codex:5d1e77b0',
        name: 'billing, "legacy" api · Thu 10:00',
        nameFrom: 'start',
        source: 'codex',
        sessionId: '5d1e77b0-1111-4222-8333-444455556666',
        project: BILLING,
        branch: 'main',
        start: '2026-11-26T09:00:00.000Z',
        end: '2026-11-26T10:30:00.000Z',
        tokens: { input: 120_000, output: 30_000, cacheCreation: 0, cacheRead: 250_000, total: 400_000 },
        costUSD: 0.95,
        awu: 0,
        tokensPerAwu: null,
        outcomes: 0,
        models: ['gpt-5-codex'],
      },
      {
        id: 'token-free:awu-meter:main:2026-11-27',
        name: 'Fix typo in README',
        nameFrom: 'commit',
        source: 'token-free',
        sessionId: null,
        project: 'awu-meter',
        branch: 'main',
        start: '2026-11-27T15:00:00.000Z',
        end: '2026-11-27T16:30:00.000Z',
        tokens: { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 },
        costUSD: 0,
        awu: 2,
        tokensPerAwu: 0,
        outcomes: 2,
        models: [],
      },
    ],
    outcomes: [
      { kind: 'commit.landed', ref: 'a1b2c3d', at: '2026-11-23T09:40:00.000Z', awu: 1, evidence: 'tool call `git commit` at 10:40', subject: 'Render week export | CSV *and* <b>HTML</b>', project: 'awu-meter', taskId: 'claude:7f3a9c21' },
      { kind: 'tests.passed', ref: 'npm test', at: '2026-11-23T09:55:00.000Z', awu: 0.5, evidence: 'tool call `npm test` at 10:55', project: 'awu-meter', taskId: 'claude:7f3a9c21' },
      { kind: 'tests.passed', ref: 'npm test', at: '2026-11-23T10:05:00.000Z', awu: 0, evidence: 'tool call `npm test` at 11:05', zeroReason: 'no-change-since-last-pass', project: 'awu-meter', taskId: 'claude:7f3a9c21' },
      { kind: 'pr.merged', ref: 'e4f5a6b', at: '2026-11-23T11:30:00.000Z', awu: 2, evidence: 'tool call `gh pr merge` at 12:30', subject: 'Weekly summary export (#42)', project: 'awu-meter', taskId: 'claude:7f3a9c21' },
      { kind: 'commit.landed', ref: '0badc0d', at: '2026-11-24T13:50:00.000Z', awu: 1, evidence: 'trailer Co-authored-by: codex', subject: 'Invoice PDF: quote "legacy" names, commas', project: BILLING, taskId: 'codex:019a6e2f' },
      { kind: 'commit.landed', ref: '7e7e7e7', at: '2026-11-24T14:10:00.000Z', awu: 0, evidence: 'temporal: session active at 15:10', subject: 'Try a faster PDF renderer', zeroReason: 'reverted', project: BILLING, taskId: 'codex:019a6e2f' },
      { kind: 'commit.local', ref: 'c0ffee1', at: '2026-11-25T20:00:00.000Z', awu: 0, evidence: 'temporal: session active at 21:00', subject: 'WIP: ünïcode ✓ 日本語', zeroReason: 'pending', project: UNICODE_PROJECT, taskId: 'claude:c0ffee12' },
      { kind: 'commit.landed', ref: '1a1a1a1', at: '2026-11-27T15:00:00.000Z', awu: 1, evidence: 'no agent session', subject: 'Fix typo in README', project: 'awu-meter', taskId: 'token-free:awu-meter:main:2026-11-27' },
      { kind: 'commit.landed', ref: '2b2b2b2', at: '2026-11-27T16:30:00.000Z', awu: 1, evidence: 'no agent session', subject: 'Bump zod', project: 'awu-meter', taskId: 'token-free:awu-meter:main:2026-11-27' },
    ],
    models: [
      { model: 'claude-sonnet-4-5', tokens: 4_100_000, costUSD: 6.1, share: 4_100_000 / TOTAL_TOKENS },
      { model: 'gpt-5-codex', tokens: 828_000, costUSD: 1.0523 + 0.95, share: 828_000 / TOTAL_TOKENS },
      { model: 'claude-haiku-4-5', tokens: 466_875, costUSD: 0.3815, share: 466_875 / TOTAL_TOKENS },
      { model: UNPRICED_MODEL, tokens: 149_500, costUSD: null, share: 149_500 / TOTAL_TOKENS },
    ],
    noOutcomeSpend: [
      { taskId: 'codex:5d1e77b0', name: 'billing, "legacy" api · Thu 10:00', source: 'codex', project: BILLING, tokens: 400_000, costUSD: 0.95 },
      { taskId: 'claude:c0ffee12', name: 'WIP: ünïcode ✓ 日本語', source: 'claude', project: UNICODE_PROJECT, tokens: 149_500, costUSD: null },
    ],
    unpricedModels: [UNPRICED_MODEL],
  };
}

export function emptyWeekFixture(): WeekSummary {
  const none: WeekTotals = { tokens: 0, costUSD: 0, awu: 0, tokensPerAwu: null, costPerAwu: null, tokenFreeShare: null, tasks: 0, outcomes: 0 };
  return {
    schemaVersion: 1,
    week: '2026-W52',
    start: '2026-12-21',
    end: '2026-12-27',
    timeZone: 'Europe/Berlin',
    weekStartsOn: 1,
    generatedAt: '2026-12-28T07:00:00.000Z',
    includesSubjects: true,
    totals: none,
    previous: previousWeek,
    change: { tokens: -1, costUSD: -1, awu: -1, tokensPerAwu: null },
    days: days(['21', '22', '23', '24', '25', '26', '27'].map((d) => [`2026-12-${d}`, 0, 0, 0])),
    projects: [],
    tasks: [],
    outcomes: [],
    models: [],
    noOutcomeSpend: [],
    unpricedModels: [],
  };
}
