// Copilot CLI usage read from both its session logs and an OpenTelemetry export counts once, as in
// ccusage 20.0.24 (`adapter/copilot/loader.rs`, checked against its binary): an exported record of a
// session and model at or before that session's latest `session.shutdown` with that model is covered by
// the shutdown's exact totals and is dropped; exported records after it (a process still running) count.
// Exported records after the session's latest shutdown (its running process) also replace the
// provisional output-only counts of that session's `assistant.message` events (ccusage counts none). Records are matched by session id
// (`gen_ai.conversation.id` = the session-state id) and model name.
import { FLAG_HAS_KEY, type RecordColumns } from './recordColumns';
import { COPILOT_KEY2_OTEL, COPILOT_KEY2_PROVISIONAL } from '../sources/copilot/otelKeys';
import { SOURCE_IDS } from '../types';
import type { DedupIndex } from './dedupIndex';

const COPILOT = SOURCE_IDS.indexOf('copilot');

export function hasCopilotRecords(c: RecordColumns): boolean {
  for (let i = 0; i < c.length; i++) if (c.u8.source[i] === COPILOT) return true;
  return false;
}

/** Deletes the exported and provisional Copilot CLI records that exact shutdown or exported counts cover. */
export function reconcileCopilot(c: RecordColumns, dedup: DedupIndex): void {
  const live: number[] = [];
  for (let i = 0; i < c.length; i++) if (c.u8.source[i] === COPILOT && !c.isDeleted(i) && (c.u8.flags[i]! & FLAG_HAS_KEY) !== 0) live.push(i);
  const pair = (i: number): number => c.u32.session[i]! * 0x100000000 + c.u32.model[i]!;
  const latestShutdown = new Map<number, number>();
  const sessionShutdown = new Map<number, number>();
  const later = (m: Map<number, number>, k: number, ts: number): Map<number, number> => m.set(k, Math.max(m.get(k) ?? -Infinity, ts));
  for (const i of live) {
    if (c.f64.key2[i] !== 0) continue;
    later(latestShutdown, pair(i), c.f64.ts[i]!);
    later(sessionShutdown, c.u32.session[i]!, c.f64.ts[i]!);
  }
  const drop = (i: number): void => {
    dedup.remove(i);
    c.markDeleted(i);
  };
  const running = new Set<number>();
  for (const i of live) {
    if (c.f64.key2[i] !== COPILOT_KEY2_OTEL) continue;
    const ts = c.f64.ts[i]!;
    const session = c.u32.session[i]!;
    if ((latestShutdown.get(pair(i)) ?? -Infinity) >= ts) drop(i);
    else if ((sessionShutdown.get(session) ?? -Infinity) < ts) running.add(session);
  }
  for (const i of live) if (c.f64.key2[i] === COPILOT_KEY2_PROVISIONAL && running.has(c.u32.session[i]!)) drop(i);
}
