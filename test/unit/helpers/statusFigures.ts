// The status bar's figures for a day, for tests of its text, tooltip and alert; `over` replaces fields.
import type { StatusFigures } from '../../../src/extension/statusText';

export function statusFigures(over: Partial<StatusFigures> = {}): StatusFigures {
  return {
    period: 'today',
    since: '2026-11-25',
    until: '2026-11-25',
    timeZone: 'UTC',
    includeCacheReads: true,
    spend: { tokens: 1_234_567, inputTokens: 1000, outputTokens: 2000, cacheCreationTokens: 3000, cacheReadTokens: 1_228_567, costUSD: 3.4, unpricedTokens: 0, bySource: { claude: { tokens: 1_234_567, costUSD: 3.4 } } },
    todayCostUSD: 3.4,
    dailyBudgetUSD: 0,
    ...over,
  };
}
