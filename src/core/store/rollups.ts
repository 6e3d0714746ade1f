// Saved totals: the live records summed per 15-minute UTC slot × source × model × project × session ×
// long-context side × speed, kept beside the records so that a run that reads nothing new reports from
// these alone. Every UTC offset in use is a multiple of 15 minutes (Asia/Kolkata +5:30, Asia/Kathmandu
// +5:45, Chatham +12:45), so any zone's local days, weeks and months are unions of whole slots.
// Rebuilt from the records whenever they change, so they dedupe exactly as the records do.
import { FLAG_FAST, type RecordColumns } from './recordColumns';

export const SLOT_MS = 900_000;

/**
 * The long-context thresholds (total input tokens) of the bundled price tables. A row records how many
 * of them its requests exceed, so a model with any of these thresholds is priced on the right side; a
 * model priced with another threshold (a user override) is summed from the records instead.
 */
export const ROLLUP_TIERS: readonly number[] = [128_000, 200_000, 272_000];

const F64 = ['first', 'last', 'records', 'input', 'output', 'cacheCreation', 'cacheCreation1h', 'cacheRead', 'reasoning', 'recordedCost', 'listInput', 'listOutput', 'listCacheCreation', 'listCacheCreation1h', 'listCacheRead'] as const;
const U32 = ['slot', 'model', 'project', 'session'] as const;
/** `kind`: tier side × 2 + fast. */
const U8 = ['source', 'kind'] as const;
export const ROLLUP_COLUMNS = { F64, U32, U8 };
export const ROLLUP_ROW_BYTES = F64.length * 8 + U32.length * 4 + U8.length;

export interface RollupData {
  length: number;
  f64: Record<(typeof F64)[number], Float64Array>;
  u32: Record<(typeof U32)[number], Uint32Array>;
  u8: Record<(typeof U8)[number], Uint8Array>;
}

/** How many of ROLLUP_TIERS a request's total input exceeds. */
export function tierSide(prompt: number): number {
  let side = 0;
  for (const t of ROLLUP_TIERS) if (prompt > t) side++;
  return side;
}

export function emptyRollups(): RollupData {
  return fromColumns(Object.fromEntries([...F64, ...U32, ...U8].map((k) => [k, []])) as unknown as Record<string, number[]>, 0);
}

/** Sums the live records into rows. */
export function rollupsOf(cols: RecordColumns): RollupData {
  const out: Record<string, number[]> = {};
  for (const k of [...F64, ...U32, ...U8]) out[k] = [];
  const rowOf = new Map<string, number>();
  const u = cols.u32;
  const f = cols.f64;
  let row = -1;

  let pSlot = -1, pSource = -1, pKind = -1, pModel = -1, pProject = -1, pSession = -1;
  for (let i = 0; i < cols.length; i++) {
    if (cols.isDeleted(i)) continue;
    const ts = f.ts[i]!;
    const slot = Math.floor(ts / SLOT_MS);
    const input = u.input[i]!;
    const cacheCreation = u.cacheCreation[i]!;
    const cacheRead = u.cacheRead[i]!;
    const source = cols.u8.source[i]!;
    const kind = tierSide(input + cacheCreation + cacheRead) * 2 + ((cols.u8.flags[i]! & FLAG_FAST) !== 0 ? 1 : 0);
    const model = u.model[i]!;
    const project = u.project[i]!;
    const session = u.session[i]!;
    if (slot !== pSlot || source !== pSource || kind !== pKind || model !== pModel || project !== pProject || session !== pSession) {
      const prev = `${slot},${source},${kind},${model},${project},${session}`;
      const found = rowOf.get(prev);
      if (found === undefined) {
        row = out.first!.length;
        rowOf.set(prev, row);
        out.slot!.push(slot);
        out.source!.push(source);
        out.kind!.push(kind);
        out.model!.push(model);
        out.project!.push(project);
        out.session!.push(session);
        out.first!.push(ts);
        out.last!.push(ts);
        for (const k of F64) if (k !== 'first' && k !== 'last') out[k]!.push(0);
      } else row = found;
      pSlot = slot; pSource = source; pKind = kind; pModel = model; pProject = project; pSession = session;
    }
    if (ts < out.first![row]!) out.first![row] = ts;
    if (ts > out.last![row]!) out.last![row] = ts;
    const output = u.output[i]!;
    const cacheCreation1h = u.cacheCreation1h[i]!;
    out.records![row]! += 1;
    out.input![row]! += input;
    out.output![row]! += output;
    out.cacheCreation![row]! += cacheCreation;
    out.cacheCreation1h![row]! += cacheCreation1h;
    out.cacheRead![row]! += cacheRead;
    out.reasoning![row]! += u.reasoning[i]!;
    const cost = f.cost[i]!;
    if (Number.isNaN(cost)) {
      out.listInput![row]! += input;
      out.listOutput![row]! += output;
      out.listCacheCreation![row]! += cacheCreation;
      out.listCacheCreation1h![row]! += cacheCreation1h;
      out.listCacheRead![row]! += cacheRead;
    } else out.recordedCost![row]! += cost;
  }
  return fromColumns(out, out.first!.length);
}

function fromColumns(cols: Record<string, number[]>, n: number): RollupData {
  const f64 = {} as RollupData['f64'];
  for (const k of F64) f64[k] = Float64Array.from(cols[k]!);
  const u32 = {} as RollupData['u32'];
  for (const k of U32) u32[k] = Uint32Array.from(cols[k]!);
  const u8 = {} as RollupData['u8'];
  for (const k of U8) u8[k] = Uint8Array.from(cols[k]!);
  return { length: n, f64, u32, u8 };
}

/** The rows' bytes, column after column (f64s, u32s, u8s), without copying. */
export function rollupBytes(r: RollupData): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const k of F64) parts.push(new Uint8Array(r.f64[k].buffer, r.f64[k].byteOffset, r.length * 8));
  for (const k of U32) parts.push(new Uint8Array(r.u32[k].buffer, r.u32[k].byteOffset, r.length * 4));
  for (const k of U8) parts.push(new Uint8Array(r.u8[k].buffer, r.u8[k].byteOffset, r.length));
  return parts;
}

/** Rows over `bytes` (copied into memory of their own, aligned). */
export function rollupsFrom(bytes: Uint8Array, n: number): RollupData {
  if (bytes.length !== n * ROLLUP_ROW_BYTES) throw new Error(`rollups of ${bytes.length} bytes do not match the header`);
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  let at = 0;
  const view = <T>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, width: number): T => {
    const v = new Ctor(ab, at, n);
    at += n * width;
    return v;
  };
  const f64 = {} as RollupData['f64'];
  for (const k of F64) f64[k] = view(Float64Array, 8);
  const u32 = {} as RollupData['u32'];
  for (const k of U32) u32[k] = view(Uint32Array, 4);
  const u8 = {} as RollupData['u8'];
  for (const k of U8) u8[k] = view(Uint8Array, 1);
  return { length: n, f64, u32, u8 };
}
