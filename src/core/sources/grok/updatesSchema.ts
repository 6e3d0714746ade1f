// The parts of Grok Build CLI session files that carry usage, as zod schemas (parse at the edge). The
// evidence for these shapes is in grokSource.ts.
import { z } from 'zod';
import { tokenCount } from '../zodHelpers';

const count = tokenCount.optional();

/** A usage object's counts: the turn's sum, or one model's part of it in `modelUsage`. */
const countsShape = {
  inputTokens: count,
  outputTokens: count,
  cachedReadTokens: count,
  cacheCreationTokens: count,
  reasoningTokens: count,
  totalTokens: count,
  /** Grok's recorded cost in ticks of 1e-10 USD; anything but a positive integer is ignored. */
  costUsdTicks: z.unknown().optional(),
};

export const grokModelUsageSchema = z.looseObject(countsShape);
export type GrokCounts = z.infer<typeof grokModelUsageSchema>;

/** `params.update.usage` of a `turn_completed` line (null on cancelled or failed turns). */
export const grokUsageSchema = z.looseObject({
  ...countsShape,
  modelUsage: z.record(z.string(), grokModelUsageSchema).nullish(),
});
export type GrokUsage = z.infer<typeof grokUsageSchema>;

const nonEmpty = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1))
  .optional()
  .catch(undefined);

/** The sibling `summary.json`, rewritten as the session goes on: only the metadata ccusage reads. */
export const grokSummarySchema = z.looseObject({
  info: z.looseObject({ id: nonEmpty, cwd: nonEmpty }).optional().catch(undefined),
  git_root_dir: nonEmpty,
  current_model_id: nonEmpty,
});
export type GrokSummary = z.infer<typeof grokSummarySchema>;
