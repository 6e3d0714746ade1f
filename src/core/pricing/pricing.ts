// List-price cost of one request, from the bundled offline table (LiteLLM snapshot, plus a small
// hand-kept table for newer models) and the user's overrides. A model that can't be priced gets an
// unknown cost (undefined), never 0.
import builtin from './prices.builtin.json';
import generated from './prices.generated.json';
import { type ModelPrice, overrideToPrice, type PriceOverride, type PriceTable } from './priceTable';

export interface PricedUsage {
  /** Uncached input. */
  input: number;
  output: number;
  /** All cache writes; `cacheCreation1h` is the 1-hour part of them. */
  cacheCreation: number;
  cacheCreation1h: number;
  cacheRead: number;
  speed?: 'standard' | 'fast';
}

const PROVIDER_PREFIXES = ['anthropic/', 'openai/', 'gemini/', 'xai/', 'deepseek/', 'zai/', 'moonshot/'];

/** The bundled tables are validated against priceTableSchema by the tests and the generator, not on every start. */
function bundledModels(): Map<string, ModelPrice> {
  const gen = generated as PriceTable;
  const own = builtin as PriceTable;
  const models = new Map<string, ModelPrice>(Object.entries(gen.models));
  for (const [k, v] of Object.entries(own.models)) if (!models.has(k)) models.set(k, v);
  return models;
}

let bundled: Map<string, ModelPrice> | undefined;

export class Pricer {
  readonly snapshot: string;
  private readonly models: Map<string, ModelPrice>;
  private readonly resolved = new Map<string, ModelPrice | undefined>();
  private readonly unknown = new Set<string>();

  constructor(opts: { overrides?: Record<string, PriceOverride> } = {}) {
    bundled ??= bundledModels();
    this.models = new Map(bundled);
    for (const [model, o] of Object.entries(opts.overrides ?? {})) this.models.set(model, overrideToPrice(o));
    this.snapshot = (generated as { snapshot?: string }).snapshot ?? 'unknown';
  }

  resolve(model: string): ModelPrice | undefined {
    if (this.resolved.has(model)) return this.resolved.get(model);
    const price = this.lookup(model);
    this.resolved.set(model, price);
    if (!price) this.unknown.add(model);
    return price;
  }

  unknownModels(): string[] {
    return [...this.unknown].sort();
  }

  cost(model: string, u: PricedUsage): number | undefined {
    const p = this.resolve(model);
    if (!p) return undefined;
    const totalInput = u.input + u.cacheCreation + u.cacheRead;
    // Long context is priced per request (Anthropic): past the threshold, every token of the request is.
    const long = p.tier !== undefined && totalInput > p.tier;
    const input = long ? (p.ia ?? p.i) : p.i;
    const output = long ? (p.oa ?? p.o) : p.o;
    const write5m = long ? (p.cwa ?? p.cw ?? input * 1.25) : (p.cw ?? p.i * 1.25);
    const write1h = p.cw1h !== undefined && !long ? p.cw1h : input * 2;
    const read = long ? (p.cra ?? p.cr ?? input * 0.1) : (p.cr ?? p.i * 0.1);
    const oneHour = Math.min(u.cacheCreation1h, u.cacheCreation);
    const cost = u.input * input + u.output * output + (u.cacheCreation - oneHour) * write5m + oneHour * write1h + u.cacheRead * read;
    return u.speed === 'fast' ? cost * (p.fast ?? 1) : cost;
  }

  private lookup(model: string): ModelPrice | undefined {
    const name = model.trim();
    const direct = this.exact(name);
    if (direct) return direct;
    const normalised = name.toLowerCase().replace(/[.@]/g, '-').replace(/-fast$/, '');
    const candidates = [normalised, normalised.replace(/-\d{8}$/, ''), normalised.replace(/-v\d+(:\d+)?$/, '')];
    for (const c of candidates) {
      const hit = this.exact(c) ?? this.exact(c.replace(/-(\d)-(\d)(?=$|-)/, '-$1.$2'));
      if (hit) return hit;
    }
    return this.fuzzy(normalised);
  }

  private exact(name: string): ModelPrice | undefined {
    const hit = this.models.get(name);
    if (hit) return hit;
    for (const prefix of PROVIDER_PREFIXES) {
      const withPrefix = this.models.get(prefix + name);
      if (withPrefix) return withPrefix;
      if (name.startsWith(prefix)) {
        const without = this.models.get(name.slice(prefix.length));
        if (without) return without;
      }
    }
    return undefined;
  }

  /** The longest known key found inside the name at word boundaries, not followed by a version digit. */
  private fuzzy(name: string): ModelPrice | undefined {
    let best: string | undefined;
    for (const key of this.models.keys()) {
      const k = key.toLowerCase().replace(/[.@]/g, '-').replace(/^[a-z]+\//, '');
      if (k.length < 4 || (best !== undefined && k.length <= best.length)) continue;
      const at = name.indexOf(k);
      if (at < 0) continue;
      const before = at === 0 ? '' : name[at - 1]!;
      const after = name.slice(at + k.length);
      if (before && /[a-z0-9]/.test(before)) continue;
      if (after && !/^[^a-z0-9]/.test(after)) continue;
      if (/^-\d/.test(after) && !/^-\d{8}/.test(after)) continue;
      best = key;
    }
    return best ? this.models.get(best) : undefined;
  }
}
