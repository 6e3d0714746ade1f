import { z } from 'zod';
import { tokenCount } from '../zodHelpers';

/** `message.usage` of a Claude Code assistant line (extra fields are allowed and ignored). */
export const claudeUsageSchema = z.looseObject({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount.optional(),
  cache_read_input_tokens: tokenCount.optional(),
  cache_creation: z
    .looseObject({
      ephemeral_5m_input_tokens: tokenCount.optional(),
      ephemeral_1h_input_tokens: tokenCount.optional(),
    })
    .nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: tokenCount.optional() }).nullish(),
  speed: z.string().nullish(),
});

/** The fields of a Claude Code line that usage accounting reads, however they were extracted. */
export const claudeUsageLineSchema = z.object({
  timestamp: z.string().min(1),
  sessionId: z.string().min(1).optional(),
  cwd: z.string().optional(),
  gitBranch: z.string().optional(),
  isSidechain: z.boolean().optional(),
  requestId: z.string().min(1).optional(),
  version: z.string().regex(/^\d+\.\d+\.\d/, 'not a semver version').optional(),
  costUSD: z.number().nonnegative().optional(),
  message: z.object({
    id: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    usage: claudeUsageSchema,
  }),
});

export type ClaudeUsageLine = z.infer<typeof claudeUsageLineSchema>;
