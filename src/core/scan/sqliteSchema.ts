// A table's columns from its CREATE TABLE statement, as SQLite reads rows through them: the names, the
// column that is an alias of the rowid (stored as NULL in each record, read as the rowid), and the
// DEFAULT a column added later by ALTER TABLE ADD COLUMN gives the rows written before it (they have no
// value for it; SQLite reads the default, with the column's affinity applied).
import type { SqlValue } from './sqliteReader';

export interface ColumnDef {
  name: string;
  /** An INTEGER PRIMARY KEY column of a rowid table: its value is the row's rowid. */
  rowidAlias: boolean;
  /** The value of a row stored before the column was added. */
  missing: SqlValue;
}

const CONSTRAINTS = /^(constraint|primary|foreign|unique|check)\b/i;
const COLUMN_CONSTRAINT = /^(constraint|primary|not|null|unique|check|default|collate|references|generated|as)$/i;
const NAME = /^(?:"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]|'([^']*)'|(\S+))/;

/** The statement without its comments, `--` to the line end and slash-star blocks (SQLite keeps them as written). */
function withoutComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      for (;;) {
        j = sql.indexOf(close, j);
        if (j < 0) j = sql.length;
        else if (close !== ']' && sql[j + 1] === close) {
          j += 2;
          continue;
        } else j++;
        break;
      }
      out += sql.slice(i, j);
      i = j;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      i = j < 0 ? sql.length : j;
      out += ' ';
    } else if (ch === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      i = j < 0 ? sql.length : j + 2;
      out += ' ';
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** The comma-separated parts inside `CREATE TABLE name (…)`, trimmed; quotes and nested parentheses respected. */
function tableParts(sql: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === '`' || ch === "'") quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '(') {
      if (depth++ === 0) continue;
    } else if (ch === ')') {
      if (--depth === 0) break;
    } else if (ch === ',' && depth === 1) {
      parts.push(cur);
      cur = '';
      continue;
    }
    if (depth > 0) cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Column names from `CREATE TABLE name (col type …, …, constraints)`, quotes removed. */
export function columnNames(sql: string): string[] {
  return tableSchema(sql).columns.map((c) => c.name);
}

/**
 * Whether a CREATE statement could be SQLite's own: outside quotes and comments no character SQLite's
 * tokenizer rejects (`\\ ^ { }`, a stray quote or bracket); no control character but white space; no
 * undecodable byte. A damaged schema page fails this more often than not; SQLite refuses such a table.
 */
export function isWellFormed(sql: string): boolean {
  const code = withoutComments(sql);
  if (/[\x00-\x08\x0e-\x1f\x7f\ufffd]/.test(code)) return false;
  const outsideQuotes = code.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]/g, ' ');
  return !/['"`[\]\\^{}]/.test(outsideQuotes);
}

/** A WITHOUT ROWID table keeps its rows in an index b-tree, not a table b-tree. */
export function isWithoutRowid(statement: string): boolean {
  const sql = withoutComments(statement);
  return /\bwithout\s+rowid\b/i.test(sql.slice(sql.lastIndexOf(')') + 1));
}

/** The columns of a CREATE TABLE statement. */
export function tableSchema(statement: string): { columns: ColumnDef[]; withoutRowid: boolean } {
  const sql = withoutComments(statement);
  const parts = tableParts(sql);
  const withoutRowid = isWithoutRowid(sql);
  const keyed = tableKey(parts.filter((p) => CONSTRAINTS.test(p)));
  const columns = parts
    .filter((p) => !CONSTRAINTS.test(p))
    .map((p) => {
      const m = NAME.exec(p);
      const name = m ? (m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4] ?? m[5]!) : p;
      const rest = m ? p.slice(m[0].length) : '';
      const type = declaredType(rest);
      const constraints = withoutLiterals(rest.slice(type.length));
      const isKey = /\bprimary\s+key\b/i.test(constraints) ? !/\bprimary\s+key\s+desc\b/i.test(constraints) : keyed === name.toLowerCase();
      return { name, rowidAlias: !withoutRowid && isKey && type.trim().toUpperCase() === 'INTEGER', missing: defaultValue(rest.slice(type.length), affinity(type)) };
    });
  return { columns, withoutRowid };
}

/** The one column of a table-level `PRIMARY KEY (col)`, lower-cased (undefined for none or several). */
function tableKey(constraints: string[]): string | undefined {
  for (const c of constraints) {
    const m = /\bprimary\s+key\s*\(([^)]*)\)/i.exec(c);
    if (!m) continue;
    const cols = m[1]!.split(',');
    if (cols.length !== 1) return undefined;
    const n = NAME.exec(cols[0]!.trim());
    return n ? (n[1]?.replace(/""/g, '"') ?? n[2] ?? n[3] ?? n[4] ?? n[5]!).toLowerCase() : undefined;
  }
  return undefined;
}

/** The declared type: the words after the name up to the first constraint, and one `(…)` (`DECIMAL(10, 2)`). */
function declaredType(rest: string): string {
  let end = 0;
  for (;;) {
    const word = /^\s*([A-Za-z_]\w*)/.exec(rest.slice(end));
    if (!word || COLUMN_CONSTRAINT.test(word[1]!)) return rest.slice(0, end);
    end += word[0].length;
    const size = /^\s*\([^)]*\)/.exec(rest.slice(end));
    if (size) return rest.slice(0, end + size[0].length);
  }
}

/** Quoted strings and names blanked out (same length, so positions still match the original). */
function withoutLiterals(s: string): string {
  return s.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, (q) => `'${'_'.repeat(q.length - 2)}'`);
}

type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

/** A column's affinity from its declared type (SQLite's rules, in their order). */
function affinity(type: string): Affinity {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || !t.trim()) return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'numeric';
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * The DEFAULT of a column as SQLite fills it in for a row stored without the column: a literal (ALTER TABLE
 * ADD COLUMN allows no other), with the column's affinity applied as SQLite applies it; NULL otherwise.
 */
function defaultValue(constraints: string, aff: Affinity): SqlValue {
  const m = /\bdefault\b\s*/i.exec(withoutLiterals(constraints));
  if (!m) return null;
  let lit = constraints.slice(m.index + m[0].length);
  let neg = false;
  for (let s = /^([+-])\s*/.exec(lit); s; s = /^([+-])\s*/.exec(lit)) {
    if (s[1] === '-') neg = !neg;
    lit = lit.slice(s[0].length);
  }
  const blob = /^x'([0-9a-f]*)'/i.exec(lit);
  if (blob) return Buffer.from(blob[1]!, 'hex');
  const str = /^'((?:[^']|'')*)'/.exec(lit);
  if (str) {
    const s = str[1]!.replace(/''/g, "'");
    return (aff === 'integer' || aff === 'real' || aff === 'numeric') && NUMERIC_TEXT.test(s) ? Number(s) : s;
  }
  if (/^true\b/i.test(lit)) return neg ? -1 : 1;
  if (/^false\b/i.test(lit)) return 0;
  const num = /^(0x[0-9a-f]+|(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)/i.exec(lit);
  if (!num) return null;
  const token = num[1]!;
  if (/^(0x[0-9a-f]+|\d+)$/i.test(token)) {
    const v = (neg ? -1n : 1n) * BigInt(token);
    if (v >= I64_MIN && v <= I64_MAX) return aff === 'text' ? v.toString() : Number(v);
    if (/^0x/i.test(token)) return null;
  }
  return aff === 'text' ? (neg ? '-' : '') + token : (neg ? -1 : 1) * Number(token);
}
