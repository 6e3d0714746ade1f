// The range, project and source pickers, the table's text filter and the export buttons. Built once
// (so typing in the filter keeps its caret) and updated with each state.
import type { ExportFormat, PanelData, PanelQuery, PanelViewState, RangeKind } from '../../shared/protocol';
import { h } from '../dom';
import type { PanelActions } from '../panelActions';

const RANGES: [RangeKind, string][] = [
  ['today', 'Today'],
  ['thisWeek', 'This week'],
  ['lastWeek', 'Last week'],
  ['last30Days', 'Last 30 days'],
  ['custom', 'Custom…'],
];

const EXPORTS: [ExportFormat, string][] = [
  ['markdown', 'Markdown'],
  ['csv', 'CSV'],
  ['json', 'JSON'],
  ['html', 'HTML'],
];

const ALL = '';

export interface Controls {
  element: HTMLElement;
  update(state: PanelViewState): void;
}

function setOptions(select: HTMLSelectElement, allLabel: string, values: readonly string[], selected: string | null): void {
  const wanted = selected !== null && !values.includes(selected) ? [...values, selected] : values;
  select.replaceChildren(h('option', { value: ALL }, allLabel), ...wanted.map((v) => h('option', { value: v }, v)));
  select.value = selected ?? ALL;
}

export function createControls(actions: PanelActions, current: () => PanelViewState): Controls {
  const range = h('select', { id: 'range', 'data-focus': 'range' }, ...RANGES.map(([v, label]) => h('option', { value: v }, label)));
  const since = h('input', { type: 'date', id: 'since', 'aria-label': 'From (inclusive)' });
  const until = h('input', { type: 'date', id: 'until', 'aria-label': 'To (inclusive)' });
  const apply = h('button', { type: 'button', class: 'secondary' }, 'Apply');
  const custom = h('span', { class: 'custom-range', hidden: true }, since, ' – ', until, ' ', apply);
  const project = h('select', { id: 'project', 'data-focus': 'project' });
  const source = h('select', { id: 'source', 'data-focus': 'source' });
  const filter = h('input', { type: 'search', id: 'task-filter', placeholder: 'Filter tasks', 'aria-label': 'Filter tasks by text', 'aria-controls': 'task-table' });

  const ask = (patch: Partial<PanelQuery>): void => actions.setQuery({ ...current().query, ...patch });
  range.addEventListener('change', () => {
    const kind = range.value as RangeKind;
    if (kind === 'custom') {
      custom.hidden = false;
      since.focus();
      return;
    }
    custom.hidden = true;
    ask({ range: { kind } });
  });
  apply.addEventListener('click', () => {
    if (!since.value || !until.value || since.value > until.value) {
      since.setAttribute('aria-invalid', 'true');
      return;
    }
    since.removeAttribute('aria-invalid');
    ask({ range: { kind: 'custom', since: since.value, until: until.value } });
  });
  project.addEventListener('change', () => ask({ project: project.value === ALL ? null : project.value }));
  source.addEventListener('change', () => ask({ source: source.value === ALL ? null : source.value }));
  filter.addEventListener('input', () => actions.setFilterText(filter.value));

  const exportGroup = h('div', { class: 'exports', role: 'group', 'aria-label': 'Export the week' },
    h('span', { class: 'label' }, 'Export:'),
    ...EXPORTS.map(([format, label]) => h('button', { type: 'button', class: 'secondary', 'data-export': format, 'aria-label': `Export as ${label}`, onclick: () => actions.exportAs(format) }, label)),
  );

  const element = h('section', { class: 'controls', 'aria-label': 'Range and filters' },
    h('label', { for: 'range' }, 'Range '), range, custom,
    h('label', { for: 'project' }, 'Project '), project,
    h('label', { for: 'source' }, 'Source '), source,
    filter,
    exportGroup,
  );

  return {
    element,
    update(state) {
      const q = state.query;
      if (document.activeElement !== range && !(range.value === 'custom' && !custom.hidden && q.range.kind !== 'custom')) range.value = q.range.kind;
      if (q.range.kind === 'custom') {
        custom.hidden = false;
        since.value = q.range.since;
        until.value = q.range.until;
      }
      const data: PanelData | null = state.data;
      setOptions(project, 'All projects', data?.available.projects ?? [], q.project);
      setOptions(source, 'All sources', data?.available.sources ?? [], q.source);
      if (filter.value !== state.filterText) filter.value = state.filterText;
    },
  };
}
