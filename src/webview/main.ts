// The AWU breakdown webview: builds the page, keeps the view state (saved with setState), talks to
// the host (ready → data, query → data, export, openFile) and re-renders the sections. Never imports
// vscode or Node modules; the shared protocol is its only link to the host.
import './zodSetup';
import 'uplot/dist/uPlot.min.css';
import { DEFAULT_PANEL_QUERY, type PanelData, type PanelViewState, PROTOCOL_VERSION, type SortKey } from '../shared/protocol';
import { h } from './dom';
import type { PanelActions } from './panelActions';
import { createControls } from './sections/controls';
import { createDayChart } from './sections/dayChart';
import { renderDiagnostics } from './sections/diagnostics';
import { renderHeadline } from './sections/headline';
import { renderNoOutcomeSpend } from './sections/noOutcomeSpend';
import { renderTaskDetail } from './sections/taskDetail';
import { renderTaskTable, TASK_PAGE } from './sections/taskTable';
import { renderTokenFree } from './sections/tokenFree';
import { initialViewState, sameQuery } from './viewState';
import { connectToHost } from './vscodeApi';

const TEXT_COLUMNS: ReadonlySet<SortKey> = new Set(['task', 'project']);

function main(): void {
  const host = connectToHost();
  let state: PanelViewState = host.loadState() ?? initialViewState();
  let returnFocus: string | null = null;
  /** Rows of the task table to render; back to one page when the data or the filter changes. */
  let rowLimit = TASK_PAGE;

  const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
  const rangeText = h('p', { class: 'range-text' });
  const status = h('p', { class: 'status', role: 'status' });
  const errorBox = h('div', { class: 'error', role: 'alert', hidden: true });
  const headline = h('section', { class: 'headline', 'aria-label': 'Headline figures' });
  const chart = createDayChart();
  const chartSection = h('section', { class: 'chart', 'aria-labelledby': 'chart-heading' }, h('h2', { id: 'chart-heading' }, 'Tokens and AWUs per day'), chart.element);
  const tasks = h('section', { class: 'task-list' });
  const detail = h('section', { class: 'task-detail', id: 'task-detail', hidden: true });
  const tokenFree = h('section', { class: 'token-free-tasks' });
  const noOutcome = h('section', { class: 'no-outcome-spend' });
  const diagnostics = h('section', { class: 'diagnostics-section' });
  const dataSections = h('div', { class: 'data', hidden: true }, headline, chartSection, tasks, detail, tokenFree, noOutcome, diagnostics);

  const save = (): void => host.saveState(state);
  const focusKey = (key: string | null): void => {
    if (key === null) return;
    const el = app.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    el?.focus();
  };

  const render = (withChart: boolean): void => {
    const data: PanelData | null = state.data;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.getAttribute('data-focus') : null;
    controls.update(state);
    dataSections.hidden = data === null;
    if (data) {
      rangeText.textContent = `${data.start} – ${data.end} (${data.timeZone})`;
      renderHeadline(headline, data, actions);
      if (withChart) chart.update(data);
      renderTaskTable(tasks, state, data, actions, rowLimit);
      renderTaskDetail(detail, data, state.openTaskId, actions);
      renderTokenFree(tokenFree, data, actions);
      renderNoOutcomeSpend(noOutcome, data, actions);
      renderDiagnostics(diagnostics, data, actions);
    }
    if (focused && !(document.activeElement instanceof HTMLElement && document.activeElement.getAttribute('data-focus') === focused)) focusKey(focused);
  };

  const actions: PanelActions = {
    setQuery(query) {
      state = { ...state, query };
      save();
      app.setAttribute('aria-busy', 'true');
      status.textContent = 'Loading…';
      host.post({ type: 'query', query });
    },
    sortBy(key) {
      const dir = state.sort.key === key ? (state.sort.dir === 'asc' ? 'desc' : 'asc') : TEXT_COLUMNS.has(key) ? 'asc' : 'desc';
      state = { ...state, sort: { key, dir } };
      save();
      render(false);
    },
    setFilterText(filterText) {
      rowLimit = TASK_PAGE;
      state = { ...state, filterText };
      save();
      render(false);
    },
    openTask(taskId, focusBack) {
      returnFocus = focusBack;
      state = { ...state, openTaskId: taskId };
      save();
      render(false);
      focusKey('detail-heading');
      detail.scrollIntoView?.({ block: 'nearest' });
    },
    closeTask() {
      state = { ...state, openTaskId: null };
      save();
      render(false);
      focusKey(returnFocus ?? (state.data?.tasks[0] ? `task-row:${state.data.tasks[0].id}` : null));
      returnFocus = null;
    },
    showMoreTasks() {
      const first = rowLimit;
      rowLimit += TASK_PAGE;
      render(false);
      // Keep the keyboard where the new rows start.
      const row = tasks.querySelectorAll<HTMLElement>('tbody tr')[first];
      if (row) {
        tasks.querySelectorAll<HTMLElement>('tbody tr[tabindex="0"]').forEach((r) => (r.tabIndex = -1));
        row.tabIndex = 0;
        row.focus();
      }
    },
    exportAs(format) {
      host.post({ type: 'export', format });
    },
    openFile(path) {
      host.post({ type: 'openFile', path });
    },
  };

  const controls = createControls(actions, () => state);
  detail.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.closeTask();
    }
  });

  app.replaceChildren(
    h('header', {}, h('h1', {}, 'AWU Breakdown'), rangeText, status),
    controls.element,
    errorBox,
    dataSections,
  );
  app.removeAttribute('aria-busy');

  host.onMessage((msg) => {
    switch (msg.type) {
      case 'data': {
        if (!sameQuery(msg.data.query, state.query)) return; // an answer to an older question
        const openTaskId = state.openTaskId !== null && msg.data.tasks.some((t) => t.id === state.openTaskId) ? state.openTaskId : null;
        state = { ...state, data: msg.data, openTaskId };
        rowLimit = TASK_PAGE;
        save();
        errorBox.hidden = true;
        status.textContent = '';
        app.removeAttribute('aria-busy');
        render(true);
        return;
      }
      case 'selectTask': {
        // Open it now when the data holds it; else ask for the whole week unfiltered (the status bar's
        // range), and the answer keeps it open when it is there.
        if (state.data?.tasks.some((t) => t.id === msg.taskId)) {
          actions.openTask(msg.taskId, `task-row:${msg.taskId}`);
          return;
        }
        state = { ...state, openTaskId: msg.taskId };
        actions.setQuery(DEFAULT_PANEL_QUERY);
        return;
      }
      case 'error':
        errorBox.textContent = msg.message;
        errorBox.hidden = false;
        status.textContent = '';
        app.removeAttribute('aria-busy');
        return;
    }
  });

  render(true);
  if (!state.data) {
    status.textContent = 'Loading…';
    app.setAttribute('aria-busy', 'true');
  }
  host.post({ type: 'ready', v: PROTOCOL_VERSION, query: state.query });
}

main();
