#!/usr/bin/env node
// Writes a synthetic but realistic corpus of Claude Code and Codex CLI logs, and the exact per-day
// token totals it contains (truth.json), computed from what was generated — never by reading the
// files back. Shapes follow log-formats.md §1 (Claude Code 2.x) and §2 (Codex CLI); every
// double-counting hazard listed there is planted at a realistic rate.
//
//   node bench/generate.mjs --out DIR --size 1GiB [--seed N] [--days 30] [--end 2026-11-20] [--codex-share 0.2] [--shape large|dense]
//   node bench/generate.mjs --append-mb N --into DIR [--seed N]   (append new requests to Claude files)
//
// Layout: DIR/claude/projects/<encoded-cwd>/<session>.jsonl (+ <session>/subagents/agent-*.jsonl,
// .meta.json, tool-results/), DIR/codex/sessions/YYYY/MM/DD/rollout-*.jsonl, DIR/truth.json,
// DIR/corpus-stats.json and DIR/.generator-state.json (what --append-mb needs).
// --shape large (the default) writes long sessions with big tool outputs (about 4 KB a line); --shape dense
// writes what many real histories look like: short turns, each assistant line with its usage, small tool
// outputs (Claude: a median line of about 770 bytes, about 1,250 files per GiB; Codex: about 490 bytes,
// about 1,200 rollout files per 300 MiB). Same hazards, same truth rules.
// The demo logs in demo/ are `--out demo --size 130KiB --seed 59 --days 14 --end 2026-11-24
// --codex-share 0.25` without the two generator files.
//
// Truth rules (log-formats.md §1.6, §2.6): Claude counts one copy per message.id+requestId — the
// largest (the last streaming copy), dated by its timestamp; resumed-session copies and sidechain
// replays of a parent message add nothing; `<synthetic>`, malformed and unterminated lines add
// nothing. Codex counts each growth of the cumulative total_token_usage; re-emitted totals,
// `info: null` and a fork's replay of its parent's counts add nothing.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const DAY_MS = 86_400_000;
const MiB = 1 << 20;

// ---------------------------------------------------------------- randomness

function makeRng(seed) {
  let a = seed >>> 0;
  // mulberry32: tiny, fast, and good enough to make logs look varied
  const u32 = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  return {
    u32,
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** Skewed towards lo: most outputs are short, a few are huge. */
    skew: (lo, hi, power = 2.2) => Math.round(lo + (hi - lo) * Math.pow(next(), power)),
    weighted(table) {
      let x = next() * table.total;
      for (const [item, w] of table.items) if ((x -= w) < 0) return item;
      return table.items[table.items.length - 1][0];
    },
  };
}

