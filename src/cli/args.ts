// Command-line arguments of `awu-meter`, parsed and checked into one typed object.
import { parseArgs } from 'node:util';
import { parseDateArg, resolveTimeZone } from '../core/time/zone';
import { SOURCE_IDS, type SourceId } from '../core/types';
import type { Period } from '../core/report/usageReport';

export type CliCommand = Period | 'tasks' | 'week' | 'statusline' | 'help' | 'version';

export interface CliArgs {
  command: CliCommand;
  since?: string;
  until?: string;
  timeZone: string;
  sources: SourceId[];
  json: boolean;
  noCache: boolean;
  weekStartsOn: number;
  workers?: number;
  /** tasks/week: repositories whose outcomes count (default: those the agent sessions worked in). */
  repos?: string[];
  /** week: ISO week label YYYY-Www (default: this week). */
  week?: string;
  format: 'md' | 'csv' | 'json' | 'html';
  out?: string;
  includeSubjects: boolean;
  extraEmails?: string[];
  defaultBranch?: string;
  /** statusline: --color / --no-color (default: colour on a terminal only). */
  color?: boolean;
}

export const USAGE = `Usage: awu-meter <command> [options]

Commands:
  daily      tokens and cost per day
  weekly     per week (weeks start on --week-start)
  monthly    per month
  session    per agent session
  project    per project (the agent's working directory)
  tasks      tasks (agent sessions and token-free work) with tokens, cost and AWUs from
             landed commits, merged PRs and passing tests
  week       the weekly summary (Markdown, CSV, JSON or HTML)
  statusline one line for a terminal agent's status bar: today's tokens, cost, AWUs and cost
             per AWU, and the session's cost and outcomes (Claude Code's JSON on stdin, else
             the working directory's last session)

Options:
  --since YYYY-MM-DD    first day to include (local date, inclusive)
  --until YYYY-MM-DD    last day to include (inclusive)
  --tz ZONE             IANA time zone for days (default: this machine's)
  --source LIST         comma list of sources: ${SOURCE_IDS.join(', ')} (default: all)
  --week-start DAY      sunday … saturday (default: monday)
  --json                machine-readable output
  --repo PATH           tasks/week: a repository whose outcomes count (repeatable; default: the
                        repositories the agent sessions worked in)
  --email ADDRESS       tasks/week: another author email that is yours (repeatable)
  --default-branch B    tasks/week: the branch work lands on (default: origin/HEAD, main, master)
  --week YYYY-Www       week: the ISO week (default: this week)
  --format FORMAT       week: md, csv, json or html (default: md)
  --out FILE            week: write to FILE instead of standard output
  --no-subjects         week: leave commit subjects out
  --color, --no-color   statusline: ANSI colours even when not on a terminal, or never
  --no-cache            read every log from scratch and persist nothing
  -h, --help            this help
  -v, --version         the version

Environment (where each agent's logs are; "list" = a comma list):
  Claude Code CLAUDE_CONFIG_DIR (list) · Codex CODEX_HOME (list) · Gemini CLI GEMINI_CLI_HOME,
  GEMINI_DATA_DIR (list) · Cline, Roo Code, Kilo Code, Copilot Chat, Cursor VSCODE_APPDATA; Cline
  CLINE_DATA_DIR · Copilot CLI and Chat COPILOT_HOME, COPILOT_OTEL_FILE_EXPORTER_PATH · OpenCode
  OPENCODE_DATA_DIR (list), XDG_DATA_HOME · pi PI_CODING_AGENT_DIR, PI_AGENT_DIR (list) · Amp
  AMP_DATA_DIR (list), XDG_DATA_HOME · Aider AIDER_CHAT_HISTORY_FILE, AIDER_ANALYTICS_LOG,
  AWU_METER_AIDER_DIRS (list) · Qwen Code QWEN_DATA_DIR (list) · Droid DROID_SESSIONS_DIR (list) ·
  OpenClaw OPENCLAW_DIR (list) · Hermes HERMES_HOME (list) · Goose GOOSE_PATH_ROOT · Kimi CLI
  KIMI_SHARE_DIR, KIMI_DATA_DIR (list) · Kilo CLI KILO_DATA_DIR (list), XDG_DATA_HOME · Codebuff
  CODEBUFF_DATA_DIR (list) · ZCode ZCODE_HOME (list) · Grok Build GROK_HOME · Antigravity
  ANTIGRAVITY_DATA_DIR (list).
  The index: AWU_METER_CACHE_DIR.
A source marked ~ has approximate counts (see the note under the table, or approximateSources in --json).`;

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      tz: { type: 'string' },
      source: { type: 'string' },
      'week-start': { type: 'string' },
      json: { type: 'boolean', default: false },
      repo: { type: 'string', multiple: true },
      email: { type: 'string', multiple: true },
      'default-branch': { type: 'string' },
      week: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'no-subjects': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const base = {
    timeZone: resolveTimeZone(values.tz),
    sources: [...SOURCE_IDS],
    json: values.json,
    noCache: values['no-cache'],
    weekStartsOn: 1,
    format: 'md' as const,
    includeSubjects: !values['no-subjects'],
  };
  if (values.help) return { ...base, command: 'help' };
  if (values.version) return { ...base, command: 'version' };
  const command = positionals[0] ?? 'daily';
  if (!['daily', 'weekly', 'monthly', 'session', 'project', 'tasks', 'week', 'statusline'].includes(command)) throw new Error(`Unknown command "${command}". Run awu-meter --help.`);
  if (positionals.length > 1) throw new Error(`Unexpected argument "${positionals[1]}".`);
  const args: CliArgs = { ...base, command: command as CliCommand };
  if (values.repo) args.repos = values.repo;
  if (values.email) args.extraEmails = values.email.map((e) => e.trim().toLowerCase());
  if (values['default-branch']) args.defaultBranch = values['default-branch'];
  if (values.week) {
    if (!/^\d{4}-W\d{2}$/.test(values.week)) throw new Error(`Invalid week "${values.week}": use YYYY-Www, e.g. 2026-W48.`);
    args.week = values.week;
  }
  if (values.format) {
    if (!['md', 'csv', 'json', 'html'].includes(values.format)) throw new Error(`Unknown format "${values.format}": use md, csv, json or html.`);
    args.format = values.format as CliArgs['format'];
  }
  if (values.out) args.out = values.out;
  if (values['no-color']) args.color = false;
  else if (values.color) args.color = true;
  if (values.since) args.since = parseDateArg(values.since);
  if (values.until) args.until = parseDateArg(values.until);
  if (args.since && args.until && args.since > args.until) throw new Error('--since is after --until.');
  if (values.source) {
    const list = values.source.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of list) if (!(SOURCE_IDS as readonly string[]).includes(s)) throw new Error(`Unknown source "${s}". Known: ${SOURCE_IDS.join(', ')}.`);
    args.sources = list as SourceId[];
  }
  if (values['week-start']) {
    const d = DAYS.indexOf(values['week-start'].toLowerCase());
    if (d < 0) throw new Error(`--week-start takes a day name (${DAYS.join(', ')}).`);
    args.weekStartsOn = d;
  }
  if (values.workers !== undefined) {
    const n = Number(values.workers);
    if (!Number.isInteger(n) || n < 0) throw new Error('--workers takes a whole number.');
    args.workers = n;
  }
  return args;
}
