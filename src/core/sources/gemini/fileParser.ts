// Gemini CLI session files (log-formats.md §3.2). The current `.jsonl` is an append-only op log: a
// header line (sessionId, projectHash, startTime…), message lines appended again in full with the same
// `id` whenever they change (tokens and tool calls arrive later; the store keeps the last copy),
// `{"$set": {…}}` metadata patches (a `messages` array there is a full checkpoint: its messages are
// versions like any other), and `{"$rewindTo": id}`. A rewind hides messages from the conversation but
// their requests were made and billed, so their usage stays counted (as ccusage counts it).
// The legacy `.json` is one ConversationRecord document, rewritten whole on every turn.
import type { FileParser, ParseSink, ParserOptions } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import type { DocumentParser } from '../../scan/readWholeFile';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import { type GeminiContext, reportMessage } from './geminiMessage';
import { isObject, parseObjectLine } from '../../scan/jsonLine';

/** What a `.jsonl` file's reading carries from one read to the next. */
interface GeminiFileState {
  sessionId?: string;
  startTime?: number;
  model?: string;
}

// Lines that can matter: messages with tokens, headers, model hints, shell and edit tool calls (and the
// same keys spelled with escapes, see escapedMarker.ts).
const MARKERS = jsonMarkers(['"tokens"', '"sessionId"', '"model"', '"toolCalls"']);

export interface GeminiFileInfo {
  fallbackSessionId: string;
  project: string;
}

export function createGeminiJsonlParser(info: GeminiFileInfo, prior: unknown, options: ParserOptions): FileParser {
  const st: GeminiFileState = isObject(prior) ? { ...(prior as GeminiFileState) } : {};
  const ctx = (): GeminiContext => ({
    sessionId: st.sessionId ?? info.fallbackSessionId,
    project: info.project,
    ...(st.startTime !== undefined ? { startTime: st.startTime } : {}),
    ...(st.model !== undefined ? { model: st.model } : {}),
  });
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, MARKERS, (ls, le) => {
        const line = parseObjectLine(buf.toString('utf8', ls, le), sink);
        if (line) onRecord(line, sink);
      });
    },
    finish(): void {},
    state(): unknown {
      return st;
    },
  };

  function onRecord(rec: Record<string, unknown>, sink: ParseSink): void {
    if (typeof rec.sessionId === 'string' && rec.sessionId) st.sessionId = rec.sessionId;
    if (st.startTime === undefined) {
      const start = parseTimestamp(rec.startTime);
      if (start !== undefined) st.startTime = start;
    }
    if (typeof rec.model === 'string' && rec.model.trim()) st.model = rec.model.trim();
    if (typeof rec.id === 'string') {
      reportMessage(rec, ctx(), sink, options.toolRuns);
      return;
    }
    const set = rec.$set;
    if (isObject(set) && Array.isArray(set.messages)) {
      for (const m of set.messages) if (isObject(m) && typeof m.id === 'string') reportMessage(m, ctx(), sink, options.toolRuns);
    }
  }
}

/** The legacy whole-file session: `{sessionId, startTime, messages: […]}`. */
export function createGeminiDocumentParser(info: GeminiFileInfo, options: ParserOptions): DocumentParser {
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!isObject(doc) || !Array.isArray(doc.messages)) {
        sink.skip('not a Gemini session document');
        return;
      }
      const start = parseTimestamp(doc.startTime) ?? parseTimestamp(doc.lastUpdated);
      const ctx: GeminiContext = {
        sessionId: typeof doc.sessionId === 'string' && doc.sessionId ? doc.sessionId : info.fallbackSessionId,
        project: info.project,
        ...(start !== undefined ? { startTime: start } : {}),
      };
      // No model hint across messages here (ccusage reads each legacy message on its own).
      for (const m of doc.messages) if (isObject(m)) reportMessage(m, ctx, sink, options.toolRuns);
    },
    state(): unknown {
      return undefined;
    },
  };
}
