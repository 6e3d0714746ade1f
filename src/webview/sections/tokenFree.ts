// Token-free tasks: outcomes no agent session accounts for (work done by hand), one per repo, branch and day.
import type { PanelData } from '../../shared/protocol';
import { fill, h } from '../dom';
import { awu, localTime } from '../format';
import type { PanelActions } from '../panelActions';
import { TOKEN_FREE } from '../taskRows';

export function renderTokenFree(container: HTMLElement, data: PanelData, actions: PanelActions): void {
  const tasks = data.tasks.filter((t) => t.source === TOKEN_FREE);
  fill(container,
    h('h2', { id: 'token-free-heading' }, 'Token-free tasks'),
    tasks.length === 0
      ? h('p', { class: 'empty' }, 'No token-free outcomes in this range.')
      : h('table', { class: 'token-free', 'aria-labelledby': 'token-free-heading' },
        h('thead', {}, h('tr', {}, ...['Task', 'Project', 'Branch', 'Day', 'AWUs', 'Outcomes', ''].map((c, i) => h('th', { scope: 'col', class: i === 4 || i === 5 ? 'num' : undefined }, c)))),
        h('tbody', {}, ...tasks.map((t) => h('tr', { 'data-task-id': t.id },
          h('td', { title: t.id }, t.name), h('td', {}, t.project), h('td', {}, t.branch ?? '—'), h('td', {}, localTime(t.start, data.timeZone).slice(0, 10)),
          h('td', { class: 'num' }, awu(t.awu)), h('td', { class: 'num' }, String(t.outcomes)),
          h('td', {}, h('button', { type: 'button', class: 'link', 'data-focus': `token-free:${t.id}`, 'aria-label': `Outcomes of the token-free task ${t.name} in ${t.project}`, onclick: () => actions.openTask(t.id, `token-free:${t.id}`) }, 'Outcomes')))))),
  );
}
