import type { CommandClassifier } from '../activity/commandClassifier';
import type { ToolRunEvent } from '../types';
import type { UsageRecord } from './usageRecord';

/** Where a file parser reports what it found. */
export interface ParseSink {
  record(r: UsageRecord): void;
  skip(reason: string): void;
  toolRun(e: ToolRunEvent): void;
}

/** Parses the complete lines of one file, region by region, carrying its own state between reads. */
export interface FileParser {
  /** [start, end) holds whole lines (end is just after a newline, or the end of a final complete line). */
  parseRegion(buf: Buffer, start: number, end: number, sink: ParseSink): void;
  /** Called once the file's new bytes are all read (e.g. to settle look-ahead). */
  finish(sink: ParseSink): void;
  /** JSON-safe state needed to continue from the current offset next time (numbers and ids only). */
  state(): unknown;
  /**
   * Set by parsers of JSONL logs: every line should be one JSON object, so the reader counts the lines
   * that cannot be (see junkLines.ts) as skips and never hands them to `parseRegion`.
   */
  readonly jsonLines?: boolean;
}

export interface ParserOptions {
  /** Report tool runs (commands, edits) besides usage. */
  toolRuns: boolean;
  /** Classifies commands where a parser must decide early what to keep (e.g. across reads). */
  classify?: CommandClassifier;
}
