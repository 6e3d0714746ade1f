// Groups the stored usage records by a calendar or session key, with tokens and cost per group and
// per source. Cost per record: the source's recorded cost when it has one, else the list price.
// List prices are linear in each token class once a request's side of the long-context threshold is
// known, so records are summed per (group, source, model, tier side, speed) and priced once per sum.
import { isLongContext, type Pricer, requestCost } from '../pricing/pricing';
import type { ResolvedPrice } from '../pricing/pricing';
import { FLAG_FAST, type RecordColumns } from '../store/recordColumns';
import { SOURCE_IDS, type SourceId } from '../types';
import { type UsageTotals, emptyTotals } from './usageTotals';

export interface Group {
  key: string;
  totals: UsageTotals;
  bySource: Partial<Record<SourceId, UsageTotals>>;
  models: Set<string>;
  projects: Set<string>;
  first: number;
  last: number;
}

export interface AggregateOptions {
  sources: readonly SourceId[];
  /** Key of a record's group, or undefined to leave the record out (e.g. outside the date range). */
  keyOf: (record: number, cols: RecordColumns) => string | undefined;
  pricer: Pricer;
}

export interface UnpricedModel {
  source: SourceId;
  model: string;
  tokens: number;
}

interface Bucket {
  source: SourceId;
  model: number;
  long: boolean;
  fast: boolean;
  input: number;
  output: number;
  cacheCreation: number;
  cacheCreation1h: number;
  cacheRead: number;
  reasoning: number;
  recordedCost: number;
  records: number;
  /** Tokens of the records priced from the list (those without a recorded cost). */
  listTokens: number;
  listInput: number;
  listOutput: number;
  listCacheCreation: number;
  listCacheCreation1h: number;
  listCacheRead: number;
}

interface Building extends Omit<Group, 'totals' | 'bySource' | 'projects'> {
  buckets: Map<number, Bucket>;
  projectIds: Set<number>;
}

export function aggregate(cols: RecordColumns, opts: AggregateOptions): { groups: Group[]; unpriced: UnpricedModel[] } {
  const wanted = new Set(opts.sources.map((s) => SOURCE_IDS.indexOf(s)));
  const prices: (ResolvedPrice | undefined | null)[] = [];
  const priceOf = (model: number): ResolvedPrice | undefined => {
    let p = prices[model];
    if (p === undefined) {
      p = opts.pricer.resolve(cols.modelName(model)) ?? null;
      prices[model] = p;
    }
    return p ?? undefined;
  };
  const building = new Map<string, Building>();
  const u = cols.u32;
  for (let i = 0; i < cols.length; i++) {
    if (cols.isDeleted(i) || !wanted.has(cols.u8.source[i]!)) continue;
    const key = opts.keyOf(i, cols);
    if (key === undefined) continue;
    let g = building.get(key);
    if (!g) {
      g = { key, buckets: new Map(), models: new Set(), projectIds: new Set(), first: Infinity, last: -Infinity };
      building.set(key, g);
    }
    const ts = cols.f64.ts[i]!;
    if (ts < g.first) g.first = ts;
    if (ts > g.last) g.last = ts;
    const model = u.model[i]!;
    const input = u.input[i]!;
    const cacheCreation = u.cacheCreation[i]!;
    const cacheRead = u.cacheRead[i]!;
    const price = priceOf(model);
    const long = price !== undefined && isLongContext(price, { input, cacheCreation, cacheRead });
    const fast = (cols.u8.flags[i]! & FLAG_FAST) !== 0;
    const source = cols.u8.source[i]!;
    g.projectIds.add(u.project[i]!);
    const bucketKey = (model * 4 + (long ? 2 : 0) + (fast ? 1 : 0)) * 256 + source; // source: a u8 index into SOURCE_IDS
    let b = g.buckets.get(bucketKey);
    if (!b) {
      b = { source: SOURCE_IDS[source]!, model, long, fast, input: 0, output: 0, cacheCreation: 0, cacheCreation1h: 0, cacheRead: 0, reasoning: 0, recordedCost: 0, records: 0, listTokens: 0, listInput: 0, listOutput: 0, listCacheCreation: 0, listCacheCreation1h: 0, listCacheRead: 0 };
      g.buckets.set(bucketKey, b);
      g.models.add(cols.modelName(model));
    }
    const output = u.output[i]!;
    const cacheCreation1h = u.cacheCreation1h[i]!;
    b.input += input;
    b.output += output;
    b.cacheCreation += cacheCreation;
    b.cacheCreation1h += cacheCreation1h;
    b.cacheRead += cacheRead;
    b.reasoning += u.reasoning[i]!;
    b.records++;
    const recorded = cols.f64.cost[i]!;
    if (Number.isNaN(recorded)) {
      b.listTokens += input + output + cacheCreation + cacheRead;
      b.listInput += input;
      b.listOutput += output;
      b.listCacheCreation += cacheCreation;
      b.listCacheCreation1h += cacheCreation1h;
      b.listCacheRead += cacheRead;
    } else {
      b.recordedCost += recorded;
    }
  }
  const unpriced = new Map<string, UnpricedModel>();
  const groups: Group[] = [];
  for (const g of building.values()) {
    const group: Group = { key: g.key, totals: emptyTotals(), bySource: {}, models: g.models, projects: new Set([...g.projectIds].map((p) => cols.projectName(p))), first: g.first, last: g.last };
    for (const b of g.buckets.values()) {
      const price = priceOf(b.model);
      const speed = b.fast ? ('fast' as const) : ('standard' as const);
      const listCost = b.listTokens === 0 ? 0 : price ? requestCost(price, { input: b.listInput, output: b.listOutput, cacheCreation: b.listCacheCreation, cacheCreation1h: b.listCacheCreation1h, cacheRead: b.listCacheRead, speed }, b.long) : Number.NaN;
      if (Number.isNaN(listCost)) {
        const modelName = cols.modelName(b.model);
        const id = `${b.source}\u0000${modelName}`;
        const entry = unpriced.get(id) ?? { source: b.source, model: modelName, tokens: 0 };
        entry.tokens += b.listTokens;
        unpriced.set(id, entry);
      }
      const s = (group.bySource[b.source] ??= emptyTotals());
      for (const t of [group.totals, s]) {
        t.inputTokens += b.input;
        t.outputTokens += b.output;
        t.cacheCreationTokens += b.cacheCreation;
        t.cacheReadTokens += b.cacheRead;
        t.reasoningTokens += b.reasoning;
        t.totalTokens += b.input + b.output + b.cacheCreation + b.cacheRead;
        t.records += b.records;
        t.costUSD += b.recordedCost + (Number.isNaN(listCost) ? 0 : listCost);
        if (Number.isNaN(listCost)) t.unpricedTokens += b.listTokens;
      }
    }
    groups.push(group);
  }
  // The unknown-model list of the pricer is filled by resolve(); ours carries token counts too.
  return { groups: groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), unpriced: [...unpriced.values()] };
}
