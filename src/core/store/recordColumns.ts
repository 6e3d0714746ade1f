// Usage records in columns: compact to hold, to send between threads (transferable typed arrays)
// and to persist. Strings (models, sessions, projects, branches) are interned per column set.
import { SOURCE_IDS, type SourceId } from '../types';
import type { UsageRecord } from '../scan/usageRecord';

const F64 = ['ts', 'key1', 'key2', 'cost'] as const;
const U32 = ['input', 'output', 'cacheCreation', 'cacheCreation1h', 'cacheRead', 'reasoning', 'model', 'session', 'project', 'branch', 'file'] as const;
const U8 = ['source', 'flags'] as const;
type F64Name = (typeof F64)[number];
type U32Name = (typeof U32)[number];
type U8Name = (typeof U8)[number];
/** The columns copyFrom copies one by one; a column added to the lists above must be added there too. */
const COLUMN_COUNT = 17;
if (F64.length + U32.length + U8.length !== COLUMN_COUNT) throw new Error('RecordColumns.copyFrom does not copy every column');

export const FLAG_SIDECHAIN = 1;
export const FLAG_FAST = 2;
export const FLAG_HAS_KEY = 4;
export const FLAG_MODEL_FALLBACK = 8;
export const FLAG_DELETED = 16;

export interface ColumnsData {
  length: number;
  f64: Record<F64Name, Float64Array>;
  u32: Record<U32Name, Uint32Array>;
  u8: Record<U8Name, Uint8Array>;
  models: string[];
  sessions: string[];
  projects: string[];
  branches: string[];
}

class Interner {
  readonly values: string[];
  private readonly index = new Map<string, number>();
  constructor(values: string[] = ['']) {
    this.values = values;
    values.forEach((v, i) => this.index.set(v, i));
  }
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

const U32_MAX = 0xffffffff;

export class RecordColumns {
  length = 0;
  private capacity: number;
  f64: Record<F64Name, Float64Array>;
  u32: Record<U32Name, Uint32Array>;
  u8: Record<U8Name, Uint8Array>;
  private readonly models: Interner;
  private readonly sessions: Interner;
  private readonly projects: Interner;
  private readonly branches: Interner;

  constructor(data?: ColumnsData) {
    this.capacity = data ? data.length : 1024;
    this.length = data ? data.length : 0;
    this.f64 = data ? data.f64 : alloc(F64, Float64Array, this.capacity);
    this.u32 = data ? data.u32 : alloc(U32, Uint32Array, this.capacity);
    this.u8 = data ? data.u8 : alloc(U8, Uint8Array, this.capacity);
    this.models = new Interner(data?.models ?? ['']);
    this.sessions = new Interner(data?.sessions ?? ['']);
    this.projects = new Interner(data?.projects ?? ['']);
    this.branches = new Interner(data?.branches ?? ['']);
  }

  /** Appends a record; returns its index. `file` is the caller's file number. */
  push(r: UsageRecord, file: number): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.set(i, r, file);
    return i;
  }

  set(i: number, r: UsageRecord, file: number): void {
    const f = this.f64;
    f.ts[i] = r.timestamp;
    f.key1[i] = r.key1;
    f.key2[i] = r.key2;
    f.cost[i] = r.costUSD ?? Number.NaN;
    const u = this.u32;
    u.input[i] = clampU32(r.input);
    u.output[i] = clampU32(r.output);
    u.cacheCreation[i] = clampU32(r.cacheCreation);
    u.cacheCreation1h[i] = clampU32(r.cacheCreation1h);
    u.cacheRead[i] = clampU32(r.cacheRead);
    u.reasoning[i] = clampU32(r.reasoning);
    u.model[i] = this.models.id(r.model);
    u.session[i] = this.sessions.id(r.sessionId);
    u.project[i] = this.projects.id(r.project);
    u.branch[i] = this.branches.id(r.gitBranch ?? '');
    u.file[i] = file;
    this.u8.source[i] = SOURCE_IDS.indexOf(r.source);
    this.u8.flags[i] =
      (r.sidechain ? FLAG_SIDECHAIN : 0) |
      (r.speed === 'fast' ? FLAG_FAST : 0) |
      (r.hasKey ? FLAG_HAS_KEY : 0) |
      (r.modelIsFallback ? FLAG_MODEL_FALLBACK : 0);
  }

  get(i: number): UsageRecord {
    const u = this.u32;
    const flags = this.u8.flags[i]!;
    const cost = this.f64.cost[i]!;
    const branch = this.branches.values[u.branch[i]!]!;
    return {
      source: SOURCE_IDS[this.u8.source[i]!] as SourceId,
      timestamp: this.f64.ts[i]!,
      key1: this.f64.key1[i]!,
      key2: this.f64.key2[i]!,
      hasKey: (flags & FLAG_HAS_KEY) !== 0,
      sidechain: (flags & FLAG_SIDECHAIN) !== 0,
      input: u.input[i]!,
      output: u.output[i]!,
      cacheCreation: u.cacheCreation[i]!,
      cacheCreation1h: u.cacheCreation1h[i]!,
      cacheRead: u.cacheRead[i]!,
      reasoning: u.reasoning[i]!,
      model: this.models.values[u.model[i]!]!,
      sessionId: this.sessions.values[u.session[i]!]!,
      project: this.projects.values[u.project[i]!]!,
      ...(branch ? { gitBranch: branch } : {}),
      ...(Number.isNaN(cost) ? {} : { costUSD: cost }),
      ...((flags & FLAG_FAST) !== 0 ? { speed: 'fast' as const } : {}),
      ...((flags & FLAG_MODEL_FALLBACK) !== 0 ? { modelIsFallback: true } : {}),
    };
  }

