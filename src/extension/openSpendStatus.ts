// The status bar's "spent since the last outcome" figure: core/outcomes/openSpend.ts over the status
// bar's last analysis, with the configured threshold. Remembered per (analysis, store size, settings) so
// a re-render that changed neither does not read the store's columns again.
import type { TaskAnalysis } from '../core/outcomes/analyzeTasks';
import { openSpend } from '../core/outcomes/openSpend';
import type { Pricer } from '../core/pricing/pricing';
import type { UsageStore } from '../core/store/usageStore';
import { OUTCOME_KINDS, type OutcomeKind } from '../core/outcomes/types';
import type { PanelOpenSpend } from '../shared/protocol';
import type { Settings } from './settings';
import type { OpenSpendStatus } from './statusText';

export class OpenSpendFigure {
  private last: { analysis: TaskAnalysis; store: UsageStore; records: number; includeCacheReads: boolean; status: Omit<OpenSpendStatus, 'thresholdUSD'> | undefined } | undefined;

  /** Undefined when the alert is off (threshold 0) or no agent task is in the analysis. */
  of(store: UsageStore, analysis: TaskAnalysis, settings: Settings, pricer: Pricer): OpenSpendStatus | undefined {
    const thresholdUSD = settings.alerts.noOutcomeCostUSD;
    if (thresholdUSD <= 0) return undefined;
    const includeCacheReads = settings.tokens.includeCacheReads;
    const l = this.last;
    if (!l || l.analysis !== analysis || l.store !== store || l.records !== store.columns.length || l.includeCacheReads !== includeCacheReads) {
      const o = openSpend(store, analysis.tasks, { pricer, includeCacheReads });
      const status = o && {
        taskId: o.taskId,
        name: o.name,
        project: o.project,
        tokens: o.tokens,
        costUSD: o.costUSD,
        unpricedTokens: o.unpricedTokens,
        since: o.since,
        ...(o.lastOutcome ? { lastOutcome: { kind: o.lastOutcome.kind, ref: o.lastOutcome.ref, at: o.lastOutcome.at } } : {}),
      };
      this.last = { analysis, store, records: store.columns.length, includeCacheReads, status };
    }
    const status = this.last!.status;
    return status && { ...status, thresholdUSD };
  }
}

/** The same figure for the panel's headline. */
export function panelOpenSpend(o: OpenSpendStatus): PanelOpenSpend {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    taskId: o.taskId,
    name: o.name,
    project: o.project,
    tokens: o.tokens,
    costUSD: o.costUSD,
    costIsLowerBound: o.unpricedTokens > 0,
    since: iso(o.since),
    ...(o.lastOutcome && isOutcomeKind(o.lastOutcome.kind) ? { lastOutcome: { kind: o.lastOutcome.kind, ref: o.lastOutcome.ref, at: iso(o.lastOutcome.at) } } : {}),
    thresholdUSD: o.thresholdUSD,
  };
}

function isOutcomeKind(k: string): k is OutcomeKind {
  return (OUTCOME_KINDS as readonly string[]).includes(k);
}
