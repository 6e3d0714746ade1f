// Antigravity's model names as ccusage 20.0.24 reports them (each mapping below was checked by running
// the binary on a database holding that name or id): numeric model ids (the `Model` enum of
// Antigravity's language server; ids from 1000 up are `MODEL_PLACEHOLDER_M<id - 1000>`), display
// names ("Gemini 3 Pro (Low)"), placeholder and agent aliases, each turned into a price-table name.

/** A numeric model id as a raw name (normalized afterwards). */
export function modelNameFromId(id: number): string {
  switch (id) {
    case 246:
      return 'gemini-2.5-pro';
    case 312:
      return 'gemini-2.5-flash';
    case 313:
    case 329:
      return 'gemini-2.5-flash-thinking';
    case 330:
      return 'gemini-2.5-flash-lite';
    case 281:
    case 282:
      return 'claude-4-sonnet';
    case 290:
    case 291:
      return 'claude-4-opus';
    case 333:
    case 334:
      return 'claude-4.5-sonnet';
    case 340:
    case 341:
      return 'claude-4.5-haiku';
    case 342:
      return 'model_openai_gpt_oss_120b_medium';
    default:
      return id >= 1000 ? `model_placeholder_m${id - 1000}` : `antigravity-model-${id}`;
  }
}

const FLASH_LEVELS = Object.fromEntries(
  ['3.6', '3.7', '3.8'].flatMap((v) => ['high', 'medium', 'low'].map((l) => [`gemini ${v} flash (${l})`, `gemini-${v}-flash-${l}`])),
);

const PLACEHOLDERS: Record<string, string> = {
  m318: 'gemini-3.8-flash-high',
  m319: 'gemini-3.8-flash-medium',
  m320: 'gemini-3.8-flash-low',
  m298: 'gemini-3.7-flash-high',
  m299: 'gemini-3.7-flash-medium',
  m300: 'gemini-3.7-flash-low',
  m71: 'gemini-3.6-flash-high',
  m72: 'gemini-3.6-flash-medium',
  m73: 'gemini-3.6-flash-low',
  m26: 'claude-opus-4-6',
  m35: 'claude-sonnet-4-6',
  m36: 'gemini-3.1-pro',
  m37: 'gemini-3.1-pro',
  m16: 'gemini-3.1-pro',
  m18: 'gemini-3-flash-preview',
  m84: 'gemini-3-flash-preview',
  m47: 'gemini-3-flash-preview',
  m132: 'gemini-3.5-flash-high',
  m133: 'gemini-3.5-flash-high',
  m187: 'gemini-3.5-flash-extra-low',
  m20: 'gemini-3.5-flash-medium',
};

/** Lower-case names (a display name without its parenthesised part) and what they stand for. */
const NAMES: Record<string, string> = {
  ...FLASH_LEVELS,
  ...Object.fromEntries(Object.entries(PLACEHOLDERS).map(([m, name]) => [`model_placeholder_${m}`, name])),
  'gemini 3.8 flash thinking': 'gemini-3.8-flash',
  'gemini 3.7 flash': 'gemini-3.7-flash',
  'gemini 3.7 flash thinking': 'gemini-3.7-flash',
  'gemini 3.7 pro': 'gemini-3.7-pro',
  'gemini 3.7 pro thinking': 'gemini-3.7-pro',
  'gemini 3.6 flash': 'gemini-3.6-flash',
  'gemini 3 flash': 'gemini-3.6-flash',
  'gemini 3.6 pro': 'gemini-3.6-pro',
  'gemini 3 pro': 'gemini-3-pro',
  'gemini 3 pro thinking': 'gemini-3-pro',
  'gemini 2.5 flash': 'gemini-2.5-flash',
  'gemini 2.5 pro': 'gemini-2.5-pro',
  'gemini 2.0 flash': 'gemini-2.0-flash',
  'gemini 2 flash': 'gemini-2.0-flash',
  'gemini 2.0 pro': 'gemini-2.0-pro',
  'gemini 1.5 flash': 'gemini-1.5-flash',
  'gemini 1.5 pro': 'gemini-1.5-pro',
  model_openai_gpt_oss_120b_medium: 'gpt-oss-120b-medium',
  'gemini-pro-default': 'gemini-3.1-pro',
  'gemini-pro-agent': 'gemini-3.1-pro',
  'gemini-3-flash-agent': 'gemini-3.5-flash-high',
  'gemini-3-flash-agent-a': 'gemini-3.5-flash-high',
  'gemini-3-flash-agent-b': 'gemini-3.5-flash-high',
  'gemini-3-flash-a': 'gemini-3.5-flash-high',
  'gemini-3-flash-b': 'gemini-3.5-flash-high',
  'gemini-3-flash-c': 'gemini-3-flash-preview',
  'gemini-3-flash': 'gemini-3-flash-preview',
  'gemini-3.5-flash-low': 'gemini-3.5-flash-medium',
  'gemini-3.1-pro-high': 'gemini-3.1-pro',
  'gemini-3.1-pro-low': 'gemini-3.1-pro',
  'gemini-3-pro-high': 'gemini-3-pro',
  'gemini-3-pro-low': 'gemini-3-pro',
  'claude 3.7 sonnet': 'claude-3-7-sonnet',
  'claude 3.7 sonnet thinking': 'claude-3-7-sonnet',
  'claude 3.5 sonnet': 'claude-3-5-sonnet',
  'claude 3.5 haiku': 'claude-3-5-haiku',
  'claude 3 opus': 'claude-3-opus',
};

/**
 * A raw model name as ccusage reports it: a known name (whole, else without its parenthesised part),
 * else that part with spaces as dashes for Gemini, Claude and GPT names, else the name trimmed.
 * Undefined for a blank name.
 */
export function normalizeModel(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  const lower = trimmed.replace(/[A-Z]+/g, (c) => c.toLowerCase()); // ASCII only, as ccusage
  const whole = NAMES[lower];
  if (whole) return whole;
  const paren = lower.indexOf('(');
  const base = paren >= 0 ? lower.slice(0, paren).trim() : lower;
  const known = NAMES[base];
  if (known) return known;
  const dashed = base.replace(/ /g, '-');
  return /^(gemini|claude|gpt)-/.test(dashed) ? dashed : trimmed;
}

/** The name of a numeric model id (0 is none). */
export function modelOfId(id: number | undefined): string | undefined {
  return id ? normalizeModel(modelNameFromId(id)) : undefined;
}
