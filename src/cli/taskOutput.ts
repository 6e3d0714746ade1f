// `awu-meter tasks`: the JSON shape (issue #4) and a readable table.
import type { TaskAnalysis } from '../core/outcomes/analyzeTasks';
import type { LinkedOutcome } from '../core/outcomes/modelOutcome';
import { prName, zeroReasonText } from '../core/outcomes/outcomeText';
import { displayWidth, formatTokens, formatUSD, renderTable } from './table';

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** A task name in a table cell: a long PR title is cut to `width` columns with `…` (the JSON has it whole). */
export function clipName(name: string, width = 48): string {
  if (displayWidth(name) <= width) return name;
  let out = '';
  for (const ch of name) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** The evidence, and why the outcome earns 0 when it does: `…; earns 0: landed via PR #12`. */
export function outcomeEvidence(o: LinkedOutcome): string {
  return o.zeroReason ? `${o.evidence}; earns 0: ${zeroReasonText(o.zeroReason, o.viaPr && prName(o.viaPr))}` : o.evidence;
}

/** One outcome in `tasks --json`: a commit that landed through a PR names it, a PR lists its commits and their tasks. */
function outcomeJson(o: LinkedOutcome): Record<string, unknown> {
  return {
    kind: o.kind,
    ref: o.ref,
    at: new Date(o.at).toISOString(),
    awu: o.awu,
    evidence: outcomeEvidence(o),
    ...(o.viaPr ? { viaPr: prName(o.viaPr) } : {}),
    ...(o.prCommits ? { prCommits: o.prCommits.map((c) => ({ ref: c.ref, taskId: c.taskId, madeBy: c.madeBy })) } : {}),
  };
}

export function tasksJson(a: TaskAnalysis): unknown {
  return {
    tasks: a.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      nameFrom: t.nameFrom,
      source: t.source,
      sessionId: t.sessionId,
      project: t.project,
      branch: t.branch,
      start: new Date(t.start).toISOString(),
      end: new Date(t.end).toISOString(),
      tokens: t.tokens,
      costUSD: t.costUSD === null ? null : round(t.costUSD, 6),
      awu: t.awu,
      outcomes: t.outcomes.map(outcomeJson),
    })),
    totals: {
      tokens: a.totals.tokens,
      costUSD: round(a.totals.costUSD, 6),
      awu: a.totals.awu,
      tokensPerAwu: a.totals.tokensPerAwu === null ? null : round(a.totals.tokensPerAwu, 1),
      costPerAwu: a.totals.costPerAwu === null ? null : round(a.totals.costPerAwu, 6),
      tokenFreeShare: a.totals.tokenFreeShare === null ? null : round(a.totals.tokenFreeShare, 4),
    },
  };
}

export function tasksTable(a: TaskAnalysis): string {
  const headers = ['Task', 'Source', 'Project', 'Branch', 'Tokens', 'Cost', 'AWU', 'Tokens/AWU', 'Outcomes'];
  const rows = a.tasks.map((t) => [
    clipName(t.name),
    t.source,
    t.project,
    t.branch ?? '',
    formatTokens(t.tokens.total),
    t.costUSD === null ? '?' : formatUSD(t.costUSD),
    String(t.awu),
    t.tokensPerAwu === null ? '—' : formatTokens(Math.round(t.tokensPerAwu)),
    String(t.outcomes.length),
  ]);
  const x = a.totals;
  const footer = ['Total', '', '', '', formatTokens(x.tokens), formatUSD(x.costUSD) + (x.unpricedTokens > 0 ? '+?' : ''), String(x.awu), x.tokensPerAwu === null ? '—' : formatTokens(Math.round(x.tokensPerAwu)), String(x.outcomes)];
  const lines = [renderTable(headers, rows, { align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'], footer })];
  if (a.tasks.length === 0) lines.push('No tasks in this range.');
  if (x.tokenFreeShare !== null) lines.push(`Token-free share: ${Math.round(x.tokenFreeShare * 100)} % of AWUs came with no agent tokens.`);
  if (a.noOutcomeSpend.length > 0) {
    lines.push('Spend with no outcome:');
    for (const t of a.noOutcomeSpend.slice(0, 5)) lines.push(`  ${t.name} (${t.source})  ${t.project}  ${formatTokens(t.tokens.total)} tokens  ${t.costUSD === null ? '?' : formatUSD(t.costUSD)}`);
  }
  for (const d of a.diagnostics) lines.push(`note: ${d}`);
  return lines.join('\n');
}
