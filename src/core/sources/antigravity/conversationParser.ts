// One Antigravity conversation database (`conversations/<uuid>.db`, SQLite with protobuf blobs). There
// is no format document; what this reads, and how, comes from:
// - ccusage's Antigravity adapter, read in the public code corpus (`adapters/antigravity/src/parser.rs`,
//   `loader.rs`, `paths.rs`, whose error strings and queries are those of the 20.0.24 binary): the
//   queries `SELECT idx, data FROM gen_metadata ORDER BY idx`, `SELECT idx, metadata FROM steps WHERE
//   metadata IS NOT NULL ORDER BY idx` and `SELECT data FROM trajectory_metadata_blob ORDER BY rowid`,
//   and the field numbers below;
// - the 20.0.24 binary run on databases made with the real SQLite (`ccusage antigravity daily|session
//   --json --offline`), which confirmed each rule below, the model names (models.ts) and the file's
//   mtime as the last fallback date.
// Layout. gen_metadata.data: field 1 = chat model {3 model id, 4 usage, 9 generation info {4 time},
// 17 retries (each {2 usage}), 19 (else 21) model name}. steps.metadata: {8 (else 1) time, 9 usage,
// 24 model info {1 model id, 8 / 12 model name, 7 API provider}, 28 retries}.
// trajectory_metadata_blob.data: {2 creation time}. Times are {1 seconds, 2 nanos}. Usage: {1 model
// id, 2 input (cache not included), 3 total output, 4 cache writes, 5 cache reads, 9 reasoning,
// 10 visible output, 7 message id, 11 response id, 12 provider message id}.
// Rules (as ccusage): steps' usages and retries first, then gen_metadata's, each in idx order; a usage
// without tokens is none; total output = max(field 3, visible + reasoning), visible output = max(field
// 10, total - reasoning), reasoning = the rest; the time is the row's own (else that of an earlier usage
// with a shared id, else the conversation's creation time, else the file's mtime); the model is the
// usage's model id, else the row's (a step without one takes gen_metadata's last; a gen_metadata row
// without one, the previous row's), else `gemini-internal-model`. Usages sharing a response, provider
// or message id are one call: each count is the largest of the copies, the time the best ranked and
// earliest one, the model the first copy's.
// Deviations, on data ccusage refuses or mishandles: a malformed blob (ccusage fails the whole report)
// is a skipped row here; a database without gen_metadata is skipped with a diagnostic (ccusage fails).
// Across databases, copies of a call are counted once through its best id (response, else provider,
// else message; the store keeps the larger copy) rather than merged field by field, and a call with no
// id is keyed by its conversation and row, so a backup copy of a conversation counts once.
// Not read: the project (the workspace URI in trajectory_metadata_blob has no field number in any
// public evidence), tool runs, and the older encrypted `.pb` conversations.
import type { DocumentParser } from '../../scan/readWholeFile';
import type { SqliteImage, SqlValue } from '../../scan/sqliteReader';
import type { UsageRecord } from '../../scan/usageRecord';
import { sqliteDocumentParser, usageRecord } from '../sourceRecords';
import { modelOfId, normalizeModel } from './models';
import { allBytes, decodeFields, firstBytes, lastText, lastVarint, ProtoError, type ProtoField } from './protobuf';

export const DEFAULT_MODEL = 'gemini-internal-model';

/** Ranks of a call's time: its row's own, an earlier copy's, the conversation's creation, the file's mtime. */
const OWN = 3;
const CONVERSATION = 1;
const FILE = 0;

export interface AntigravityUsage {
  modelId?: number;
  input: number;
  totalOutput: number;
  cacheCreation: number;
  cacheRead: number;
  reasoning: number;
  visibleOutput: number;
  messageId?: string;
  responseId?: string;
  providerMessageId?: string;
}

interface RowMetadata {
  model?: string;
  modelId?: number;
  usage?: AntigravityUsage;
  retries: AntigravityUsage[];
  timestamp?: number;
}

/** One model call, after its copies are merged. */
export interface AntigravityCall {
  timestamp: number;
  rank: number;
  model: string;
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  reasoning: number;
  totalOutput: number;
  /** The best id: [id, 3 response / 2 provider / 1 message or none]. */
  messageId: [string | undefined, number];
  identities: string[];
  /** Where a call without ids was read (conversation, table, row, usage). */
  origin: string;
}

