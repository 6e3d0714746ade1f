// `awu-meter`: token and cost reports over the local logs of AI coding agents.
import { Pricer } from '../core/pricing/pricing';
import { buildUsageReport } from '../core/report/usageReport';
import { updateUsage } from '../core/scan/updateUsage';
import { processSourceEnv } from '../core/sources/sourceEnv';
import { defaultCacheDir } from '../core/store/cacheDir';
import { ZoneCalendar } from '../core/time/zone';
import { parseCliArgs, USAGE } from './args';
import { reportJson } from './jsonOutput';
import { Progress } from './progress';
import { runTasks, runWeek, sessionNames } from './outcomeCommands';
import { reportTable } from './tableOutput';
import { runStatusline, type StatuslineIo } from './statusline';

declare const AWU_METER_VERSION: string | undefined;

const statuslineIo = (): StatuslineIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

async function main(argv: string[]): Promise<number> {
  // Before parsing: the status line exits 0 with a fallback even on bad arguments.
  if (argv.includes('statusline')) return runStatusline(argv, statuslineIo());
  const args = parseCliArgs(argv);
  if (args.command === 'statusline') return runStatusline(argv, statuslineIo());
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${typeof AWU_METER_VERSION === 'string' ? AWU_METER_VERSION : 'dev'}\n`);
    return 0;
  }
  const progress = new Progress(process.stderr, 'Reading agent logs');
  const cacheDir = args.noCache ? undefined : defaultCacheDir();
  const { store } = await updateUsage({
    sources: args.sources,
    env: processSourceEnv(),
    cacheDir,
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
    // The usage reports want nothing before --since: older logs not yet read can wait (not tasks and
    // week, whose git history and activity reach further back).
    ...(args.since && args.command !== 'tasks' && args.command !== 'week' ? { since: new ZoneCalendar(args.timeZone).startOfLocalDay(args.since) } : {}),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.done();
  for (const w of store.warnings) process.stderr.write(`awu-meter: warning: ${w}\n`);
  if (args.command === 'tasks') {
    process.stdout.write(await runTasks(store, args, cacheDir));
    return 0;
  }
  if (args.command === 'week') {
    process.stdout.write(await runWeek(store, args, cacheDir));
    return 0;
  }
  const report = buildUsageReport(store, {
    period: args.command,
    timeZone: args.timeZone,
    sources: args.sources,
    weekStartsOn: args.weekStartsOn,
    pricer: new Pricer(),
    ...(args.since ? { since: args.since } : {}),
    ...(args.until ? { until: args.until } : {}),
  });
  // Sessions are named as tasks are (their PR, commit, branch or project and start), which reads git.
  const names = args.command === 'session' ? await sessionNames(store, args, cacheDir) : undefined;
  process.stdout.write(args.json ? `${JSON.stringify(reportJson(report, names), null, 2)}\n` : `${reportTable(report, names)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`awu-meter: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
