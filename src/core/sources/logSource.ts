import type { FileParser, ParserOptions } from '../scan/fileParser';
import type { DocumentParser } from '../scan/readWholeFile';
import type { SourceId } from '../types';
import type { SourceEnv } from './sourceEnv';

/** A file a source reads, with the root it was found under. */
export interface SourceFile {
  path: string;
  root: string;
  /**
   * 'whole': one JSON document rewritten in place, read whole on every change through the source's
   * createDocumentParser (see scan/readWholeFile.ts). Default: a JSONL log read incrementally.
   */
  mode?: 'whole';
  /**
   * Files read together with this one (e.g. an SQLite database's `-wal`): for a whole file, a change
   * to any of them is a change, and their bytes are handed to the parser with the file's.
   */
  companions?: string[];
}

/** One agent's local logs: where they are and how to read a file of them. */
export interface LogSource {
  readonly id: SourceId;
  readonly displayName: string;
  /** Set when some of the source's counts are estimates, saying which (e.g. output-only counts). */
  readonly approximate?: string;
  /**
   * The logs hold no token counts, only requests and their models: every record is one request with
   * zero tokens, and reports show request counts for it (set `approximate` too).
   */
  readonly tokensUnavailable?: boolean;
  /** The directories this source reads, from the tool's own override variables or its defaults. */
  roots(env: SourceEnv): string[];
  /** The log files under those roots. */
  listFiles(roots: string[]): SourceFile[];
  /** The same list without blocking the thread, for sources whose folders hold thousands of files. */
  listFilesAsync?(roots: string[]): Promise<SourceFile[]>;
  /** A parser for one file, continuing from `state` when the file was read before. */
  createParser(file: SourceFile, state: unknown, options: ParserOptions): FileParser;
  /** The parser of a `mode: 'whole'` file (sources that list such files must have it). */
  createDocumentParser?(file: SourceFile, state: unknown, options: ParserOptions): DocumentParser;
}
