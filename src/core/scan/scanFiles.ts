// Reads a list of changed files (in a worker thread or in-process) into one column set.
import { SOURCES } from '../sources/registry';
import type { SourceId, ToolRunEvent } from '../types';
import { type ColumnsData, RecordColumns } from './recordColumns';
import { type IncrementResult, readIncrement } from './readIncrement';

export interface ScanTask {
  fileId: number;
  source: SourceId;
  path: string;
  root: string;
  offset: number;
  state: unknown;
  size: number;
}

export interface ScanFileResult {
  fileId: number;
  result?: IncrementResult;
  state?: unknown;
  skipped: Record<string, number>;
  error?: string;
}

export interface ScanBatch {
  columns: ColumnsData;
  files: ScanFileResult[];
  toolRuns: ToolRunEvent[];
}

export interface ScanOptions {
  toolRuns: boolean;
}

export function scanFiles(tasks: ScanTask[], options: ScanOptions, onBytes?: (bytes: number) => void): ScanBatch {
  const columns = new RecordColumns();
  const files: ScanFileResult[] = [];
  const toolRuns: ToolRunEvent[] = [];
  for (const task of tasks) {
    const skipped: Record<string, number> = {};
    const source = SOURCES[task.source];
    const parser = source.createParser({ path: task.path, root: task.root }, task.state, options);
    const sink = {
      record: (r: Parameters<RecordColumns['push']>[0]): void => void columns.push(r, task.fileId),
      skip: (reason: string): void => {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
      },
      toolRun: (e: ToolRunEvent): void => void toolRuns.push(e),
    };
    try {
      const result = readIncrement(task.path, task.offset, parser, sink);
      files.push({ fileId: task.fileId, result, state: parser.state(), skipped });
    } catch (err) {
      files.push({ fileId: task.fileId, skipped, error: errorText(err) });
    }
    onBytes?.(Math.max(0, task.size - task.offset));
  }
  return { columns: columns.toData(), files, toolRuns };
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