const count = (fields: ProtoField[], n: number): number => lastVarint(fields, n) ?? 0;

export function parseUsage(blob: Uint8Array): AntigravityUsage {
  const f = decodeFields(blob);
  const modelId = lastVarint(f, 1) || undefined;
  const usage: AntigravityUsage = { input: count(f, 2), totalOutput: count(f, 3), cacheCreation: count(f, 4), cacheRead: count(f, 5), reasoning: count(f, 9), visibleOutput: count(f, 10) };
  if (modelId) usage.modelId = modelId;
  const messageId = lastText(f, 7);
  const responseId = lastText(f, 11);
  const providerMessageId = lastText(f, 12);
  if (messageId) usage.messageId = messageId;
  if (responseId) usage.responseId = responseId;
  if (providerMessageId) usage.providerMessageId = providerMessageId;
  return usage;
}

/** A `{1 seconds, 2 nanos}` time in ms; undefined when seconds are not above 0 (or out of range). */
export function parseTime(blob: Uint8Array): number | undefined {
  const f = decodeFields(blob);
  const seconds = lastVarint(f, 1);
  if (!seconds || seconds >= 2 ** 63) return undefined;
  const nanos = Math.min(lastVarint(f, 2) ?? 0, 999_999_999);
  const ms = seconds * 1000 + Math.floor(nanos / 1_000_000);
  return ms <= 8.64e15 ? ms : undefined;
}

function retries(fields: ProtoField[], n: number): AntigravityUsage[] {
  return allBytes(fields, n).flatMap((r) => {
    const usage = firstBytes(decodeFields(r), 2);
    return usage ? [parseUsage(usage)] : [];
  });
}

function timeOf(blob: Uint8Array | undefined): number | undefined {
  return blob ? parseTime(blob) : undefined;
}

export function parseGenMetadata(blob: Uint8Array): RowMetadata {
  const chat = firstBytes(decodeFields(blob), 1);
  if (!chat) throw new ProtoError('missing chat model field 1');
  const f = decodeFields(chat);
  const usage = firstBytes(f, 4);
  const info = firstBytes(f, 9);
  const timestamp = info ? timeOf(firstBytes(decodeFields(info), 4)) : undefined;
  const model = lastText(f, 19) ?? lastText(f, 21);
  const modelId = lastVarint(f, 3) || undefined;
  return { model, modelId, usage: usage ? parseUsage(usage) : undefined, retries: retries(f, 17), timestamp };
}

export function parseStepMetadata(blob: Uint8Array): RowMetadata {
  const f = decodeFields(blob);
  const usage = firstBytes(f, 9);
  const calls = retries(f, 28);
  const info = firstBytes(f, 24);
  const infoFields = info ? decodeFields(info) : [];
  const timestamp = timeOf(firstBytes(f, 8) ?? firstBytes(f, 1));
  return { model: lastText(infoFields, 12) ?? lastText(infoFields, 8), modelId: lastVarint(infoFields, 1) || undefined, usage: usage ? parseUsage(usage) : undefined, retries: calls, timestamp };
}

const hasTokens = (u: AntigravityUsage): boolean => u.input > 0 || u.totalOutput > 0 || u.cacheCreation > 0 || u.cacheRead > 0 || u.reasoning > 0 || u.visibleOutput > 0;

function identities(u: AntigravityUsage): string[] {
  return [u.responseId && `response:${u.responseId}`, u.providerMessageId && `provider:${u.providerMessageId}`, u.messageId && `message:${u.messageId}`].filter((s): s is string => !!s);
}

function bestId(u: AntigravityUsage): [string | undefined, number] {
  if (u.responseId) return [u.responseId, 3];
  if (u.providerMessageId) return [u.providerMessageId, 2];
  return [u.messageId, 1];
}

/** Collects a conversation's calls in read order, dating each as ccusage does. */
class CallCollector {
  readonly calls: AntigravityCall[] = [];
  private readonly idTimes = new Map<string, [number, number]>();

  constructor(
    private readonly conversationTime: number | undefined,
    private readonly fileTime: number | undefined,
  ) {}

