// Grok Build CLI session files in the shapes documented in src/core/sources/grok/grokSource.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeLines } from './engine';

export interface GrokCountsFixture {
  input: number;
  output: number;
  cached?: number;
  cacheCreation?: number;
  reasoning?: number;
  /** Recorded cost in 1e-10 USD. */
  ticks?: number;
}

function counts(c: GrokCountsFixture): Record<string, number> {
  return {
    inputTokens: c.input,
    outputTokens: c.output,
    cachedReadTokens: c.cached ?? 0,
    cacheCreationTokens: c.cacheCreation ?? 0,
    reasoningTokens: c.reasoning ?? 0,
    totalTokens: c.input + c.output,
    modelCalls: 1,
    ...(c.ticks !== undefined ? { costUsdTicks: c.ticks } : {}),
  };
}

function sum(parts: GrokCountsFixture[]): GrokCountsFixture {
  const add = (k: keyof GrokCountsFixture): number => parts.reduce((n, p) => n + (p[k] ?? 0), 0);
  return { input: add('input'), output: add('output'), cached: add('cached'), cacheCreation: add('cacheCreation'), reasoning: add('reasoning'), ticks: add('ticks') };
}

export interface TurnOptions {
  sessionId?: string;
  /** Epoch seconds (Grok's `timestamp`). */
  seconds: number;
  /** `_meta.agentTimestampMs`; default none. */
  agentMs?: number;
  eventId?: string | null;
  /** One model's counts per key (`usage.modelUsage`); null: only the top-level counts. */
  byModel?: Record<string, GrokCountsFixture> | null;
  /** Top-level counts (default: the sum of byModel). */
  total?: GrokCountsFixture;
  /** `usage: null`, as on a cancelled turn. */
  nullUsage?: boolean;
}

export function turnCompleted(o: TurnOptions): string {
  const parts = o.byModel ? Object.values(o.byModel) : [];
  const top = o.total ?? sum(parts);
  const usage = o.nullUsage
    ? null
    : { ...counts(top), apiDurationMs: 1200, costIsPartial: false, numTurns: 1, usageIsIncomplete: false, ...(o.byModel ? { modelUsage: Object.fromEntries(Object.entries(o.byModel).map(([m, c]) => [m, counts(c)])) } : {}) };
  const meta: Record<string, unknown> = {};
  if (o.eventId !== null) meta.eventId = o.eventId ?? `ev-${o.seconds}`;
  if (o.agentMs !== undefined) meta.agentTimestampMs = o.agentMs;
  return JSON.stringify({
    timestamp: o.seconds,
    method: '_x.ai/session/update',
    params: { sessionId: o.sessionId ?? 'sess-1', update: { prompt_id: `p-${o.seconds}`, sessionUpdate: 'turn_completed', stop_reason: o.nullUsage ? 'cancelled' : 'end_turn', usage }, _meta: meta },
  });
}

export function userChunk(seconds: number, text = 'add a test', sessionId = 'sess-1'): string {
  return JSON.stringify({ timestamp: seconds, method: 'session/update', params: { sessionId, update: { sessionUpdate: 'user_message_chunk', content: { type: 'text', text } }, _meta: { eventId: `u-${seconds}` } } });
}

/** `<home>/sessions/<encoded cwd>/<session>/updates.jsonl`. */
export function updatesPath(home: string, cwd: string, session: string): string {
  return join(home, 'sessions', encodeURIComponent(cwd), session, 'updates.jsonl');
}

export function writeSession(home: string, cwd: string, session: string, lines: string[], summary?: Record<string, unknown>): string {
  const file = updatesPath(home, cwd, session);
  writeLines(file, lines);
  if (summary) writeFileSync(join(file, '..', 'summary.json'), JSON.stringify(summary));
  return file;
}

export function summaryOf(session: string, cwd: string, model = 'grok-4.3'): Record<string, unknown> {
  return { info: { id: session, cwd }, git_root_dir: cwd, current_model_id: model, created_at: '2026-04-16T21:00:00.123456Z', last_active_at: '2026-04-16T21:20:00.654321Z' };
}
