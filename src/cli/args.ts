// Command-line arguments of `awu-meter`, parsed and checked into one typed object.
import { parseArgs } from 'node:util';
import { parseDateArg, resolveTimeZone } from '../core/time/zone';
import { SOURCE_IDS, type SourceId } from '../core/types';
import type { Period } from '../core/report/usageReport';

export interface CliArgs {
  command: Period | 'help' | 'version';
  since?: string;
  until?: string;
  timeZone: string;
  sources: SourceId[];
  json: boolean;
  noCache: boolean;
  weekStartsOn: number;
  workers?: number;
}

export const USAGE = `Usage: awu-meter <command> [options]

Commands:
  daily      tokens and cost per day
  weekly     per week (weeks start on --week-start)
  monthly    per month
  session    per agent session
  project    per project (the agent's working directory)

Options:
  --since YYYY-MM-DD    first day to include (local date, inclusive)
  --until YYYY-MM-DD    last day to include (inclusive)
  --tz ZONE             IANA time zone for days (default: this machine's)
  --source LIST         comma list of sources: ${SOURCE_IDS.join(', ')} (default: all)
  --week-start DAY      sunday … saturday (default: monday)
  --json                machine-readable output
  --no-cache            read every log from scratch and persist nothing
  -h, --help            this help
  -v, --version         the version

Environment: CLAUDE_CONFIG_DIR (comma list), CODEX_HOME (comma list), AWU_METER_CACHE_DIR.`;

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
      'no-cache': { type: 'boolean', default: false },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const base = { timeZone: resolveTimeZone(values.tz), sources: [...SOURCE_IDS], json: values.json, noCache: values['no-cache'], weekStartsOn: 1 };
  if (values.help) return { ...base, command: 'help' };
  if (values.version) return { ...base, command: 'version' };
  const command = positionals[0] ?? 'daily';
  if (!['daily', 'weekly', 'monthly', 'session', 'project'].includes(command)) throw new Error(`Unknown command "${command}". Run awu-meter --help.`);
  if (positionals.length > 1) throw new Error(`Unexpected argument "${positionals[1]}".`);
  const args: CliArgs = { ...base, command: command as Period };
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
