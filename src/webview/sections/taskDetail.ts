// The drill-down: one task's figures, its outcomes and the evidence that linked each one.
import type { PanelData, PanelOutcome, PanelTask } from '../../shared/protocol';
import { fill, h } from '../dom';
import { awu, integer, localTime, OUTCOME_LABELS, ratioTokens, usd } from '../format';
import type { PanelActions } from '../panelActions';
import { TOKEN_FREE, taskLabel } from '../taskRows';
import { prCommitList, type PrCommitContext } from './prCommits';
import { rowFocusKey } from './taskTable';

/** Why it earned 0; a commit that landed through a PR is no loss (the PR earns for it), so it is said plainly. */
function earnedNothing(o: PanelOutcome): HTMLElement | null {
  if (!o.zeroReason) return null;
  if (o.zeroReason === 'via-pr') return h('div', { class: 'via-pr' }, o.viaPr ? `Landed via PR ${o.viaPr}` : 'Landed via a PR');
  return h('div', { class: 'zero-reason' }, `Earned 0: ${o.zeroText ?? o.zeroReason}`);
}

function outcomeItem(o: PanelOutcome, timeZone: string, ctx: PrCommitContext): HTMLElement {
  return h('li', { class: 'outcome', 'data-outcome': o.ref },
    h('div', { class: 'outcome-head' },
      h('strong', {}, OUTCOME_LABELS[o.kind] ?? o.kind), ' ', h('code', {}, o.ref),
      o.subject ? h('span', { class: 'subject' }, ` — ${o.subject}`) : null,
      h('span', { class: 'awu' }, ` · ${awu(o.awu)} AWU`), h('span', { class: 'when' }, ` · ${localTime(o.at, timeZone)}`)),
    h('div', { class: 'evidence' }, `Linked: ${o.evidence}`),
    earnedNothing(o),
    prCommitList(o, ctx),
  );
}

function facts(t: PanelTask, timeZone: string): HTMLElement {
  const row = (label: string, value: string): HTMLElement[] => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', { class: 'facts' },
    ...row('Task', t.source === TOKEN_FREE ? `token-free (${t.id})` : `${t.source} session ${t.sessionId ?? t.id}`),
    ...row('Project', t.project),
    ...(t.branch ? row('Branch', t.branch) : []),
    ...row('Active', `${localTime(t.start, timeZone)} – ${localTime(t.end, timeZone)}`),
    ...(t.models.length ? row('Models', t.models.join(', ')) : []),
    ...row('Tokens', `${integer(t.tokens.total)} (input ${integer(t.tokens.input)}, output ${integer(t.tokens.output)}, cache write ${integer(t.tokens.cacheCreation)}, cache read ${integer(t.tokens.cacheRead)})`),
    ...row('Cost', usd(t.costUSD)),
    ...row('AWUs', awu(t.awu)),
    ...row('Tokens / AWU', ratioTokens(t.tokensPerAwu)),
  );
}

export function renderTaskDetail(container: HTMLElement, data: PanelData, taskId: string | null, actions: PanelActions): void {
  const task = taskId === null ? undefined : data.tasks.find((t) => t.id === taskId);
  container.hidden = !task;
  if (!task) {
    container.replaceChildren();
    return;
  }
  const outcomes = data.outcomes.filter((o) => o.taskId === task.id).sort((a, b) => (a.at < b.at ? -1 : 1));
  const ctx: PrCommitContext = { current: task, tasks: new Map(data.tasks.map((t) => [t.id, t])), actions, returnFocus: rowFocusKey(task.id) };
  const close = h('button', { type: 'button', class: 'secondary', 'data-focus': 'detail-close', onclick: () => actions.closeTask() }, 'Close');
  const heading = h('h3', { id: 'detail-heading', tabindex: -1, 'data-focus': 'detail-heading' }, `Outcomes of ${taskLabel(task)}`);
  container.setAttribute('aria-labelledby', 'detail-heading');
  fill(container,
    h('div', { class: 'detail-head' }, heading, close),
    facts(task, data.timeZone),
    outcomes.length
      ? h('ul', { class: 'outcomes', 'aria-label': 'Outcomes and their evidence' }, ...outcomes.map((o) => outcomeItem(o, data.timeZone, ctx)))
      : h('p', { class: 'empty' }, 'No outcome is linked to this task.'),
  );
}
