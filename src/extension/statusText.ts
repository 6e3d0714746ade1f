// What the status bar item says, as pure functions of a figures object (no `vscode`): the text, the
// Markdown tooltip and whether the daily budget is exceeded. AWU fields are optional: the outcome model
// fills them in; until then the item shows spend only.
import { localTime } from '../core/outcomes/attribution';
import { compactNumber } from '../core/report/compactNumber';
import { SOURCES } from '../core/sources/registry';
import { ZoneCalendar } from '../core/time/zone';
import type { SourceId } from '../core/types';
import type { StatusFormat, StatusPeriod } from './settings';

export interface PeriodSpend {
  /** Tokens as configured (with or without cache reads). */
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  costUSD: number;
  /** Tokens whose model has no known price: the cost is a lower bound. */
  unpricedTokens: number;
  bySource: Partial<Record<SourceId, { tokens: number; costUSD: number }>>;
}

export interface StatusFigures {
  period: StatusPeriod;
  /** Local date of the period's first day and of today (YYYY-MM-DD). */
  since: string;
  until: string;
  timeZone: string;
  includeCacheReads: boolean;
  spend: PeriodSpend;
  /** Today's cost, for the budget (also when the item shows the week). */
  todayCostUSD: number;
  /** 0 = no budget. */
  dailyBudgetUSD: number;
  /** Filled by the outcome model. */
  awu?: number;
  /** AWUs earned with no agent tokens behind them. */
  tokenFreeAwu?: number;
  /** Outcomes behind the AWUs, for the tooltip. */
  awuDetail?: AwuDetail;
  /** The configured target (0 = none), shown beside the actual tokens per AWU. */
  tokensPerAwuTarget?: number;
  /** The most recently active task's spend since its last outcome (core/outcomes/openSpend.ts). */
  openSpend?: OpenSpendStatus;
}

export interface OpenSpendStatus {
  taskId: string;
  name: string;
  project: string;
  tokens: number;
  costUSD: number;
  unpricedTokens: number;
  /** Epoch ms it counts from. */
  since: number;
  lastOutcome?: { kind: string; ref: string; at: number };
  /** awuMeter.alerts.noOutcomeCostUSD (0 = off). */
  thresholdUSD: number;
}

export interface AwuDetail {
  /** Outcomes that earned, by kind (`commit.landed`, `pr.merged`, `tests.passed`). */
  outcomesByKind: Record<string, number>;
  /** The agent task of the period that cost most. */
  /** `label`: the task's name (its PR, commit, branch, or project and start); `session`: its source and short id (`claude 1a2b3c4d`). */
  topTask?: { label: string; session?: string; project: string; tokens: number; costUSD: number | null; awu: number };
  /** The latest outcome that earned. */
  lastOutcome?: {
    kind: string;
    ref: string;
    at: number;
    awu: number;
    subject?: string;
    /** A merged PR: its number, and its whole AWUs (more than `awu` when split between tasks by their commits). */
    pr?: { number?: number; awu: number };
  };
}

const KIND_NAMES: Record<string, string> = { 'commit.landed': 'commits landed', 'pr.merged': 'PRs merged', 'tests.passed': 'test passes', 'commit.local': 'local commits' };

/** Markdown-safe text from data (project paths, commit subjects). */
function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>~-]/g, (c) => `\\${c}`);
}

export { compactNumber };

export function usd(n: number, unknownPart = false): string {
  return `$${n.toFixed(2)}${unknownPart ? '+?' : ''}`;
}

function awuNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A PR's share, to the hundredth (a third of 2 AWU reads 0.67, not 0.7). */
function shareNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** `commits landed \`abc1234\` subject (+1 AWU, 14:02)`; a PR by its number, and its split when shared. */
function lastOutcomeText(o: NonNullable<AwuDetail['lastOutcome']>, when: string): string {
  const subject = o.subject ? ` ${mdText(o.subject)}` : '';
  if (o.kind === 'pr.merged' && o.pr) {
    const name = o.pr.number === undefined ? 'PR merged' : `PR #${o.pr.number} merged`;
    const split = o.pr.awu - o.awu > 1e-6 ? `+${shareNumber(o.awu)} AWU of ${shareNumber(o.pr.awu)}, split by commits` : `+${awuNumber(o.awu)} AWU`;
    return `${name} \`${mdText(o.ref)}\`${subject} (${split}, ${when})`;
  }
  return `${KIND_NAMES[o.kind] ?? o.kind} \`${mdText(o.ref)}\`${subject} (+${awuNumber(o.awu)} AWU, ${when})`;
}

