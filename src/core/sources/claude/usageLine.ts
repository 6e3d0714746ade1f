// One Claude Code line that carries `message.usage` → a UsageRecord, or the reason it was skipped.
import { hashUtf8 } from '../../scan/byteValues';
import { parseTimestamp } from '../../scan/timestamp';
import type { UsageRecord } from '../../scan/usageRecord';
import { issueReason } from '../zodHelpers';
import { extractClaudeLine } from './extractLine';
import { ClaudeFastReader } from './fastRecord';
import { claudeUsageLineSchema } from './schema';

export interface ClaudeFileContext {
  /** Session id implied by the file's place (`<session>.jsonl`, or the parent of `subagents/`). */
  fileSessionId: string;
  /** The encoded project directory name, used only when a line has no `cwd`. */
  encodedProject: string;
}

export type LineResult = { record: UsageRecord } | { skip: string } | { ignore: true };

const SYNTHETIC = '<synthetic>';

const fastReader = new ClaudeFastReader();

export function parseClaudeUsageLine(buf: Buffer, start: number, end: number, ctx: ClaudeFileContext): LineResult {
  const fast = fastReader.read(buf, start, end, ctx);
  if (fast === null) return { ignore: true };
  if (fast !== undefined) return { record: fast };
  return parseGeneral(buf, start, end, ctx);
}

/** Every line the fast path declines: validated with the zod schema, with the reason when it fails. */
export function parseGeneral(buf: Buffer, start: number, end: number, ctx: ClaudeFileContext): LineResult {
  const extracted = extractClaudeLine(buf, start, end);
  if (!extracted.ok) return { skip: extracted.reason };
  // The marker also matches lines that nest a usage object elsewhere (a Task tool result's
  // `toolUseResult.usage`); a line without `message.usage` is simply not a usage line.
  const message = extracted.fields.message;
  if (typeof message !== 'object' || message === null || !('usage' in message)) return { ignore: true };
  const parsed = claudeUsageLineSchema.safeParse(extracted.fields);
  if (!parsed.success) return { skip: issueReason(parsed.error) };
  const line = parsed.data;
  const { usage } = line.message;
  // API error placeholders: zero usage, no real model.
  if (line.message.model === SYNTHETIC) return { ignore: true };
  const timestamp = parseTimestamp(line.timestamp);
  if (timestamp === undefined) return { skip: 'invalid timestamp' };
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const oneHour = Math.min(usage.cache_creation?.ephemeral_1h_input_tokens ?? 0, cacheCreation);
  const messageId = line.message.id;
  return {
    record: {
      source: 'claude',
      sessionId: line.sessionId ?? ctx.fileSessionId,
      project: line.cwd ?? ctx.encodedProject,
      ...(line.gitBranch ? { gitBranch: line.gitBranch } : {}),
      model: line.message.model ?? 'unknown',
      timestamp,
      input: usage.input_tokens,
      output: usage.output_tokens,
      cacheCreation,
      cacheCreation1h: oneHour,
      cacheRead: usage.cache_read_input_tokens ?? 0,
      reasoning: usage.output_tokens_details?.thinking_tokens ?? 0,
      ...(line.costUSD !== undefined ? { costUSD: line.costUSD } : {}),
      ...(usage.speed === 'fast' ? { speed: 'fast' as const } : {}),
      key1: messageId ? hashUtf8(messageId) : 0,
      key2: line.requestId ? hashUtf8(line.requestId) : 0,
      hasKey: messageId !== undefined,
      sidechain: line.isSidechain === true,
    },
  };
}
