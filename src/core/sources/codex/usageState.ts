// Codex usage arithmetic (log-formats.md §2.5–2.6): `total_token_usage` is cumulative per session and is
// re-emitted unchanged; the usage of one event is the growth of that total.
import type { CodexRawUsage } from './schema';

export interface RawTotals {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

export function toTotals(u: CodexRawUsage): RawTotals {
  const input = u.input_tokens;
  const output = u.output_tokens;
  return { input, cached: u.cached_input_tokens, output, reasoning: u.reasoning_output_tokens, total: u.total_tokens ?? input + output };
}

const FIELDS = ['input', 'cached', 'output', 'reasoning', 'total'] as const;

/**
 * The usage an event adds, given the session's previous cumulative total: the growth of the total;
 * nothing for a re-emitted total; `last` (the last call) when the total went backwards (a restarted
 * process); `last` alone when the source writes no totals.
 */
export function usageDelta(prev: RawTotals | undefined, total: RawTotals | undefined, last: RawTotals | undefined): RawTotals | undefined {
  if (!total) return last;
  if (!prev) return total;
  if (FIELDS.every((f) => total[f] === prev[f])) return undefined;
  if (FIELDS.some((f) => total[f] < prev[f])) return last ?? total;
  return { input: total.input - prev.input, cached: total.cached - prev.cached, output: total.output - prev.output, reasoning: total.reasoning - prev.reasoning, total: total.total - prev.total };
}

export function isZero(u: RawTotals): boolean {
  return u.input === 0 && u.cached === 0 && u.output === 0 && u.reasoning === 0;
}