/** The running task has spent more than the configured amount since its last outcome. */
export function openSpendAlert(f: StatusFigures): OpenSpendStatus | undefined {
  const o = f.openSpend;
  return o && o.thresholdUSD > 0 && o.costUSD > o.thresholdUSD ? o : undefined;
}

/** `$12.40 since last outcome`, or `since task start` when the task has none yet. */
export function openSpendText(o: OpenSpendStatus): string {
  return `${usd(o.costUSD, o.unpricedTokens > 0)} since ${o.lastOutcome ? 'last outcome' : 'task start'}`;
}

export function overBudget(f: StatusFigures): boolean {
  return (f.dailyBudgetUSD > 0 && f.todayCostUSD > f.dailyBudgetUSD) || overTokensPerAwu(f);
}

/** Past the tokens-per-AWU ceiling: more tokens per AWU than configured (or that many tokens and no AWU yet). */
export function overTokensPerAwu(f: StatusFigures): boolean {
  const ceiling = f.tokensPerAwuTarget ?? 0;
  if (ceiling <= 0 || f.awu === undefined) return false;
  return f.awu > 0 ? f.spend.tokens / f.awu > ceiling : f.spend.tokens > ceiling;
}

/** `$(pulse) 1.2M · $3.40` (today) or `$(pulse) wk 1.2M · $3.40`, then ` · 4 AWU · 300k/AWU` when AWUs are known. */
export function statusText(f: StatusFigures, format: StatusFormat): string {
  const parts: string[] = [];
  if (format !== 'cost') parts.push(compactNumber(f.spend.tokens));
  if (format !== 'tokens') parts.push(usd(f.spend.costUSD, f.spend.unpricedTokens > 0));
  if (f.awu !== undefined) {
    parts.push(`${awuNumber(f.awu)} AWU`);
    if (f.awu > 0 && format !== 'cost') parts.push(`${compactNumber(f.spend.tokens / f.awu)}/AWU`);
  }
  const open = openSpendAlert(f);
  if (open) return `$(warning) ${openSpendText(open)} · ${f.period === 'week' ? 'wk ' : ''}${parts.join(' · ')}`;
  const icon = overBudget(f) ? '$(warning)' : '$(pulse)';
  return `${icon} ${f.period === 'week' ? 'wk ' : ''}${parts.join(' · ')}`;
}


