// Any valid JSON counts the same (issue 11), measured as a new user would: a Claude Code + Codex CLI
// corpus made by bench/generate.mjs, then a copy of it re-serialised line by line as another writer
// would (keys shuffled, ", " and ": " separators, "/" as "\/", non-ASCII and some ASCII characters of keys,
// ids and strings as \uXXXX, integers as 1.0e3, 1000.0 or -0). Lines that are not JSON (the corpus plants
// malformed and half-written lines) are copied as they are. The built CLI (`awu-meter daily --json
// --no-cache`) reads both; the script prints their daily totals per source side by side with the
// corpus's truth.json and exits non-zero when any differ.
// Written apart from the unit tests (its own re-serialiser, the bench's generator). Usage:
//   node scripts/scenarios/reserialise.mjs [--size 8MiB] [--seed 1] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { size: { type: 'string', default: '8MiB' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } } });
const CLI = resolve('dist/cli.js');
const GENERATOR = resolve('bench/generate.mjs');
const KEYS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'];

// ---------------------------------------------------------------- the other writer

let state = 0x9e3779b9 ^ Number(values.seed);
function random() {
  // xorshift32
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}

const u = (code) => `\\u${code.toString(16).padStart(4, '0')}`;

function str(s, escapeRate) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === '"') out += random() < 0.5 ? '\\"' : '\\u0022';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += '\\/';
    else if (code < 0x20) out += u(code);
    else if (code > 0xffff) out += u(0xd800 + ((code - 0x10000) >> 10)) + u(0xdc00 + ((code - 0x10000) & 0x3ff));
    else if (code > 0x7e || random() < escapeRate) out += u(code); // like Python's ensure_ascii, and more
    else out += ch;
  }
  return `${out}"`;
}

function num(n) {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return String(n);
  if (n === 0) return random() < 0.5 ? '-0' : '0.0';
  const r = random();
  if (r < 0.25) return `${n}.0`;
  if (r < 0.5) return `${n}E+0`;
  if (r < 0.75 && n % 1000 === 0) return `${n / 1000}.0e3`;
  return String(n);
}

function write(v, escapeRate) {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return str(v, escapeRate);
  if (Array.isArray(v)) return `[${v.map((x) => write(x, escapeRate)).join(', ')}]`;
  const keys = Object.keys(v);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return `{${keys.map((k) => `${str(k, escapeRate)}: ${write(v[k], escapeRate)}`).join(', ')}}`;
}

function rewrite(line) {
  let v;
  try {
    v = JSON.parse(line);
  } catch {
    return line; // not JSON: kept as it is
  }
  return write(v, random() < 0.3 ? 0.05 : 0);
}

function copyRewritten(from, to) {
  let files = 0;
  let lines = 0;
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) {
      mkdirSync(dst, { recursive: true });
      const r = copyRewritten(src, dst);
      files += r.files;
      lines += r.lines;
    } else if (e.name.endsWith('.jsonl')) {
      const text = readFileSync(src, 'utf8').split('\n');
      writeFileSync(dst, text.map(rewrite).join('\n'));
      files++;
      lines += text.length;
    } else writeFileSync(dst, readFileSync(src));
  }
  return { files, lines };
}

// ---------------------------------------------------------------- run

function daily(dir, home) {
  const out = execFileSync(process.execPath, [CLI, 'daily', '--json', '--no-cache', '--source', 'claude,codex', '--tz', 'UTC'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1', CLAUDE_CONFIG_DIR: join(dir, 'claude'), CODEX_HOME: join(dir, 'codex') },
  });
  const json = JSON.parse(out);
  const bySource = { claude: {}, codex: {} };
  for (const d of json.days) for (const s of ['claude', 'codex']) if (d.bySource[s]) bySource[s][d.date] = d.bySource[s];
  return { bySource, skipped: json.diagnostics.skippedLines };
}

const root = mkdtempSync(join(tmpdir(), 'awu-reserialise-'));
const original = join(root, 'original');
const copy = join(root, 'reserialised');
const home = join(root, 'home');
mkdirSync(home);
execFileSync(process.execPath, [GENERATOR, '--out', original, '--size', values.size, '--seed', values.seed], { stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync(copy);
const copied = copyRewritten(original, copy);
const truth = JSON.parse(readFileSync(join(original, 'truth.json'), 'utf8'));
const a = daily(original, home);
const b = daily(copy, home);

const sample = readFileSync(join(copy, 'codex', readdirSync(join(copy, 'codex'), { recursive: true }).find((p) => String(p).endsWith('.jsonl'))), 'utf8').split('\n')[0];
console.log(`corpus ${values.size} (seed ${values.seed}) in ${root}: ${copied.files} JSONL files, ${copied.lines} lines re-serialised`);
console.log(`a re-serialised line: ${sample.slice(0, 160)}…\n`);
let differences = 0;
for (const source of ['claude', 'codex']) {
  console.log(`${source}: day         total tokens (truth)   original   re-serialised`);
  const days = [...new Set([...Object.keys(truth[source]), ...Object.keys(a.bySource[source]), ...Object.keys(b.bySource[source])])].sort();
  for (const day of days) {
    const t = truth[source][day];
    const x = a.bySource[source][day];
    const y = b.bySource[source][day];
    const same = KEYS.every((k) => t?.[k] === x?.[k] && x?.[k] === y?.[k]);
    if (!same) differences++;
    console.log(`  ${day}  ${String(t?.totalTokens ?? '-').padStart(20)}  ${String(x?.totalTokens ?? '-').padStart(9)}  ${String(y?.totalTokens ?? '-').padStart(14)}  ${same ? 'equal' : 'DIFFERENT'}`);
  }
  const sum = (m) => Object.values(m).reduce((s, d) => s + d.totalTokens, 0);
  console.log(`  all days    ${String(sum(truth[source])).padStart(20)}  ${String(sum(a.bySource[source])).padStart(9)}  ${String(sum(b.bySource[source])).padStart(14)}\n`);
}
console.log(`skipped lines (diagnostics): original ${a.skipped}, re-serialised ${b.skipped}`);
console.log(differences === 0 ? 'PASS every day and source: truth == original == re-serialised (all token columns)' : `FAIL ${differences} source-day(s) differ`);
if (!values.keep) rmSync(root, { recursive: true, force: true });
process.exit(differences === 0 && a.skipped === b.skipped ? 0 : 1);
