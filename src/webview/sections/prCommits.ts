// A merged PR's commits in the task detail: each commit and the task that made it. Another task of the
// range is a button that opens its outcomes; a task outside the range (filtered out) is named in words.
import type { PanelOutcome, PanelPrCommit, PanelTask } from '../../shared/protocol';
import { h } from '../dom';
import type { PanelActions } from '../panelActions';
import { taskLabel } from '../taskRows';

export interface PrCommitContext {
  /** The task whose detail is shown. */
  current: PanelTask;
  /** The range's tasks by id. */
  tasks: ReadonlyMap<string, PanelTask>;
  actions: PanelActions;
  /** Where the keyboard goes back to when a task opened from here is closed. */
  returnFocus: string;
}

function madeBy(o: PanelOutcome, c: PanelPrCommit, ctx: PrCommitContext): Node | string {
  if (c.taskId === ctx.current.id) return `${taskLabel(ctx.current)} (this task)`;
  const task = ctx.tasks.get(c.taskId);
  if (!task) return c.madeBy;
  return h('button', {
    type: 'button',
    class: 'link',
    title: c.madeBy,
    'data-focus': `pr-commit:${o.ref}:${c.ref}`,
    'aria-label': `Outcomes of ${taskLabel(task)}, which made commit ${c.ref}`,
    onclick: () => ctx.actions.openTask(task.id, ctx.returnFocus),
  }, taskLabel(task));
}

/** The list, or null for an outcome that is no PR with known commits. */
export function prCommitList(o: PanelOutcome, ctx: PrCommitContext): HTMLElement | null {
  const commits = o.prCommits ?? [];
  if (commits.length === 0) return null;
  const heading = `${commits.length} commit${commits.length === 1 ? '' : 's'} in this PR, and the task that made each:`;
  return h('div', { class: 'pr-commits' },
    h('div', { class: 'pr-commits-head' }, heading),
    h('ul', { 'aria-label': `Commits of PR ${o.ref} and the tasks that made them` }, ...commits.map((c) =>
      h('li', { class: 'pr-commit', 'data-commit': c.ref, 'data-made-by': c.taskId },
        h('code', {}, c.ref),
        c.subject ? h('span', { class: 'subject' }, ` — ${c.subject}`) : null,
        h('span', { class: 'made-by' }, ' · ', madeBy(o, c, ctx))))),
  );
}
