// `awu-meter`: token and cost reports over the local logs of AI coding agents.
import { Pricer } from '../core/pricing/pricing';
import { buildUsageReport } from '../core/report/usageReport';
import { updateUsage } from '../core/scan/updateUsage';
import { processSourceEnv } from '../core/sources/sourceEnv';
import { defaultCacheDir } from '../core/store/cacheDir';
import { parseCliArgs, USAGE } from './args';
import { reportJson } from './jsonOutput';
import { Progress } from './progress';
import { runTasks, runWeek } from './outcomeCommands';
import { reportTable } from './tableOutput';

declare const AWU_METER_VERSION: string | undefined;

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
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
  process.stdout.write(args.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : `${reportTable(report)}\n`);
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
