// The range's headline figures: tokens, cost, AWUs, tokens per AWU, cost per AWU, token-free share.
import type { PanelData } from '../../shared/protocol';
import { awu, compact, integer, percent, ratioTokens, ratioUsd, usd } from '../format';
import { fill, h } from '../dom';

function figure(key: string, label: string, shown: string, exact: string, note?: string): HTMLElement {
  return h('div', { class: 'figure', 'data-figure': key },
    h('dt', {}, label),
    h('dd', { title: exact, 'aria-label': `${label}: ${exact}` }, shown),
    note ? h('dd', { class: 'note' }, note) : null,
  );
}

export function renderHeadline(container: HTMLElement, data: PanelData): void {
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
    ),
    approximateNote(data),
  );
}

/** Sources whose figures are estimates, said plainly under the figures. */
function approximateNote(data: PanelData): HTMLElement | null {
  const list = data.approximateSources ?? [];
  if (list.length === 0) return null;
  return h('ul', { class: 'approximate', 'aria-label': 'Approximate sources' },
    ...list.map((a) => h('li', {}, `~ ${a.source} is approximate: ${a.note}`)),
  );
}
