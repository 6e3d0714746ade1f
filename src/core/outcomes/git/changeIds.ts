// Which changes are the same change: a squash commit and the branch it squashed, a rebased copy and its
// original. Like `git patch-id --stable` (added and removed lines, whitespace and line numbers ignored,
// files in path order), but over zero-context diffs: a squash still matches its branch when the default
// branch changed lines next to it before the merge, which changes the context a plain patch-id hashes.
import { createHash } from 'node:crypto';
import { gitOutput, type GitRunner } from './runGit';

export interface ChangeQuery {
  /** The commit whose change is asked for. */
  tip: string;
  /** Diff from this commit (a branch's merge base); absent: from the tip's parent. */
  base?: string;
}

const ARGS = ['diff-tree', '--stdin', '-p', '-U0', '--always', '--root', '--no-renames', '--no-ext-diff', '--no-textconv', '--full-index', '--no-color'];
const HEADER = /^[0-9a-f]{40,64}( [0-9a-f]{40,64})*$/;

/** One id per query, in order; null for a change that changes nothing. */
export async function changeIds(git: GitRunner, queries: readonly ChangeQuery[]): Promise<(string | null)[]> {
  if (queries.length === 0) return [];
  // `tip base` on a line of diff-tree's input reads as "tip, with parent base".
  const input = queries.map((q) => (q.base ? `${q.tip} ${q.base}` : q.tip)).join('\n');
  const out = await gitOutput(git, ARGS, `${input}\n`);
  const records = splitRecords(out);
  if (records.length !== queries.length) throw new Error(`git diff-tree answered ${records.length} diffs for ${queries.length} commits`);
  return records.map(changeId);
}

function splitRecords(out: string): string[][] {
  const records: string[][] = [];
  for (const line of out.split('\n')) {
    if (HEADER.test(line)) records.push([]);
    else records[records.length - 1]?.push(line);
  }
  return records;
}

/** Hash of each file's path and its added and removed lines (whitespace dropped); binary files by blob ids. */
export function changeId(diff: readonly string[]): string | null {
  const files: { path: string; index?: string; lines: string[] }[] = [];
  let file: (typeof files)[number] | undefined;
  let inHunk = false;
  for (const line of diff) {
    if (line.startsWith('diff --git ')) {
      files.push((file = { path: line.slice(11), lines: [] }));
      inHunk = false;
    } else if (!file) {
      continue;
    } else if (line.startsWith('@@')) {
      inHunk = true;
    } else if (inHunk) {
      if (line.startsWith('+') || line.startsWith('-')) file.lines.push(line[0]! + line.slice(1).replace(/\s+/g, ''));
    } else if (line.startsWith('index ')) {
      file.index = line.split(' ')[1];
    } else if (line.startsWith('Binary files ')) {
      file.lines.push(`binary ${file.index ?? ''}`);
    } else if (line.startsWith('new file mode') || line.startsWith('deleted file mode')) {
      file.lines.push(line.split(' ')[0]!);
    }
  }
  const changed = files.filter((f) => f.lines.length > 0);
  if (changed.length === 0) return null;
  const hash = createHash('sha1');
  for (const f of changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) hash.update(`${f.path}\n${f.lines.join('\n')}\n`);
  return hash.digest('hex');
}
