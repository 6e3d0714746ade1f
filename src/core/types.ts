// The normalized shapes every agent's reader maps its records to. All token buckets are disjoint
// except `reasoning`, which is informational: it is already part of `output`.

// Append only: the store keeps sources as indexes into this list.
export const SOURCE_IDS = ['claude', 'codex', 'gemini', 'cline', 'roo-code', 'kilo-code', 'copilot', 'opencode', 'pi', 'amp', 'aider', 'copilot-chat', 'cursor', 'qwen', 'droid', 'openclaw', 'hermes', 'goose', 'kimi', 'kilo-cli', 'codebuff', 'zcode', 'grok', 'antigravity'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface TokenCounts {
  /** Uncached input tokens (cache reads and writes are not included). */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  /** Cache writes, all TTLs. */
  cacheCreation: number;
  /** Cache writes with a 1 hour TTL (a part of cacheCreation, priced higher). */
  cacheCreation1h: number;
  cacheRead: number;
  /** The part of `output` the source reports as reasoning/thinking. */
  reasoning: number;
}

export interface UsageEvent extends TokenCounts {
  source: SourceId;
  sessionId: string;
  /** The working directory the agent ran in (the real path from the record, not an encoded dir name). */
  project: string;
  gitBranch?: string;
  model: string;
  /** Epoch milliseconds (UTC). */
  timestamp: number;
  /** Cost the source itself recorded, when it did. */
  costUSD?: number;
  speed?: 'standard' | 'fast';
  /** The model name was not in the log and was inferred (e.g. old Codex sessions). */
  modelIsFallback?: boolean;
}

/** What a tool run means for outcomes: a test run, a commit, a merge, or a file edit by the agent. */
export type ActivityKind = 'test' | 'commit' | 'merge' | 'edit';

export interface ToolRunEvent {
  source: SourceId;
  sessionId: string;
  cwd: string;
  /**
   * Inside a parser, the command line as the log has it; once `kind` is set, only the short label the
   * classifier gave it (`npm test`, `git commit`, `Edit`). Unclassified commands never leave the scan.
   */
  command: string;
  kind?: ActivityKind;
  /** Undefined when the run has no known exit code yet (background, still running). */
  exitCode?: number;
  timestamp: number;
}

/** Per-file diagnostics: lines that could not be used, counted by reason. */
export interface FileDiagnostics {
  path: string;
  source: SourceId;
  skipped: Record<string, number>;
  error?: string;
}

export function emptyTokens(): TokenCounts {
  return { input: 0, output: 0, cacheCreation: 0, cacheCreation1h: 0, cacheRead: 0, reasoning: 0 };
}

export function totalTokens(t: TokenCounts): number {
  return t.input + t.output + t.cacheCreation + t.cacheRead;
}
