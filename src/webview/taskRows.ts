// The task table's rows: labels, the free-text filter and the sort (pure, so the order is predictable).
import type { PanelTask, SortKey } from '../shared/protocol';

export const TOKEN_FREE = 'token-free';

/** The task's name (its PR, first commit, branch, or project and start), as the host worded it. */
export function taskLabel(t: PanelTask): string {
  return t.name;
}

/** What the task is underneath its name: `claude session 1a2b3c4d…` or `token-free`, and its id. */
export function taskIdentity(t: PanelTask): string {
  return t.source === TOKEN_FREE ? `token-free · ${t.id}` : `${t.source} session ${t.sessionId ?? t.id} · ${t.id}`;
}

export function matchesFilter(t: PanelTask, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return [t.id, t.source, t.project, t.branch ?? '', taskLabel(t), ...t.models].some((s) => s.toLowerCase().includes(needle));
}

/** The sort value; null sorts last in either direction. */
function value(t: PanelTask, key: SortKey): string | number | null {
  switch (key) {
    case 'task':
      return taskLabel(t);
    case 'project':
      return t.project;
    case 'start':
      return t.start;
    case 'tokens':
      return t.tokens.total;
    case 'cost':
      return t.costUSD;
    case 'awu':
      return t.awu;
    case 'tokensPerAwu':
      return t.tokensPerAwu;
    case 'outcomes':
      return t.outcomes;
  }
}

export function sortTasks(tasks: readonly PanelTask[], key: SortKey, dir: 'asc' | 'desc'): PanelTask[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...tasks].sort((a, b) => {
    const va = value(a, key);
    const vb = value(b, key);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : a.id.localeCompare(b.id);
  });
}

export function visibleTasks(tasks: readonly PanelTask[], filterText: string, key: SortKey, dir: 'asc' | 'desc'): PanelTask[] {
  return sortTasks(tasks.filter((t) => matchesFilter(t, filterText)), key, dir);
}