function n(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** The tooltip's Markdown: the period's spend by kind and by source, the budget, AWUs when known. */
export function statusTooltip(f: StatusFigures): string {
  const s = f.spend;
  const title = f.period === 'today' ? `today (${f.until})` : `this week (${f.since} – ${f.until})`;
  const lines = [`**AWU Meter — ${title}**`, ''];
  const open = f.openSpend && f.openSpend.thresholdUSD > 0 ? f.openSpend : undefined;
  if (open) lines.push(openSpendLine(open, new ZoneCalendar(f.timeZone)), '');
  lines.push('| | |', '|---|---:|');
  lines.push(`| Tokens${f.includeCacheReads ? '' : ' (without cache reads)'} | ${n(s.tokens)} |`);
  lines.push(`| Input | ${n(s.inputTokens)} |`, `| Output | ${n(s.outputTokens)} |`, `| Cache write | ${n(s.cacheCreationTokens)} |`, `| Cache read | ${n(s.cacheReadTokens)} |`);
  lines.push(`| Cost | ${usd(s.costUSD, s.unpricedTokens > 0)} |`);
  if (f.awu !== undefined) {
    lines.push(`| AWUs | ${awuNumber(f.awu)}${f.tokenFreeAwu ? ` (${awuNumber(f.tokenFreeAwu)} token-free)` : ''} |`);
    if (f.awu > 0) {
      lines.push(`| Tokens per AWU | ${n(s.tokens / f.awu)}${f.tokensPerAwuTarget ? ` (target ${n(f.tokensPerAwuTarget)})` : ''} |`);
      lines.push(`| Cost per AWU | ${usd(s.costUSD / f.awu)} |`);
    }
  }
  const d = f.awuDetail;
  if (d) {
    const kinds = Object.keys(KIND_NAMES).filter((k) => d.outcomesByKind[k]).map((k) => `${d.outcomesByKind[k]} ${KIND_NAMES[k]}`);
    if (kinds.length > 0) lines.push('', `Outcomes: ${kinds.join(', ')}.`);
    if (d.lastOutcome) lines.push('', `Last outcome: ${lastOutcomeText(d.lastOutcome, localTime(new ZoneCalendar(f.timeZone), d.lastOutcome.at))}.`);
    if (d.topTask) {
      const cost = d.topTask.costUSD === null ? 'cost unknown' : usd(d.topTask.costUSD);
      const session = d.topTask.session ? ` (${mdText(d.topTask.session)})` : '';
      lines.push('', `Costliest task: ${mdText(d.topTask.label)}${session} in ${mdText(d.topTask.project)}: ${n(d.topTask.tokens)} tokens, ${cost}, ${awuNumber(d.topTask.awu)} AWU.`);
    }
  }
  const sources = (Object.entries(s.bySource) as [SourceId, { tokens: number; costUSD: number }][]).filter(([, v]) => v.tokens > 0);
  if (sources.length > 0) {
    lines.push('', '| Source | Tokens | Cost |', '|---|---:|---:|');
    for (const [id, v] of sources) lines.push(`| ${SOURCES[id]?.displayName ?? id} | ${n(v.tokens)} | ${usd(v.costUSD)} |`);
  }
  if (s.unpricedTokens > 0) lines.push('', `${n(s.unpricedTokens)} tokens are from models with no known price (cost shown is a lower bound).`);
  if (overTokensPerAwu(f)) lines.push('', `$(warning) ${f.awu ? `${n(s.tokens / f.awu)} tokens per AWU` : `${n(s.tokens)} tokens and no AWU yet`}: past the ceiling of ${n(f.tokensPerAwuTarget ?? 0)} (awuMeter.budget.tokensPerAwu).`);
  if (f.dailyBudgetUSD > 0) {
    lines.push('', overBudget(f) ? `$(warning) Today's cost ${usd(f.todayCostUSD)} is over the daily budget of ${usd(f.dailyBudgetUSD)}.` : `Today: ${usd(f.todayCostUSD)} of the daily budget ${usd(f.dailyBudgetUSD)}.`);
  }
  lines.push('', `Times in ${f.timeZone}. ${open && openSpendAlert(f) ? 'Click to open this task in the breakdown.' : 'Click for the breakdown.'}`);
  return lines.join('\n');
}

const ONE_KIND: Record<string, string> = { 'commit.landed': 'commit landed', 'pr.merged': 'PR merged', 'tests.passed': 'tests passed' };

/** The running task's open spend for the tooltip, with its name, what it counts from, and the threshold. */
function openSpendLine(o: OpenSpendStatus, cal: ZoneCalendar): string {
  const from = o.lastOutcome
    ? `its last outcome (${ONE_KIND[o.lastOutcome.kind] ?? o.lastOutcome.kind} \`${mdText(o.lastOutcome.ref)}\`, ${localTime(cal, o.lastOutcome.at)})`
    : `its start (${localTime(cal, o.since)}), no outcome yet`;
  const what = `**${usd(o.costUSD, o.unpricedTokens > 0)}** (${n(o.tokens)} tokens) spent by *${mdText(o.name)}* in ${mdText(o.project)} since ${from}`;
  return o.costUSD > o.thresholdUSD ? `$(warning) ${what}: past ${usd(o.thresholdUSD)} (awuMeter.alerts.noOutcomeCostUSD).` : `Running task: ${what}.`;
}
