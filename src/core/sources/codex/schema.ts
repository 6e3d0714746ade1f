import { z } from 'zod';
import { tokenCount } from '../zodHelpers';

export const codexRawUsageSchema = z.looseObject({
  input_tokens: tokenCount.default(0),
  cached_input_tokens: tokenCount.default(0),
  output_tokens: tokenCount.default(0),
  reasoning_output_tokens: tokenCount.default(0),
  total_tokens: tokenCount.optional(),
});
export type CodexRawUsage = z.infer<typeof codexRawUsageSchema>;

export const codexTokenCountSchema = z.looseObject({
  type: z.literal('token_count'),
  info: z
    .looseObject({
      total_token_usage: codexRawUsageSchema.nullish(),
      last_token_usage: codexRawUsageSchema.nullish(),
      model: z.string().nullish(),
    })
    .nullish(),
  model: z.string().nullish(),
});

export const codexLineSchema = z.looseObject({
  timestamp: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  payload: z.looseObject({}).optional(),
});
