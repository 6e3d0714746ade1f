// Groups the stored usage records by a calendar or session key, with tokens and cost per group and
// per source. Cost per record: the source's recorded cost when it has one, else the list price.
import type { Pricer } from '../pricing/pricing';
import type { RecordColumns } from '../scan/recordColumns';
import { FLAG_FAST } from '../scan/recordColumns';
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

export function aggregate(cols: RecordColumns, opts: AggregateOptions): { groups: Group[]; unpriced: UnpricedModel[] } {
  const wanted = new Set(opts.sources.map((s) => SOURCE_IDS.indexOf(s)));
  const groups = new Map<string, Group>();
  const unpriced = new Map<string, UnpricedModel>();
  const u = cols.u32;
  for (let i = 0; i < cols.length; i++) {
    if (cols.isDeleted(i) || !wanted.has(cols.u8.source[i]!)) continue;
    const key = opts.keyOf(i, cols);
    if (key === undefined) continue;
    const source = SOURCE_IDS[cols.u8.source[i]!]!;
    const model = cols.modelName(u.model[i]!);
    const input = u.input[i]!;
    const output = u.output[i]!;
    const cacheCreation = u.cacheCreation[i]!;
    const cacheRead = u.cacheRead[i]!;
    const tokens = input + output + cacheCreation + cacheRead;
    let cost = cols.f64.cost[i]!;
    if (Number.isNaN(cost)) {
      const priced = opts.pricer.cost(model, { input, output, cacheCreation, cacheCreation1h: u.cacheCreation1h[i]!, cacheRead, speed: (cols.u8.flags[i]! & FLAG_FAST) !== 0 ? 'fast' : 'standard' });
      if (priced === undefined) {
        const id = `${source}\u0000${model}`;
        const entry = unpriced.get(id) ?? { source, model, tokens: 0 };
        entry.tokens += tokens;
        unpriced.set(id, entry);
      }
      cost = priced ?? Number.NaN;
    }
    let g = groups.get(key);
    if (!g) {
      g = { key, totals: emptyTotals(), bySource: {}, models: new Set(), projects: new Set(), first: Infinity, last: -Infinity };
      groups.set(key, g);
    }
    const ts = cols.f64.ts[i]!;
    if (ts < g.first) g.first = ts;
    if (ts > g.last) g.last = ts;
    g.models.add(model);
    g.projects.add(cols.projectName(u.project[i]!));
    const s = (g.bySource[source] ??= emptyTotals());
    for (const t of [g.totals, s]) {
      t.inputTokens += input;
      t.outputTokens += output;
      t.cacheCreationTokens += cacheCreation;
      t.cacheReadTokens += cacheRead;
      t.reasoningTokens += u.reasoning[i]!;
      t.totalTokens += tokens;
      if (Number.isNaN(cost)) t.unpricedTokens += tokens;
      else t.costUSD += cost;
    }
  }
  return { groups: [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), unpriced: [...unpriced.values()] };
}