const weights = (obj) => ({ items: Object.entries(obj), total: Object.values(obj).reduce((a, b) => a + b, 0) });
const hex8 = (r) => r.u32().toString(16).padStart(8, '0');
const hex = (r, n) => { let s = ''; while (s.length < n) s += hex8(r); return s.slice(0, n); };
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const b62 = (r, n) => { let s = ''; for (let i = 0; i < n; i++) s += B62[r.u32() % 62]; return s; };
const B64 = B62 + '+/';
function uuid4(r) {
  const a = hex8(r), b = hex8(r), c = hex8(r), d = hex8(r);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[r.u32() & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
function uuid7(ms, r) {
  const t = ms.toString(16).padStart(12, '0');
  const c = hex8(r), d = hex8(r);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${c.slice(0, 3)}-${'89ab'[r.u32() & 3]}${c.slice(3, 6)}-${c.slice(6)}${d}${hex(r, 2)}`;
}
const iso = (ms) => new Date(ms).toISOString();
/** JSON string body (no quotes) of a raw string. */
const esc = (s) => JSON.stringify(s).slice(1, -1);
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));

// ---------------------------------------------------------------- content pools
// Content is pre-escaped once into big blobs with line offsets, so a tool output of N characters
// is one O(1) slice instead of N characters of generation + escaping. Pools never contain a
// backslash, so an escaped blob can be split on the two characters `\n` when lines are needed.

const WORDS = ('the a to of and in for is on that this with it we function test file value error return type config cache ' +
  'token parser session request response output input module build change update fix add remove handle check case when ' +
  'should can will not but if then from by as at be are was use new old data line path branch commit merge review user ' +
  'model cost count day report index store read write stream buffer worker thread queue event log format schema option ' +
  'default flag state result source target range offset limit size time zone date week month retry timeout client server ' +
  'route handler query migration table column field record payload header status code message signal process exit').split(' ');
const UNICODE = [
  '✅ All green now 🚀', '修复登录测试中的时区问题', 'テストを実行して結果を確認してください', '버그를 수정하고 테스트를 추가해 주세요',
  'café — naïve façade, déjà vu', 'Zażółć gęślą jaźń', '🔥 flaky test is back 😅', 'Привет, проверь миграцию', '→ ✓ ✗ • … “quoted”',
  'emoji in a commit msg 🐛🔧', 'line separator\u2028inside a string', '数据库连接池耗尽，请增加超时时间',
];
const PROJECTS = [
  '/home/dev/src/github.com/acme/api-server', '/home/dev/work/web-app', '/home/dev/my_project', '/home/dev/src/awu-meter',
  '/home/dev/Side Projects/blog.v2', '/home/dev/src/github.com/acme/payments-service', '/home/dev/oss/toolpath',
  '/home/dev/work/mobile-app/ios', '/home/dev/src/infra/terraform-modules', '/home/dev/tmp/scratchpad/ζeta',
  '/home/dev/src/github.com/acme/data-pipeline', '/home/dev/work/docs-site',
];
const BRANCHES = ['main', 'main', 'main', 'feat/usage-report', 'fix/flaky-auth', 'chore/deps', 'feature/billing-v2', 'HEAD'];
const CLAUDE_VERSIONS = ['2.1.241', '2.1.241', '2.1.230', '2.1.198', '2.1.112', '2.0.76', '2.0.55'];
/** Dense histories: mostly the leaner 2.0 envelope. */
const DENSE_CLAUDE_VERSIONS = ['2.1.241', '2.1.112', '2.0.76', '2.0.76', '2.0.64', '2.0.55', '2.0.55'];
const CLAUDE_MODELS = weights({ 'claude-opus-4-5-20251101': 40, 'claude-sonnet-4-5-20250929': 35, 'claude-sonnet-4-6': 10, 'claude-opus-4-6': 15 });
const SUBAGENT_MODELS = weights({ 'claude-sonnet-4-5-20250929': 5, 'claude-haiku-4-5-20251001': 4, 'claude-opus-4-5-20251101': 1 });
const CODEX_MODELS = weights({ 'gpt-5-codex': 40, 'gpt-5.1-codex': 35, 'gpt-5': 25 });
const MAIN_TOOLS = weights({ Bash: 34, Read: 22, Edit: 15, Write: 5, Grep: 8, Glob: 4, TodoWrite: 5, WebFetch: 2, Task: 3 });
/** Dense histories: many more requests per session, so sub-agent runs are rarer per call. */
const DENSE_MAIN_TOOLS = weights({ Bash: 34, Read: 22, Edit: 15, Write: 5, Grep: 8, Glob: 4, TodoWrite: 5, WebFetch: 2, Task: 0.15 });
const SUB_TOOLS = weights({ Read: 40, Grep: 25, Glob: 15, Bash: 20 });

function sentence(r) {
  const n = r.int(6, 22);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + r.pick(WORDS);
  if (r.chance(0.08)) s += ` \`${ident(r)}\``;
  return s[0].toUpperCase() + s.slice(1) + (r.chance(0.1) ? ':' : '.');
}
function ident(r) {
  const n = r.int(1, 3);
  let s = r.pick(WORDS);
  for (let i = 1; i < n; i++) { const w = r.pick(WORDS); s += w[0].toUpperCase() + w.slice(1); }
  return s;
}

const CODE_LINES = [
  (r) => `import { ${ident(r)}, ${ident(r)} } from './${r.pick(WORDS)}/${ident(r)}';`,
  (r) => `export function ${ident(r)}(${ident(r)}: ${r.pick(['string', 'number', 'Date', 'Config', 'unknown[]'])}): ${r.pick(['void', 'boolean', 'Promise<Result>', 'number'])} {`,
  (r) => `  const ${ident(r)} = await ${ident(r)}.${ident(r)}(${ident(r)}, { ${ident(r)}: ${r.int(0, 5000)} });`,
  (r) => `  if (!${ident(r)}) return ${r.pick(['null', 'undefined', 'false', '0', "''", '[]'])};`,
  (r) => `  for (const ${ident(r)} of ${ident(r)}s) {`,
  (r) => `    ${ident(r)}.push({ ${ident(r)}: ${r.int(0, 99)}, ${ident(r)}: "${r.pick(WORDS)}" });`,
  (r) => `  // ${sentence(r)}`,
  (r) => `  throw new Error(\`${sentence(r)}\`);`,
  (r) => `    ${ident(r)} += ${ident(r)}.${ident(r)} * ${r.int(1, 1000)};`,
  () => '  }',
  () => '}',
  () => '',
  (r) => `export const ${ident(r).toUpperCase()} = ${r.int(0, 65536)};`,
  (r) => `  return { ...${ident(r)}, ${ident(r)}: ${ident(r)}(${ident(r)}) };`,
  (r) => `def ${ident(r)}(self, ${ident(r)}: int = ${r.int(0, 9)}) -> dict:`,
  (r) => `        ${ident(r)} = self.${ident(r)}.get("${r.pick(WORDS)}", None)`,
  (r) => `  it('${sentence(r).slice(0, 60)}', async () => {`,
  (r) => `    expect(${ident(r)}(${r.int(0, 9)})).toEqual(${r.int(0, 99)});`,
];
const LOG_LINES = [
  (r) => `  ✓ ${sentence(r).slice(0, 70)} (${r.int(1, 900)} ms)`,
  (r) => `PASS src/${r.pick(WORDS)}/${ident(r)}.test.ts (${(r.next() * 9).toFixed(3)} s)`,
  (r) => `FAIL src/${r.pick(WORDS)}/${ident(r)}.test.ts`,
  (r) => `  ● ${ident(r)} › ${sentence(r).slice(0, 60)}`,
  (r) => `    Expected: ${r.int(0, 999)}\n    Received: ${r.int(0, 999)}`,
  (r) => `      at Object.<anonymous> (src/${ident(r)}.ts:${r.int(1, 400)}:${r.int(1, 80)})`,
  (r) => `src/${ident(r)}.ts(${r.int(1, 400)},${r.int(1, 80)}): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.`,
  (r) => `npm WARN deprecated ${r.pick(WORDS)}@${r.int(0, 9)}.${r.int(0, 20)}.${r.int(0, 9)}: ${sentence(r)}`,
  (r) => `tests/test_${r.pick(WORDS)}.py::test_${r.pick(WORDS)}_${r.pick(WORDS)} ${r.pick(['PASSED', 'PASSED', 'PASSED', 'FAILED', 'SKIPPED'])} [${r.int(1, 99)}%]`,
  (r) => `--- FAIL: Test${ident(r)} (0.${r.int(10, 99)}s)`,
  (r) => `ok  \tgithub.com/acme/${r.pick(WORDS)}/${r.pick(WORDS)}\t${(r.next() * 3).toFixed(3)}s`,
  (r) => `   Compiling ${r.pick(WORDS)}-${r.pick(WORDS)} v0.${r.int(1, 30)}.${r.int(0, 9)}`,
  (r) => `${r.pick(['M', 'A', 'D', '??'])} src/${r.pick(WORDS)}/${ident(r)}.ts`,
  (r) => `${hex(r, 7)} ${sentence(r).slice(0, 70)}`,
  (r) => `drwxr-xr-x  ${r.int(2, 9)} dev dev  4096 Nov ${r.int(1, 20)} 1${r.int(0, 9)}:${r.int(10, 59)} ${r.pick(WORDS)}`,
  (r) => `-rw-r--r--  1 dev dev ${r.int(100, 99999)} Nov ${r.int(1, 20)} 0${r.int(0, 9)}:${r.int(10, 59)} ${ident(r)}.ts`,
];

function makePool(lines) {
  const parts = [];
  const offs = [0];
  let n = 0;
  for (const line of lines) {
    const e = esc(line) + '\\n';
    parts.push(e);
    n += e.length;
    offs.push(n);
  }
  return { text: parts.join(''), offs };
}
/** Index of the first offset >= x (offs is sorted). */
function lowerBound(offs, x) {
  let lo = 0, hi = offs.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (offs[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}
/** About n characters of escaped text, cut at line ends. */
function take(pool, r, n) {
  const lines = pool.offs.length - 1;
  const i = r.int(0, lines - 1);
  const start = pool.offs[i];
  const j = Math.max(i + 1, lowerBound(pool.offs, start + n));
  return pool.text.slice(start, pool.offs[Math.min(j, lines)]);
}

function buildPools(seed, P) {
  const r = makeRng(seed ^ 0x5eed);
  const prose = [];
  for (let i = 0; i < 6000; i++) {
    let p = '';
    const n = r.int(1, P.proseSentences);
    for (let k = 0; k < n; k++) p += (k ? ' ' : '') + sentence(r);
    prose.push(r.chance(0.04) ? `${p} ${r.pick(UNICODE)}` : r.chance(0.06) ? `- ${p}` : r.chance(0.03) ? `## ${p}` : p);
  }
  const code = [];
  let depth = 0;
  for (let i = 0; i < 40000; i++) {
    const line = r.pick(CODE_LINES)(r);
    depth = clamp(depth + (line.endsWith('{') ? 1 : line.trim() === '}' ? -1 : 0), 0, 4);
    code.push(line.startsWith(' ') || line === '' ? line : '  '.repeat(depth) + line);
  }
  const logs = [];
  for (let i = 0; i < 30000; i++) logs.push(r.pick(LOG_LINES)(r));
  const b64 = [];
  for (let i = 0; i < 6000; i++) { let s = ''; for (let k = 0; k < 76; k++) s += B64[r.u32() & 63]; b64.push(s); }
  const files = [];
  for (let i = 0; i < 260; i++) files.push(makeSourceFile(r, code, P));
  return { prose: makePool(prose), code: makePool(code), logs: makePool(logs), b64: b64.join(''), files };
}

/** A source file with its plain and `cat -n` (Read tool) forms, both escaped, capped to the profile. */
function makeSourceFile(r, codeLines, P) {
  const dir = r.pick(['src', 'src/core', 'src/api', 'lib', 'test', 'app/models', 'pkg/store']);
  const ext = r.pick(['ts', 'ts', 'ts', 'tsx', 'py', 'go', 'rs', 'md', 'json']);
  const n = r.skew(6, 900);
  const start = r.int(0, codeLines.length - n - 1);
  const lines = [];
  let chars = 0;
  for (let i = 0; i < n && chars < P.maxContent; i++) { lines.push(codeLines[start + i]); chars += codeLines[start + i].length + 1; }
  const plain = esc(lines.join('\n') + '\n');
  const numbered = esc(lines.map((l, i) => `${String(i + 1).padStart(6)}→${l}`).join('\n'));
  return { rel: `${dir}/${ident(r)}.${ext}`, lines: lines.length, plain, numbered, lineTexts: lines };
}

// ---------------------------------------------------------------- output, stats, truth

class FileWriter {
  constructor(G, path, source, append = false) {
    mkdirSync(dirname(path), { recursive: true });
    this.G = G;
    this.path = path;
    this.stats = G.stats[source];
    this.fd = openSync(path, append ? 'a' : 'w');
    this.parts = [];
    this.pending = 0;
    this.stats.files++;
  }
  /** One line; `usage` marks lines that carry token usage. */
  add(line, usage = false) {
    this.parts.push(line, '\n');
    this.pending += line.length + 1;
    const s = this.stats;
    s.lines++;
    s.chars += line.length + 1;
    if (usage) { s.usageLines++; s.usageChars += line.length + 1; }
    if (this.pending > 8 * MiB) this.flush();
  }
  /** Bytes that are not a complete line (blank lines, a half-written tail). */
  raw(text) {
    this.parts.push(text);
    this.pending += text.length;
    this.stats.chars += text.length;
  }
  flush() {
    if (this.parts.length === 0) return;
    this.G.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.pending = 0;
  }
  close() { this.flush(); closeSync(this.fd); }
}

function newStats() {
  return { files: 0, lines: 0, chars: 0, usageLines: 0, usageChars: 0 };
}
function addTruth(G, source, ts, t) {
  const date = ts.slice(0, 10);
  const days = G.truth[source];
  const d = (days[date] ??= source === 'codex'
    ? { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 0 }
    : { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 0 });
  d.inputTokens += t.input;
  d.outputTokens += t.output;
  d.cacheCreationTokens += t.cacheCreation;
  d.cacheReadTokens += t.cacheRead;
  if (source === 'codex') d.reasoningTokens += t.reasoning;
  d.totalTokens += t.input + t.output + t.cacheCreation + t.cacheRead;
}
const hazard = (G, name, n = 1) => { G.hazards[name] = (G.hazards[name] ?? 0) + n; };
/** Whether to plant a hazard: at rate p, or, in a small corpus, soon if it has not occurred yet. */
const plant = (G, name, p) => G.dirty && (G.r.chance(p) || (G.P.everyHazard && !G.hazards[name] && G.r.chance(0.4)));

/** A prose length in [lo, hi], shortened in small corpora so a demo still has many sessions. */
const textLen = (G, lo, hi) => G.r.skew(Math.min(lo, G.P.textMax), Math.min(hi, G.P.textMax));

/** A blank line, now and then, between lines of a main transcript. */
function noise(G, w) {
  const r = G.r;
  if (plant(G, 'blankLines', 1 / 450)) { w.raw(r.chance(0.5) ? '\n' : '   \n'); hazard(G, 'blankLines'); }
}

// ---------------------------------------------------------------- Claude Code

function encodeCwd(cwd) { return cwd.replace(/[^a-zA-Z0-9]/g, '-'); }

/** Per-session constants, pre-rendered into the envelope tails every line shares. */
function claudeSession(G, f) {
  const legacy = f.version.startsWith('2.0.');
  const s = { ...f, legacy, shortUsage: G.P.shortUsage };
  const common = `"userType":"external","entrypoint":"cli","cwd":${JSON.stringify(f.cwd)},"sessionId":"${f.sessionId}","version":"${f.version}","gitBranch":${JSON.stringify(f.branch)}${legacy ? '' : `,"slug":"${f.slug}"`}`;
  s.side = f.agentId ? `"isSidechain":true,"agentId":"${f.agentId}"` : '"isSidechain":false';
  s.aTail = legacy ? common : `"effort":"high","session_id":"${f.sessionId}",${common}`;
  s.uTail = common;
  return s;
}

function newClaudeFields(G, cwd, t, parent) {
  const r = G.r;
  return {
    sessionId: parent?.sessionId ?? uuid4(r),
    agentId: parent ? hex(r, 17) : null,
    cwd,
    project: encodeCwd(cwd),
    branch: parent?.branch ?? r.pick(BRANCHES),
    version: parent?.version ?? r.pick(G.P.versions),
    slug: parent?.slug ?? `${r.pick(WORDS)}-${r.pick(WORDS)}-${r.pick(WORDS)}`,
    model: parent ? r.weighted(SUBAGENT_MODELS) : r.weighted(CLAUDE_MODELS),
    t,
    ctx: 0,
    lastUuid: null,
  };
}

function usageJson(s, u, output, thinking) {
  const cc = u.c5 + u.c1;
  if (s.shortUsage && !s.legacy) {
    return `{"input_tokens":${u.i},"cache_creation_input_tokens":${cc},"cache_read_input_tokens":${u.cr},"output_tokens":${output},"output_tokens_details":{"thinking_tokens":${thinking}},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":${u.c1},"ephemeral_5m_input_tokens":${u.c5}}${u.fast ? ',"speed":"fast"' : ''}}`;
  }
  if (s.legacy) {
    return `{"input_tokens":${u.i},"cache_creation_input_tokens":${cc},"cache_read_input_tokens":${u.cr},"cache_creation":{"ephemeral_5m_input_tokens":${u.c5},"ephemeral_1h_input_tokens":${u.c1}},"output_tokens":${output},"service_tier":"standard"}`;
  }
  return `{"input_tokens":${u.i},"cache_creation_input_tokens":${cc},"cache_read_input_tokens":${u.cr},"output_tokens":${output},"output_tokens_details":{"thinking_tokens":${thinking}},"server_tool_use":{"web_search_requests":${u.ws},"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":${u.c1},"ephemeral_5m_input_tokens":${u.c5}},"inference_geo":"not_available","iterations":[{"input_tokens":${u.i},"output_tokens":${output},"cache_read_input_tokens":${u.cr},"cache_creation_input_tokens":${cc},"cache_creation":{"ephemeral_5m_input_tokens":${u.c5},"ephemeral_1h_input_tokens":${u.c1}},"type":"message"}],"speed":"${u.fast ? 'fast' : 'standard'}"}`;
}

function assistantLine(s, { uuid, parent, model, msgId, reqId, block, stop, usage, ts }) {
  const stopJson = stop ? `"${stop}"` : 'null';
  const tail = s.legacy ? '' : ',"stop_details":null';
  const message = `{"model":"${model}","id":"${msgId}","type":"message","role":"assistant","content":[${block}],"stop_reason":${stopJson},"stop_sequence":null${tail},"usage":${usage}${s.legacy ? '' : ',"diagnostics":null'}}`;
  return `{"parentUuid":${parent ? `"${parent}"` : 'null'},${s.side},"message":${message},"requestId":"${reqId}","type":"assistant","uuid":"${uuid}","timestamp":"${ts}",${s.aTail}}`;
}

/** Token usage of the next request: the context grows by what the previous turn added. */
function nextUsage(G, s, addedChars) {
  const r = G.r;
  let cr, created;
  if (s.ctx === 0) {
    cr = s.agentId ? r.int(4000, 9000) : r.int(11000, 19000); // cached system prompt + tools
    created = r.int(2500, 9000);
  } else if (r.chance(0.03)) {
    cr = 0; // cache expired: the whole context is written again
    created = s.ctx + Math.ceil(addedChars / 4);
  } else {
    cr = s.ctx;
    created = Math.ceil(addedChars / 4) + r.int(20, 400);
  }
  s.ctx = cr + created;
  const oneHour = s.legacy ? r.chance(0.1) : r.chance(0.9);
  return {
    i: r.chance(0.04) ? r.int(40, 3000) : r.int(1, 12),
    cr,
    c1: oneHour ? created : 0,
    c5: oneHour ? 0 : created,
    ws: 0,
    fast: s.model.includes('opus') && r.chance(0.01),
  };
}

/**
 * One API response: one line per content block, all sharing message.id + requestId, the earlier
 * ones with partial output_tokens (the last line is the complete, largest copy).
 */
function emitRequest(G, s, w, blocks, { stop, thinkingChars = 0, model = s.model, canBreak = false }) {
  const r = G.r;
  const u = nextUsage(G, s, s.added ?? 0);
  s.added = 0;
  const chars = blocks.reduce((n, b) => n + b.length, 0);
  const output = Math.max(blocks.length + 8, Math.ceil(chars / 3.6) + r.int(5, 60));
  const thinking = Math.min(output - 1, Math.ceil(thinkingChars / 3.8));
  const msgId = `msg_011C${b62(r, 20)}`;
  const reqId = `req_011C${b62(r, 20)}`;
  s.t += r.int(1500, 25000);
  const k = blocks.length;
  const step = Math.max(1, Math.floor(output / (2 * k)));
  let lastTs = '';
  const lines = [];
  for (let i = 0; i < k; i++) {
    const final = i === k - 1;
    const out = final ? output : Math.min(output - 1, (i + 1) * step);
    const uuid = uuid4(r);
    lastTs = iso(s.t);
    const line = assistantLine(s, {
      uuid, parent: s.lastUuid, model, msgId, reqId, block: blocks[i],
      stop: final ? stop : null, usage: usageJson(s, u, out, Math.min(thinking, out)), ts: lastTs,
    });
    lines.push(line);
    s.lastUuid = uuid;
    if (i > 0) hazard(G, 'claudeStreamingCopies');
    s.t += r.int(40, 900);
  }
  const rec = { msgId, reqId, model, u, output, thinking, ts: lastTs, uuid: s.lastUuid };
  const broken = canBreak && k === 1 && plant(G, 'claudeMalformedLines', 1 / 250);
  if (broken) {
    // A line cut short mid-file by a crash: never parseable, so never counted.
    const line = lines[0];
    w.add(line.slice(0, r.int(40, line.length - 20)));
    hazard(G, 'claudeMalformedLines');
  } else {
    for (const line of lines) { w.add(line, true); s.clean?.push(line); }
    addTruth(G, 'claude', lastTs, { input: u.i, output, cacheCreation: u.c5 + u.c1, cacheRead: u.cr });
    s.requests?.push(rec);
  }
  return rec;
}

function userLine(s, { uuid, parent, promptId, content, ts, extra = '' }) {
  return `{"parentUuid":${parent ? `"${parent}"` : 'null'},${s.side},"promptId":"${promptId}","type":"user","message":{"role":"user","content":${content}},"uuid":"${uuid}","timestamp":"${ts}"${extra},${s.uTail}}`;
}

function toolResultLine(s, G, { toolId, assistantUuid, content, isError, tur, ts }) {
  const uuid = uuid4(G.r);
  const line = userLine(s, {
    uuid, parent: assistantUuid, promptId: s.promptId, ts,
    content: `[{"tool_use_id":"${toolId}","type":"tool_result","content":${content},"is_error":${isError}}]`,
    extra: `,"toolUseResult":${tur},"sourceToolAssistantUUID":"${assistantUuid}"`,
  });
  s.lastUuid = uuid;
  return line;
}

// Each tool returns its tool_use input, the tool_result content, toolUseResult and how long it ran.

const TEST_CMDS = ['npm test', 'npx vitest run', 'pnpm test -- --run', 'pytest -q', 'go test ./...', 'cargo test', 'npx jest --ci', 'yarn test'];
const BUILD_CMDS = ['npm run build', 'npx tsc --noEmit', 'cargo build', 'go build ./...', 'npm run lint', 'npx eslint src --max-warnings=0'];
const LOOK_CMDS = ['ls -la src', 'git status', 'git diff --stat', 'git log --oneline -20', 'rg -n "TODO" src', 'cat package.json', 'find . -name "*.test.ts" | head -50', 'git diff'];

function bashTool(G, s) {
  const r = G.r;
  const P = G.P;
  const kind = r.weighted(BASH_KINDS);
  let cmd, out, exit = 0, ms = r.int(80, 4000), bg = false;
  switch (kind) {
    case 'test':
      cmd = r.pick(TEST_CMDS);
      exit = r.chance(0.3) ? 1 : 0;
      ms = r.int(1500, 90000);
      out = take(G.pools.logs, r, r.skew(300, P.maxContent)) + esc(exit ? `Tests: ${r.int(1, 9)} failed, ${r.int(10, 400)} passed` : `Tests: ${r.int(10, 400)} passed`);
      break;
    case 'build':
      cmd = r.pick(BUILD_CMDS);
      exit = r.chance(0.2) ? 2 : 0;
      out = exit ? take(G.pools.logs, r, r.skew(200, P.maxContent / 2)) : esc(r.chance(0.5) ? '' : `built in ${r.int(200, 9000)}ms`);
      break;
    case 'look':
      cmd = r.pick(LOOK_CMDS);
      out = cmd === 'git diff' ? take(G.pools.code, r, r.skew(200, P.maxContent)) : take(G.pools.logs, r, r.skew(100, P.maxContent / 3));
      if (r.chance(0.04)) { exit = r.pick([1, 2, 127]); out = esc(`${cmd.split(' ')[0]}: ${sentence(r)}`); }
      break;
    case 'commit': {
      const msg = sentence(r).slice(0, 60).replace(/[.:]$/, '');
      cmd = `git add -A && git commit -m "${msg}"`;
      if (r.chance(0.1)) { exit = 1; out = esc('On branch main\nnothing to commit, working tree clean'); }
      else out = esc(`[${s.branch} ${hex(r, 7)}] ${msg}\n ${r.int(1, 12)} files changed, ${r.int(1, 400)} insertions(+), ${r.int(0, 200)} deletions(-)`);
      break;
    }
    case 'push':
      cmd = `git push origin ${s.branch}`;
      if (r.chance(0.1)) { exit = 1; out = esc(`To github.com:acme/${r.pick(WORDS)}.git\n ! [rejected]        ${s.branch} -> ${s.branch} (fetch first)\nerror: failed to push some refs`); }
      else out = esc(`To github.com:acme/${r.pick(WORDS)}.git\n   ${hex(r, 7)}..${hex(r, 7)}  ${s.branch} -> ${s.branch}`);
      break;
    case 'pr': {
      const n = r.int(10, 999);
      cmd = `gh pr create --title "${sentence(r).slice(0, 50).replace(/[.:]$/, '')}" --body "${sentence(r)}"`;
      out = esc(`https://github.com/acme/app/pull/${n}`);
      s.prLink = n;
      break;
    }
    case 'merge':
      cmd = `gh pr merge ${r.int(10, 999)} --squash --delete-branch`;
      out = esc(`✓ Squashed and merged pull request acme/app#${r.int(10, 999)} (${sentence(r).slice(0, 40)})`);
      break;
    case 'script':
      cmd = `python scripts/${ident(r)}.py --dry-run`;
      exit = r.chance(0.4) ? 1 : 0;
      out = exit ? esc(`Traceback (most recent call last):\n  File "scripts/x.py", line ${r.int(1, 300)}, in <module>\nKeyError: '${r.pick(WORDS)}'`) : take(G.pools.logs, r, r.skew(100, 3000));
      break;
    case 'background':
      cmd = 'npm run dev';
      bg = true;
      break;
    default: // interrupted
      cmd = r.pick(TEST_CMDS);
      exit = 143;
      out = esc('Terminated');
  }
  const input = `{"command":${JSON.stringify(cmd)},"description":${JSON.stringify(sentence(r).slice(0, 50))}${bg ? ',"run_in_background":true' : ''}${r.chance(0.1) ? `,"timeout":${r.int(1, 10) * 60000}` : ''}}`;
  if (bg) {
    const id = hex(r, 6);
    return { name: 'Bash', input, content: `"Command running in background with ID: ${id}."`, isError: false, tur: `{"stdout":"","stderr":"","interrupted":false,"isImage":false,"backgroundTaskId":"${id}"}`, ms: 300, chars: 60 };
  }
  if (exit !== 0) {
    const text = `Exit code ${exit}\\n${out}`;
    return { name: 'Bash', input, content: `"${text}"`, isError: true, tur: `"Error: ${text}"`, ms, chars: text.length };
  }
  const spilled = spill(G, s, out);
  return {
    name: 'Bash', input, content: `"${spilled ?? out}"`, isError: false, ms, chars: (spilled ?? out).length,
    tur: `{"stdout":"${out}","stderr":"","interrupted":false,"isImage":false,"noOutputExpected":false}`,
  };
}
const BASH_KINDS = weights({ test: 24, build: 12, look: 38, commit: 8, push: 4, pr: 2, merge: 1, script: 8, background: 1, interrupted: 0.5 });

/** Very large outputs are saved under <session>/tool-results/ and only previewed inline. */
function spill(G, s, out) {
  const r = G.r;
  if (!s.dir || out.length < 30000 || !r.chance(0.35)) return null;
  const name = `${hex(r, 8)}.txt`;
  const path = join(s.dir, s.sessionId, 'tool-results', name);
  mkdirSync(dirname(path), { recursive: true });
  const raw = JSON.parse(`"${out}"`);
  writeFileSync(path, raw);
  G.bytes += Buffer.byteLength(raw);
  hazard(G, 'claudeSiblingFiles');
  return esc(`Output too large (${(raw.length / 1024).toFixed(1)}KB). Full output saved to: ${path}\n\nPreview (first 2KB):\n`) + out.slice(0, 2000).replace(/\\+$/, '');
}

function readTool(G, s) {
  const r = G.r;
  const f = r.pick(G.pools.files);
  const path = `${s.cwd}/${f.rel}`;
  return {
    name: 'Read', input: `{"file_path":${JSON.stringify(path)}}`, content: `"${f.numbered}"`, isError: false, ms: r.int(5, 80), chars: f.numbered.length,
    tur: `{"type":"text","file":{"filePath":${JSON.stringify(path)},"content":"${f.plain}","numLines":${f.lines},"startLine":1,"totalLines":${f.lines}}}`,
  };
}

function editTool(G, s) {
  const r = G.r;
  const f = r.pick(G.pools.files);
  const path = JSON.stringify(`${s.cwd}/${f.rel}`);
  const at = r.int(0, Math.max(0, f.lines - 4));
  const oldLines = f.lineTexts.slice(at, at + r.int(1, 6));
  const newLines = take(G.pools.code, r, textLen(G, 40, 1500)).split('\\n').filter(Boolean);
  const oldJ = esc(oldLines.join('\n'));
  const newJ = newLines.join('\\n');
  const patch = [...oldLines.map((l) => `"${esc('-' + l)}"`), ...newLines.map((l) => `"+${l}"`)].join(',');
  const snippet = newLines.map((l, i) => `${String(at + i + 1).padStart(6)}→${l}`).join('\\n');
  return {
    name: 'Edit', ms: r.int(5, 60), isError: false, chars: snippet.length + 120,
    input: `{"file_path":${path},"old_string":"${oldJ}","new_string":"${newJ}","replace_all":false}`,
    content: `"The file ${esc(`${s.cwd}/${f.rel}`)} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\\n${snippet}"`,
    tur: `{"filePath":${path},"oldString":"${oldJ}","newString":"${newJ}","originalFile":"${f.plain}","structuredPatch":[{"oldStart":${at + 1},"oldLines":${oldLines.length},"newStart":${at + 1},"newLines":${newLines.length},"lines":[${patch}]}],"userModified":false,"replaceAll":false}`,
  };
}

function writeTool(G, s) {
  const r = G.r;
  const f = r.pick(G.pools.files);
  const path = JSON.stringify(`${s.cwd}/${f.rel}`);
  return {
    name: 'Write', input: `{"file_path":${path},"content":"${f.plain}"}`, isError: false, ms: r.int(5, 60), chars: 80,
    content: `"File created successfully at: ${esc(`${s.cwd}/${f.rel}`)}"`,
    tur: `{"type":"create","filePath":${path},"content":"${f.plain}","structuredPatch":[]}`,
  };
}

function grepTool(G, s) {
  const r = G.r;
  const lines = take(G.pools.code, r, r.skew(100, G.P.maxContent / 4)).split('\\n').filter(Boolean);
  const file = r.pick(G.pools.files).rel;
  const out = lines.map((l, i) => `${file}:${i * 3 + 1}:${l}`).join('\\n');
  const pattern = JSON.stringify(ident(r));
  return {
    name: 'Grep', input: `{"pattern":${pattern},"path":${JSON.stringify(s.cwd)},"output_mode":"content","-n":true}`, isError: false, ms: r.int(10, 300), chars: out.length,
    content: `"${out}"`, tur: `{"mode":"content","numFiles":${r.int(1, 9)},"filenames":[],"content":"${out}","numLines":${lines.length}}`,
  };
}

function globTool(G, s) {
  const r = G.r;
  const names = [];
  for (let i = r.int(1, 60); i > 0; i--) names.push(JSON.stringify(`${s.cwd}/${r.pick(G.pools.files).rel}`));
  const content = names.map((n) => n.slice(1, -1)).join('\\n');
  return {
    name: 'Glob', input: `{"pattern":"**/*.${r.pick(['ts', 'py', 'go', 'md'])}"}`, isError: false, ms: r.int(5, 200), chars: content.length,
    content: `"${content}"`, tur: `{"filenames":[${names.join(',')}],"durationMs":${r.int(3, 200)},"numFiles":${names.length},"truncated":false}`,
  };
}

function todoTool(G) {
  const r = G.r;
  const todos = [];
  for (let i = r.int(2, 7); i > 0; i--) {
    const t = sentence(r).slice(0, 60);
    todos.push(`{"content":${JSON.stringify(t)},"status":"${r.pick(['pending', 'in_progress', 'completed'])}","activeForm":${JSON.stringify(t)}}`);
  }
  const list = `[${todos.join(',')}]`;
  return {
    name: 'TodoWrite', input: `{"todos":${list}}`, isError: false, ms: 3, chars: 200,
    content: '"Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable"',
    tur: `{"oldTodos":[],"newTodos":${list}}`,
  };
}

function webFetchTool(G) {
  const r = G.r;
  const url = `https://docs.example.com/${r.pick(WORDS)}/${ident(r)}`;
  const text = take(G.pools.prose, r, r.skew(300, G.P.maxContent / 3));
  return {
    name: 'WebFetch', input: `{"url":"${url}","prompt":${JSON.stringify(sentence(r))}}`, isError: false, ms: r.int(800, 9000), chars: text.length,
    content: `"${text}"`, tur: `{"bytes":${text.length * 3},"code":200,"codeText":"OK","result":"${text}","durationMs":${r.int(800, 9000)},"url":"${url}"}`,
  };
}

/** A sub-agent run in its own file; its toolUseResult repeats usage that must not be counted again. */
function taskTool(G, s) {
  const r = G.r;
  const description = sentence(r).slice(0, 40);
  const prompt = take(G.pools.prose, r, textLen(G, 200, 2000));
  const call = {
    name: 'Task', ms: r.int(100, 900), isError: false,
    input: `{"description":${JSON.stringify(description)},"prompt":"${prompt}","subagent_type":"general-purpose"}`,
    // Runs once the request asking for it is written, so the sub-agent's lines come after it.
    finish() {
      const run = subagent(G, s, prompt);
      const result = take(G.pools.prose, r, textLen(G, 200, 4000));
      const u = run.last.u;
      call.chars = result.length;
      call.content = `[{"type":"text","text":"${result}"}]`;
      call.tur = `{"status":"completed","prompt":"${prompt}","agentId":"${run.agentId}","content":[{"type":"text","text":"${result}"}],"totalDurationMs":${run.ms},"totalTokens":${run.tokens},"totalToolUseCount":${run.tools},"usage":{"input_tokens":${u.i},"cache_creation_input_tokens":${u.c1 + u.c5},"cache_read_input_tokens":${u.cr},"output_tokens":${run.last.output},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":${u.c1},"ephemeral_5m_input_tokens":${u.c5}}}}`;
    },
  };
  return call;
}

const TOOL_FNS = { Bash: bashTool, Read: readTool, Edit: editTool, Write: writeTool, Grep: grepTool, Glob: globTool, TodoWrite: todoTool, WebFetch: webFetchTool, Task: taskTool };

/** At most n characters of escaped text when the shape asks for short texts (never ending inside an escape). */
function trim(G, text, n) {
  if (!G.P.trimText || text.length <= n) return text;
  let t = text.slice(0, Math.max(1, n));
  let k = 0;
  while (k < t.length && t[t.length - 1 - k] === '\\') k++;
  if (k % 2) t = t.slice(0, -1);
  return t;
}

function thinkingBlock(G, n) {
  const text = trim(G, take(G.pools.prose, G.r, n), n);
  const sig = G.pools.b64.slice(0, G.r.int(100, Math.min(G.P.signatureMax, G.P.textMax * 2)));
  return { block: `{"type":"thinking","thinking":"${text}","signature":"${sig}"}`, chars: text.length };
}
const textBlock = (G, n) => `{"type":"text","text":"${trim(G, take(G.pools.prose, G.r, n), n)}"}`;

/** One model request with its tool calls, then the tool results. */
function claudeStep(G, s, w, { last, tools }) {
  const r = G.r;
  const blocks = [];
  let thinkingChars = 0;
  if (r.chance(0.5)) { const t = thinkingBlock(G, textLen(G, 100, 3000)); blocks.push(t.block); thinkingChars = t.chars; }
  if (last || r.chance(0.45)) blocks.push(textBlock(G, textLen(G, 60, last ? 2500 : 600)));
  const calls = [];
  if (!last) {
    for (let n = r.chance(0.15) ? r.int(2, 3) : 1; n > 0; n--) {
      const name = tools === MAIN_TOOLS && plant(G, 'claudeSubagentFiles', 0) ? 'Task' : r.weighted(tools === MAIN_TOOLS ? G.P.mainTools : tools);
      const call = TOOL_FNS[name](G, s);
      call.id = `toolu_01${b62(r, 22)}`;
      blocks.push(`{"type":"tool_use","id":"${call.id}","name":"${name}","input":${call.input}${s.legacy ? '' : ',"caller":{"type":"direct"}'}}`);
      calls.push(call);
    }
  }
  const rec = emitRequest(G, s, w, blocks, { stop: calls.length ? 'tool_use' : r.chance(0.7) ? 'end_turn' : null, thinkingChars, canBreak: calls.length === 0 });
  for (const call of calls) {
    call.finish?.();
    s.t += call.ms;
    const line = toolResultLine(s, G, { toolId: call.id, assistantUuid: rec.uuid, content: call.content, isError: call.isError, tur: call.tur, ts: iso(s.t) });
    w.add(line);
    s.clean?.push(line);
    s.added = (s.added ?? 0) + call.chars;
    s.tools = (s.tools ?? 0) + 1;
    if (s.prLink) {
      w.add(`{"type":"pr-link","sessionId":"${s.sessionId}","prNumber":${s.prLink},"prUrl":"https://github.com/acme/app/pull/${s.prLink}","prRepository":"acme/app","timestamp":"${iso(s.t + 5)}"}`);
      s.prLink = 0;
    }
    noise(G, w);
  }
  return rec;
}

function promptText(G) {
  const r = G.r;
  const base = take(G.pools.prose, r, textLen(G, 40, 1500));
  return r.chance(0.06) ? `${base}${esc(' ' + r.pick(UNICODE))}` : base;
}

/** A user prompt, a few requests with tools, and the turn_duration marker. */
function claudeTurn(G, s, w) {
  const r = G.r;
  const t0 = s.t;
  s.promptId = uuid4(r);
  const snapId = uuid4(r);
  w.add(`{"type":"file-history-snapshot","messageId":"${snapId}","snapshot":{"messageId":"${snapId}","trackedFileBackups":{${s.tools ? `"${r.pick(G.pools.files).rel}":{"backupFileName":"${hex(r, 16)}@v${r.int(1, 9)}","version":${r.int(1, 9)},"backupTime":"${iso(s.t)}"}` : ''}},"timestamp":"${iso(s.t)}"},"isSnapshotUpdate":false}`);
  const uuid = uuid4(r);
  w.add(userLine(s, { uuid, parent: s.lastUuid, promptId: s.promptId, content: `"${promptText(G)}"`, ts: iso(s.t), extra: ',"permissionMode":"default"' }));
  s.lastUuid = uuid;
  s.added = (s.added ?? 0) + 400;
  const steps = r.int(1, G.P.stepsMax);
  for (let i = 1; i <= steps; i++) {
    claudeStep(G, s, w, { last: i === steps, tools: MAIN_TOOLS });
    noise(G, w);
  }
  if (plant(G, 'claudeSyntheticLines', 0.015)) syntheticError(G, s, w);
  s.t += r.int(50, 400);
  w.add(`{"parentUuid":"${s.lastUuid}",${s.side},${s.uTail},"type":"system","subtype":"turn_duration","durationMs":${s.t - t0},"messageCount":${steps * 2 + 1},"timestamp":"${iso(s.t)}","uuid":"${uuid4(r)}","isMeta":false}`);
  if (s.ctx > 150000) compaction(G, s, w);
}

/** API error placeholder: model `<synthetic>`, zero usage, no requestId. */
function syntheticError(G, s, w) {
  const r = G.r;
  s.t += r.int(1000, 30000);
  const text = r.chance(0.3)
    ? `Claude AI usage limit reached|${Math.floor(s.t / 1000) + 3600 * r.int(1, 5)}`
    : 'API Error: 529 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"overloaded_error\\",\\"message\\":\\"Overloaded\\"}}';
  const uuid = uuid4(r);
  w.add(`{"parentUuid":"${s.lastUuid}",${s.side},"message":{"id":"${uuid4(r)}","container":null,"model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","stop_sequence":"","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":null,"cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0}},"content":[{"type":"text","text":"${text}"}]},"type":"assistant","uuid":"${uuid}","timestamp":"${iso(s.t)}","isApiErrorMessage":true,${s.aTail}}`, true);
  s.lastUuid = uuid;
  hazard(G, 'claudeSyntheticLines');
}

/** compact_boundary + the summary user message; the summarising request itself is counted. */
function compaction(G, s, w) {
  const r = G.r;
  const pre = s.ctx;
  emitRequest(G, s, w, [textBlock(G, textLen(G, 2000, 8000))], { stop: 'end_turn' });
  const uuid = uuid4(r);
  s.t += r.int(100, 900);
  w.add(`{"parentUuid":null,"logicalParentUuid":"${s.lastUuid}",${s.side},${s.uTail},"type":"system","subtype":"compact_boundary","content":"Conversation compacted","isMeta":false,"timestamp":"${iso(s.t)}","uuid":"${uuid}","level":"info","compactMetadata":{"trigger":"auto","preTokens":${pre}}}`);
  const sum = uuid4(r);
  w.add(userLine(s, { uuid: sum, parent: uuid, promptId: s.promptId, content: `"This session is being continued from a previous conversation that ran out of context. Summary:\\n${take(G.pools.prose, r, textLen(G, 2000, 9000))}"`, ts: iso(s.t + 3), extra: ',"isVisibleInTranscriptOnly":true,"isCompactSummary":true' }));
  s.lastUuid = sum;
  s.ctx = 0;
  hazard(G, 'claudeCompactions');
}

/** A Task sub-agent: its own file, distinct message ids (counted), isSidechain:true. */
function subagent(G, parent, prompt) {
  const r = G.r;
  const s = claudeSession(G, newClaudeFields(G, parent.cwd, parent.t + r.int(200, 900), parent));
  s.dir = parent.dir;
  const base = join(parent.dir, parent.sessionId, 'subagents', `agent-${s.agentId}`);
  const w = new FileWriter(G, `${base}.jsonl`, 'claude');
  writeFileSync(`${base}.meta.json`, JSON.stringify({ agentType: 'general-purpose', description: prompt.slice(0, 60) }));
  hazard(G, 'claudeSubagentFiles');
  hazard(G, 'claudeSiblingFiles');
  s.promptId = uuid4(r);
  const uuid = uuid4(r);
  w.add(userLine(s, { uuid, parent: null, promptId: s.promptId, content: `"${prompt}"`, ts: iso(s.t) }));
  s.lastUuid = uuid;
  let tokens = 0;
  let last;
  const steps = r.int(2, Math.max(2, G.P.stepsMax));
  for (let i = 1; i <= steps; i++) {
    last = claudeStep(G, s, w, { last: i === steps, tools: SUB_TOOLS });
    tokens += last.u.i + last.output + last.u.c1 + last.u.c5 + last.u.cr;
  }
  w.close();
  const ms = s.t - parent.t;
  parent.t = s.t;
  return { agentId: s.agentId, ms, tokens, tools: s.tools ?? 0, last };
}

/**
 * A `/btw` side question: the sidechain file first replays parent messages with the same
 * message.id but a new requestId (not counted again), then asks its own question (counted).
 */
function btw(G, s) {
  const r = G.r;
  const side = claudeSession(G, { ...newClaudeFields(G, s.cwd, s.t + r.int(1000, 60000), s), model: s.model });
  const w = new FileWriter(G, join(s.dir, s.sessionId, 'subagents', `agent-${side.agentId}.jsonl`), 'claude');
  hazard(G, 'claudeSubagentFiles');
  side.promptId = uuid4(r);
  let parent = null;
  const n = Math.min(s.requests.length, r.int(2, 6));
  for (const rec of s.requests.slice(-n)) {
    const uuid = uuid4(r);
    side.t += r.int(1, 30);
    const line = assistantLine(side, {
      uuid, parent, model: rec.model, msgId: rec.msgId, reqId: `req_011C${b62(r, 20)}`, block: textBlock(G, 200),
      stop: null, usage: usageJson(side, rec.u, rec.output, rec.thinking), ts: iso(side.t),
    });
    w.add(line, true);
    parent = uuid;
    hazard(G, 'claudeSidechainReplays');
  }
  const uuid = uuid4(r);
  w.add(userLine(side, { uuid, parent, promptId: side.promptId, content: `"/btw ${take(G.pools.prose, r, 200)}"`, ts: iso(side.t) }));
  side.lastUuid = uuid;
  side.ctx = s.ctx;
  emitRequest(G, side, w, [textBlock(G, textLen(G, 100, 1500))], { stop: 'end_turn' });
  w.close();
}

/** A main transcript: optional copy of an earlier session (resume), turns, hazards. */
function claudeMain(G, { cwd, t, resumeOf }) {
  const r = G.r;
  const s = claudeSession(G, newClaudeFields(G, cwd, t));
  s.dir = join(G.out, 'claude', 'projects', s.project);
  s.requests = [];
  s.clean = [];
  const file = join(s.dir, `${s.sessionId}.jsonl`);
  const w = new FileWriter(G, file, 'claude');
  if (resumeOf) {
    // Older Claude Code copied the history into the continuation file, ids and timestamps included.
    const copied = resumeOf.clean.slice(0, r.chance(0.5) ? resumeOf.clean.length : r.int(1, resumeOf.clean.length));
    for (const line of copied) w.add(line, line.includes('"type":"assistant"'));
    hazard(G, 'claudeResumedFiles');
    hazard(G, 'claudeResumedCopiedLines', copied.length);
    s.ctx = resumeOf.ctx;
  } else if (r.chance(0.2)) {
    w.add(`{"type":"summary","summary":${JSON.stringify(sentence(r).slice(0, 60))},"leafUuid":"${uuid4(r)}"}`);
  }
  if (!s.legacy && r.chance(0.5)) w.add(`{"type":"permission-mode","permissionMode":"default","sessionId":"${s.sessionId}"}`);
  const turns = r.int(1, G.P.turnsMax);
  const btwAt = plant(G, 'claudeSidechainReplays', 0.07) ? r.int(1, turns) : -1;
  for (let i = 1; i <= turns && s.t < G.stopTurnsAt; i++) {
    claudeTurn(G, s, w);
    if (i === btwAt && s.requests.length >= 2) btw(G, s);
    s.t += r.chance(0.7) ? r.int(5000, 300000) : r.int(300000, 3600000);
  }
  if (!s.legacy && r.chance(0.3)) w.add(`{"type":"last-prompt","lastPrompt":${JSON.stringify(sentence(r))},"sessionId":"${s.sessionId}"}`);
  s.pending = null;
  if (plant(G, 'claudeHalfWrittenLastLines', 0.04)) halfWritten(G, s, w);
  w.close();
  G.claudeSessions.push(sessionState(G, s, file));
  return s;
}

/** The agent is still writing: the last line has no newline yet. Completed by --append-mb. */
function halfWritten(G, s, w) {
  const r = G.r;
  const u = nextUsage(G, s, s.added ?? 0);
  s.added = 0;
  const output = r.int(20, 600);
  s.t += r.int(1500, 20000);
  const uuid = uuid4(r);
  const ts = iso(s.t);
  const line = assistantLine(s, { uuid, parent: s.lastUuid, model: s.model, msgId: `msg_011C${b62(r, 20)}`, reqId: `req_011C${b62(r, 20)}`, block: textBlock(G, 600), stop: 'end_turn', usage: usageJson(s, u, output, 0), ts });
  const cut = r.int(Math.floor(line.length * 0.3), line.length - 5);
  w.raw(line.slice(0, cut));
  s.lastUuid = uuid;
  s.pending = { rest: line.slice(cut), ts, tokens: { input: u.i, output, cacheCreation: u.c5 + u.c1, cacheRead: u.cr } };
  hazard(G, 'claudeHalfWrittenLastLines');
}

function sessionState(G, s, file) {
  const { sessionId, cwd, project, branch, version, slug, model, t, ctx, lastUuid, pending } = s;
  return { file: file.slice(G.out.length + 1), sessionId, cwd, project, branch, version, slug, model, t, ctx, lastUuid, pending };
}

// ---------------------------------------------------------------- Codex CLI

const rateLimits = (r, t) => `{"limit_id":"codex","primary":{"used_percent":${(r.next() * 90).toFixed(1)},"window_minutes":300,"resets_at":${Math.floor(t / 1000) + r.int(60, 18000)}},"secondary":{"used_percent":${(r.next() * 60).toFixed(1)},"window_minutes":10080,"resets_at":${Math.floor(t / 1000) + r.int(3600, 604800)}},"credits":null,"plan_type":"plus"}`;
const codexUsage = (u) => `{"input_tokens":${u.input},"cached_input_tokens":${u.cached},"output_tokens":${u.output},"reasoning_output_tokens":${u.reasoning},"total_tokens":${u.input + u.output}}`;
const tokenCountLine = (G, ts, total, last, t) => `{"timestamp":"${ts}","type":"event_msg","payload":{"type":"token_count","info":${total ? `{"total_token_usage":${codexUsage(total)},"last_token_usage":${codexUsage(last)},"model_context_window":258400}` : 'null'},"rate_limits":${rateLimits(G.r, t)}}}`;
const item = (ts, payload) => `{"timestamp":"${ts}","type":"response_item","payload":${payload}}`;
const event = (ts, payload) => `{"timestamp":"${ts}","type":"event_msg","payload":${payload}}`;

function codexCall(G, c, w, { final }) {
  const r = G.r;
  c.t += r.int(1500, 30000);
  const summary = take(G.pools.prose, r, textLen(G, 60, 600));
  w.add(item(iso(c.t), `{"type":"reasoning","summary":[{"type":"summary_text","text":"${summary}"}],"content":null,"encrypted_content":"gAAAAAB${G.pools.b64.slice(0, Math.min(G.P.encryptedMax, r.int(Math.min(1000, G.P.textMax * 2), 2000 + G.P.maxContent / 8)))}"}`));
  w.add(event(iso(c.t), `{"type":"agent_reasoning","text":"${summary}"}`));
  let added = 0;
  let outChars = summary.length;
  if (final) {
    const text = take(G.pools.prose, r, textLen(G, 100, 3000));
    w.add(item(iso(c.t + 2), `{"type":"message","role":"assistant","content":[{"type":"output_text","text":"${text}"}]}`));
    w.add(event(iso(c.t + 3), `{"type":"agent_message","message":"${text}"}`));
    outChars += text.length;
  } else {
    const tool = codexTool(G, c);
    for (const line of tool.lines) w.add(line);
    added = tool.chars;
    outChars += tool.inputChars;
  }
  // Usage of this API call; input includes cached, output includes reasoning.
  const fresh = c.ctx === 0 ? r.int(7000, 14000) : Math.ceil(c.added / 4) + r.int(50, 600);
  const cached = c.ctx === 0 ? (r.chance(0.5) ? r.int(2000, 6000) : 0) : r.chance(0.04) ? 0 : c.ctx;
  const input = cached + fresh;
  c.ctx = input;
  c.added = added;
  const output = Math.ceil(outChars / 3.5) + r.int(20, 400);
  const reasoning = Math.min(output, Math.ceil(summary.length / 2) + r.int(0, 1500));
  const last = { input, cached, output: output + reasoning, reasoning };
  const total = c.total;
  total.input += last.input; total.cached += last.cached; total.output += last.output; total.reasoning += last.reasoning;
  const ts = iso(c.t + 5);
  w.add(tokenCountLine(G, ts, total, last, c.t), true);
  addTruth(G, 'codex', ts, { input: input - cached, output: last.output, cacheCreation: 0, cacheRead: cached, reasoning: last.reasoning });
  c.events.push({ total: { ...total }, last });
  if (plant(G, 'codexReemittedTotals', 0.08)) {
    // Re-emitted unchanged totals (rate-limit refresh): must add nothing.
    w.add(tokenCountLine(G, iso(c.t + r.int(10, 3000)), total, last, c.t), true);
    hazard(G, 'codexReemittedTotals');
  }
}

const CODEX_CMDS = [...TEST_CMDS, ...BUILD_CMDS, ...LOOK_CMDS, 'git add -A && git commit -m "Fix parser edge case"', 'git push origin HEAD'];

function codexTool(G, c) {
  const r = G.r;
  const ts = iso(c.t + 1);
  const callId = `call_${b62(r, 24)}`;
  const kind = r.weighted(CODEX_TOOLS);
  const cmd = r.pick(CODEX_CMDS);
  const exit = r.chance(0.18) ? r.pick([1, 1, 2, 127]) : 0;
  const out = take(/diff|cat/.test(cmd) ? G.pools.code : G.pools.logs, r, r.skew(80, G.P.maxContent));
  const secs = r.next() * 20;
  const tsOut = iso(c.t + 2 + Math.round(secs * 1000));
  c.t += 3 + Math.round(secs * 1000);
  if (kind === 'exec') {
    const args = esc(JSON.stringify({ cmd, workdir: c.cwd, yield_time_ms: 10000, max_output_tokens: 6000 }));
    const text = `Command: /bin/bash -lc ${esc(JSON.stringify(cmd))}\\nChunk ID: ${hex(r, 6)}\\nWall time: ${secs.toFixed(4)} seconds\\nProcess exited with code ${exit}\\nOriginal token count: ${Math.ceil(out.length / 4)}\\nOutput:\\n${out}`;
    return {
      chars: text.length, inputChars: args.length,
      lines: [
        item(ts, `{"type":"function_call","name":"exec_command","arguments":"${args}","call_id":"${callId}"}`),
        item(tsOut, `{"type":"function_call_output","call_id":"${callId}","output":"${text}"}`),
        event(tsOut, `{"type":"exec_command_end","call_id":"${callId}","process_id":"${r.int(1000, 99999)}","turn_id":"${c.turnId}","command":["/bin/bash","-lc",${JSON.stringify(cmd)}],"cwd":${JSON.stringify(c.cwd)},"parsed_cmd":[{"type":"unknown","cmd":${JSON.stringify(cmd)}}],"source":"unified_exec_startup","stdout":"","stderr":"","aggregated_output":"${out}","exit_code":${exit},"duration":{"secs":${Math.floor(secs)},"nanos":${r.int(0, 999999999)}},"formatted_output":"","status":"completed"}`),
      ],
    };
  }
  if (kind === 'shell') {
    const args = esc(JSON.stringify({ command: ['bash', '-lc', cmd], workdir: c.cwd, timeout_ms: 120000 }));
    const output = esc(JSON.stringify({ output: JSON.parse(`"${out}"`), metadata: { exit_code: exit, duration_seconds: Number(secs.toFixed(1)) } }));
    return {
      chars: output.length, inputChars: args.length,
      lines: [
        item(ts, `{"type":"function_call","name":"shell","arguments":"${args}","call_id":"${callId}"}`),
        item(tsOut, `{"type":"function_call_output","call_id":"${callId}","output":"${output}"}`),
      ],
    };
  }
  const f = r.pick(G.pools.files);
  const body = take(G.pools.code, r, r.skew(100, G.P.maxContent / 2)).split('\\n').filter(Boolean).map((l) => `+${l}`).join('\\n');
  const patch = `*** Begin Patch\\n*** Update File: ${f.rel}\\n@@\\n${body}\\n*** End Patch`;
  return {
    chars: 200, inputChars: patch.length,
    lines: [
      item(ts, `{"type":"custom_tool_call","status":"completed","call_id":"${callId}","name":"apply_patch","input":"${patch}"}`),
      item(tsOut, `{"type":"custom_tool_call_output","call_id":"${callId}","output":"${esc(JSON.stringify({ output: `Success. Updated the following files:\nM ${f.rel}\n`, metadata: { exit_code: 0, duration_seconds: 0 } }))}"}`),
      event(tsOut, `{"type":"patch_apply_end","call_id":"${callId}","turn_id":"${c.turnId}","stdout":"Success. Updated the following files:\\nM ${f.rel}\\n","stderr":"","success":true,"changes":{"${f.rel}":{"type":"update","unified_diff":"${body}","move_path":null}}}`),
    ],
  };
}
const CODEX_TOOLS = weights({ exec: 70, shell: 15, patch: 15 });

function codexTurn(G, c, w) {
  const r = G.r;
  c.turnId = uuid7(c.t, r);
  if (c.models.length === 0 || r.chance(0.05)) c.models.push(r.weighted(CODEX_MODELS));
  const model = c.models[c.models.length - 1];
  w.add(`{"timestamp":"${iso(c.t)}","type":"turn_context","payload":{"turn_id":"${c.turnId}","cwd":${JSON.stringify(c.cwd)},"approval_policy":"on-request","sandbox_policy":{"type":"workspace-write","network_access":false,"exclude_tmpdir_env_var":false,"exclude_slash_tmp":false},"model":"${model}","effort":"medium","summary":"auto","truncation_policy":{"mode":"tokens","limit":10000}}}`);
  w.add(event(iso(c.t), `{"type":"task_started","turn_id":"${c.turnId}","model_context_window":258400}`));
  const prompt = take(G.pools.prose, r, textLen(G, 40, 1200));
  w.add(item(iso(c.t + 1), `{"type":"message","role":"user","content":[{"type":"input_text","text":"${prompt}"}]}`));
  w.add(event(iso(c.t + 1), `{"type":"user_message","message":"${prompt}","images":[]}`));
  if (plant(G, 'codexInfoNull', 0.6)) { w.add(tokenCountLine(G, iso(c.t + 2), null, null, c.t)); hazard(G, 'codexInfoNull'); }
  c.added += prompt.length;
  const calls = r.int(1, G.P.stepsMax + 1);
  for (let i = 1; i <= calls; i++) {
    codexCall(G, c, w, { final: i === calls });
    if (!c.forkAt && c.canFork && c.events.length >= 2 && (G.P.everyHazard || r.chance(0.3))) c.forkAt = { t: c.t + r.int(500, 5000), events: c.events.map((e) => ({ total: { ...e.total }, last: e.last })), cwd: c.cwd, id: c.id };
  }
  w.add(event(iso(c.t + 10), `{"type":"task_complete","turn_id":"${c.turnId}","last_agent_message":null}`));
}

function codexSession(G, { t, fork }) {
  const r = G.r;
  const id = uuid7(t, r);
  const cwd = fork?.cwd ?? r.pick(PROJECTS);
  const c = { id, cwd, t, ctx: 0, added: 0, total: { input: 0, cached: 0, output: 0, reasoning: 0 }, events: [], models: [], canFork: !fork && plant(G, 'codexForkedSessions', 0.1) };
  const d = iso(t);
  const file = join(G.out, 'codex', 'sessions', d.slice(0, 4), d.slice(5, 7), d.slice(8, 10), `rollout-${d.slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`);
  const w = new FileWriter(G, file, 'codex');
  // A fork is marked by forked_from_id, by a sub-agent source, or both.
  const marker = fork ? r.pick(['both', 'both', 'forked_from_id', 'thread_spawn']) : null;
  const source = marker && marker !== 'forked_from_id'
    ? `{"subagent":{"thread_spawn":{"parent_thread_id":"${fork.id}","depth":1,"agent_nickname":"${r.pick(WORDS)}","agent_role":"worker"}}}`
    : `"${r.pick(['cli', 'cli', 'vscode', 'exec'])}"`;
  const instructions = take(G.pools.prose, r, G.P.baseInstructions);
  w.add(`{"timestamp":"${d}","type":"session_meta","payload":{"id":"${id}",${marker && marker !== 'thread_spawn' ? `"forked_from_id":"${fork.id}",` : ''}"timestamp":"${d}","cwd":${JSON.stringify(cwd)},"originator":"codex_cli_rs","cli_version":"${r.pick(['0.118.0', '0.116.2', '0.111.0'])}","source":${source},"model_provider":"openai","base_instructions":{"text":"You are Codex, a coding agent based on GPT-5.\\n\\n${instructions}"},"git":{"commit_hash":"${hex(r, 40)}","branch":"${r.pick(BRANCHES)}","repository_url":"git@github.com:acme/${r.pick(WORDS)}.git"}}}`);
  if (fork) {
    // The child replays the parent's counts within its first second: a baseline, not new usage.
    const sec = Math.floor(t / 1000) * 1000 + 1000;
    const n = fork.events.length;
    fork.events.forEach((e, i) => w.add(tokenCountLine(G, iso(sec + Math.floor((i * 900) / n)), e.total, e.last, t), true));
    hazard(G, 'codexForkReplayedCounts', fork.events.length);
    hazard(G, 'codexForkedSessions');
    const base = fork.events[fork.events.length - 1].total;
    Object.assign(c.total, base);
    c.t = sec + 2000;
  }
  w.add(item(iso(c.t), `{"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions instructions>\\n${take(G.pools.prose, r, 800)}</permissions instructions>"}]}`));
  w.add(item(iso(c.t), `{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\\n  <cwd>${esc(cwd)}</cwd>\\n  <approval_policy>on-request</approval_policy>\\n  <sandbox_mode>workspace-write</sandbox_mode>\\n  <shell>bash</shell>\\n</environment_context>"}]}`));
  const turns = r.int(1, G.P.codexTurnsMax);
  for (let i = 0; i < turns && c.t < G.stopTurnsAt; i++) {
    codexTurn(G, c, w);
    c.t += r.chance(0.7) ? r.int(5000, 300000) : r.int(300000, 3600000);
  }
  if (plant(G, 'codexHalfWrittenLastLines', 0.03)) {
    // Crashed writer: a token_count cut short, never counted.
    const line = tokenCountLine(G, iso(c.t), { input: c.total.input + 9999, cached: c.total.cached, output: c.total.output + 99, reasoning: c.total.reasoning }, { input: 9999, cached: 0, output: 99, reasoning: 0 }, c.t);
    w.raw(line.slice(0, r.int(G.P.codexCutMin, line.length - 10)));
    hazard(G, 'codexHalfWrittenLastLines');
  }
  w.close();
  return c;
}

// ---------------------------------------------------------------- drivers

function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size: ${text} (use e.g. 512KiB, 100MiB, 1GiB)`);
  const unit = (m[2] ?? 'B').toUpperCase()[0];
  return Math.round(Number(m[1]) * ({ B: 1, K: 1024, M: MiB, G: 1024 * MiB }[unit]));
}

/** Knobs that keep a tiny demo corpus varied and a large one realistic. */
function profile(size, shape) {
  if (shape === 'dense') {
    // Short assistant turns and small outputs; sessions long enough to hold many of them.
    return {
      maxContent: 160,
      turnsMax: clamp(Math.round(size / 400_000), 2, 140),
      stepsMax: size < 4 * MiB ? 3 : 9,
      baseInstructions: 300,
      textMax: 60,
      signatureMax: 140,
      encryptedMax: 400,
      proseSentences: 1,
      trimText: true,
      codexTurnsMax: 25,
      // ccusage 20.0.24 panics (parser.rs:521) on a last line cut right after `"payload":{"type":"`.
      codexCutMin: 110,
      shortUsage: true,
      versions: DENSE_CLAUDE_VERSIONS,
      mainTools: DENSE_MAIN_TOOLS,
      everyHazard: size < 8 * MiB,
    };
  }
  return {
    maxContent: clamp(Math.round(size / 15000), 300, 48000),
    turnsMax: clamp(Math.round(size / 500000), 2, 24),
    stepsMax: size < 4 * MiB ? 3 : 7,
    baseInstructions: clamp(Math.round(size / 60000), 300, 14000),
    textMax: clamp(Math.round(size / 30000), 200, 9000),
    signatureMax: 1200,
    encryptedMax: Infinity,
    proseSentences: 4,
    trimText: false,
    codexTurnsMax: clamp(Math.round(size / 500000), 2, 24),
    codexCutMin: 60,
    shortUsage: false,
    versions: CLAUDE_VERSIONS,
    mainTools: MAIN_TOOLS,
    everyHazard: size < 8 * MiB,
  };
}

function newGen({ out, seed, size, dirty, shape = 'large' }) {
  const P = profile(size, shape);
  return {
    out, seed, size, P, dirty, bytes: 0,
    r: makeRng(seed),
    pools: buildPools(seed, P),
    truth: { claude: {}, codex: {} },
    stats: { claude: newStats(), codex: newStats() },
    hazards: {},
    claudeSessions: [],
  };
}

function sortedTruth(truth) {
  const sort = (days) => Object.fromEntries(Object.keys(days).sort().map((k) => [k, days[k]]));
  return { claude: sort(truth.claude), codex: sort(truth.codex) };
}

function generate(opts) {
  const started = Date.now();
  const G = newGen({ out: opts.out, seed: opts.seed, size: opts.size, dirty: true, shape: opts.shape });
  const r = G.r;
  const endMs = Date.parse(`${opts.end}T00:00:00Z`) + DAY_MS;
  const startMs = endMs - opts.days * DAY_MS;
  G.stopTurnsAt = endMs - 3600_000;
  const sessionStart = () => {
    // Some sessions start just before UTC midnight so their lines straddle two days.
    if (r.chance(0.05)) return startMs + r.int(0, opts.days - 2) * DAY_MS + DAY_MS - r.int(30_000, 900_000);
    return startMs + Math.floor(r.next() * (endMs - startMs - 4 * 3600_000));
  };
  mkdirSync(opts.out, { recursive: true });
  const claudeTarget = opts.size * (1 - opts.codexShare);
  let prev = null;
  while (G.bytes < claudeTarget) {
    const resume = prev && prev.clean.length > 0 && plant(G, 'claudeResumedFiles', 0.08) && prev.t + 600_000 < G.stopTurnsAt - 3600_000;
    const s = resume
      ? claudeMain(G, { cwd: prev.cwd, t: prev.t + r.int(60_000, 600_000), resumeOf: prev })
      : claudeMain(G, { cwd: r.pick(PROJECTS), t: sessionStart() });
    prev = s;
  }
  while (G.bytes < opts.size) {
    const c = codexSession(G, { t: sessionStart() });
    if (c.forkAt) codexSession(G, { t: c.forkAt.t, fork: c.forkAt });
  }
  writeFileSync(join(opts.out, 'truth.json'), JSON.stringify(sortedTruth(G.truth), null, 1) + '\n');
  const stats = { seed: opts.seed, size: opts.size, shape: opts.shape, days: opts.days, end: opts.end, codexShare: opts.codexShare, bytes: G.bytes, sources: G.stats, hazards: G.hazards };
  writeFileSync(join(opts.out, 'corpus-stats.json'), JSON.stringify(stats, null, 1) + '\n');
  const state = { seed: opts.seed, size: opts.size, shape: opts.shape, claudeSessions: G.claudeSessions };
  writeFileSync(join(opts.out, '.generator-state.json'), JSON.stringify(state));
  report(stats, Date.now() - started);
}

/**
 * Appends about N MiB of new requests to the most recently active Claude transcripts (first
 * finishing any half-written last line), and adds their usage to truth.json.
 */
function append(opts) {
  const started = Date.now();
  const dir = opts.into;
  const state = JSON.parse(readFileSync(join(dir, '.generator-state.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const G = newGen({ out: dir, seed: (opts.seed * 2654435761) ^ state.seed, size: state.size, dirty: false, shape: state.shape });
  G.truth = truth;
  G.stopTurnsAt = Infinity;
  const target = opts.appendMb * MiB;
  const order = [...state.claudeSessions].sort((a, b) => Number(!!b.pending) - Number(!!a.pending) || b.t - a.t).slice(0, 16);
  const open = order.map((st) => {
    const s = claudeSession(G, { ...st, agentId: null });
    s.dir = join(dir, 'claude', 'projects', st.project);
    const w = new FileWriter(G, join(dir, st.file), 'claude', true);
    if (st.pending) {
      w.raw(st.pending.rest + '\n');
      addTruth(G, 'claude', st.pending.ts, st.pending.tokens);
      hazard(G, 'completedHalfWrittenLines');
    }
    return { st, s, w };
  });
  for (let i = 0; G.bytes + open.reduce((n, o) => n + o.w.pending, 0) < target; i++) {
    const { s, w } = open[i % open.length];
    s.t += G.r.int(5000, 120000);
    claudeTurn(G, s, w);
    w.flush();
  }
  for (const { st, s, w } of open) {
    w.close();
    Object.assign(st, { t: s.t, ctx: s.ctx, lastUuid: s.lastUuid, pending: null });
  }
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(sortedTruth(G.truth), null, 1) + '\n');
  writeFileSync(join(dir, '.generator-state.json'), JSON.stringify(state));
  if (!opts.quiet) console.log(`appended ${(G.bytes / MiB).toFixed(2)} MiB (${G.stats.claude.lines} lines) to ${open.length} Claude files in ${Date.now() - started} ms`);
}

function report(stats, ms) {
  if (quiet) return;
  const mib = (n) => `${(n / MiB).toFixed(1)} MiB`;
  const pct = (a, b) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  console.log(`wrote ${mib(stats.bytes)} in ${(ms / 1000).toFixed(1)} s (${mib((stats.bytes / ms) * 1000)}/s)`);
  for (const [name, s] of Object.entries(stats.sources)) {
    console.log(`  ${name}: ${s.files} files, ${s.lines} lines, ${mib(s.chars)}; usage-bearing ${s.usageLines} lines (${pct(s.usageLines, s.lines)}), ${pct(s.usageChars, s.chars)} of bytes`);
  }
  console.log(`  hazards: ${Object.entries(stats.hazards).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    size: { type: 'string', default: '1GiB' },
    seed: { type: 'string', default: '1' },
    days: { type: 'string', default: '30' },
    end: { type: 'string', default: '2026-11-20' },
    'codex-share': { type: 'string', default: '0.2' },
    'append-mb': { type: 'string' },
    into: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    shape: { type: 'string', default: 'large' },
  },
});
const quiet = args.quiet;
const seed = Number.parseInt(args.seed, 10) >>> 0;
if (args['append-mb'] !== undefined) {
  if (!args.into || !existsSync(join(args.into, '.generator-state.json'))) throw new Error('--append-mb needs --into DIR made by this generator');
  append({ into: args.into, appendMb: Number(args['append-mb']), seed, quiet });
} else {
  if (!args.out) throw new Error('usage: node bench/generate.mjs --out DIR --size 1GiB [--seed N] [--days 30] [--end YYYY-MM-DD] [--codex-share 0.2] [--shape large|dense]');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.end)) throw new Error(`bad --end: ${args.end}`);
  if (args.shape !== 'large' && args.shape !== 'dense') throw new Error(`bad --shape: ${args.shape} (large or dense)`);
  generate({ shape: args.shape, out: args.out, size: parseSize(args.size), seed, days: Number(args.days), end: args.end, codexShare: Number(args['codex-share']) });
}
