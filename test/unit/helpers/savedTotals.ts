// Fixtures over several sources with duplicates, replacements and retractions, and a reference report
// summed from the records (aggregate over store.columns) to compare the saved totals with.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { aggregate } from '../../../src/core/report/aggregate';
import type { Period, UsageReport } from '../../../src/core/report/usageReport';
import type { Pricer } from '../../../src/core/pricing/pricing';
import type { UsageStore } from '../../../src/core/store/usageStore';
import { ZoneCalendar } from '../../../src/core/time/zone';
import type { SourceId } from '../../../src/core/types';
import { assistantLine } from './claudeLines';
import { sessionMeta, tokenCount, turnContext } from './codexLines';
import { assistantMessage, sessionStart, shutdown } from './copilotEvents';
import { geminiMessage, header, json } from './geminiLines';
import { writeLines } from './engine';

export const ALL_SOURCES: SourceId[] = ['claude', 'codex', 'gemini', 'copilot'];

/** Local-day boundaries of the zones under test, in UTC: Kolkata 18:30, Kathmandu 18:15, Chatham 10:15/11:15. */
const INSTANTS = ['2026-03-04T18:14:59.000Z', '2026-03-04T18:15:00.000Z', '2026-03-04T18:29:59.500Z', '2026-03-04T18:30:00.000Z', '2026-03-05T10:14:59.000Z', '2026-03-05T10:15:00.000Z', '2026-03-05T23:59:59.999Z', '2026-03-06T00:00:00.000Z', '2026-03-08T11:44:00.000Z', '2026-03-31T22:50:00.000Z', '2026-04-01T04:59:00.000Z'];

/** Writes the fixture logs under `home`; returns the environment the sources read. */
export function writeSavedTotalsFixture(home: string, variant = 0): Record<string, string> {
  const claude = join(home, 'claude');
  const codex = join(home, 'codex');
  const gemini = join(home, 'gemini');
  const copilot = join(home, 'copilot');
  const lines: string[] = [];
  INSTANTS.forEach((timestamp, n) => {
    const model = n % 3 === 0 ? 'claude-opus-4-5-20251101' : 'claude-sonnet-4-5-20250929';
    const base = { sessionId: `s${n % 4}`, cwd: `/home/dev/app${n % 2}`, timestamp, messageId: `m${n}-${variant}`, requestId: `r${n}-${variant}` };
    // Streaming copies: the larger one is kept; a long-context request (past the 200k tier) on sonnet.
    lines.push(assistantLine({ ...base, input: 10, output: 1 }));
    lines.push(assistantLine({ ...base, input: n === 4 ? 250_000 : 10 + n, output: 20 + n, cacheRead: 1000 * n, cacheCreation5m: 7, cacheCreation1h: n, ...(n === 5 ? { speed: 'fast' as const } : {}) }));
    // A sidechain replay of the same message: counted once.
    if (n % 5 === 0) lines.push(assistantLine({ ...base, requestId: `side${n}`, isSidechain: true, input: 10 + n, output: 20 + n }));
  });
  writeLines(join(claude, 'projects', '-home-dev-app', `main-${variant}.jsonl`), lines);
  // A resumed session copies earlier messages into a new file: deduplicated across files.
  writeLines(join(claude, 'projects', '-home-dev-app', `resumed-${variant}.jsonl`), lines.slice(0, 6));

  const cum = { input: 0, cached: 0, output: 0, reasoning: 0 };
  const codexLines = [sessionMeta({ id: `c-${variant}`, cwd: '/home/dev/api', timestamp: INSTANTS[0]! }), turnContext(INSTANTS[0]!, 'gpt-5')];
  for (const [n, timestamp] of INSTANTS.entries()) {
    const last = { input: 100 + n, cached: 50, output: 10 + n, reasoning: n };
    for (const k of Object.keys(cum) as (keyof typeof cum)[]) cum[k] += last[k];
    codexLines.push(tokenCount(timestamp, { ...cum }, last));
    if (n % 4 === 0) codexLines.push(tokenCount(timestamp, { ...cum }, last)); // a re-emitted total adds nothing
  }
  writeLines(join(codex, 'sessions', '2026', '03', '04', `rollout-2026-03-04T18-00-00-${variant}.jsonl`), codexLines);

  writeLines(join(gemini, 'rusty', 'chats', `session-2026-03-04T18-00-${variant}.jsonl`), json([
    header({ sessionId: `g-${variant}`, startTime: INSTANTS[0]! }),
    geminiMessage({ id: 'g1', timestamp: INSTANTS[1]!, model: 'gemini-2.5-pro', tokens: { input: 500, output: 20, cached: 100 } }),
    geminiMessage({ id: 'g1', timestamp: INSTANTS[1]!, model: 'gemini-2.5-pro', tokens: { input: 800, output: 40, cached: 100, thoughts: 9 } }),
    geminiMessage({ id: 'g2', timestamp: INSTANTS[3]!, model: 'gemini-2.5-flash', tokens: { input: 300, output: 30, cached: 0 } }),
  ]));

  const S = `8c1f2e3d-4b5a-4697-8a1b-2c3d4e5f6a${String(variant).padStart(2, '0')}`;
  const S2 = `9d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f${String(variant).padStart(2, '0')}`;
  // Provisional output-only counts, then the session's exact totals replace them.
  writeLines(join(copilot, 'session-state', S, 'events.jsonl'), [
    sessionStart(S, INSTANTS[2]!),
    assistantMessage(INSTANTS[2]!, 'claude-sonnet-4.5', 120),
    assistantMessage(INSTANTS[3]!, 'claude-sonnet-4.5', 80),
    shutdown(INSTANTS[4]!, { 'claude-sonnet-4.5': { input: 900, output: 210, cacheRead: 300 }, 'gpt-5': { input: 50, output: 5 } }),
  ]);
  // A session still running: its provisional counts stay.
  writeLines(join(copilot, 'session-state', S2, 'events.jsonl'), [sessionStart(S2, INSTANTS[6]!), assistantMessage(INSTANTS[7]!, 'gpt-5', 33)]);
  return { CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex, GEMINI_DATA_DIR: gemini, COPILOT_HOME: copilot };
}

