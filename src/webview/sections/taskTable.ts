// The task table: sortable headers (buttons, aria-sort on the sorted column), rows reachable with
// Tab (one row in the tab order at a time; arrows, Home and End move), Enter or Space opens a row's
// outcomes. Long tables render `limit` rows at first (a month can hold thousands of sessions), with a
// button for more.
import type { PanelData, PanelTask, PanelViewState, SortKey } from '../../shared/protocol';
import { fill, h } from '../dom';
import { awu, integer, localTime, ratioTokens, usd } from '../format';
import type { PanelActions } from '../panelActions';
import { taskIdentity, taskLabel, visibleTasks } from '../taskRows';

const COLUMNS: [SortKey, string, 'text' | 'num'][] = [
  ['task', 'Task', 'text'],
  ['project', 'Project', 'text'],
  ['start', 'Started', 'text'],
  ['tokens', 'Tokens', 'num'],
  ['cost', 'Cost', 'num'],
  ['awu', 'AWUs', 'num'],
  ['tokensPerAwu', 'Tokens / AWU', 'num'],
  ['outcomes', 'Outcomes', 'num'],
];

export function rowFocusKey(taskId: string): string {
  return `task-row:${taskId}`;
}

function cells(t: PanelTask, timeZone: string): string[] {
  return [taskLabel(t), t.project, localTime(t.start, timeZone), integer(t.tokens.total), usd(t.costUSD), awu(t.awu), ratioTokens(t.tokensPerAwu), String(t.outcomes)];
}

function onRowKey(event: KeyboardEvent, row: HTMLTableRowElement, open: () => void): void {
  const rows = [...(row.parentElement?.querySelectorAll<HTMLTableRowElement>('tr[data-task-id]') ?? [])];
  const i = rows.indexOf(row);
  let next: HTMLTableRowElement | undefined;
  switch (event.key) {
    case 'Enter':
    case ' ':
      event.preventDefault();
      open();
      return;
    case 'ArrowDown':
      next = rows[i + 1];
      break;
    case 'ArrowUp':
      next = rows[i - 1];
      break;
    case 'Home':
      next = rows[0];
      break;
    case 'End':
      next = rows[rows.length - 1];
      break;
    default:
      return;
  }
  event.preventDefault();
  if (!next) return;
  row.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

export const TASK_PAGE = 200;

export function renderTaskTable(container: HTMLElement, state: PanelViewState, data: PanelData, actions: PanelActions, limit: number): void {
  const matching = visibleTasks(data.tasks, state.filterText, state.sort.key, state.sort.dir);
  const rows = matching.slice(0, limit);
  const head = h('tr', {}, ...COLUMNS.map(([key, label, kind]) => {
    const sorted = state.sort.key === key;
    const dir = sorted ? (state.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
    return h('th', { scope: 'col', class: kind, 'aria-sort': dir },
      h('button', { type: 'button', class: 'sort', 'data-sort': key, 'data-focus': `sort:${key}`, onclick: () => actions.sortBy(key) },
        label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (state.sort.dir === 'asc' ? ' ▲' : ' ▼') : '')));
  }));
  const focusable = rows.find((t) => t.id === state.openTaskId)?.id ?? rows[0]?.id;
  const approximate = new Map((data.approximateSources ?? []).map((a) => [a.source, a.note]));
  const body = h('tbody', {}, ...rows.map((t) => {
    const key = rowFocusKey(t.id);
    const open = (): void => actions.openTask(t.id, key);
    const row = h('tr', {
      'data-task-id': t.id,
      'data-focus': key,
      tabindex: t.id === focusable ? 0 : -1,
      'aria-current': t.id === state.openTaskId ? 'true' : undefined,
      class: t.source === 'token-free' ? 'token-free' : undefined,
      onclick: open,
    }, ...cells(t, data.timeZone).map((c, i) => {
      if (i > 0) return h('td', { class: COLUMNS[i]![2] }, c);
      const note = approximate.get(t.source);
      // A task of an approximate source carries the same ~ as the note under the headline figures.
      return h('th', { class: COLUMNS[0]![2], scope: 'row', title: taskIdentity(t) }, c, note === undefined ? null : h('abbr', { class: 'approx', title: `Approximate: ${note}` }, ' ~'));
    }));
    row.addEventListener('keydown', (e) => onRowKey(e, row, open));
    return row;
  }));
  fill(container,
    h('h2', { id: 'tasks-heading' }, 'Tasks'),
    h('p', { class: 'hint', id: 'tasks-hint' }, 'Sort with the column buttons. Select a row (Tab, then arrow keys) and press Enter to see its outcomes and the evidence that linked them.'),
    h('p', { class: 'count', role: 'status' }, `${matching.length} of ${data.tasks.length} tasks`),
    matching.length === 0 && data.tasks.length > 0 ? h('p', { class: 'empty' }, 'No task matches the filter.') : null,
    data.tasks.length === 0 ? h('p', { class: 'empty' }, 'No tasks in this range.') : null,
    h('table', { id: 'task-table', class: 'tasks', 'aria-labelledby': 'tasks-heading', 'aria-describedby': 'tasks-hint' }, h('thead', {}, head), body),
    matching.length > rows.length
      ? h('p', { class: 'more' }, `Showing the first ${rows.length}. `,
        h('button', { type: 'button', class: 'secondary', 'data-focus': 'more-tasks', onclick: () => actions.showMoreTasks() }, `Show ${Math.min(TASK_PAGE, matching.length - rows.length)} more`))
      : null,
  );
}
