// The Claude Code file parser: usage from lines with `"usage":{`, and, when asked, the tool calls that
// matter for outcomes (tests, commits, merges, edits) paired with their results by id.
import { createCommandClassifier } from '../../activity/commandClassifier';
import type { FileParser, ParserOptions, ParseSink } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import { markerSearch } from '../../scan/scanBuffer';
import { parseTimestamp } from '../../scan/timestamp';
import { type ClaudeFileContext, parseClaudeUsageLine } from './usageLine';
import { type PendingCall, relevantToolUses, toolResults } from './toolRuns';

const USAGE = markerSearch('"usage":{');
const TOOL_USE = markerSearch('"type":"tool_use"');
const TOOL_RESULT_TEXT = '"tool_use_id":"';
const TOOL_RESULT = markerSearch(TOOL_RESULT_TEXT);
const TOOL_RESULT_BYTES = Buffer.from(TOOL_RESULT_TEXT);

/** Calls still waiting for their result when a read ends (their ids and labels only). */
interface ClaudeFileState {
  pending?: PendingCall[];
}

export function createClaudeParser(ctx: ClaudeFileContext, prior: unknown, options: ParserOptions): FileParser {
  const withToolRuns = options.toolRuns;
  const classify = options.classify ?? createCommandClassifier();
  const markers = withToolRuns ? [USAGE, TOOL_USE, TOOL_RESULT] : [USAGE];
  const pending = new Map<string, PendingCall>();
  for (const p of (prior as ClaudeFileState | undefined)?.pending ?? []) pending.set(p.id, p);
  return {
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, markers, (ls, le, mask) => {
        if (mask & 1) {
          const r = parseClaudeUsageLine(buf, ls, le, ctx);
          if ('record' in r) sink.record(r.record);
          else if ('skip' in r) sink.skip(r.skip);
        }
        if (mask & 6) toolRunLine(buf, ls, le, mask, sink);
      });
    },
    finish(): void {
      // Calls whose result has not arrived stay pending in the state; the next read may bring it.
    },
    state(): unknown {
      return withToolRuns && pending.size > 0 ? { pending: [...pending.values()] } : undefined;
    },
  };

  function toolRunLine(buf: Buffer, ls: number, le: number, mask: number, sink: ParseSink): void {
    if (!(mask & 2) && !hasPendingId(buf, ls, le)) return;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(buf.toString('utf8', ls, le)) as Record<string, unknown>;
    } catch {
      return; // counted by the usage path when it carries usage; otherwise not a usage line
    }
    const timestamp = parseTimestamp(line.timestamp) ?? 0;
    const sessionId = typeof line.sessionId === 'string' ? line.sessionId : ctx.fileSessionId;
    const cwd = typeof line.cwd === 'string' ? line.cwd : ctx.encodedProject;
    for (const use of relevantToolUses(line, classify)) pending.set(use.id, { id: use.id, kinds: use.kinds, sessionId, cwd, timestamp });
    for (const result of toolResults(line)) {
      const p = pending.get(result.toolUseId);
      if (!p) continue;
      pending.delete(result.toolUseId);
      for (const k of p.kinds) {
        // An edit that failed (denied, no match) changed nothing.
        if (k.kind === 'edit' && result.exitCode !== 0) continue;
        sink.toolRun({
          source: 'claude',
          sessionId: p.sessionId,
          cwd: p.cwd,
          command: k.label,
          kind: k.kind,
          ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
          timestamp: timestamp || p.timestamp,
        });
      }
    }
  }

  function hasPendingId(buf: Buffer, ls: number, le: number): boolean {
    if (pending.size === 0) return false;
    let i = TOOL_RESULT(buf, ls, le);
    while (i >= 0) {
      const s = i + TOOL_RESULT_BYTES.length;
      const e = buf.indexOf(0x22, s);
      if (e > s && e < le && pending.has(buf.toString('latin1', s, e))) return true;
      i = TOOL_RESULT(buf, s, le);
    }
    return false;
  }
}
