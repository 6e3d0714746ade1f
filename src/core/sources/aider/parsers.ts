// Aider's two logs (log-formats.md §6).
//
// `.aider.chat.history.md`, appended as aider runs: each run starts `# aider chat started at
// YYYY-MM-DD HH:MM:SS` (local time, the only timestamp), the banner names the model (`> Main model: X
// with diff edit format`, older `> Model: X …`), and every message to the LLM ends with
// `> Tokens: 12k sent, 1.2k cache write, 3.4k cache hit, 456 received. Cost: $0.02 message, $0.15 session.`
// (the cost part only for priced models, on the next line when both cache figures are shown). Counts
// are rounded (`1.2k` below 10k, whole thousands above): approximate. "sent" includes the cache reads
// and writes, which are taken out of input. `> Commit <sha> <subject>` is a commit aider made and
// `> Applied edit to <file>` an edit.
//
// The analytics log (opt-in, JSONL): `{"event":"message_send","properties":{"main_model",
// "prompt_tokens","completion_tokens","total_tokens","cost","total_cost"},"user_id","time":<epoch s>}`,
// exact per message; a `launched` event starts a run (the session).
import { dirname } from 'node:path';
import type { FileParser, ParseSink, ParserOptions } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import type { UsageRecord } from '../../scan/usageRecord';
import { isObject, parseJsonLine } from '../../scan/jsonLine';

interface HistoryState {
  /** The current run's start line text and epoch ms. */
  started?: string;
  start?: number;
  model?: string;
  /** Usage lines seen in the current run (their keys). */
  n?: number;
  /** A usage line whose cost may follow on the next line. */
  pending?: UsageRecord;
}

const START = /^# aider chat started at (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/;
const MODEL = /^> (?:Main model|Model): (\S+)/;
const TOKENS = /^> Tokens: ([\d.,]+[kM]?) sent(?:, ([\d.,]+[kM]?) cache write)?(?:, ([\d.,]+[kM]?) cache hit)?, ([\d.,]+[kM]?) received\.(?:\s+Cost: \$([\d.]+) (?:message|request), \$[\d.]+ session\.)?/;
const COST = /^(?:> )?Cost: \$([\d.]+) (?:message|request), \$[\d.]+ session\./;
const COMMIT = /^> Commit [0-9a-f]{7,40} /;
const EDIT = /^> Applied edit to \S/;

/** Calls `visit(lineStart, lineEnd)` for each line of [start, end). */
function eachLine(buf: Buffer, start: number, end: number, visit: (ls: number, le: number) => void): void {
  let pos = start;
  while (pos < end) {
    let nl = buf.indexOf(0x0a, pos);
    if (nl < 0 || nl > end) nl = end;
    visit(pos, nl);
    pos = nl + 1;
  }
}

/** `12k` → 12000, `1.2k` → 1200, `12,345` → 12345. */
export function aiderCount(text: string | undefined): number {
  if (!text) return 0;
  const m = /^([\d.,]+)([kM]?)$/.exec(text);
  if (!m) return 0;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) return 0;
  return Math.round(n * (m[2] === 'k' ? 1000 : m[2] === 'M' ? 1_000_000 : 1));
}

