// Tokens per day (bars, left axis) against AWUs per day (line and dots, right axis) as inline SVG: the
// page stays self-contained, with no chart library and no script. Colours come from the page's CSS.
import { escapeHtml, formatAwu, formatCompactTokens, formatDayLong, formatDayShort, formatTokens } from './format';
import type { WeekSummary } from './weekSchema';

const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 64, right: WIDTH - 56, top: 48, bottom: HEIGHT - 40 };

interface Axis {
  max: number;
  step: number;
}

/** An axis from 0 in at most four round steps (1, 2, 2.5 or 5 times a power of ten) that covers `max`. */
export function niceAxis(max: number, minStep: number): Axis {
  const top = max > 0 ? max : minStep;
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(minStep, ([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude));
  return { max: Math.ceil(top / step - 1e-9) * step, step };
}

function ticks(axis: Axis): number[] {
  const out: number[] = [];
  for (let i = 0; i * axis.step <= axis.max + 1e-9; i++) out.push(i * axis.step);
  return out;
}

export function renderDayChart(summary: WeekSummary): string {
  const days = summary.days;
  const tokenAxis = niceAxis(Math.max(0, ...days.map((d) => d.tokens)), 1);
  const awuAxis = niceAxis(Math.max(0, ...days.map((d) => d.awu)), 0.1);
  const height = PLOT.bottom - PLOT.top;
  const yTokens = (v: number): number => PLOT.bottom - (v / tokenAxis.max) * height;
  const yAwu = (v: number): number => PLOT.bottom - (v / awuAxis.max) * height;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, days.length);
  const xCenter = (i: number): number => PLOT.left + slot * (i + 0.5);
  const barWidth = slot * 0.56;

  const parts: string[] = [];
  for (const t of ticks(tokenAxis)) {
    const y = num(yTokens(t));
    parts.push(`<line class="chart-grid" x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="chart-label" x="${PLOT.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatCompactTokens(t)}</text>`);
  }
  for (const a of ticks(awuAxis)) {
    parts.push(`<text class="chart-label" x="${PLOT.right + 8}" y="${num(yAwu(a))}" dominant-baseline="middle">${formatAwu(a)}</text>`);
  }
  days.forEach((d, i) => {
    const top = yTokens(d.tokens);
    const label = `${escapeHtml(formatDayLong(d.date))}: ${formatTokens(d.tokens)} tokens`;
    parts.push(`<rect class="chart-bar" x="${num(xCenter(i) - barWidth / 2)}" y="${num(top)}" width="${num(barWidth)}" height="${num(PLOT.bottom - top)}"><title>${label}</title></rect>`);
    parts.push(`<text class="chart-label" x="${num(xCenter(i))}" y="${PLOT.bottom + 18}" text-anchor="middle">${escapeHtml(formatDayShort(d.date))}</text>`);
  });
  const points = days.map((d, i) => `${num(xCenter(i))},${num(yAwu(d.awu))}`).join(' ');
  parts.push(`<polyline class="chart-line" points="${points}"/>`);
  days.forEach((d, i) => {
    parts.push(`<circle class="chart-dot" cx="${num(xCenter(i))}" cy="${num(yAwu(d.awu))}" r="4"><title>${escapeHtml(formatDayLong(d.date))}: ${formatAwu(d.awu)} AWU</title></circle>`);
  });
  parts.push(`<line class="chart-axis" x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}"/>`);
  parts.push(`<line class="chart-axis" x1="${PLOT.right}" x2="${PLOT.right}" y1="${PLOT.top}" y2="${PLOT.bottom}"/>`);
  parts.push(`<line class="chart-axis" x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}"/>`);
  parts.push(`<text class="chart-axis-title" x="16" y="${num(PLOT.top + height / 2)}" text-anchor="middle" transform="rotate(-90 16 ${num(PLOT.top + height / 2)})">Tokens</text>`);
  parts.push(`<text class="chart-axis-title" x="${WIDTH - 12}" y="${num(PLOT.top + height / 2)}" text-anchor="middle" transform="rotate(90 ${WIDTH - 12} ${num(PLOT.top + height / 2)})">AWU</text>`);
  parts.push(legend());

  const title = `Tokens and AWUs per day, week ${summary.week}`;
  const description = days.map((d) => `${formatDayLong(d.date)}: ${formatTokens(d.tokens)} tokens, ${formatAwu(d.awu)} AWU`).join('; ');
  return [
    `<svg class="day-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="day-chart-title day-chart-desc">`,
    `<title id="day-chart-title">${escapeHtml(title)}</title>`,
    `<desc id="day-chart-desc">${escapeHtml(description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function legend(): string {
  const y = 20;
  return [
    `<rect class="chart-bar" x="${PLOT.left}" y="${y - 6}" width="12" height="12"/>`,
    `<text class="chart-label" x="${PLOT.left + 18}" y="${y}" dominant-baseline="middle">Tokens (left axis)</text>`,
    `<line class="chart-line" x1="${PLOT.left + 160}" x2="${PLOT.left + 184}" y1="${y}" y2="${y}"/>`,
    `<circle class="chart-dot" cx="${PLOT.left + 172}" cy="${y}" r="4"/>`,
    `<text class="chart-label" x="${PLOT.left + 192}" y="${y}" dominant-baseline="middle">AWUs (right axis)</text>`,
  ].join('\n');
}

/** Coordinates to a tenth of a pixel keep the markup short. */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
