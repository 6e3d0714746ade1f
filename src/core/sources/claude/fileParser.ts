// The Claude Code file parser: usage from lines with `"usage":{`, and, when asked, Bash tool runs
// (a tool_use named Bash paired with its tool_result by id) for outcome detection.
import type { FileParser, ParseSink } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import { markerSearch } from '../../scan/scanBuffer';
import { parseTimestamp } from '../../scan/timestamp';
import { type ClaudeFileContext, parseClaudeUsageLine } from './usageLine';
import { bashToolResults, bashToolUses, type PendingBash } from './toolRuns';

const USAGE = markerSearch('"usage":{');
const BASH = markerSearch('"name":"Bash"');
const TOOL_RESULT_TEXT = '"tool_use_id":"';
const TOOL_RESULT = markerSearch(TOOL_RESULT_TEXT);
const TOOL_RESULT_BYTES = Buffer.from(TOOL_RESULT_TEXT);

export function createClaudeParser(ctx: ClaudeFileContext, withToolRuns: boolean): FileParser {
  const markers = withToolRuns ? [USAGE, BASH, TOOL_RESULT] : [USAGE];
  const pending = new Map<string, PendingBash>();
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
    finish(sink: ParseSink): void {
      // Commands whose result never arrived (still running, or cut off): reported without an exit code.
      for (const p of pending.values()) sink.toolRun({ ...p.event });
      pending.clear();
    },
    state(): unknown {
      return undefined;
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
    for (const use of bashToolUses(line)) {
      pending.set(use.id, { event: { source: 'claude', sessionId, cwd, command: use.command, timestamp } });
    }
    for (const result of bashToolResults(line)) {
      const p = pending.get(result.toolUseId);
      if (!p) continue;
      pending.delete(result.toolUseId);
      sink.toolRun({ ...p.event, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}), timestamp: timestamp || p.event.timestamp });
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