export const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/New_York'];
export const PERIODS: Period[] = ['daily', 'weekly', 'monthly', 'session', 'project'];

/** The report's groups summed from every live record (the reference the saved totals must equal). */
export function recordGroups(store: UsageStore, period: Period, timeZone: string, pricer: Pricer): ReturnType<typeof aggregate> {
  const cal = new ZoneCalendar(timeZone);
  return aggregate(store.columns, {
    sources: ALL_SOURCES,
    pricer,
    keyOf: (i, c) => {
      const ts = c.f64.ts[i]!;
      switch (period) {
        case 'daily':
          return cal.dayKey(ts);
        case 'weekly':
          return cal.weekStartKey(ts, 1);
        case 'monthly':
          return cal.monthKey(ts);
        case 'session':
          return `${c.u8.source[i]}\u0000${c.sessionName(c.u32.session[i]!)}`;
        case 'project':
          return c.projectName(c.u32.project[i]!);
      }
    },
  });
}

/** Rows equal: every count exact, costs to the last few bits (sums taken in another order). */
export function assertSameRows(report: UsageReport, expected: ReturnType<typeof aggregate>, what: string): void {
  const rows = [...report.rows].sort((a, b) => (a.key < b.key ? -1 : 1));
  assert.deepEqual(rows.map((r) => r.key), expected.groups.map((g) => g.key), `${what}: keys`);
  rows.forEach((r, n) => {
    const g = expected.groups[n]!;
    const { costUSD, ...counts } = r;
    const { costUSD: expectedCost, ...expectedCounts } = g.totals;
    assert.deepEqual({ ...pick(counts), first: r.first, last: r.last, models: r.models, projects: r.projects }, { ...pick(expectedCounts), first: g.first, last: g.last, models: [...g.models].sort(), projects: [...g.projects].sort() }, `${what} ${r.key}`);
    assert.ok(Math.abs(costUSD - expectedCost) <= 1e-9 * Math.max(1, expectedCost), `${what} ${r.key}: cost ${costUSD} vs ${expectedCost}`);
    for (const [source, t] of Object.entries(g.bySource)) assert.equal(r.bySource[source as SourceId]?.totalTokens, t.totalTokens, `${what} ${r.key} ${source}`);
  });
  assert.deepEqual(report.unpriced.map((u) => [u.source, u.model, u.tokens]).sort(), expected.unpriced.map((u) => [u.source, u.model, u.tokens]).sort(), `${what}: unpriced`);
}

function pick(t: Record<string, unknown>): Record<string, unknown> {
  const { inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens, reasoningTokens, totalTokens, unpricedTokens, records } = t;
  return { inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens, reasoningTokens, totalTokens, unpricedTokens, records };
}
