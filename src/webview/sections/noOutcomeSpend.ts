// "Spend with no outcome": the sessions that burned the most and earned no AWU.
import type { PanelData } from '../../shared/protocol';
import { fill, h } from '../dom';
import { integer, usd } from '../format';
import type { PanelActions } from '../panelActions';

export function renderNoOutcomeSpend(container: HTMLElement, data: PanelData, actions: PanelActions): void {
  const rows = data.noOutcomeSpend;
  const known = new Set(data.tasks.map((t) => t.id));
  fill(container,
    h('h2', { id: 'no-outcome-heading' }, 'Spend with no outcome'),
    rows.length === 0
      ? h('p', { class: 'empty' }, 'Every session with spend in this range earned AWUs.')
      : h('table', { class: 'no-outcome', 'aria-labelledby': 'no-outcome-heading' },
        h('thead', {}, h('tr', {}, ...['Task', 'Source', 'Project', 'Tokens', 'Cost'].map((c, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : undefined }, c)))),
        h('tbody', {}, ...rows.map((r) => h('tr', { 'data-task-id': r.taskId },
          h('td', {}, known.has(r.taskId)
            ? h('button', { type: 'button', class: 'link', 'data-focus': `no-outcome:${r.taskId}`, title: r.taskId, onclick: () => actions.openTask(r.taskId, `no-outcome:${r.taskId}`) }, r.name)
            : h('span', { title: r.taskId }, r.name)),
          h('td', {}, r.source), h('td', {}, r.project), h('td', { class: 'num' }, integer(r.tokens)), h('td', { class: 'num' }, usd(r.costUSD)))))),
  );
}
