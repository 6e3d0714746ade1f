// Reads a list of changed files (in a worker thread or in-process) into one column set.
import { closeSync, openSync } from 'node:fs';
import { type CommandClassifier, createCommandClassifier } from '../activity/commandClassifier';
import { SOURCES } from '../sources/registry';
import type { SourceId, ToolRunEvent } from '../types';
import { type ColumnsData, RecordColumns } from '../store/recordColumns';
import { fingerprint } from './fingerprint';
import { type IncrementResult, readIncrement, statIdentity } from './readIncrement';
import { readWholeFile } from './readWholeFile';

export interface ScanTask {
  fileId: number;
  source: SourceId;
  path: string;
  root: string;
  offset: number;
  state: unknown;
  size: number;
  /** A whole-document file (SourceFile.mode 'whole'): read from its start, its records replace the last read's. */
  whole?: boolean;
  /** SourceFile.companions of a whole file. */
  companions?: string[];
}

export interface ScanFileResult {
  fileId: number;
  result?: IncrementResult;
  state?: unknown;
  skipped: Record<string, number>;
  error?: string;
  /** Of an appended-to log: the fingerprint of the bytes read, [0, offset + pendingBytes) (fingerprint.ts). */
  fp?: string;
  /** For whole-document files: 'read' replaces the file's records; 'retry' (caught mid-rewrite) keeps them. */
  whole?: 'read' | 'retry';
}

export interface ScanBatch {
  columns: ColumnsData;
  files: ScanFileResult[];
  toolRuns: ToolRunEvent[];
}

export interface ScanOptions {
  toolRuns: boolean;
  /** Test-command patterns (regular-expression sources); the defaults when absent or empty. */
  testPatterns?: string[];
}

export function scanFiles(tasks: ScanTask[], options: ScanOptions, onBytes?: (bytes: number) => void): ScanBatch {
  const columns = new RecordColumns();
  const files: ScanFileResult[] = [];
  const toolRuns: ToolRunEvent[] = [];
  const classify = classifierFor(options.testPatterns);
  const parserOptions = { toolRuns: options.toolRuns, classify };
  for (const task of tasks) {
    const skipped: Record<string, number> = {};
    const source = SOURCES[task.source];
    const file = { path: task.path, root: task.root };
    const sink = {
      record: (r: Parameters<RecordColumns['push']>[0]): void => void columns.push(r, task.fileId),
      skip: (reason: string): void => {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
      },
      toolRun: (e: ToolRunEvent): void => {
        // Parsers that report raw commands get them classified here; raw command lines stay in this thread.
        if (e.kind !== undefined) toolRuns.push(e);
        else for (const c of classify(e.command)) toolRuns.push({ ...e, command: c.label, kind: c.kind });
      },
    };
    try {
      if (task.whole) {
        const parser = source.createDocumentParser!({ ...file, mode: 'whole', ...(task.companions ? { companions: task.companions } : {}) }, task.state, parserOptions);
        const result = readWholeFile(task.path, parser, sink, task.companions);
        files.push(result ? { fileId: task.fileId, result, state: parser.state(), skipped, whole: 'read' } : { fileId: task.fileId, skipped, whole: 'retry' });
      } else {
        const parser = source.createParser(file, task.state, parserOptions);
        const fd = openSync(task.path, 'r');
        try {
          const result = readIncrement(task.path, task.offset, parser, sink, { fd, identity: statIdentity(fd) });
          const fp = fingerprint(fd, result.offset + result.pendingBytes);
          files.push({ fileId: task.fileId, result, state: parser.state(), skipped, ...(fp !== undefined ? { fp } : {}) });
        } finally {
          closeSync(fd);
        }
      }
    } catch (err) {
      files.push({ fileId: task.fileId, skipped, error: errorText(err) });
    }
    onBytes?.(Math.max(0, task.size - task.offset));
  }
  return { columns: columns.toData(), files, toolRuns };
}

let cached: { key: string; classify: CommandClassifier } | undefined;
function classifierFor(patterns: string[] | undefined): CommandClassifier {
  const key = JSON.stringify(patterns ?? []);
  if (cached?.key !== key) cached = { key, classify: createCommandClassifier(patterns) };
  return cached.classify;
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