  /** Maps another column set's dictionary ids to this one's (interning what is new). */
  remapFrom(src: RecordColumns): Remap {
    return {
      model: src.models.values.map((v) => this.models.id(v)),
      session: src.sessions.values.map((v) => this.sessions.id(v)),
      project: src.projects.values.map((v) => this.projects.id(v)),
      branch: src.branches.values.map((v) => this.branches.id(v)),
    };
  }

  /** Copies record `j` of `src` into slot `i` (or a new slot when `i` is undefined); returns the slot. */
  copyFrom(src: RecordColumns, j: number, remap: Remap, i?: number): number {
    if (i === undefined) {
      if (this.length === this.capacity) this.grow();
      i = this.length++;
    }
    // Column by column with static names: a loop over the name lists made every access a dynamic
    // lookup, the larger part of a merge. COLUMN_COUNT guards the lists against a column left out here.
    const f = this.f64;
    const sf = src.f64;
    f.ts[i] = sf.ts[j]!;
    f.key1[i] = sf.key1[j]!;
    f.key2[i] = sf.key2[j]!;
    f.cost[i] = sf.cost[j]!;
    const u = this.u32;
    const su = src.u32;
    u.input[i] = su.input[j]!;
    u.output[i] = su.output[j]!;
    u.cacheCreation[i] = su.cacheCreation[j]!;
    u.cacheCreation1h[i] = su.cacheCreation1h[j]!;
    u.cacheRead[i] = su.cacheRead[j]!;
    u.reasoning[i] = su.reasoning[j]!;
    u.model[i] = remap.model[su.model[j]!]!;
    u.session[i] = remap.session[su.session[j]!]!;
    u.project[i] = remap.project[su.project[j]!]!;
    u.branch[i] = remap.branch[su.branch[j]!]!;
    u.file[i] = su.file[j]!;
    this.u8.source[i] = src.u8.source[j]!;
    this.u8.flags[i] = src.u8.flags[j]!;
    return i;
  }

  isDeleted(i: number): boolean {
    return (this.u8.flags[i]! & FLAG_DELETED) !== 0;
  }

  markDeleted(i: number): void {
    this.u8.flags[i]! |= FLAG_DELETED;
  }

  modelName(id: number): string {
    return this.models.values[id]!;
  }
  sessionName(id: number): string {
    return this.sessions.values[id]!;
  }
  projectName(id: number): string {
    return this.projects.values[id]!;
  }
  branchName(id: number): string {
    return this.branches.values[id]!;
  }

  /** The columns as they are, without a copy (valid until the next change). */
  view(): ColumnsData {
    return { length: this.length, f64: this.f64, u32: this.u32, u8: this.u8, models: this.models.values, sessions: this.sessions.values, projects: this.projects.values, branches: this.branches.values };
  }

  /** A trimmed snapshot (live records only when `compact`), safe to transfer or persist. */
  toData(compact = false): ColumnsData {
    let keep: number[] | undefined;
    if (compact) {
      keep = [];
      for (let i = 0; i < this.length; i++) if (!this.isDeleted(i)) keep.push(i);
    }
    const n = keep ? keep.length : this.length;
    const pick = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => {
      if (!keep) return a.slice(0, n) as T;
      const out = new (a.constructor as new (n: number) => T)(n);
      for (let j = 0; j < n; j++) out[j] = a[keep[j]!]!;
      return out;
    };
    return {
      length: n,
      f64: mapColumns(this.f64, pick),
      u32: mapColumns(this.u32, pick),
      u8: mapColumns(this.u8, pick),
      models: this.models.values,
      sessions: this.sessions.values,
      projects: this.projects.values,
      branches: this.branches.values,
    };
  }

  private grow(): void {
    // By a quarter, not double: the store's columns are the largest thing a run holds.
    this.capacity = Math.max(1024, Math.ceil(this.capacity * 1.25) + 1024);
    const resize = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => {
      const out = new (a.constructor as new (n: number) => T)(this.capacity);
      out.set(a);
      return out;
    };
    this.f64 = mapColumns(this.f64, resize);
    this.u32 = mapColumns(this.u32, resize);
    this.u8 = mapColumns(this.u8, resize);
  }
}

function clampU32(n: number): number {
  return n > U32_MAX ? U32_MAX : n < 0 ? 0 : n;
}

function alloc<K extends string, T>(names: readonly K[], Ctor: new (n: number) => T, n: number): Record<K, T> {
  const out = {} as Record<K, T>;
  for (const name of names) out[name] = new Ctor(n);
  return out;
}

function mapColumns<K extends string, T>(cols: Record<K, T>, fn: (a: T) => T): Record<K, T> {
  const out = {} as Record<K, T>;
  for (const k of Object.keys(cols) as K[]) out[k] = fn(cols[k]);
  return out;
}

export interface Remap {
  model: number[];
  session: number[];
  project: number[];
  branch: number[];
}

export const COLUMN_NAMES = { F64, U32, U8 };
