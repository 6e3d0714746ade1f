// `awu-meter statusline`: one line for a terminal agent's status bar. Claude Code runs it after each
// assistant message with JSON on stdin; other agents and shells run it without, and the working
// directory picks the session. Whatever goes wrong, it prints a short fallback and exits 0: a
// non-zero exit blanks the agent's status line.
import { statusLineFigures, type StatusLineFigures } from '../core/outcomes/statusLineFigures';
import { Pricer } from '../core/pricing/pricing';
import { updateUsage } from '../core/scan/updateUsage';
import { processSourceEnv } from '../core/sources/sourceEnv';
import { defaultCacheDir } from '../core/store/cacheDir';
import { ZoneCalendar } from '../core/time/zone';
import { parseCliArgs } from './args';
import { readStdin } from './statuslineInput';
import { FALLBACK_LINE, statusLineText } from './statuslineText';

export interface StatuslineIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** --color / --no-color, else colour only on a terminal (and never under NO_COLOR). */
function wantsColor(flag: boolean | undefined, io: StatuslineIo): boolean {
  if (flag !== undefined) return flag;
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}

export async function runStatusline(argv: string[], io: StatuslineIo): Promise<number> {
  let color = argv.includes('--color') && !argv.includes('--no-color');
  try {
    const args = parseCliArgs(argv);
    color = wantsColor(args.color, io);
    const stdin = await readStdin(io.stdin);
    if (stdin.kind === 'malformed') throw new Error('the input on stdin is not a JSON object');
    const input = stdin.kind === 'json' ? stdin.input : {};
    const cacheDir = args.noCache ? undefined : defaultCacheDir(io.env);
    const { store } = await updateUsage({ sources: args.sources, env: processSourceEnv(), cacheDir });
    const pricer = new Pricer();
    const figures: StatusLineFigures = await statusLineFigures(store, pricer, {
      sources: args.sources,
      pricer,
      calendar: new ZoneCalendar(args.timeZone),
      now: Date.now(),
      reuseUnmovedGit: true,
      cwd: input.cwd ?? io.cwd,
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      ...(cacheDir ? { cacheDir } : {}),
    });
    // A session the logs do not hold yet (its first reply is still being written): the agent's own figure.
    if (!figures.session && input.sessionId && input.sessionCostUSD !== undefined) {
      figures.session = { source: 'claude', sessionId: input.sessionId, costUSD: input.sessionCostUSD, outcomes: 0, awu: 0 };
    }
    io.stdout.write(`${statusLineText(figures, color)}\n`);
  } catch (e) {
    io.stderr.write(`awu-meter statusline: ${e instanceof Error ? e.message : String(e)}\n`);
    io.stdout.write(`${color ? `\x1b[2m${FALLBACK_LINE}\x1b[0m` : FALLBACK_LINE}\n`);
  }
  return 0;
}
