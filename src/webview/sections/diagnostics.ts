// Lines that could not be read, per file and reason; a file's path opens it in the editor.
import type { PanelData } from '../../shared/protocol';
import { fill, h } from '../dom';
import { integer } from '../format';
import type { PanelActions } from '../panelActions';

export function renderDiagnostics(container: HTMLElement, data: PanelData, actions: PanelActions): void {
  const d = data.diagnostics;
  const summary = `${integer(d.filesRead)} files read, ${integer(d.skippedLines)} lines skipped` +
    (d.filesMissing ? `, ${integer(d.filesMissing)} files gone (their counts are kept)` : '') +
    (d.futureRecords ? `, ${integer(d.futureRecords)} records dated in the future` : '');
  fill(container,
    h('h2', { id: 'diagnostics-heading' }, 'Diagnostics'),
    h('p', { class: 'summary' }, summary),
    d.notes.length === 0 ? null : h('ul', { class: 'notes' }, ...d.notes.map((n) => h('li', {}, n))),
    d.files.length === 0 ? null : h('table', { class: 'diagnostics', 'aria-labelledby': 'diagnostics-heading' },
      h('thead', {}, h('tr', {}, ...['File', 'Source', 'Reason', 'Lines'].map((c, i) => h('th', { scope: 'col', class: i === 3 ? 'num' : undefined }, c)))),
      h('tbody', {}, ...d.files.flatMap((f) => {
        const reasons: [string, string][] = Object.entries(f.skipped).map(([reason, n]) => [reason, integer(n)]);
        if (f.error) reasons.push([`error: ${f.error}`, '']);
        if (f.missing) reasons.push(['file is gone', '']);
        return reasons.map(([reason, n], i) => h('tr', {},
          h('td', {}, i === 0 ? h('button', { type: 'button', class: 'link path', title: f.path, onclick: () => actions.openFile(f.path) }, f.path) : ''),
          h('td', {}, i === 0 ? f.source : ''), h('td', {}, reason), h('td', { class: 'num' }, n)));
      }))),
  );
}
