// The shapes of the bundled price tables (written by scripts/update-pricing.mjs) and of user overrides.
import { z } from 'zod';

const rate = z.number().nonnegative();

/** One model's list prices in USD per token (LiteLLM's fields, shortened). */
export const modelPriceSchema = z.object({
  i: rate,
  o: rate,
  /** cache write, 5-minute TTL (default: 1.25 × input) */
  cw: rate.optional(),
  /** cache write, 1-hour TTL (default: 2 × input) */
  cw1h: rate.optional(),
  /** cache read (default: 0.1 × input) */
  cr: rate.optional(),
  /** the same classes for requests whose total input exceeds `tier` tokens */
  ia: rate.optional(),
  oa: rate.optional(),
  cwa: rate.optional(),
  cw1ha: rate.optional(),
  cra: rate.optional(),
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

const perMTok = z.number().nonnegative();

/**
 * A user override for one model, in USD per MILLION tokens (what price pages show), e.g.
 * `{ "input": 3, "output": 15, "cacheWrite": 3.75, "cacheRead": 0.3 }`. Omitted cache prices use the
 * same defaults as the bundled table; the `*Above` prices apply past `tierThreshold` total input tokens.
 */
export const modelPriceOverrideSchema = z.strictObject({
  input: perMTok,
  output: perMTok,
  cacheWrite: perMTok.optional(),
  cacheWrite1h: perMTok.optional(),
  cacheRead: perMTok.optional(),
  inputAbove: perMTok.optional(),
  outputAbove: perMTok.optional(),
  cacheWriteAbove: perMTok.optional(),
  cacheWrite1hAbove: perMTok.optional(),
  cacheReadAbove: perMTok.optional(),
  tierThreshold: z.number().int().positive().optional(),
  fastMultiplier: z.number().positive().optional(),
});
export type ModelPriceOverride = z.infer<typeof modelPriceOverrideSchema>;

export const priceOverridesSchema = z.record(z.string(), modelPriceOverrideSchema);

export function overrideToPrice(o: ModelPriceOverride): ModelPrice {
  const price: ModelPrice = { i: o.input / 1e6, o: o.output / 1e6 };
  const perToken = (v: number | undefined): number | undefined => (v === undefined ? undefined : v / 1e6);
  const optional: Partial<ModelPrice> = {
    cw: perToken(o.cacheWrite),
    cw1h: perToken(o.cacheWrite1h),
    cr: perToken(o.cacheRead),
    ia: perToken(o.inputAbove),
    oa: perToken(o.outputAbove),
    cwa: perToken(o.cacheWriteAbove),
    cw1ha: perToken(o.cacheWrite1hAbove),
    cra: perToken(o.cacheReadAbove),
    tier: o.tierThreshold,
    fast: o.fastMultiplier,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(price, { [k]: v });
  return price;
}
