// A Codebuff `chat-messages.json`: an array of messages; an assistant one (`variant` "ai" or "agent",
// or `role` "assistant") carries its usage in `metadata.usage`, else `metadata.codebuff.usage`, else the
// last assistant entries of `metadata.runState.sessionState.mainAgentState.messageHistory[]`
// (`providerOptions.usage` / `.codebuff.usage`, `.codebuff.model`), each field taken from the first
// place that has it, as ccusage 20.0.24 reads them. Usage keys come in Anthropic style (`inputTokens`,
// `cacheReadInputTokens`, `cacheCreationInputTokens`) or OpenAI style (`prompt_tokens`,
// `completion_tokens`, `prompt_tokens_details.cached_tokens`): the OpenAI prompt count includes its
// cached tokens, which are taken out of input here (ccusage counts them in both). A total beyond the
// parts is output; parts all 0: the total is the output. A message counts once per chat and message id
// (else its time, model, position and counts). Credits are not dollars and are not counted.
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ParseSink } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function pick(o: Json, keys: string[]): number {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  return 0;
}

interface Usage {
  model?: string;
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  extra: number;
  /** The input count includes the cached tokens (OpenAI style). */
  cachedInInput: boolean;
}

const EMPTY: Usage = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, extra: 0, cachedInInput: false };

export function parseUsageObject(v: unknown): Usage {
  if (!isObject(v)) return { ...EMPTY };
  const anthropic = pick(v, ['inputTokens', 'input_tokens']);
  const input = anthropic || pick(v, ['promptTokens', 'prompt_tokens']);
  let output = pick(v, ['outputTokens', 'output_tokens', 'completionTokens', 'completion_tokens']);
  const details = Math.max(isObject(v.promptTokensDetails) ? pick(v.promptTokensDetails, ['cachedTokens']) : 0, isObject(v.prompt_tokens_details) ? pick(v.prompt_tokens_details, ['cached_tokens']) : 0);
  const cacheRead = Math.max(pick(v, ['cacheReadInputTokens', 'cache_read_input_tokens']), details);
  const cacheCreation = pick(v, ['cacheCreationInputTokens', 'cache_creation_input_tokens', 'cacheCreationTokens', 'cache_creation_tokens', 'cachedTokensCreated', 'cached_tokens_created']);
  const total = pick(v, ['totalTokens', 'total_tokens', 'total']);
  const parts = input + output + cacheCreation + cacheRead;
  let extra = 0;
  if (parts === 0) output = total;
  else extra = Math.max(0, total - parts);
  const model = str(v.model);
  return { ...(model ? { model } : {}), input, output, cacheCreation, cacheRead, extra, cachedInInput: anthropic === 0 && input > 0 && details > 0 };
}

/** Fills the fields `into` lacks from `from`. */
function merge(into: Usage, from: Usage): void {
  if (into.input === 0) {
    into.input = from.input;
    into.cachedInInput = from.cachedInInput;
  }
  if (into.output === 0) into.output = from.output;
  if (into.cacheCreation === 0) into.cacheCreation = from.cacheCreation;
  if (into.cacheRead === 0) into.cacheRead = from.cacheRead;
  if (into.extra === 0) into.extra = from.extra;
  into.model ??= from.model;
}

function runStateUsage(metadata: Json): Usage | undefined {
  const rs = metadata.runState;
  const history = isObject(rs) && isObject(rs.sessionState) && isObject(rs.sessionState.mainAgentState) ? rs.sessionState.mainAgentState.messageHistory : undefined;
  if (!Array.isArray(history)) return undefined;
  const usage = { ...EMPTY };
  let found = false;
  for (const item of [...history].reverse()) {
    if (!isObject(item) || item.role !== 'assistant' || !isObject(item.providerOptions)) continue;
    const po = item.providerOptions;
    const u = parseUsageObject(po.usage);
    if (isObject(po.codebuff)) {
      merge(u, parseUsageObject(po.codebuff.usage));
      u.model = str(po.codebuff.model) ?? u.model;
    }
    if (u.input + u.output + u.cacheCreation + u.cacheRead + u.extra > 0 || u.model) found = true;
    merge(usage, u);
  }
  return found ? usage : undefined;
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v < 10_000_000_000 ? v * 1000 : v;
  return typeof v === 'string' ? parseTimestamp(v) : undefined;
}

export function createCodebuffChatParser(path: string): DocumentParser {
  const chatId = basename(dirname(path));
  const projectDir = dirname(dirname(dirname(path)));
  const project = basename(projectDir);
  const channel = basename(dirname(dirname(projectDir))) || 'manicode';
  const session = `${channel}/${project}/${chatId}`;
  // The chat id is its start time with `-` for `:` (2026-01-02T03-04-05.000Z).
  const [day, time] = chatId.split('T');
  const chatTime = time ? parseTimestamp(`${day}T${time.replace('-', ':').replace('-', ':')}`) : undefined;
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!Array.isArray(doc)) {
        sink.skip('not a Codebuff chat');
        return;
      }
      doc.forEach((m, ordinal) => {
        if (!isObject(m) || !['ai', 'agent', 'assistant'].includes(str(m.variant) ?? str(m.role) ?? '')) return;
        const metadata = isObject(m.metadata) ? m.metadata : {};
        const usage = { ...EMPTY, ...(str(metadata.model) ? { model: str(metadata.model)! } : {}) };
        merge(usage, parseUsageObject(metadata.usage));
        if (isObject(metadata.codebuff)) merge(usage, parseUsageObject(metadata.codebuff.usage));
        const rs = runStateUsage(metadata);
        if (rs) merge(usage, rs);
        const input = usage.cachedInInput ? Math.max(0, usage.input - usage.cacheRead) : usage.input;
        const output = usage.output + usage.extra;
        if (input + output + usage.cacheCreation + usage.cacheRead === 0) return;
        let ts = timeOf(m.timestamp) ?? timeOf(m.createdAt) ?? timeOf(metadata.timestamp) ?? chatTime;
        if (ts === undefined) {
          try {
            ts = statSync(path).mtimeMs;
          } catch {
            return;
          }
        }
        const id = str(m.id);
        const key = id ? `${session}|${id}` : `${session}|${ts}|${usage.model ?? ''}|${ordinal}|${usage.input}|${usage.output}|${usage.cacheRead}|${usage.cacheCreation}|${usage.extra}`;
        sink.record(usageRecord('codebuff', key, { sessionId: session, project, model: usage.model, timestamp: ts, input, output, cacheCreation: usage.cacheCreation, cacheRead: usage.cacheRead }));
      });
    },
    state(): unknown {
      return undefined;
    },
  };
}
