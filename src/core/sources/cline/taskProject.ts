// The project (working directory) of a Cline/Roo/Kilo task: the task's own `history_item.json` (Roo,
// Kilo: `workspace`), else its entry in the extension's `state/taskHistory.json` index (Cline:
// `cwdOnTaskInitialization`). Empty when neither says (older builds kept the index in VS Code's state DB).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Item = Record<string, unknown>;

function cwdOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const i = item as Item;
  for (const k of ['cwdOnTaskInitialization', 'workspace']) if (typeof i[k] === 'string' && i[k]) return i[k] as string;
  return undefined;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

// The index is read once per change, not once per task (a scan may read hundreds of tasks).
const indexCache = new Map<string, { size: number; mtimeMs: number; cwd: Map<string, string> }>();

function historyIndex(path: string): Map<string, string> {
  let st;
  try {
    st = statSync(path);
  } catch {
    return new Map();
  }
  const hit = indexCache.get(path);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.cwd;
  const doc = readJson(path);
  const items = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null && Array.isArray((doc as Item).taskHistory) ? ((doc as Item).taskHistory as unknown[]) : [];
  const cwd = new Map<string, string>();
  for (const item of items) {
    const id = (item as Item | null)?.id;
    const dir = cwdOf(item);
    if (typeof id === 'string' && dir) cwd.set(id, dir);
  }
  indexCache.set(path, { size: st.size, mtimeMs: st.mtimeMs, cwd });
  return cwd;
}

/** `storageDir` is the extension's global storage dir (the one holding `tasks/` and `state/`). */
export function taskProject(storageDir: string, taskId: string): string {
  return cwdOf(readJson(join(storageDir, 'tasks', taskId, 'history_item.json'))) ?? historyIndex(join(storageDir, 'state', 'taskHistory.json')).get(taskId) ?? '';
}
