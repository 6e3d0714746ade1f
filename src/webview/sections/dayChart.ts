// Tokens per day (solid lines, left axis) against AWUs per day (dashed, right axis), one series per
// source, drawn with uPlot on a canvas. uPlot (exact version in package.json) was picked because it is
// small (~50 kB), maintained, needs no eval and injects no <style> (it sets sizes through the CSSOM,
// which a strict CSP allows); Chart.js would work too at about four times the size.
// Canvas colours cannot be CSS variables, so they are read from the theme's --vscode-charts-* values,
// and the chart is redrawn when VS Code switches themes (it changes the body's class). A visually
// hidden table carries the same numbers for screen readers.
import uPlot from 'uplot';
import type { PanelData } from '../../shared/protocol';
import { fill, h } from '../dom';
import { awu, integer, shortDay } from '../format';
import { TOKEN_FREE } from '../taskRows';

const HEIGHT = 260;
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

export interface DayChart {
  element: HTMLElement;
  update(data: PanelData): void;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

interface ChartInput {
  days: string[];
  tokenSources: string[];
  awuSources: string[];
  tokens: number[][];
  awus: number[][];
}

function chartInput(data: PanelData): ChartInput {
  const seen = (pick: (x: { tokens: number; awu: number }) => number): string[] => {
    const s = new Set<string>();
    for (const d of data.days) for (const b of d.bySource) if (pick(b) > 0) s.add(b.source);
    return [...s].sort();
  };
  const tokenSources = seen((b) => b.tokens).filter((s) => s !== TOKEN_FREE);
  const awuSources = seen((b) => b.awu);
  const column = (source: string, pick: (x: { tokens: number; awu: number }) => number): number[] =>
    data.days.map((d) => d.bySource.filter((b) => b.source === source).reduce((sum, b) => sum + pick(b), 0));
  return {
    days: data.days.map((d) => d.date),
    tokenSources,
    awuSources,
    tokens: tokenSources.map((s) => column(s, (b) => b.tokens)),
    awus: awuSources.map((s) => column(s, (b) => b.awu)),
  };
}

function colourOf(source: string, sources: string[]): string {
  if (source === TOKEN_FREE) return cssVar('--vscode-charts-green', '#89d185');
  const i = sources.indexOf(source);
  return cssVar(PALETTE[i % PALETTE.length]!, '#3794ff');
}

function options(input: ChartInput, width: number): uPlot.Options {
  const fg = cssVar('--vscode-foreground', '#cccccc');
  const grid = cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
  const allSources = [...new Set([...input.tokenSources, ...input.awuSources.filter((s) => s !== TOKEN_FREE)])].sort();
  const font = `12px ${cssVar('--vscode-font-family', 'sans-serif')}`;
  const axis = { stroke: fg, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, tokens: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] }, awu: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [
      { ...axis, values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && input.days[i] ? shortDay(input.days[i]) : '')), incrs: [1] },
      { ...axis, scale: 'tokens', label: 'tokens', size: 60, values: (_u, splits) => splits.map((v) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v))) },
      { ...axis, scale: 'awu', label: 'AWUs', side: 1, size: 50, grid: { show: false } },
    ],
    series: [
      { label: 'Day', value: (_u, i) => (i === null || !input.days[i] ? '' : input.days[i]) },
      ...input.tokenSources.map((s) => ({ label: `${s} tokens`, scale: 'tokens', stroke: colourOf(s, allSources), width: 2, points: { show: true }, value: (_u: uPlot, v: number | null) => (v === null ? '' : integer(v)) })),
      ...input.awuSources.map((s) => ({ label: `${s} AWUs`, scale: 'awu', stroke: colourOf(s, allSources), width: 2, dash: [6, 4], points: { show: true }, value: (_u: uPlot, v: number | null) => (v === null ? '' : awu(v)) })),
    ],
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
  };
}

function accessibleTable(input: ChartInput): HTMLElement {
  return h('table', { class: 'visually-hidden', 'data-chart-table': true },
    h('caption', {}, 'Tokens and AWUs per day, by source'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'),
      ...input.tokenSources.map((s) => h('th', { scope: 'col' }, `${s} tokens`)),
      ...input.awuSources.map((s) => h('th', { scope: 'col' }, `${s} AWUs`)))),
    h('tbody', {}, ...input.days.map((day, i) => h('tr', {}, h('th', { scope: 'row' }, day),
      ...input.tokens.map((col) => h('td', {}, integer(col[i] ?? 0))),
      ...input.awus.map((col) => h('td', {}, awu(col[i] ?? 0)))))),
  );
}

export function createDayChart(): DayChart {
  const plotHost = h('div', { class: 'plot', 'aria-hidden': 'true' });
  const tableHost = h('div', {});
  const element = h('figure', { class: 'day-chart', 'aria-label': 'Tokens per day against AWUs per day, by source' },
    h('figcaption', {}, 'Tokens (solid, left axis) and AWUs (dashed, right axis) per day'),
    plotHost,
    tableHost,
  );
  let plot: uPlot | undefined;
  let input: ChartInput | undefined;
  const width = (): number => Math.max(320, plotHost.clientWidth || element.clientWidth || 640);
  const draw = (): void => {
    plot?.destroy();
    plot = undefined;
    if (!input) return;
    const aligned: uPlot.AlignedData = [input.days.map((_, i) => i), ...input.tokens, ...input.awus];
    plot = new uPlot(options(input, width()), aligned, plotHost);
    element.setAttribute('data-days', String(aligned[0].length));
  };
  new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  let lastWidth = 0;
  new ResizeObserver(() => {
    const w = width();
    if (plot && w !== lastWidth) plot.setSize({ width: w, height: HEIGHT });
    lastWidth = w;
  }).observe(plotHost);
  return {
    element,
    update(data) {
      input = chartInput(data);
      fill(tableHost, accessibleTable(input));
      draw();
    },
  };
}
