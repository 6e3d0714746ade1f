// A Droid session's `<session>.settings.json`: `{model, providerLock, providerLockTimestamp,
// tokenUsage: {inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens, thinkingTokens,
// totalTokens}}`, running totals for the session. As ccusage 20.0.24 reads it: one record per session
// (the same session in two files counts once: here the larger totals win), the model name normalised
// (`custom:` and `[Provider]` parts dropped, lower case, dots and spaces as dashes), else the one a
// `Model: …` line of the session's `<session>.jsonl` names; thinking tokens are output here (ccusage
// adds them to its total and cost but not to its output column); when the parts are all 0,
// `totalTokens` is the output.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParseSink } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

/** `custom:Claude-Opus-4.5-Thinking-[Anthropic]-0` → `claude-opus-4-5-thinking-0`. */
export function normalizeDroidModel(model: string): string {
  return model
    .replace(/^custom:/, '')
    .replace(/\[[^\]]*\]/g, '')
    .trim()
    .replace(/-+$/, '')
    .toLowerCase()
    .replace(/[.\s-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The model a `Model: …` line names in the first 64 KiB of the session's transcript. */
function sidecarModel(settingsPath: string): string | undefined {
  const path = settingsPath.replace(/\.settings\.json$/, '.jsonl');
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(Math.min(65536, statSync(path).size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    const m = /Model:([^"\\[]*)/.exec(buf.toString('utf8', 0, n));
    const model = m ? normalizeDroidModel(m[1]!) : '';
    return model || undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function createDroidSettingsParser(path: string): DocumentParser {
  const session = basename(path).replace(/\.settings\.json$/, '');
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!isObject(doc)) {
        sink.skip('not a Droid settings document');
        return;
      }
      const u = isObject(doc.tokenUsage) ? doc.tokenUsage : undefined;
      if (!u) return;
      const input = count(u.inputTokens);
      let output = count(u.outputTokens);
      const cacheCreation = count(u.cacheCreationTokens);
      const cacheRead = count(u.cacheReadTokens);
      const thinking = count(u.thinkingTokens);
      const total = count(u.totalTokens);
      if (input + output + cacheCreation + cacheRead + thinking === 0) output = total;
      if (input + output + cacheCreation + cacheRead + thinking === 0) return;
      let ts = parseTimestamp(str(doc.providerLockTimestamp));
      if (ts === undefined) {
        try {
          ts = statSync(path).mtimeMs;
        } catch {
          return;
        }
      }
      const given = str(doc.model);
      const model = (given ? normalizeDroidModel(given) : sidecarModel(path)) || undefined;
      sink.record(usageRecord('droid', `droid|${session}`, { sessionId: session, project: str(doc.cwd) ?? '', model, timestamp: ts, input, output: output + thinking, cacheCreation, cacheRead, reasoning: thinking }));
    },
    state(): unknown {
      return undefined;
    },
  };
}
