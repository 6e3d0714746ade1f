// What the sections may ask of the app (main.ts implements it).
import type { ExportFormat, PanelQuery, SortKey } from '../shared/protocol';

export interface PanelActions {
  setQuery(query: PanelQuery): void;
  /** Sort by `key`; the same key again flips the direction. */
  sortBy(key: SortKey): void;
  setFilterText(text: string): void;
  /** Show a task's outcomes; `returnFocus` is the data-focus key to go back to on close. */
  openTask(taskId: string, returnFocus: string): void;
  closeTask(): void;
  /** Render more rows of a long task table. */
  showMoreTasks(): void;
  exportAs(format: ExportFormat): void;
  openFile(path: string): void;
}
