// aggregate() over the saved totals (store/rollups.ts) instead of the records: the same groups, totals
// and unpriced models, from a few rows per session and 15 minutes.
import { type Pricer, type ResolvedPrice, requestCost } from '../pricing/pricing';
import { ROLLUP_TIERS, type RollupData } from '../store/rollups';
import { SOURCE_IDS, type SourceId } from '../types';
import type { Group, UnpricedModel } from './aggregate';
import { emptyTotals } from './usageTotals';

export interface RollupNames {
  modelName(id: number): string;
  projectName(id: number): string;
  sessionName(id: number): string;
}

export interface RollupAggregateOptions {
  sources: readonly SourceId[];
  /** Key of a row's group, or undefined to leave the row out. */
  keyOf: (row: number, rows: RollupData) => string | undefined;
  pricer: Pricer;
}

interface Bucket {
  source: SourceId;
  model: number;
  long: boolean;
  fast: boolean;
  sums: Float64Array;
}

/** Bucket sums: input, output, cacheCreation, cacheCreation1h, cacheRead, reasoning, recordedCost, records, and the list-priced input, output, cacheCreation, cacheCreation1h, cacheRead. */
const SUMS = 13;

/**
 * The groups aggregate() would make of the records these rows sum, or undefined when a model is priced
 * with a long-context threshold the rows do not record (the caller then sums the records).
 */
export function aggregateRollups(rows: RollupData, names: RollupNames, opts: RollupAggregateOptions): { groups: Group[]; unpriced: UnpricedModel[] } | undefined {
  const wanted = new Set(opts.sources.map((s) => SOURCE_IDS.indexOf(s)));
  const prices: (ResolvedPrice | null | undefined)[] = [];
  const tierIndex: number[] = [];
  const priceOf = (model: number): ResolvedPrice | undefined => {
    let p = prices[model];
    if (p === undefined) {
      p = opts.pricer.resolve(names.modelName(model)) ?? null;
      prices[model] = p;
      tierIndex[model] = p?.tier === undefined ? -1 : ROLLUP_TIERS.indexOf(p.tier);
    }
    return p ?? undefined;
  };
  const building = new Map<string, { key: string; buckets: Map<number, Bucket>; models: Set<string>; projectIds: Set<number>; first: number; last: number }>();
  for (let r = 0; r < rows.length; r++) {
    const source = rows.u8.source[r]!;
    if (!wanted.has(source)) continue;
    const key = opts.keyOf(r, rows);
    if (key === undefined) continue;
    const model = rows.u32.model[r]!;
    const price = priceOf(model);
    if (price?.tier !== undefined && tierIndex[model] === -1) return undefined;
    let g = building.get(key);
    if (!g) {
      g = { key, buckets: new Map(), models: new Set(), projectIds: new Set(), first: Infinity, last: -Infinity };
      building.set(key, g);
    }
    if (rows.f64.first[r]! < g.first) g.first = rows.f64.first[r]!;
    if (rows.f64.last[r]! > g.last) g.last = rows.f64.last[r]!;
    g.projectIds.add(rows.u32.project[r]!);
    const kind = rows.u8.kind[r]!;
    const long = price?.tier !== undefined && kind >> 1 > tierIndex[model]!;
    const fast = (kind & 1) !== 0;
    const bucketKey = (model * 4 + (long ? 2 : 0) + (fast ? 1 : 0)) * 256 + source;
    let b = g.buckets.get(bucketKey);
    if (!b) {
      b = { source: SOURCE_IDS[source]!, model, long, fast, sums: new Float64Array(SUMS) };
      g.buckets.set(bucketKey, b);
      g.models.add(names.modelName(model));
    }
    // Column by column with static names (a loop over names is a dynamic lookup per row and column).
    const f = rows.f64;
    const sums = b.sums;
    sums[0]! += f.input[r]!;
    sums[1]! += f.output[r]!;
    sums[2]! += f.cacheCreation[r]!;
    sums[3]! += f.cacheCreation1h[r]!;
    sums[4]! += f.cacheRead[r]!;
    sums[5]! += f.reasoning[r]!;
    sums[6]! += f.recordedCost[r]!;
    sums[7]! += f.records[r]!;
    sums[8]! += f.listInput[r]!;
    sums[9]! += f.listOutput[r]!;
    sums[10]! += f.listCacheCreation[r]!;
    sums[11]! += f.listCacheCreation1h[r]!;
    sums[12]! += f.listCacheRead[r]!;
  }
  const unpriced = new Map<string, UnpricedModel>();
  const groups: Group[] = [];
  for (const g of building.values()) {
    const group: Group = { key: g.key, totals: emptyTotals(), bySource: {}, models: g.models, projects: new Set([...g.projectIds].map((p) => names.projectName(p))), first: g.first, last: g.last };
    for (const b of g.buckets.values()) {
      const [input, output, cacheCreation, cacheCreation1h, cacheRead, reasoning, recordedCost, records, listInput, listOutput, listCacheCreation, listCacheCreation1h, listCacheRead] = b.sums as unknown as number[];
      const listTokens = listInput! + listOutput! + listCacheCreation! + listCacheRead!;
      const price = priceOf(b.model);
      const speed = b.fast ? ('fast' as const) : ('standard' as const);
      const listCost = listTokens === 0 ? 0 : price ? requestCost(price, { input: listInput!, output: listOutput!, cacheCreation: listCacheCreation!, cacheCreation1h: listCacheCreation1h!, cacheRead: listCacheRead!, speed }, b.long) : Number.NaN;
      if (Number.isNaN(listCost)) {
        const modelName = names.modelName(b.model);
        const id = `${b.source}\u0000${modelName}`;
        const entry = unpriced.get(id) ?? { source: b.source, model: modelName, tokens: 0 };
        entry.tokens += listTokens;
        unpriced.set(id, entry);
      }
      const s = (group.bySource[b.source] ??= emptyTotals());
      for (const t of [group.totals, s]) {
        t.inputTokens += input!;
        t.outputTokens += output!;
        t.cacheCreationTokens += cacheCreation!;
        t.cacheReadTokens += cacheRead!;
        t.reasoningTokens += reasoning!;
        t.totalTokens += input! + output! + cacheCreation! + cacheRead!;
        t.records += records!;
        t.costUSD += recordedCost! + (Number.isNaN(listCost) ? 0 : listCost);
        if (Number.isNaN(listCost)) t.unpricedTokens += listTokens;
      }
    }
    groups.push(group);
  }
  return { groups: groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), unpriced: [...unpriced.values()] };
}
