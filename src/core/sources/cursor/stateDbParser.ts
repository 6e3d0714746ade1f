// Cursor's `state.vscdb` (log-formats.md §8): key-value tables `ItemTable(key, value)` and
// `cursorDiskKV(key, value)`. A chat ("composer") is `composerData:<composerId>` (`createdAt` ms,
// `modelConfig.modelName`); each message is `bubbleId:<composerId>:<bubbleId>` (`type` 1 user, 2
// assistant; `createdAt` ISO; `modelInfo.modelName`; `tokenCount {inputTokens, outputTokens}`, often
// 0; `toolFormerData` for a tool call). `ItemTable['composer.composerHeaders']` maps composers to their
// workspace (`workspaceIdentifier.uri.fsPath`).
//
// An assistant message with a token count is one record (input, output; no cache split known). Tool
// runs: `run_terminal_command*` calls with `result.exitCode` (params and result may be JSON strings),
// and completed file edits.
import type { ParserOptions } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import { parseTimestamp } from '../../scan/timestamp';
import type { ToolRunEvent } from '../../types';
import { sqliteDocumentParser, sqlText as text, usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

function json(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

const ZERO_COUNT = /"tokenCount":\{"inputTokens":0,"outputTokens":0\}/;
const EDIT_TOOLS = /^(edit_file(_v2)?|search_replace|write|apply_patch|multi_edit|MultiEdit|delete_file)$/;

export function createCursorDbParser(options: ParserOptions): DocumentParser {
  return sqliteDocumentParser('Cursor', (db, sink) => {
    if (!db.columns('cursorDiskKV')) return;
    const projects = new Map<string, string>();
    if (db.columns('ItemTable')) {
      for (const row of db.rows('ItemTable')) {
        if (text(row.key) !== 'composer.composerHeaders') continue;
        const headers = json(text(row.value));
        const all = isObject(headers) && Array.isArray(headers.allComposers) ? headers.allComposers : [];
        for (const h of all) {
          if (!isObject(h) || typeof h.composerId !== 'string') continue;
          const ws = isObject(h.workspaceIdentifier) && isObject(h.workspaceIdentifier.uri) ? str(h.workspaceIdentifier.uri.fsPath) : undefined;
          if (ws) projects.set(h.composerId, ws);
        }
      }
    }
    const composers = new Map<string, { created?: number; model?: string }>();
    const bubbles: { composer: string; bubble: string; value: string }[] = [];
    for (const row of db.rows('cursorDiskKV')) {
      const key = text(row.key);
      if (!key) continue;
      if (key.startsWith('composerData:')) {
        const c = json(text(row.value));
        if (!isObject(c)) continue;
        const model = isObject(c.modelConfig) ? str(c.modelConfig.modelName) : undefined;
        const created = parseTimestamp(c.createdAt);
        composers.set(key.slice('composerData:'.length), { ...(created !== undefined ? { created } : {}), ...(model ? { model } : {}) });
      } else if (key.startsWith('bubbleId:')) {
        const [, composer, bubble] = key.split(':');
        const value = text(row.value);
        // Only messages with tokens or a tool call can matter: most are text with a zero count.
        const counted = value !== undefined && value.includes('"tokenCount"') && !ZERO_COUNT.test(value);
        if (composer && bubble && value && (counted || (options.toolRuns && value.includes('"toolFormerData"')))) bubbles.push({ composer, bubble, value });
      }
    }
    for (const b of bubbles) {
      const m = json(b.value);
      if (!isObject(m)) {
        sink.skip('malformed bubble');
        continue;
      }
      const c = composers.get(b.composer) ?? {};
      const ts = parseTimestamp(m.createdAt) ?? parseTimestamp(m.timestamp) ?? c.created;
      if (ts === undefined) continue;
      const project = projects.get(b.composer) ?? '';
      const tc = isObject(m.tokenCount) ? m.tokenCount : {};
      const input = count(tc.inputTokens);
      const output = count(tc.outputTokens);
      if (input + output > 0) {
        const model = (isObject(m.modelInfo) ? str(m.modelInfo.modelName) : undefined) ?? c.model;
        sink.record(usageRecord('cursor', `${b.composer}|${b.bubble}`, { sessionId: b.composer, project, model, timestamp: ts, input, output }));
      }
      if (options.toolRuns && isObject(m.toolFormerData)) {
        const run = toolRun(m.toolFormerData, b.composer, project, ts);
        if (run) sink.toolRun(run);
      }
    }
  });
}

function toolRun(t: Json, session: string, project: string, ts: number): ToolRunEvent | undefined {
  const name = str(t.name) ?? '';
  const params = json(t.params);
  const result = json(t.result);
  const done = t.status === 'completed';
  if (EDIT_TOOLS.test(name)) return done ? { source: 'cursor', sessionId: session, cwd: project, command: 'Edit', kind: 'edit', timestamp: ts } : undefined;
  if (!name.startsWith('run_terminal_command') || !isObject(params)) return undefined;
  const command = str(params.command);
  if (!command) return undefined;
  const cwd = str(params.cwd) ?? project;
  const r = isObject(result) ? result : {};
  const exitCode = r.rejected === true ? undefined : typeof r.exitCode === 'number' ? r.exitCode : undefined;
  // The raw command: the scanner classifies it and keeps only the label.
  return { source: 'cursor', sessionId: session, cwd, command, timestamp: ts, ...(exitCode !== undefined ? { exitCode } : {}) };
}