export function createAiderHistoryParser(path: string, prior: unknown, options: ParserOptions): FileParser {
  const st: HistoryState = typeof prior === 'object' && prior !== null ? { ...(prior as HistoryState) } : {};
  const project = dirname(path);
  const session = (): string => `${hashUtf8(`${path}|${st.started ?? ''}`).toString(36)}`;

  const flush = (sink: ParseSink, costUSD?: number): void => {
    if (!st.pending) return;
    sink.record({ ...st.pending, ...(costUSD !== undefined ? { costUSD } : {}) });
    delete st.pending;
  };

  return {
    parseRegion(buf, start, end, sink): void {
      // Histories are small and mostly prose; only lines starting `#` or `>` (or a Cost line) matter.
      eachLine(buf, start, end, (ls, le) => {
        const first = buf[ls];
        if (first === 0x23 /* # */ || first === 0x3e /* > */ || first === 0x43 /* C */) onLine(buf.toString('utf8', ls, le).replace(/\s+$/, ''), sink);
        else if (st.pending && le > ls + 1) flush(sink);
      });
    },
    finish(sink): void {
      flush(sink);
    },
    state(): unknown {
      return st;
    },
  };

  function onLine(line: string, sink: ParseSink): void {
    const cost = COST.exec(line);
    if (cost && st.pending) {
      flush(sink, Number(cost[1]));
      return;
    }
    flush(sink);
    const s = START.exec(line);
    if (s) {
      const [, y, mo, d, h, mi, sec] = s.map(Number);
      // Local time of the machine aider ran on (assumed to be this one).
      st.start = new Date(y!, mo! - 1, d!, h!, mi!, sec!).getTime();
      st.started = line.slice(s.index, s[0].length);
      st.n = 0;
      delete st.model;
      return;
    }
    if (st.start === undefined) return;
    const m = MODEL.exec(line);
    if (m) {
      st.model ??= m[1]!;
      return;
    }
    const t = TOKENS.exec(line);
    if (t) {
      const sent = aiderCount(t[1]);
      const cacheCreation = aiderCount(t[2]);
      const cacheRead = aiderCount(t[3]);
      const output = aiderCount(t[4]);
      const n = (st.n = (st.n ?? 0) + 1);
      st.pending = usageRecord('aider', `${path}|${st.started}|${n}`, { sessionId: session(), project, model: st.model, timestamp: st.start, input: Math.max(0, sent - cacheCreation - cacheRead), output, cacheCreation, cacheRead });
      if (t[5] !== undefined) flush(sink, Number(t[5]));
      return;
    }
    if (!options.toolRuns) return;
    if (COMMIT.test(line)) {
      // Aider committed its own edits: a commit that ran and succeeded.
      sink.toolRun({ source: 'aider', sessionId: session(), cwd: project, command: 'git commit', timestamp: st.start, exitCode: 0 });
    } else if (EDIT.test(line)) {
      sink.toolRun({ source: 'aider', sessionId: session(), cwd: project, command: 'Edit', kind: 'edit', timestamp: st.start });
    }
  }
}

interface AnalyticsState {
  session?: string;
  n?: number;
}

type Json = Record<string, unknown>;
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

export function createAiderAnalyticsParser(path: string, prior: unknown): FileParser {
  const st: AnalyticsState = typeof prior === 'object' && prior !== null ? { ...(prior as AnalyticsState) } : {};
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      eachLine(buf, start, end, (ls, le) => {
        if (le > ls) onLine(buf.toString('utf8', ls, le), sink);
      });
    },
    finish(): void {},
    state(): unknown {
      return st;
    },
  };

  function onLine(text: string, sink: ParseSink): void {
    if (!text.trim()) return;
    const ev = parseJsonLine(text, sink);
    if (ev === undefined) return;
    if (!isObject(ev) || typeof ev.event !== 'string') {
      sink.skip('not an analytics event');
      return;
    }
    const ts = parseTimestamp(ev.time);
    if (ev.event === 'launched') {
      st.session = hashUtf8(`${path}|${String(ev.time)}`).toString(36);
      return;
    }
    if (ev.event !== 'message_send') return;
    const p = isObject(ev.properties) ? ev.properties : {};
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const input = count(p.prompt_tokens);
    const output = count(p.completion_tokens);
    if (input + output === 0) return;
    const model = typeof p.main_model === 'string' && p.main_model ? p.main_model : undefined;
    const n = (st.n = (st.n ?? 0) + 1);
    sink.record(usageRecord('aider', `${path}|${n}|${String(ev.time)}`, { sessionId: st.session ?? (typeof ev.user_id === 'string' ? ev.user_id : 'aider'), project: '', model, timestamp: ts, input, output, ...(typeof p.cost === 'number' && Number.isFinite(p.cost) ? { costUSD: Math.max(0, p.cost) } : {}) }));
  }
}
