// Rewrites JSON lines as other writers would (Python's json.dumps, jq, a log shipper): the same values
// with keys in another order, spaces after `:` and `,`, `/` written `\/`, quotes as `\u0022`, some
// characters of keys and strings as `\uXXXX`, and numbers in other JSON forms (1.0e3, 1000.0, -0).
// Deterministic for a seed, so a failing line can be reproduced.

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Order = 'reverse' | 'shuffle' | 'sorted';

interface LineStyle {
  order: Order;
  colon: string;
  comma: string;
  /** Share of ordinary characters of keys and strings written as `\uXXXX`. */
  escapeRate: number;
}

const hex4 = (code: number, upper: boolean): string => {
  const h = code.toString(16).padStart(4, '0');
  return `\\u${upper ? h.toUpperCase() : h}`;
};

function stringText(s: string, style: LineStyle, rnd: () => number): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += rnd() < 0.5 ? hex4(code, rnd() < 0.5) : '\\"';
    else if (ch === '\\') out += rnd() < 0.5 ? '\\u005c' : '\\\\';
    else if (ch === '/') out += '\\/';
    else if (ch === '\n') out += rnd() < 0.5 ? '\\n' : '\\u000a';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += hex4(code, rnd() < 0.5);
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is escaped whole or not at all (half of one would not be UTF-8).
      const low = s.charCodeAt(++i);
      out += rnd() < style.escapeRate ? hex4(code, false) + hex4(low, true) : ch + s[i]!;
    } else if (rnd() < style.escapeRate) out += hex4(code, rnd() < 0.5);
    else out += ch;
  }
  return `${out}"`;
}

/** Another JSON spelling of the same number (exact: every form below parses back to `n`). */
function numberText(n: number, rnd: () => number): string {
  const plain = JSON.stringify(n);
  if (!Number.isInteger(n) || !/^-?\d+$/.test(plain)) return rnd() < 0.5 ? plain : n.toExponential();
  if (n === 0) return ['0', '-0', '0.0', '0e0', '-0.0E+0'][Math.floor(rnd() * 5)]!;
  const digits = plain.replace('-', '');
  const sign = n < 0 ? '-' : '';
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  const forms = [plain, `${plain}.0`, `${plain}e0`, `${plain}.0E+0`, `${plain}0e-1`];
  if (zeros > 0) {
    const m = digits.slice(0, digits.length - zeros);
    forms.push(m.length > 1 ? `${sign}${m[0]}.${m.slice(1)}e${m.length - 1 + zeros}` : `${sign}${m}.0e${zeros}`);
  }
  return forms[Math.floor(rnd() * forms.length)]!;
}

function orderKeys(keys: string[], order: Order, rnd: () => number): string[] {
  if (order === 'reverse') return [...keys].reverse();
  if (order === 'sorted') return [...keys].sort();
  const out = [...keys];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function valueText(v: unknown, style: LineStyle, rnd: () => number): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return numberText(v, rnd);
  if (typeof v === 'string') return stringText(v, style, rnd);
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x, style, rnd)).join(style.comma)}]`;
  const o = v as Record<string, unknown>;
  const keys = orderKeys(Object.keys(o), style.order, rnd);
  return `{${keys.map((k) => `${stringText(k, style, rnd)}${style.colon}${valueText(o[k], style, rnd)}`).join(style.comma)}}`;
}

const STYLES: Omit<LineStyle, 'escapeRate'>[] = [
  { order: 'shuffle', colon: ': ', comma: ', ' }, // json.dumps with its default separators
  { order: 'sorted', colon: ':', comma: ',' }, // jq -S -c
  { order: 'reverse', colon: ' : ', comma: ' ,\t' },
];

/** One line rewritten; a line that is not JSON (or blank) is kept as it is. */
export function reserialiseLine(line: string, rnd: () => number): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line;
  }
  const style = { ...STYLES[Math.floor(rnd() * STYLES.length)]!, escapeRate: rnd() < 0.5 ? 0 : 0.08 };
  const lead = rnd() < 0.2 ? ' ' : '';
  const trail = rnd() < 0.2 ? (rnd() < 0.5 ? ' \t' : '\r') : '';
  return `${lead}${valueText(value, style, rnd)}${trail}`;
}

/** Every line of a JSONL text rewritten (line breaks kept). */
export function reserialiseText(text: string, seed: number): string {
  const rnd = seededRandom(seed);
  return text.split('\n').map((l) => reserialiseLine(l, rnd)).join('\n');
}
