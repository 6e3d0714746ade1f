// The panel's view state: what the user asked for and how the table is arranged. Saved with
// setState on every change, so a hidden panel, or one restored after a reload, comes back as it was.
import { DEFAULT_PANEL_QUERY, type PanelQuery, type PanelViewState, PROTOCOL_VERSION } from '../shared/protocol';

export function initialViewState(): PanelViewState {
  return { v: PROTOCOL_VERSION, query: DEFAULT_PANEL_QUERY, sort: { key: 'start', dir: 'desc' }, filterText: '', openTaskId: null, data: null };
}

export function sameQuery(a: PanelQuery, b: PanelQuery): boolean {
  if (a.project !== b.project || a.source !== b.source || a.range.kind !== b.range.kind) return false;
  if (a.range.kind === 'custom' && b.range.kind === 'custom') return a.range.since === b.range.since && a.range.until === b.range.until;
  return true;
}
