// What a commit message says, read from its subject and trailers only; the body itself is never kept.
import type { AgentTrailer } from '../types';

const SQUASH_PR = /\(#(\d+)\)\s*$/;
const MERGED_PR = /^Merge pull request #(\d+)\b/;
const REVERTS = /^This reverts commit ([0-9a-f]{7,64})\b/im;
const CO_AUTHOR = /^co-authored-by:(.*)$/gim;
const GENERATED_WITH = /^\W*generated with\b(.*)$/gim;
// Co-authors that are tools rather than people (names or their bot addresses).
const OTHER_AGENTS = /\b(copilot|cursor|aider|devin|windsurf|codeium|cody|amazon q|openhands|jules|openai|chatgpt|gpt-\d|junie|kiro|cline|cursoragent)/i;

/** The PR number of a squash commit (`Subject (#123)`). */
export function squashPrNumber(subject: string): number | undefined {
  const m = SQUASH_PR.exec(subject);
  return m ? Number(m[1]) : undefined;
}

/** The PR number of a merge commit (`Merge pull request #123 from …`, or a squash-style subject). */
export function mergePrNumber(subject: string): number | undefined {
  const m = MERGED_PR.exec(subject);
  return m ? Number(m[1]) : squashPrNumber(subject);
}

// How forges and git name the branch a merge brought in: GitHub, GitLab, Bitbucket, plain `git merge`.
const MERGED_BRANCH = [
  /^Merge pull request #\d+ from [^\s/]+\/(\S+)/m,
  /^Merge branch '([^']+)'/m,
  /^Merge remote-tracking branch '(?:[^'/]+\/)?([^']+)'/m,
  /^Merged in (\S+) \(pull request #\d+\)/m,
  /^Merge branch (\S+)/m,
];

/** The branch a merge or squash message names as the one it brought in. */
export function namedBranch(message: string): string | undefined {
  for (const re of MERGED_BRANCH) {
    const m = re.exec(message);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/**
 * The PR title a GitHub merge commit carries (`Merge pull request #12 from dev/feat-x`, a blank line, then
 * the title): the first line after the subject, and only of such a message, never the rest of a body.
 */
export function mergedPrTitle(message: string): string | undefined {
  const lines = message.split('\n');
  if (!MERGED_PR.test(lines[0] ?? '')) return undefined;
  const title = lines.slice(1).find((l) => l.trim() !== '')?.trim();
  // A trailer (`Co-authored-by: …`) right after the subject is not a title.
  return title && !/^[\w-]+:\s/.test(title) ? title : undefined;
}

/** The commit a `git revert` message names ("This reverts commit <sha>."). */
export function revertedSha(message: string): string | undefined {
  return REVERTS.exec(message)?.[1]?.toLowerCase();
}

function agentNamed(text: string): AgentTrailer | undefined {
  const t = text.toLowerCase();
  if (t.includes('claude') || t.includes('noreply@anthropic.com')) return 'claude';
  if (t.includes('codex')) return 'codex';
  if (t.includes('gemini')) return 'gemini';
  return undefined;
}

/** The agent a commit message credits in a `Co-authored-by:` trailer or a "Generated with …" line. */
export function agentTrailer(message: string): AgentTrailer | undefined {
  let other = false;
  for (const m of message.matchAll(CO_AUTHOR)) {
    const who = m[1] ?? '';
    const named = agentNamed(who);
    if (named) return named;
    if (OTHER_AGENTS.test(who)) other = true;
  }
  for (const m of message.matchAll(GENERATED_WITH)) {
    const named = agentNamed(m[1] ?? '');
    if (named) return named;
    other = true;
  }
  return other ? 'other' : undefined;
}
