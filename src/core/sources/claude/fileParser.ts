// The Claude Code file parser: usage from lines with a `"usage"` key, and, when asked, the tool calls that
// matter for outcomes (tests, commits, merges, edits) paired with their results by id.
//
// Tool results are most of a transcript's bytes, so they are not searched line by line: the result of
// a relevant call is found directly by its id (usually on the next line), and only that line is parsed.
import { createCommandClassifier } from '../../activity/commandClassifier';
import { memoClassifier } from '../../scan/classifyMemo';
import type { FileParser, ParserOptions, ParseSink } from '../../scan/fileParser';
import { ID_CHARS, jsonMarkers } from '../../scan/escapedMarker';
import { ascii, bytesEqual, indexWithin, keyedStringIndex, readString, skipWhitespace } from '../../scan/jsonBytes';
import { forEachMarkedLine } from '../../scan/markedLines';
import { markerSearch } from '../../scan/scanBuffer';
import { parseTimestamp } from '../../scan/timestamp';
import type { UsageRecord } from '../../scan/usageRecord';
import { type ClaudeFileContext, parseClaudeUsageLine } from './usageLine';
import { interpretResult, type PendingCall, relevantToolUses, toolResults } from './toolRuns';

// Lines that may carry usage or a tool call, however they are spaced (`"usage": {`), plus any line that
// spells one of these keys with escapes (the last marker, see escapedMarker.ts).
const NAME_TEXT = '"name"';
const NAME = markerSearch(NAME_TEXT);
/** Tool names whose calls matter for outcomes, with their closing quote. */
const RELEVANT_TEXTS = ['Bash"', 'Edit"', 'Write"', 'MultiEdit"', 'NotebookEdit"'];
const RELEVANT_NAMES = RELEVANT_TEXTS.map((n) => Buffer.from(n));
const USAGE_MARKERS = jsonMarkers(['"usage"']);
// With tool runs, escapes of any id character too: an answer is looked up by its call's id.
const TOOL_MARKERS = jsonMarkers(['"usage"', '"tool_use"'], [NAME_TEXT, ...RELEVANT_TEXTS, ID_CHARS]);

const TOOL_USE_ID = ascii('tool_use_id');
const TIMESTAMP = Buffer.from('"timestamp":"');
const IS_ERROR = Buffer.from(',"is_error":');
const CONTENT = Buffer.from('"content":');
const TEXT = Buffer.from('"text":"');
const TRUE = Buffer.from('true');

/**
 * The result whose `"tool_use_id":"…"` key starts at `keyAt`, read from the bytes by structural search:
 * a key such as `,"is_error":` cannot occur inside a JSON string (its quotes would be escaped), so native
 * searches find it without walking the (often large) output. Only the error flag and the first bytes of
 * the output are read. Undefined when the shape is not the expected one (the caller parses the line).
 */
