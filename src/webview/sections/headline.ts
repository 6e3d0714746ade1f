// The range's headline figures: tokens, cost, AWUs, tokens per AWU, cost per AWU, token-free share, and
// what the running task has spent since its last outcome (a warning past the configured amount).
import type { PanelData, PanelOpenSpend } from '../../shared/protocol';
import { awu, compact, integer, localTime, OUTCOME_LABELS, percent, ratioTokens, ratioUsd, usd } from '../format';
import { fill, h } from '../dom';
import type { PanelActions } from '../panelActions';

function figure(key: string, label: string, shown: string, exact: string, note?: string): HTMLElement {
  return h('div', { class: 'figure', 'data-figure': key },
    h('dt', {}, label),
    h('dd', { title: exact, 'aria-label': `${label}: ${exact}` }, shown),
    note ? h('dd', { class: 'note' }, note) : null,
  );
}

export function renderHeadline(container: HTMLElement, data: PanelData, actions?: PanelActions): void {
  const t = data.totals;
  const unpriced = data.unpricedModels.length > 0 ? `unpriced: ${data.unpricedModels.join(', ')}` : undefined;
  fill(container,
    h('h2', { class: 'visually-hidden' }, 'Headline figures'),
    h('dl', { class: 'figures' },
      figure('tokens', 'Tokens', compact(t.tokens), `${integer(t.tokens)} tokens`),
      figure('cost', 'Cost', usd(t.costUSD), t.costUSD === null ? 'unknown (a model has no price)' : usd(t.costUSD), unpriced),
      figure('awu', 'AWUs', awu(t.awu), `${awu(t.awu)} AWUs from ${t.outcomes} outcomes in ${t.tasks} tasks`),
      figure('tokensPerAwu', 'Tokens / AWU', ratioTokens(t.tokensPerAwu), t.tokensPerAwu === null ? 'no AWUs' : `${integer(t.tokensPerAwu)} tokens per AWU`),
      figure('costPerAwu', 'Cost / AWU', ratioUsd(t.costPerAwu), t.costPerAwu === null ? 'no AWUs or unknown cost' : `${usd(t.costPerAwu)} per AWU`),
      figure('tokenFreeShare', 'Token-free share', percent(t.tokenFreeShare), t.tokenFreeShare === null ? 'no AWUs' : `${percent(t.tokenFreeShare)} of AWUs needed no tokens`),
      data.openSpend ? openSpendFigure(data.openSpend, data.timeZone, actions) : null,
    ),
    approximateNote(data),
  );
}

/** The running task's spend since its last outcome; its name opens its detail. */
function openSpendFigure(o: PanelOpenSpend, timeZone: string, actions: PanelActions | undefined): HTMLElement {
  const label = o.lastOutcome ? 'Since last outcome' : 'Since task start';
  const cost = `${usd(o.costUSD)}${o.costIsLowerBound ? '+' : ''}`;
  const from = o.lastOutcome ? `its last outcome (${OUTCOME_LABELS[o.lastOutcome.kind] ?? o.lastOutcome.kind} ${o.lastOutcome.ref}, ${localTime(o.lastOutcome.at, timeZone)})` : `its start (${localTime(o.since, timeZone)}), no outcome yet`;
  const over = o.costUSD > o.thresholdUSD;
  const exact = `${cost} and ${integer(o.tokens)} tokens spent by ${o.name} since ${from}${over ? `: past ${usd(o.thresholdUSD)}` : ''}`;
  const el = figure('openSpend', label, cost, exact);
  if (over) el.classList.add('warn');
  el.appendChild(h('dd', { class: 'note' }, actions ? h('button', { type: 'button', class: 'link', 'data-focus': 'open-spend-task', title: `Show ${o.name}`, onclick: () => actions.openTask(o.taskId, 'open-spend-task') }, o.name) : o.name));
  return el;
}

/** Sources whose figures are estimates, said plainly under the figures. */
function approximateNote(data: PanelData): HTMLElement | null {
  const list = data.approximateSources ?? [];
  if (list.length === 0) return null;
  return h('ul', { class: 'approximate', 'aria-label': 'Approximate sources' },
    ...list.map((a) => h('li', {}, `~ ${a.source} is approximate: ${a.note}`)),
  );
}
