import { z } from 'zod';

/** One model's list prices in USD per token (LiteLLM's fields, shortened; see scripts/update-pricing.mjs). */
export const modelPriceSchema = z.object({
  i: z.number().nonnegative(),
  o: z.number().nonnegative(),
  /** cache write, 5-minute TTL (default: 1.25 × input) */
  cw: z.number().nonnegative().optional(),
  /** cache write, 1-hour TTL (default: 2 × input) */
  cw1h: z.number().nonnegative().optional(),
  /** cache read (default: 0.1 × input) */
  cr: z.number().nonnegative().optional(),
  /** the same classes above the long-context threshold `tier` */
  ia: z.number().nonnegative().optional(),
  oa: z.number().nonnegative().optional(),
  cwa: z.number().nonnegative().optional(),
  cra: z.number().nonnegative().optional(),
  tier: z.number().int().positive().optional(),
  /** multiplier for fast mode */
  fast: z.number().positive().optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const priceTableSchema = z.object({
  source: z.string(),
  snapshot: z.string(),
  models: z.record(z.string(), modelPriceSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/** A user override, in USD per million tokens (what price pages show). */
export const priceOverrideSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative().optional(),
  cacheWrite1h: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative().optional(),
});
export type PriceOverride = z.infer<typeof priceOverrideSchema>;

export function overrideToPrice(o: PriceOverride): ModelPrice {
  const m = 1e-6;
  return {
    i: o.input * m,
    o: o.output * m,
    ...(o.cacheWrite !== undefined ? { cw: o.cacheWrite * m } : {}),
    ...(o.cacheWrite1h !== undefined ? { cw1h: o.cacheWrite1h * m } : {}),
    ...(o.cacheRead !== undefined ? { cr: o.cacheRead * m } : {}),
  };
}
