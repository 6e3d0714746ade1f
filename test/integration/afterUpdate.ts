// Waits on the extension host's own events (not on a timer): resolves on the first event, or at once,
// after which the host's state satisfies `ok`.
import type * as vscode from 'vscode';
import type { HostState } from '../../src/extension/host';
import type { AwuMeterApi } from '../../src/extension/main';

/** After an index update (`onDidUpdate`). */
export function afterUpdate(api: AwuMeterApi, ok: (s: HostState) => boolean, what: string, timeoutMs: number): Promise<HostState> {
  return afterHostEvent(api, api.host.onDidUpdate, ok, what, timeoutMs);
}

/** After the figures were recomputed (an update or a finished analysis: `onDidChangeFigures`). */
export function afterFigures(api: AwuMeterApi, ok: (s: HostState) => boolean, what: string, timeoutMs = 30_000): Promise<HostState> {
  return afterHostEvent(api, api.host.onDidChangeFigures, ok, what, timeoutMs);
}

function afterHostEvent(api: AwuMeterApi, event: vscode.Event<unknown>, ok: (s: HostState) => boolean, what: string, timeoutMs: number): Promise<HostState> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const s = api.host.state();
      if (!ok(s)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(s);
    };
    const sub = event(check);
    const timer = setTimeout(() => {
      sub.dispose();
      const s = api.host.state();
      reject(new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify({ view: s.view, text: s.text, tokens: s.figures?.spend.tokens, openSpend: s.figures?.openSpend, updates: s.updates })}`));
    }, timeoutMs);
    check();
  });
}
