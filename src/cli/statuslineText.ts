// The one line `awu-meter statusline` prints, e.g.
//   today 1.2M tok · $3.40 · 2.5 AWU · $1.36/AWU │ session $0.80 · 2 outcomes (1.5 AWU) · $0.12 since · fix login
// (`$0.12 since`: spent since the session's last outcome that earned AWUs.)
// ANSI colours only when asked (a terminal, or --color): dim labels, the AWUs green, a spend with no
// outcome yet yellow.
import type { StatusLineFigures } from '../core/outcomes/statusLineFigures';
import { compactNumber } from '../core/report/compactNumber';
import { formatUSD } from './table';
import { clipName } from './taskOutput';

/** What the line says when the figures cannot be had: short, and never an error exit (that blanks the line). */
export const FALLBACK_LINE = 'awu-meter: no figures';

const ANSI = { dim: '\x1b[2m', green: '\x1b[32m', yellow: '\x1b[33m', reset: '\x1b[0m' };


function awuText(n: number): string {
  return `${Math.round(n * 100) / 100} AWU`;
}

/** Names come from commit subjects and branches: no control characters reach the terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
}

export function statusLineText(f: StatusLineFigures, color: boolean): string {
  const paint = (code: string, s: string): string => (color ? `${code}${s}${ANSI.reset}` : s);
  const cost = (usd: number | null, unknownPart = false): string => (usd === null ? '$?' : `${formatUSD(usd)}${unknownPart ? '+?' : ''}`);
  const t = f.today;
  const today = [
    `${paint(ANSI.dim, 'today')} ${compactNumber(t.tokens)} tok`,
    cost(t.costUSD, t.unpricedTokens > 0),
    t.awu > 0 ? paint(ANSI.green, awuText(t.awu)) : awuText(0),
    `${t.costPerAwu === null ? '–' : formatUSD(t.costPerAwu)}/AWU`,
  ].join(' · ');
  const s = f.session;
  if (!s) return today;
  const spent = s.costUSD === null || s.costUSD > 0;
  const outcomes = `${s.outcomes} outcome${s.outcomes === 1 ? '' : 's'}${s.awu > 0 ? ` (${awuText(s.awu)})` : ''}`;
  const session = [
    `${paint(ANSI.dim, 'session')} ${cost(s.costUSD)}`,
    s.awu > 0 ? paint(ANSI.green, outcomes) : spent ? paint(ANSI.yellow, outcomes) : outcomes,
    ...(s.sinceLastOutcomeUSD !== undefined ? [`${formatUSD(s.sinceLastOutcomeUSD)} since`] : []),
    ...(s.name ? [clipName(printable(s.name), 32)] : []),
  ].join(' · ');
  return `${today} ${paint(ANSI.dim, '│')} ${session}`;
}
