// List-price cost of one request, from the bundled offline tables (a LiteLLM snapshot, plus a small
// hand-kept table for keys the snapshot lacks) and the user's overrides. A model that can't be priced
// gets an unknown cost (undefined) and is remembered, never a cost of 0.
import builtinJson from './prices.builtin.json';
import generatedJson from './prices.generated.json';
import {
  type ModelPrice,
  type ModelPriceOverride,
  overrideToPrice,
  priceOverridesSchema,
  priceTableSchema,
} from './priceTable';

export type { ModelPrice, ModelPriceOverride } from './priceTable';

/** Token counts of one request. Buckets are disjoint except `cacheCreation1h`, a part of `cacheCreation`. */
export interface PricedUsage {
  /** Uncached input. */
  input: number;
  output: number;
  /** All cache writes, whatever their TTL. */
  cacheCreation: number;
  cacheCreation1h: number;
  cacheRead: number;
  speed?: 'standard' | 'fast';
}

export type PriceSource = 'override' | 'litellm' | 'builtin';

export interface ResolvedPrice extends ModelPrice {
  /** The table key the model name resolved to. */
  key: string;
  source: PriceSource;
}

const PROVIDER_PREFIXES = ['anthropic/', 'openai/', 'gemini/', 'xai/', 'zai/', 'deepseek/', 'moonshot/'];

/** Lower-cased, provider path and Bedrock region prefix dropped, `.`/`@` turned into `-`. */
function normalise(name: string): string {
  const lower = name.trim().toLowerCase().replace(/^(?:[a-z]{2,4}\.)?anthropic\./, '');
  return lower.slice(lower.lastIndexOf('/') + 1).replace(/[.@]/g, '-');
}

/** The name without the suffixes that don't change the price: `-fast`, `-latest`, Bedrock `-v1:0`, dates. */
function undecorated(normalised: string): string[] {
  const out = [normalised];
  let n = normalised.replace(/-fast$/, '');
  if (n !== normalised) out.push(n);
  for (const suffix of [/-latest$/, /-v\d+(?::\d+)?$/, /-\d{8}$/, /-\d{4}-\d{2}-\d{2}$/]) {
    const next = n.replace(suffix, '');
    if (next !== n) out.push((n = next));
  }
  return out;
}

/** True when the key found at `at` in `name` stands on word boundaries and isn't followed by a version number. */
function fuzzyFits(name: string, at: number, keyLength: number): boolean {
  if (at > 0 && /[a-z0-9]/.test(name[at - 1]!)) return false;
  const after = name.slice(at + keyLength);
  if (after === '') return true;
  // `-5` continues a version (`claude-opus-4` in `claude-opus-4-5`); `-20250514` or `-0825` is a date.
  return /^[^a-z0-9]/.test(after) && !/^[^a-z0-9]\d{1,2}(?!\d)/.test(after);
}

/** One price table with the lookups ccusage does: exact → provider prefixes → normalised → fuzzy. */
class ModelIndex {
  private readonly byNormalised = new Map<string, string>();

  constructor(private readonly entries: ReadonlyMap<string, ResolvedPrice>) {
    for (const key of [...entries.keys()].sort()) {
      const n = normalise(key);
      const held = this.byNormalised.get(n);
      // A bare key beats a provider-prefixed one with the same model name.
      if (held === undefined || (held.includes('/') && !key.includes('/'))) this.byNormalised.set(n, key);
    }
  }

  find(model: string): ResolvedPrice | undefined {
    const exact = this.entries.get(model) ?? this.withPrefix(model);
    if (exact) return exact;
    const normalised = normalise(model);
    for (const candidate of undecorated(normalised)) {
      const key = this.byNormalised.get(candidate);
      if (key !== undefined) return this.entries.get(key);
    }
    return this.fuzzy(normalised);
  }

  private withPrefix(model: string): ResolvedPrice | undefined {
    for (const prefix of PROVIDER_PREFIXES) {
      const hit = this.entries.get(prefix + model);
      if (hit) return hit;
    }
    const slash = model.lastIndexOf('/');
    return slash >= 0 ? this.entries.get(model.slice(slash + 1)) : undefined;
  }

