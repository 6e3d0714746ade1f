// Grok Build CLI (xAI, `@xai-official/grok`): `~/.grok/sessions/<url-encoded cwd>/<session id>/updates.jsonl`
// (`%USERPROFILE%\.grok` on Windows), append-only, beside `summary.json` (session metadata, rewritten).
// GROK_HOME replaces `~/.grok` (one folder: ccusage 20.0.24 does not split it at commas).
//
// Evidence (no format document exists):
// - Real files, described by people who read their own `~/.grok`: a census of 48 session folders
//   (a public notes file, "What usage.json and updates.jsonl are", Grok 1.0.41): usage objects occur on
//   `turn_completed` updates and nowhere else; each is ONE turn's usage, not a running total (values
//   fall and rise; their sum equals `grok usage`'s session `inputTokens` on 34 of 35 sessions, the 35th
//   differing by exactly its sub-agents' own sessions); `inputTokens + outputTokens == totalTokens`, so
//   `cachedReadTokens` is inside input; cancelled/failed turns have `usage: null`; compaction does not
//   rewrite the log; sub-agents run as sibling session folders with their own `updates.jsonl` (a
//   parent's `subagents/<id>/` holds only `meta.json`/`output.json`), so summing every log counts each
//   token once. A Grok wire-format note (Chinese, from xai-grok-shell `notification.rs` PromptUsage) and
//   several parsers' fixtures give the line: `{"timestamp":1776374400,"method":"_x.ai/session/update",
//   "params":{"sessionId","update":{"sessionUpdate":"turn_completed","prompt_id","stop_reason":"end_turn",
//   "usage":{"inputTokens","outputTokens","cachedReadTokens","cacheCreationTokens","reasoningTokens",
//   "totalTokens","modelCalls","apiDurationMs","costUsdTicks","costIsPartial","numTurns","modelUsage":
//   {"grok-4.5-build":{…the same counts…}}}},"_meta":{"eventId":"019f…","agentTimestampMs":1776374400123}}}`
//   (`timestamp` in epoch seconds; `costUsdTicks` in 1e-10 USD, the unit Grok's guide gives; reasoning
//   is inside output). `summary.json`: `{"info":{"id","cwd"},"git_root_dir","current_model_id",…}`.
// - ccusage's Grok adapter source (ryoppippi/ccusage `rust/crates/ccusage/src/adapter/grok/`, a later
//   revision than the binary) and ccusage 20.0.24's binary strings (GrokUpdateLine, GrokParams, GrokMeta,
//   GrokUsage, GrokModelUsage, GrokSummary(Info), `turn_completed`, `updates.jsonl`, `summary.json`).
// - Black-box runs of `ccusage 20.0.24 grok daily|session --json --offline` on fixture files showed:
//   * files: every `updates.jsonl` at any depth under `<GROK_HOME>/sessions/` (sub-agent folders too),
//     nothing outside `sessions/`, symlinked folders not followed; GROK_HOME empty → `~/.grok`;
//   * lines: `params.update.sessionUpdate == "turn_completed"` exactly, any `method`; `usage.modelUsage`
//     (a non-empty object) gives one entry per model and the top-level counts are then ignored, else the
//     top-level counts under `summary.json` `current_model_id` (else model `unknown`); a malformed
//     `modelUsage` drops the line; an entry whose input, output, cache read and reasoning are all 0 is dropped;
//   * columns: cache read = min(cachedReadTokens, input); cache creation = min(cacheCreationTokens,
//     input − cache read); input = inputTokens − both; output = outputTokens; reasoningTokens are in no
//     column (inside output) and not billed again; total = input + output + cache creation + cache read;
//   * cost: the entry's `costUsdTicks / 1e10` when a positive integer (per model inside `modelUsage`),
//     else priced from tokens;
//   * time: `_meta.agentTimestampMs` (ms) first, else `timestamp` as epoch seconds;
//   * dedup: `eventId` + model across all files, the first copy in path order kept; a line without an
//     eventId is keyed by its file, time, model and counts (the same line twice counts once).
//   * session: `params.sessionId`, else the folder name; project: `summary.json` `info.cwd`, else
//     `git_root_dir`, else the decoded folder name under `sessions/`.
// Where this reader differs, on data Grok does not write: a count that is not a non-negative integer
// fails its line (counted as a skip; ccusage reads it as 0); a line with no usable time is skipped
// (ccusage dates it 1970-01-01) and an ISO `timestamp` is read as such; of two copies of one eventId
// that differ, the one with more tokens is kept (the store's rule for every source). A log that is
// rewritten is read again from its start and its copies dedupe onto what was read (turns cut from it
// stay counted; ccusage keeps no memory). An extra folder with no `sessions/` is searched itself, and
// symlinked folders are followed (once each), as for the other JSONL sources.
//
// Tool runs are not reported: the log has ACP `tool_call`/`tool_call_update` events (`rawInput` variant
// `Bash`, status), but no real sample showing how a command's exit code is written was found.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, listJsonlFiles, type SourceEnv } from '../sourceEnv';
import { createGrokUpdatesParser } from './updatesParser';
import { type GrokSummary, grokSummarySchema } from './updatesSchema';

function grokRoots({ env, home }: SourceEnv): string[] {
  return [env.GROK_HOME?.trim() || join(home, '.grok')];
}

/** The `sessions/` folder of a Grok home; an extra folder without one is taken as a sessions folder itself. */
function sessionsDir(root: string): string {
  const sessions = join(root, 'sessions');
  return isDirectory(sessions) ? sessions : root;
}

function listUpdates(root: string): SourceFile[] {
  return listJsonlFiles(sessionsDir(root))
    .filter((path) => basename(path) === 'updates.jsonl')
    .map((path) => ({ path, root }));
}

function readSummary(path: string): GrokSummary | undefined {
  try {
    const parsed = grokSummarySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The percent-decoded folder that holds the session's folder (`sessions/<encoded cwd>/<session>/`). */
function projectFromPath(root: string, file: string): string {
  const parts = relative(sessionsDir(root), dirname(file)).split(sep).filter(Boolean);
  return parts.length >= 2 ? decodeSegment(parts[parts.length - 2]!) : '';
}

const trimSlashes = (p: string): string => (p.length > 1 ? p.replace(/[/\\]+$/, '') : p);

export const grokSource: LogSource = {
  id: 'grok',
  displayName: 'Grok Build CLI',
  roots: grokRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listUpdates),
  createParser(file: SourceFile, state: unknown, _options: ParserOptions) {
    const summary = readSummary(join(dirname(file.path), 'summary.json'));
    const cwd = summary?.info?.cwd ?? summary?.git_root_dir;
    return createGrokUpdatesParser(
      {
        path: file.path,
        sessionId: basename(dirname(file.path)),
        project: cwd ? trimSlashes(cwd) : projectFromPath(file.root, file.path),
        model: summary?.current_model_id,
      },
      state,
    );
  },
};