  add(u: AntigravityUsage, model: string | undefined, own: number | undefined, origin: string): boolean {
    if (!hasTokens(u)) return true;
    const ids = identities(u);
    let when: [number, number] | undefined = own !== undefined ? [own, OWN] : undefined;
    for (const id of ids) when ??= this.idTimes.get(id);
    if (!when && this.conversationTime !== undefined) when = [this.conversationTime, CONVERSATION];
    if (!when && this.fileTime !== undefined) when = [this.fileTime, FILE];
    if (!when) return false;
    const [timestamp, rank] = when;
    const totalOutput = Math.max(u.totalOutput, u.visibleOutput + u.reasoning);
    const output = Math.max(u.visibleOutput, Math.max(0, totalOutput - u.reasoning));
    const reasoning = Math.max(u.reasoning, Math.max(0, totalOutput - output));
    for (const id of ids) {
      const old = this.idTimes.get(id);
      if (!old || rank > old[1] || (rank === old[1] && timestamp < old[0])) this.idTimes.set(id, [timestamp, rank]);
    }
    this.calls.push({
      timestamp,
      rank,
      model: modelOfId(u.modelId) ?? (model !== undefined ? normalizeModel(model) : undefined) ?? DEFAULT_MODEL,
      input: u.input,
      output,
      cacheCreation: u.cacheCreation,
      cacheRead: u.cacheRead,
      reasoning,
      totalOutput,
      messageId: bestId(u),
      identities: ids,
      origin,
    });
    return true;
  }
}

/** ccusage's merge of a duplicate into the call kept: each count the larger, the better-ranked earlier time. */
function merge(target: AntigravityCall, dup: AntigravityCall): void {
  target.input = Math.max(target.input, dup.input);
  target.output = Math.max(target.output, dup.output);
  target.cacheCreation = Math.max(target.cacheCreation, dup.cacheCreation);
  target.cacheRead = Math.max(target.cacheRead, dup.cacheRead);
  target.reasoning = Math.max(target.reasoning, dup.reasoning);
  target.totalOutput = Math.max(target.totalOutput, dup.totalOutput, target.output + target.reasoning);
  if (target.model === DEFAULT_MODEL && dup.model !== DEFAULT_MODEL) target.model = dup.model;
  if (dup.rank > target.rank || (dup.rank === target.rank && dup.timestamp < target.timestamp)) {
    target.timestamp = dup.timestamp;
    target.rank = dup.rank;
  }
  if (dup.messageId[1] > target.messageId[1]) target.messageId = dup.messageId;
  for (const id of dup.identities) if (!target.identities.includes(id)) target.identities.push(id);
}

/** Calls sharing any id merged into the first of them (and calls they join through other ids). */
export function mergeCopies(calls: AntigravityCall[]): AntigravityCall[] {
  const slots: (AntigravityCall | undefined)[] = [];
  const byId = new Map<string, number>();
  for (const call of calls) {
    const hits = [...new Set(call.identities.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])))].sort((a, b) => a - b);
    if (hits.length === 0) {
      for (const id of call.identities) byId.set(id, slots.length);
      slots.push(call);
      continue;
    }
    const target = slots[hits[0]!]!;
    for (const i of hits.slice(1)) {
      const dup = slots[i];
      if (dup) merge(target, dup);
      slots[i] = undefined;
    }
    merge(target, call);
    for (const id of target.identities) byId.set(id, hits[0]!);
  }
  return slots.filter((c): c is AntigravityCall => c !== undefined);
}

function blobOf(v: SqlValue | undefined): Uint8Array | undefined {
  return v instanceof Uint8Array ? v : typeof v === 'string' ? Buffer.from(v, 'utf8') : undefined;
}

/** A table's rows in `idx` order (rowid order when idx is the rowid itself, which SQLite stores as NULL). */
function byIdx(db: SqliteImage, table: string): Record<string, SqlValue>[] {
  const rows = [...db.rows(table)];
  if (rows.every((r) => typeof r.idx === 'number')) rows.sort((a, b) => (a.idx as number) - (b.idx as number));
  return rows;
}

