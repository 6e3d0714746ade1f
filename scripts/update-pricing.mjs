#!/usr/bin/env node
// Regenerates src/core/pricing/prices.generated.json, the offline price table bundled with the
// extension, from LiteLLM's model_prices_and_context_window.json. Only chat/responses models that
// coding agents use are kept, with LiteLLM's price fields renamed to short keys (USD per token):
//   i, o, cw (cache write 5m), cw1h (cache write 1h), cr (cache read),
//   ia, oa, cwa, cra, cw1ha (the same above the long-context threshold `tier`), fast (multiplier).
// The output is deterministic (sorted keys, fixed field order) so re-runs diff cleanly.
//
//   node scripts/update-pricing.mjs                      # fetch from GitHub
//   node scripts/update-pricing.mjs --from FILE          # read a local copy
//   options: --url URL, --out FILE, --snapshot STAMP (default: today's date, UTC)
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const DEFAULT_URL = 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';
const DEFAULT_OUT = fileURLToPath(new URL('../src/core/pricing/prices.generated.json', import.meta.url));

const KEY_PREFIXES = [
  'claude-', 'anthropic/', 'gpt-', 'o1', 'o3', 'o4', 'codex-', 'openai/', 'gemini-', 'gemini/',
  'grok-', 'xai/', 'deepseek', 'glm-', 'zai/', 'kimi', 'moonshot/', 'qwen',
];
const MODES = new Set(['chat', 'responses']);
/** Chat-mode entries that are not text coding models (audio, realtime, image, search, embeddings). */
const EXCLUDED = /audio|realtime|tts|transcribe|image|embedding|search|computer-use|live-|robotics|:/;
/** Provider prefixes whose entries are dropped when the bare key carries the same prices. */
const PREFIX_RE = /^(anthropic|openai|gemini|xai|zai|moonshot|deepseek)\//;

function parseArgs(argv) {
  const opts = { from: undefined, url: DEFAULT_URL, out: DEFAULT_OUT, snapshot: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!['--from', '--url', '--out', '--snapshot'].includes(flag) || value === undefined) {
      throw new Error(`usage: update-pricing.mjs [--from FILE | --url URL] [--out FILE] [--snapshot STAMP] (bad argument: ${flag})`);
    }
    opts[flag.slice(2)] = value;
    i++;
  }
  return opts;
}

async function loadSource({ from, url }) {
  if (from) return JSON.parse(await readFile(from, 'utf8'));
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.json();
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** The long-context threshold LiteLLM encodes in field names (`_above_200k_tokens` → 200000), lowest first. */
function tierOf(entry) {
  const tiers = Object.keys(entry)
    .map((k) => /^input_cost_per_token_above_(\d+)k_tokens$/.exec(k)?.[1])
    .filter((t) => t !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  return tiers[0];
}

/** One LiteLLM entry → our short shape, or undefined when it has no usable token prices. */
export function compact(entry) {
  const i = num(entry.input_cost_per_token);
  const o = num(entry.output_cost_per_token);
  if (i === undefined || o === undefined) return undefined;
  const tierK = tierOf(entry);
  const above = (field) => (tierK === undefined ? undefined : num(entry[`${field}_above_${tierK}k_tokens`]));
  const price = {
    i,
    o,
    cw: num(entry.cache_creation_input_token_cost),
    cw1h: num(entry.cache_creation_input_token_cost_above_1hr),
    cr: num(entry.cache_read_input_token_cost),
    ia: above('input_cost_per_token'),
    oa: above('output_cost_per_token'),
    cwa: above('cache_creation_input_token_cost'),
    cw1ha: above('cache_creation_input_token_cost_above_1hr'),
    cra: above('cache_read_input_token_cost'),
    tier: tierK === undefined ? undefined : tierK * 1000,
    fast: num(entry.provider_specific_entry?.fast),
  };
  if (price.tier !== undefined && price.ia === undefined) delete price.tier;
  for (const k of Object.keys(price)) if (price[k] === undefined) delete price[k];
  return price;
}

function wanted(key, entry) {
  return (
    KEY_PREFIXES.some((p) => key.startsWith(p)) &&
    (entry.mode === undefined || MODES.has(entry.mode)) &&
    !EXCLUDED.test(key)
  );
}

export function buildTable(source) {
  const models = {};
  for (const [key, entry] of Object.entries(source)) {
    if (!entry || typeof entry !== 'object' || !wanted(key, entry)) continue;
    const price = compact(entry);
    if (price) models[key] = price;
  }
  // The pricer tries provider prefixes itself, so `openai/gpt-5` adds nothing when `gpt-5` says the same.
  for (const key of Object.keys(models)) {
    const bare = key.replace(PREFIX_RE, '');
    if (bare !== key && models[bare] && JSON.stringify(models[bare]) === JSON.stringify(models[key])) delete models[key];
  }
  return models;
}

export function render(models, snapshot) {
  const lines = Object.keys(models)
    .sort()
    .map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(models[k])}`);
  return [
    '{',
    `  "source": "LiteLLM model_prices_and_context_window.json",`,
    `  "snapshot": ${JSON.stringify(snapshot)},`,
    '  "models": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const source = await loadSource(opts);
  const models = buildTable(source);
  const snapshot = opts.snapshot ?? new Date().toISOString().slice(0, 10);
  const text = render(models, snapshot);
  await writeFile(opts.out, text);
  const kb = (Buffer.byteLength(text) / 1024).toFixed(1);
  console.log(`wrote ${Object.keys(models).length} models (${kb} KB) to ${opts.out} [snapshot ${snapshot}]`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
