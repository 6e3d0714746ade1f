// A Copilot Chat session (log-formats.md §7.1). The `.json` snapshot is `{version, sessionId,
// creationDate, requests: [{requestId, timestamp, modelId, message, response: […], result: {details,
// timings, usage?, metadata?}}]}`. The `.jsonl` op log replays into the same object: `{kind: 0, v}` is
// the whole session, `{kind: 1, k: [path…], v}` sets the value at a path, `{kind: 2, k: [path…], v: […],
// i?}` appends (from index `i` when given) to the array at a path, `{kind: 3, k}` deletes it.
//
// Each request is one record: its model (`modelId` without the `copilot/` prefix, else the name in
// `result.details`, "Claude Opus 4.5 • 3x"), its time, and tokens only when the request carries usage
// (`result.usage.{promptTokens, completionTokens}` or `result.metadata.{promptTokens, outputTokens}`).
// Tool runs: terminal tool invocations in the response (`toolSpecificData.kind: "terminal"`, the
// command line and `terminalCommandState.exitCode`), and text edit groups as edits.
import type { ParseSink, ParserOptions } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';
import { junkReason, parseFailure } from '../../scan/junkLines';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

export interface ChatFileInfo {
  fallbackSessionId: string;
  project: string;
  jsonl: boolean;
}

/** Replays an op log into the session object; undefined when it has no session yet. */
export function replayOps(bytes: Buffer, sink: ParseSink): Json | undefined {
  let session: Json | undefined;
  for (let ls = 0; ls < bytes.length; ) {
    let le = bytes.indexOf(0x0a, ls);
    const last = le < 0;
    if (last) le = bytes.length;
    const from = ls;
    ls = le + 1;
    // A torn last line is the writer still at work; earlier ones are damage (see junkLines.ts).
    const junk = junkReason(bytes, from, le, false);
    if (junk !== undefined) {
      if (!last) sink.skip(junk);
      continue;
    }
    const text = bytes.toString('utf8', from, le);
    if (!text.trim()) continue;
    let op: unknown;
    try {
      op = JSON.parse(text);
    } catch (err) {
      if (!last) sink.skip(parseFailure(err));
      continue;
    }
    if (!isObject(op)) continue;
    if (op.kind === 0) {
      session = isObject(op.v) ? op.v : undefined;
      continue;
    }
    if (!session || !Array.isArray(op.k) || op.k.length === 0) continue;
    const path = op.k as unknown[];
    let target: unknown = session;
    for (const key of path.slice(0, -1)) {
      target = isObject(target) || Array.isArray(target) ? (target as Record<string, unknown>)[String(key)] : undefined;
      if (target === undefined) break;
    }
    if (!isObject(target) && !Array.isArray(target)) continue;
    const key = String(path[path.length - 1]);
    const holder = target as Record<string, unknown>;
    if (op.kind === 1) holder[key] = op.v;
    else if (op.kind === 2) {
      const arr = Array.isArray(holder[key]) ? (holder[key] as unknown[]) : [];
      if (typeof op.i === 'number' && op.i >= 0) arr.length = Math.min(arr.length, op.i);
      if (Array.isArray(op.v)) arr.push(...op.v);
      holder[key] = arr;
    } else if (op.kind === 3) delete holder[key];
  }
  return session;
}

/** `copilot/claude-sonnet-4.5` → `claude-sonnet-4.5`; else the name in `result.details` ("GPT-5 • 1x" → `gpt-5`). */
export function requestModel(req: Json): string | undefined {
  const id = str(req.modelId);
  if (id) return id.replace(/^copilot\//, '');
  const result = isObject(req.result) ? req.result : {};
  const details = str(result.details);
  const name = details?.split('•')[0]?.trim();
  return name ? name.toLowerCase().replace(/\s+/g, '-') : undefined;
}

export function createChatSessionParser(info: ChatFileInfo, options: ParserOptions): DocumentParser {
  const report = (session: Json, sink: ParseSink): void => {
    const sessionId = str(session.sessionId) ?? info.fallbackSessionId;
    const created = parseTimestamp(session.creationDate);
    const requests = Array.isArray(session.requests) ? session.requests : [];
    requests.forEach((r, i) => {
      if (!isObject(r)) return;
      const ts = parseTimestamp(r.timestamp) ?? created;
      if (ts === undefined) {
        sink.skip('request without a timestamp');
        return;
      }
      const result = isObject(r.result) ? r.result : {};
      // A request still streaming has no result yet: it is counted once it has one.
      if (!r.result && !Array.isArray(r.response)) return;
      const usage = isObject(result.usage) ? result.usage : isObject(result.metadata) ? result.metadata : {};
      const input = count(usage.promptTokens);
      const output = count(usage.completionTokens) || count(usage.outputTokens);
      const model = requestModel(r);
      sink.record(usageRecord('copilot-chat', `${sessionId}|${str(r.requestId) ?? i}`, { sessionId, project: info.project, model, timestamp: ts, input, output }));
      if (options.toolRuns) reportTools(r, sessionId, ts, sink);
    });
  };
  const reportTools = (r: Json, sessionId: string, ts: number, sink: ParseSink): void => {
    if (!Array.isArray(r.response)) return;
    let edited = false;
    for (const part of r.response) {
      if (!isObject(part)) continue;
      if (part.kind === 'textEditGroup' || part.kind === 'notebookEditGroup') edited = true;
      const data = isObject(part.toolSpecificData) ? part.toolSpecificData : undefined;
      if (!data || data.kind !== 'terminal') continue;
      const line = isObject(data.commandLine) ? data.commandLine : {};
      const command = str(line.toolEdited) ?? str(line.userEdited) ?? str(line.original) ?? str(data.command);
      if (!command) continue;
      const state = isObject(data.terminalCommandState) ? data.terminalCommandState : {};
      const exitCode = typeof state.exitCode === 'number' ? state.exitCode : undefined;
      const at = parseTimestamp(state.timestamp) ?? ts;
      // The raw command: the scanner classifies it and keeps only the label.
      sink.toolRun({ source: 'copilot-chat', sessionId, cwd: info.project, command, timestamp: at, ...(exitCode !== undefined ? { exitCode } : {}) });
    }
    if (edited) sink.toolRun({ source: 'copilot-chat', sessionId, cwd: info.project, command: 'Edit', kind: 'edit', timestamp: ts });
  };
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!isObject(doc)) {
        sink.skip('not a chat session');
        return;
      }
      report(doc, sink);
    },
    ...(info.jsonl
      ? {
          parseBytes(bytes: Buffer, _companions: (Buffer | undefined)[], sink: ParseSink): boolean {
            const session = replayOps(bytes, sink);
            if (session) report(session, sink);
            return true;
          },
        }
      : {}),
    state(): unknown {
      return undefined;
    },
  };
}