function resultFromBytes(buf: Buffer, keyAt: number, le: number): { exitCode?: number; timestamp?: number } | undefined {
  const c = indexWithin(buf, CONTENT, keyAt, le);
  if (c < 0) return undefined;
  const v = c + CONTENT.length;
  let textStart: number;
  if (buf[v] === 0x22) textStart = v + 1;
  else if (buf[v] === 0x5b) {
    const t = indexWithin(buf, TEXT, v, le);
    textStart = t >= 0 ? t + TEXT.length : -1;
  } else return undefined;
  const text = textStart < 0 ? '' : buf.toString('utf8', textStart, Math.min(textStart + 64, le));
  const e = indexWithin(buf, IS_ERROR, v, le);
  const isError = e >= 0 && bytesEqual(buf, e + IS_ERROR.length, e + IS_ERROR.length + TRUE.length, TRUE);
  const t = indexWithin(buf, TIMESTAMP, keyAt, le);
  const ts = t >= 0 ? readString(buf, t + TIMESTAMP.length - 1, le) : undefined;
  const exit = interpretResult(text, isError);
  const timestamp = ts ? parseTimestamp(ts[0]) : undefined;
  return { ...(exit !== undefined ? { exitCode: exit } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
}

const TOOL_USE_HEAD = Buffer.from('{"type":"tool_use","id":"');
const NAME_AFTER_ID = Buffer.from(',"name":"');
const COMMAND = Buffer.from('"command":"');
const SESSION_ID = Buffer.from('"sessionId":"');
const CWD = Buffer.from('"cwd":"');
const EDIT_NAMES = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

interface ToolUseFields {
  timestamp: number;
  sessionId?: string;
  cwd?: string;
  uses: { id: string; kinds: PendingCall['kinds'] }[];
}

function stringAfter(buf: Buffer, key: Buffer, from: number, le: number): [string, number] | undefined {
  const k = indexWithin(buf, key, from, le);
  return k >= 0 ? readString(buf, k + key.length - 1, le) : undefined;
}

/**
 * The relevant tool calls of an assistant line, found by structural search (see resultFromBytes) in
 * Claude Code's key order; the large inputs of edits are never decoded. Undefined when the line is not
 * in that order (the caller parses it).
 */
function toolUseFromBytes(
  buf: Buffer,
  ls: number,
  le: number,
  classify: (command: string) => { kind: 'test' | 'commit' | 'merge'; label: string }[],
  known?: { timestamp: number; sessionId: string; cwd: string },
): ToolUseFields | undefined {
  const uses: ToolUseFields['uses'] = [];
  let at = indexWithin(buf, TOOL_USE_HEAD, ls, le);
  if (at < 0) return undefined;
  while (at >= 0) {
    const id = readString(buf, at + TOOL_USE_HEAD.length - 1, le);
    if (!id || !bytesEqual(buf, id[1], id[1] + NAME_AFTER_ID.length, NAME_AFTER_ID)) return undefined;
    const name = readString(buf, id[1] + NAME_AFTER_ID.length - 1, le);
    if (!name) return undefined;
    if (EDIT_NAMES.has(name[0])) uses.push({ id: id[0], kinds: [{ kind: 'edit', label: name[0] }] });
    else if (name[0] === 'Bash') {
      const command = stringAfter(buf, COMMAND, name[1], le);
      if (!command) return undefined;
      const kinds = classify(command[0]);
      if (kinds.length > 0) uses.push({ id: id[0], kinds });
    }
    at = indexWithin(buf, TOOL_USE_HEAD, name[1], le);
  }
  if (uses.length === 0) return { timestamp: 0, uses };
  if (known) return { ...known, uses };
  const ts = stringAfter(buf, TIMESTAMP, ls, le);
  const sessionId = stringAfter(buf, SESSION_ID, ls, le);
  const cwd = stringAfter(buf, CWD, ls, le);
  return { timestamp: (ts && parseTimestamp(ts[0])) || 0, ...(sessionId ? { sessionId: sessionId[0] } : {}), ...(cwd ? { cwd: cwd[0] } : {}), uses };
}

/** Calls still waiting for their result when a read ends (their ids and labels only). */
interface ClaudeFileState {
  pending?: PendingCall[];
}

export function createClaudeParser(ctx: ClaudeFileContext, prior: unknown, options: ParserOptions): FileParser {
  const withToolRuns = options.toolRuns;
  const classify = memoClassifier(options.classify ?? createCommandClassifier());
  // Bit 0: usage; with tool runs, bit 1: tool_use; the last bit: escapes.
  const markers = withToolRuns ? TOOL_MARKERS : USAGE_MARKERS;
  const escaped = 1 << (markers.length - 1);
  const pending = new Map<string, PendingCall>();
  for (const p of (prior as ClaudeFileState | undefined)?.pending ?? []) pending.set(p.id, p);
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      // Calls left open by an earlier region or read may be answered in this one.
      for (const p of [...pending.values()]) findResult(buf, start, end, p, sink);
      forEachMarkedLine(buf, start, end, markers, (ls, le, mask) => {
        let record: UsageRecord | undefined;
        if (mask & (1 | escaped)) {
          const r = parseClaudeUsageLine(buf, ls, le, ctx);
          if ('record' in r) sink.record((record = r.record));
          else if ('skip' in r) sink.skip(r.skip);
        }
        // A tool call's line is an assistant line: its usage record already holds the session, cwd and time.
        if (withToolRuns && (mask & escaped || (mask & 2 && hasRelevantName(buf, ls, le)))) toolUseLine(buf, ls, le, end, sink, record);
        // An answer whose id is spelled with escapes is not found by its bytes: it is read here instead.
        if (withToolRuns && mask & escaped && pending.size > 0) escapedResults(buf, ls, le, sink);
      });
    },
    finish(): void {
      // Calls whose result has not arrived stay pending in the state; the next read may bring it.
    },
    state(): unknown {
      return withToolRuns && pending.size > 0 ? { pending: [...pending.values()] } : undefined;
    },
  };

  function parseLine(buf: Buffer, ls: number, le: number): Record<string, unknown> | undefined {
    try {
      return JSON.parse(buf.toString('utf8', ls, le)) as Record<string, unknown>;
    } catch {
      return undefined; // counted by the usage path when it carries usage; otherwise not a usage line
    }
  }

  function toolUseLine(buf: Buffer, ls: number, le: number, end: number, sink: ParseSink, record: UsageRecord | undefined): void {
    const known = record && { timestamp: record.timestamp, sessionId: record.sessionId, cwd: record.project };
    const fields = toolUseFromBytes(buf, ls, le, classify, known) ?? toolUseFromJson(buf, ls, le);
    if (!fields) return;
    const sessionId = fields.sessionId ?? ctx.fileSessionId;
    const cwd = fields.cwd ?? ctx.encodedProject;
    for (const use of fields.uses) {
      const call = { id: use.id, kinds: use.kinds, sessionId, cwd, timestamp: fields.timestamp };
      pending.set(use.id, call);
      findResult(buf, le, end, call, sink);
    }
  }

  function toolUseFromJson(buf: Buffer, ls: number, le: number): ToolUseFields | undefined {
    const line = parseLine(buf, ls, le);
    if (!line) return undefined;
    return {
      timestamp: parseTimestamp(line.timestamp) ?? 0,
      ...(typeof line.sessionId === 'string' ? { sessionId: line.sessionId } : {}),
      ...(typeof line.cwd === 'string' ? { cwd: line.cwd } : {}),
      uses: relevantToolUses(line, classify),
    };
  }

  /** Looks for the tool_result answering `call` in [from, end) and reports the call when found. */
  function findResult(buf: Buffer, from: number, end: number, call: PendingCall, sink: ParseSink): void {
    const id = Buffer.from(JSON.stringify(call.id));
    let i = keyedStringIndex(buf, TOOL_USE_ID, id, from, end);
    while (i >= 0) {
      const ls = buf.lastIndexOf(0x0a, i) + 1;
      let le = buf.indexOf(0x0a, i);
      if (le < 0 || le > end) le = end;
      let result = resultFromBytes(buf, i + 1, le);
      if (!result) {
        const line = parseLine(buf, ls, le);
        const r = line && toolResults(line).find((x) => x.toolUseId === call.id);
        if (line && r) result = { ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), ...(parseTimestamp(line.timestamp) ? { timestamp: parseTimestamp(line.timestamp) } : {}) };
      }
      if (result) {
        complete(call, result, sink);
        return;
      }
      i = keyedStringIndex(buf, TOOL_USE_ID, id, le, end);
    }
  }

  /** The results in a line (parsed whole) that answer pending calls. */
  function escapedResults(buf: Buffer, ls: number, le: number, sink: ParseSink): void {
    const line = parseLine(buf, ls, le);
    if (!line) return;
    const timestamp = parseTimestamp(line.timestamp);
    for (const r of toolResults(line)) {
      const call = pending.get(r.toolUseId);
      if (call) complete(call, { ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), ...(timestamp ? { timestamp } : {}) }, sink);
    }
  }

  function complete(call: PendingCall, result: { exitCode?: number; timestamp?: number }, sink: ParseSink): void {
    pending.delete(call.id);
    for (const k of call.kinds) {
      // An edit that failed (denied, no match) changed nothing.
      if (k.kind === 'edit' && result.exitCode !== 0) continue;
      sink.toolRun({
        source: 'claude',
        sessionId: call.sessionId,
        cwd: call.cwd,
        command: k.label,
        kind: k.kind,
        ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
        timestamp: result.timestamp || call.timestamp,
      });
    }
  }

  /** Whether a `"name"` member's string value (any spacing) starts with a relevant tool's name. */
  function hasRelevantName(buf: Buffer, ls: number, le: number): boolean {
    let i = NAME(buf, ls, le);
    while (i >= 0) {
      let s = skipWhitespace(buf, i + NAME_TEXT.length, le);
      if (buf[s] === 0x3a) {
        s = skipWhitespace(buf, s + 1, le);
        if (buf[s] === 0x22) {
          s++;
          for (const name of RELEVANT_NAMES) if (s + name.length <= le && bytesEqual(buf, s, s + name.length, name)) return true;
        }
      }
      i = NAME(buf, i + NAME_TEXT.length, le);
    }
    return false;
  }
}
