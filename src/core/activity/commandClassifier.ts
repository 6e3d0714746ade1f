// Decides which shell commands matter for outcomes (test runs, commits, merges) and reduces each to a
// short label. Only the label is kept: the command line itself may hold code or secrets and never
// leaves the scanner.

export type CommandKind = 'test' | 'commit' | 'merge';

export interface CommandClass {
  kind: CommandKind;
  /** A short, text-free name of what ran, e.g. `npm test`, `pytest`, `git commit`. */
  label: string;
}

/** The outcome-relevant parts of a command line, at most one per kind, in order; empty when none. */
export type CommandClassifier = (command: string) => CommandClass[];

/**
 * Default test commands, as regular expressions matched against each simple command of a command line
 * (after `cd …`, env assignments and `npx`/`uv run`-style runners are stripped).
 */
export const DEFAULT_TEST_PATTERNS: readonly string[] = [
  '^(npm|pnpm|yarn|bun) (run )?test(:\\S+)?\\b',
  '^npm t\\b',
  '^(npm|pnpm|yarn|bun) run (test|spec)\\S*',
  '^bun test\\b',
  '^deno test\\b',
  '^(vitest|jest|mocha|ava|tap|playwright test|cypress run)\\b',
  '^(python3? -m )?pytest\\b',
  '^python3? -m unittest\\b',
  '^tox\\b',
  '^go test\\b',
  '^cargo (nextest run|test)\\b',
  '^(mvn|\\./mvnw) (\\S+ )*(test|verify)\\b',
  '^(gradle|\\./gradlew) (\\S+ )*test\\b',
  '^dotnet test\\b',
  '^(make|just) (test|check)\\b',
  '^(bundle exec )?(rspec|rake test)\\b',
  '^(php )?(vendor/bin/)?(phpunit|pest)\\b',
  '^mix test\\b',
  '^ctest\\b',
  '^swift test\\b',
];

const RUNNER_PREFIX = /^(?:(?:npx|pnpx|bunx|uv run|poetry run|pipenv run|time|command|exec|sudo)\s+(?:--?\S+\s+)*)+/;
const ENV_ASSIGNMENTS = /^(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S*)\s+)+/;

/** Splits a command line into simple commands on `&&`, `||`, `;`, `|` and newlines (quotes respected). */
export function simpleCommands(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '\n' || c === '|' || (c === '&' && line[i + 1] === '&')) {
      out.push(cur);
      cur = '';
      if (line[i + 1] === c) i++;
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out.map(normalize).filter((s) => s !== '');
}

function normalize(cmd: string): string {
  let s = cmd.trim().replace(/^\(+|\)+$/g, '').trim();
  s = s.replace(ENV_ASSIGNMENTS, '');
  s = s.replace(RUNNER_PREFIX, '');
  return s.replace(/\s+/g, ' ');
}

function gitClass(cmd: string): CommandClass | undefined {
  // `git -C dir commit`, `git -c k=v commit`
  const m = /^git(?:\s+(?:-C|-c)\s+\S+)*\s+(\S+)/.exec(cmd);
  if (m) {
    if (m[1] === 'commit') return { kind: 'commit', label: 'git commit' };
    if (m[1] === 'merge') return { kind: 'merge', label: 'git merge' };
    return undefined;
  }
  if (/^gh pr merge\b/.test(cmd)) return { kind: 'merge', label: 'gh pr merge' };
  return undefined;
}

/** The label of a test command: the runner and its first word (`npm test`, `go test`, `pytest`). */
function testLabel(cmd: string, match: string): string {
  const label = match.trim().split(' ').slice(0, 3).join(' ');
  return label.length > 40 ? label.slice(0, 40) : label || cmd.split(' ')[0]!;
}

/** A classifier for the given test patterns (regular-expression sources; defaults when empty). */
export function createCommandClassifier(testPatterns: readonly string[] = DEFAULT_TEST_PATTERNS): CommandClassifier {
  const regexes: RegExp[] = [];
  for (const p of testPatterns.length > 0 ? testPatterns : DEFAULT_TEST_PATTERNS) {
    try {
      regexes.push(new RegExp(p));
    } catch {
      // an invalid user pattern is reported by the settings layer; here it simply matches nothing
    }
  }
  return (command) => {
    const found: CommandClass[] = [];
    const has = (kind: CommandKind): boolean => found.some((c) => c.kind === kind);
    for (const cmd of simpleCommands(command)) {
      const git = gitClass(cmd);
      if (git) {
        if (!has(git.kind)) found.push(git);
        continue;
      }
      if (has('test')) continue;
      for (const re of regexes) {
        const m = re.exec(cmd);
        if (m) {
          found.push({ kind: 'test', label: testLabel(cmd, m[0]) });
          break;
        }
      }
    }
    return found;
  };
}

/** Rejects patterns that are not valid regular expressions, with the reason. */
export function invalidPatterns(patterns: readonly string[]): { pattern: string; error: string }[] {
  const bad: { pattern: string; error: string }[] = [];
  for (const pattern of patterns) {
    try {
      new RegExp(pattern);
    } catch (err) {
      bad.push({ pattern, error: (err as Error).message });
    }
  }
  return bad;
}
