/** Token and cost totals of a group of usage records, in the columns ccusage reports. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  /** Cost of the priced records (list price, or the source's own recorded cost). */
  costUSD: number;
  /** Tokens of records whose model has no known price: their cost is unknown, not zero. */
  unpricedTokens: number;
  /** Usage records counted: one per request for sources whose logs hold no token counts (LogSource.tokensUnavailable). */
  records: number;
}

export function emptyTotals(): UsageTotals {
  return { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 0, costUSD: 0, unpricedTokens: 0, records: 0 };
}

export function addTotals(into: UsageTotals, from: UsageTotals): void {
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.cacheCreationTokens += from.cacheCreationTokens;
  into.cacheReadTokens += from.cacheReadTokens;
  into.reasoningTokens += from.reasoningTokens;
  into.totalTokens += from.totalTokens;
  into.costUSD += from.costUSD;
  into.unpricedTokens += from.unpricedTokens;
  into.records += from.records;
}