function parsed<T>(blob: Uint8Array | undefined, parse: (b: Uint8Array) => T): T | undefined {
  if (!blob) return undefined;
  try {
    return parse(blob);
  } catch (err) {
    if (err instanceof ProtoError) return undefined;
    throw err;
  }
}

/** The conversation's calls (merged), with the reasons rows were skipped. */
export function readConversation(db: SqliteImage, sessionId: string, fileTime: number | undefined): { calls: AntigravityCall[]; skips: string[] } {
  const skips: string[] = [];
  const genColumns = db.columns('gen_metadata');
  if (!genColumns?.includes('data')) {
    skips.push('not an Antigravity conversation database (no gen_metadata data)');
    return { calls: [], skips };
  }
  let conversationTime: number | undefined;
  if (db.columns('trajectory_metadata_blob')?.includes('data')) {
    for (const row of db.rows('trajectory_metadata_blob')) {
      const blob = blobOf(row.data);
      const t = parsed(blob, (b) => ({ t: timeOf(firstBytes(decodeFields(b), 2)) }));
      if (!t) skips.push('malformed trajectory metadata');
      else conversationTime ??= t.t;
    }
  }
  // Each row with its place in idx order (the key of a call without ids).
  const gens: [RowMetadata, number][] = [];
  byIdx(db, 'gen_metadata').forEach((row, at) => {
    const meta = parsed(blobOf(row.data), parseGenMetadata);
    if (meta) gens.push([meta, at]);
    else skips.push('malformed gen_metadata row');
  });
  const steps: [RowMetadata, number][] = [];
  const stepColumns = db.columns('steps');
  if (stepColumns && !stepColumns.includes('metadata')) skips.push('steps table without metadata');
  else if (stepColumns) {
    byIdx(db, 'steps').forEach((row, at) => {
      if (row.metadata === null || row.metadata === undefined) return;
      const meta = parsed(blobOf(row.metadata), parseStepMetadata);
      if (meta) steps.push([meta, at]);
      else skips.push('malformed steps metadata');
    });
  }
  const rowModel = (m: RowMetadata): string | undefined => (m.model !== undefined ? normalizeModel(m.model) : undefined) ?? modelOfId(m.modelId);
  let genModel: string | undefined;
  for (let i = gens.length - 1; i >= 0 && genModel === undefined; i--) genModel = rowModel(gens[i]![0]);

  const collector = new CallCollector(conversationTime, fileTime);
  const collect = (m: RowMetadata, model: string | undefined, origin: string): void => {
    [m.usage, ...m.retries].forEach((u, k) => {
      if (u && !collector.add(u, model, m.timestamp, `${origin}|${k}`)) skips.push('call without a time');
    });
  };
  for (const [m, at] of steps) collect(m, rowModel(m) ?? genModel, `${sessionId}|step|${at}`);
  let current: string | undefined;
  gens.forEach(([m, i]) => {
    current = rowModel(m) ?? modelOfId(m.usage?.modelId) ?? current;
    collect(m, current, `${sessionId}|gen|${i}`);
  });
  return { calls: mergeCopies(collector.calls), skips };
}

/** The store key of a call: its best id, else where it was read. */
function callKey(call: AntigravityCall): string {
  const [id, rank] = call.messageId;
  if (id !== undefined) return `antigravity|${rank === 3 ? 'response' : rank === 2 ? 'provider' : 'message'}:${id}`;
  return `antigravity|${call.origin}`;
}

export function callRecord(call: AntigravityCall, sessionId: string): UsageRecord {
  return usageRecord('antigravity', callKey(call), {
    sessionId,
    project: '',
    model: call.model,
    timestamp: call.timestamp,
    input: call.input,
    output: call.totalOutput,
    cacheCreation: call.cacheCreation,
    cacheRead: call.cacheRead,
    reasoning: call.totalOutput - call.output,
  });
}

/** The parser of one conversation database; `fileTime` reads the file's mtime (the last fallback date). */
export function createAntigravityParser(sessionId: string, fileTime: () => number | undefined): DocumentParser {
  return sqliteDocumentParser('Antigravity', (db, sink) => {
    const { calls, skips } = readConversation(db, sessionId, fileTime());
    for (const reason of skips) sink.skip(reason);
    for (const call of calls) sink.record(callRecord(call, sessionId));
  });
}
