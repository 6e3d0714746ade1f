// An Amp thread document (log-formats.md §9.1): `{id: "T-…", env: {initial: {trees: [{uri}]}},
// messages: [{messageId, role, content: […], usage?}], usageLedger?: {events: […]}}`.
//
// Usage as ccusage 20.0.24 reads it: when the thread has `usageLedger.events`, each event
// `{id, timestamp, model, tokens: {input, output, total}, toMessageId}` is one request, its cache reads and
// writes taken from the assistant message it points to; otherwise each assistant message's `usage`
// `{model, timestamp, inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens}`
// (`totalInputTokens`, `maxInputTokens` and `thinkingBudget` are sums or limits, never added). Parts all
// 0: `total(Tokens)` is the output; a total beyond the parts is output here (ccusage prices it as
// output but shows it in no column). Amp records credits, not dollars: cost is the list price.
//
// Tool runs: `tool_use` blocks paired by id with the `tool_result` of the next user message; shell
// runs (`shell_command` {command, workdir}, older `Bash` {cmd}) with `run.result.exitCode`
// (`run.status` "done" is the lifecycle, not success), edits from `apply_patch`, `edit_file`,
// `create_file` results that are not errors.
import { fileURLToPath } from 'node:url';
import type { ParseSink, ParserOptions } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function count(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

const SHELL_TOOLS = new Set(['shell_command', 'Bash', 'bash']);
const EDIT_TOOLS: Record<string, string> = { apply_patch: 'apply_patch', edit_file: 'Edit', create_file: 'Write' };

/** The working directory of the thread: its first tree's `file://` URI as a path. */
function projectOf(doc: Json): string {
  const env = isObject(doc.env) && isObject(doc.env.initial) ? doc.env.initial : undefined;
  const tree = env && Array.isArray(env.trees) && isObject(env.trees[0]) ? env.trees[0] : undefined;
  const uri = tree ? str(tree.uri) : undefined;
  if (!uri) return '';
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function createAmpDocumentParser(options: ParserOptions): DocumentParser {
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      const thread = isObject(doc) ? str(doc.id) : undefined;
      if (!isObject(doc) || !thread) {
        sink.skip('not an Amp thread');
        return;
      }
      const project = projectOf(doc);
      const messages = Array.isArray(doc.messages) ? doc.messages.filter(isObject) : [];
      const record = (key: string, ts: number, model: string, input: number, output: number, cacheCreation: number, cacheRead: number, total: number): void => {
        const parts = input + output + cacheCreation + cacheRead;
        if (parts === 0 && total === 0) return;
        sink.record(usageRecord('amp', `${thread}|${key}`, { sessionId: thread, project, model, timestamp: ts, input, output: output + Math.max(0, total - parts), cacheCreation, cacheRead }));
      };
      const ledger = isObject(doc.usageLedger) && Array.isArray(doc.usageLedger.events) ? doc.usageLedger.events : undefined;
      if (ledger) {
        const cache = new Map<number, Json>();
        for (const m of messages) if (m.role === 'assistant' && typeof m.messageId === 'number' && isObject(m.usage)) cache.set(m.messageId, m.usage);
        ledger.forEach((ev, i) => {
          if (!isObject(ev)) return;
          const ts = parseTimestamp(str(ev.timestamp));
          const model = str(ev.model);
          if (ts === undefined || !model || !isObject(ev.tokens)) {
            sink.skip('ledger event without timestamp, model or tokens');
            return;
          }
          const u = typeof ev.toMessageId === 'number' ? cache.get(ev.toMessageId) : undefined;
          record(`ledger|${str(ev.id) ?? i}`, ts, model, count(ev.tokens.input), count(ev.tokens.output), count(u?.cacheCreationInputTokens), count(u?.cacheReadInputTokens), count(ev.tokens.total));
        });
      } else {
        messages.forEach((m, i) => {
          if (m.role !== 'assistant' || !isObject(m.usage)) return;
          const u = m.usage;
          const ts = parseTimestamp(str(u.timestamp) ?? str(m.timestamp));
          const model = str(u.model) ?? str(m.model);
          if (ts === undefined || !model) {
            sink.skip('usage without timestamp or model');
            return;
          }
          const id = typeof m.messageId === 'number' || typeof m.messageId === 'string' ? m.messageId : i;
          record(`message|${id}`, ts, model, count(u.inputTokens), count(u.outputTokens), count(u.cacheCreationInputTokens), count(u.cacheReadInputTokens), count(u.totalTokens));
        });
      }
      if (options.toolRuns) reportToolRuns(thread, project, messages, sink);
    },
    state(): unknown {
      return undefined;
    },
  };
}

interface Call {
  name: string;
  command?: string;
  cwd: string;
  ts: number;
}

function reportToolRuns(thread: string, project: string, messages: Json[], sink: ParseSink): void {
  const calls = new Map<string, Call>();
  let lastTs: number | undefined;
  for (const m of messages) {
    const u = isObject(m.usage) ? m.usage : undefined;
    lastTs = parseTimestamp(str(u?.timestamp)) ?? (isObject(m.meta) ? parseTimestamp(m.meta.sentAt) : undefined) ?? lastTs;
    if (!Array.isArray(m.content)) continue;
    for (const block of m.content) {
      if (!isObject(block)) continue;
      if (block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string') {
        const ts = parseTimestamp(block.startTime) ?? lastTs;
        if (ts === undefined) continue;
        const input = isObject(block.input) ? block.input : {};
        const command = str(input.command) ?? str(input.cmd);
        const cwd = str(input.workdir) ?? str(input.cwd) ?? project;
        calls.set(block.id, { name: block.name, cwd, ts, ...(command ? { command } : {}) });
      } else if (block.type === 'tool_result' && typeof block.toolUseID === 'string') {
        const call = calls.get(block.toolUseID);
        if (!call) continue;
        calls.delete(block.toolUseID);
        const run = isObject(block.run) ? block.run : {};
        const result = run.result;
        const failed = run.status === 'error' || run.status === 'cancelled' || run.status === 'rejected-by-user' || (isObject(result) && result.error !== undefined);
        const edit = EDIT_TOOLS[call.name];
        if (edit) {
          if (!failed) sink.toolRun({ source: 'amp', sessionId: thread, cwd: project, command: edit, kind: 'edit', timestamp: call.ts });
        } else if (SHELL_TOOLS.has(call.name) && call.command) {
          const exitCode = isObject(result) && typeof result.exitCode === 'number' ? result.exitCode : undefined;
          // The raw command: the scanner classifies it and keeps only the label.
          sink.toolRun({ source: 'amp', sessionId: thread, cwd: call.cwd, command: call.command, timestamp: call.ts, ...(exitCode !== undefined ? { exitCode } : {}) });
        }
      }
    }
  }
}