  /** The longest key contained in the name (ties: the first in key order). */
  private fuzzy(name: string): ResolvedPrice | undefined {
    let best: string | undefined;
    for (const [n, key] of this.byNormalised) {
      if (best !== undefined && n.length <= best.length) continue;
      const at = name.indexOf(n);
      if (at >= 0 && fuzzyFits(name, at, n.length)) best = n;
    }
    return best === undefined ? undefined : this.entries.get(this.byNormalised.get(best)!);
  }
}

function tagged(models: Record<string, ModelPrice>, source: PriceSource): Map<string, ResolvedPrice> {
  return new Map(Object.entries(models).map(([key, price]) => [key, { ...price, key, source }]));
}

interface Bundled {
  index: ModelIndex;
  snapshot: string;
}

let bundled: Bundled | undefined;

/** Built once per process: the generated table, plus builtin entries for keys it lacks. */
function loadBundled(): Bundled {
  const generated = priceTableSchema.parse(generatedJson);
  const builtin = priceTableSchema.parse(builtinJson);
  const entries = tagged(generated.models, 'litellm');
  for (const [key, price] of tagged(builtin.models, 'builtin')) if (!entries.has(key)) entries.set(key, price);
  return { index: new ModelIndex(entries), snapshot: generated.snapshot };
}

export class Pricer {
  /** Which LiteLLM snapshot the bundled prices come from. */
  readonly snapshot: string;
  private readonly bundled: ModelIndex;
  private readonly overrides: ModelIndex | undefined;
  private readonly resolved = new Map<string, ResolvedPrice | undefined>();
  private readonly unknown = new Set<string>();

  /** `overrides` (USD per million tokens, see modelPriceOverrideSchema) win over the bundled tables; invalid ones throw. */
  constructor(opts: { overrides?: Record<string, ModelPriceOverride> } = {}) {
    bundled ??= loadBundled();
    this.bundled = bundled.index;
    this.snapshot = bundled.snapshot;
    if (opts.overrides && Object.keys(opts.overrides).length > 0) {
      const parsed = priceOverridesSchema.parse(opts.overrides);
      const models = Object.fromEntries(Object.entries(parsed).map(([k, o]) => [k, overrideToPrice(o)]));
      this.overrides = new ModelIndex(tagged(models, 'override'));
    }
  }

  resolve(model: string): ResolvedPrice | undefined {
    if (this.resolved.has(model)) return this.resolved.get(model);
    const price = this.overrides?.find(model) ?? this.bundled.find(model);
    this.resolved.set(model, price);
    if (!price) this.unknown.add(model);
    return price;
  }

  /** USD list price of one request, or undefined when the model has no known price. */
  cost(model: string, usage: PricedUsage): number | undefined {
    const p = this.resolve(model);
    return p ? requestCost(p, usage) : undefined;
  }

  /** Model names seen so far that could not be priced, sorted. */
  unknownModels(): string[] {
    return [...this.unknown].sort();
  }
}

/** Whether a request's input crosses the model's long-context threshold. */
export function isLongContext(p: ModelPrice, u: { input: number; cacheCreation: number; cacheRead: number }): boolean {
  return p.tier !== undefined && u.input + u.cacheCreation + u.cacheRead > p.tier;
}

/**
 * Long context is priced per request, as Anthropic bills it: when the request's whole input (uncached,
 * cache writes and cache reads) exceeds the tier threshold, every token of it is at the `_above` rates.
 * Pass `long` to price a sum of requests that are all on the same side of the threshold.
 */
export function requestCost(p: ModelPrice, u: PricedUsage, long = isLongContext(p, u)): number {
  const input = long ? (p.ia ?? p.i) : p.i;
  const output = long ? (p.oa ?? p.o) : p.o;
  const write5m = (long ? (p.cwa ?? p.cw) : p.cw) ?? input * 1.25;
  // ccusage prices 1-hour writes at 2 × input when LiteLLM has no 1-hour price.
  const write1h = (long ? (p.cw1ha ?? (p.ia === undefined ? p.cw1h : undefined)) : p.cw1h) ?? input * 2;
  const read = (long ? (p.cra ?? p.cr) : p.cr) ?? input * 0.1;
  const oneHour = Math.min(u.cacheCreation1h, u.cacheCreation);
  const cost =
    u.input * input + u.output * output + (u.cacheCreation - oneHour) * write5m + oneHour * write1h + u.cacheRead * read;
  // Without a LiteLLM fast multiplier, fast mode is priced like standard.
  return u.speed === 'fast' ? cost * (p.fast ?? 1) : cost;
}
