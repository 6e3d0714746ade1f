// Where TypeScript source can change files: calls of Node's fs write APIs (imported by name, as a
// namespace or via `promises`), opens whose flags are not read-only (or not a literal), and VS Code's
// workspace.fs writes. A static, regex-based reading of the code (no type information): good for
// "no such call here", not a proof.
export interface WriteSite {
  line: number;
  call: string;
  text: string;
}

const WRITE_APIS = new Set([
  'writeFile', 'appendFile', 'createWriteStream', 'truncate', 'ftruncate', 'rename', 'rm', 'rmdir', 'unlink', 'mkdir', 'mkdtemp',
  'copyFile', 'cp', 'utimes', 'futimes', 'lutimes', 'chmod', 'fchmod', 'lchmod', 'chown', 'fchown', 'lchown', 'symlink', 'link',
  'write', 'writev', 'fsync', 'fdatasync',
]);
const OPEN_APIS = new Set(['open', 'openSync']);
const READ_FLAGS = /^\s*(?:'rs?'|"rs?"|constants\.O_RDONLY|fs\.constants\.O_RDONLY)\s*$/;

const isWrite = (api: string): boolean => WRITE_APIS.has(api.replace(/Sync$/, ''));

/** Local names bound to fs functions (`{ writeFileSync as w }`), and names bound to the fs modules themselves. */
function fsBindings(text: string): { fns: Map<string, string>; modules: Set<string> } {
  const fns = new Map<string, string>();
  const modules = new Set<string>();
  const from = `\\s+from\\s+['"](?:node:)?fs(?:/promises)?['"]`;
  for (const m of text.matchAll(new RegExp(`import\\s+(?:type\\s+)?(?:(\\w+)\\s*,\\s*)?\\{([^}]*)\\}${from}`, 'g'))) {
    if (m[1]) modules.add(m[1]);
    for (const part of m[2]!.split(',')) {
      const [api, local] = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).map((s) => s.trim());
      if (api) fns.set(local ?? api, api);
    }
  }
  for (const m of text.matchAll(new RegExp(`import\\s+(?:\\*\\s+as\\s+)?(\\w+)${from}`, 'g'))) modules.add(m[1]!);
  for (const m of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*require\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\)/g)) modules.add(m[1]!);
  return { fns, modules };
}

/** The second argument of a call whose arguments start at `at` (after the opening parenthesis). */
function secondArg(text: string, at: number): string | undefined {
  let depth = 0;
  let start = -1;
  for (let i = at; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if (ch === ')' && depth === 0) return start < 0 ? undefined : text.slice(start, i);
    else if (ch === ',' && depth === 0) {
      if (start >= 0) return text.slice(start, i);
      start = i + 1;
    }
  }
  return undefined;
}

/**
 * The write sites of one source file's text. `helpers` are the project's own write functions (e.g.
 * `writeFileAtomic`): a call of one is a write site too.
 */
export function writeSites(text: string, helpers: readonly string[] = []): WriteSite[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const { fns, modules } = fsBindings(code);
  const sites: WriteSite[] = [];
  const lineOf = (i: number): number => code.slice(0, i).split('\n').length;
  const add = (i: number, call: string): void => {
    const line = lineOf(i);
    sites.push({ line, call, text: text.split('\n')[line - 1]!.trim() });
  };
  for (const m of code.matchAll(/(?<![\w.])(\w+)\s*\(/g)) {
    const api = fns.get(m[1]!);
    if (!api) continue;
    if (isWrite(api)) add(m.index!, api);
    else if (OPEN_APIS.has(api)) {
      const flags = secondArg(code, m.index! + m[0].length);
      if (flags !== undefined && !READ_FLAGS.test(flags)) add(m.index!, `${api}(…, ${flags.trim()})`);
    }
  }
  for (const ns of modules) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])${ns}(?:\\.promises)?\\.(\\w+)\\s*\\(`, 'g'))) {
      const api = m[1]!;
      if (isWrite(api)) add(m.index!, `${ns}.${api}`);
      else if (OPEN_APIS.has(api)) {
        const flags = secondArg(code, m.index! + m[0].length);
        if (flags !== undefined && !READ_FLAGS.test(flags)) add(m.index!, `${ns}.${api}(…, ${flags.trim()})`);
      }
    }
  }
  // The project's own write functions (their definitions are not calls).
  for (const h of helpers) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])(function\\s+)?${h}\\s*\\(`, 'g'))) if (!m[1]) add(m.index!, h);
  }
  for (const m of code.matchAll(/workspace\.fs\.(writeFile|delete|rename|createDirectory|copy)\s*\(/g)) add(m.index!, `workspace.fs.${m[1]}`);
  return sites.sort((a, b) => a.line - b.line);
}
