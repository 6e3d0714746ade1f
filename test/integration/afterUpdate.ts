// Waits on the extension host's own update event (not on a timer): resolves on the first update, or at
// once, after which the host's state satisfies `ok`.
import type { HostState } from '../../src/extension/host';
import type { AwuMeterApi } from '../../src/extension/main';

export function afterUpdate(api: AwuMeterApi, ok: (s: HostState) => boolean, what: string, timeoutMs: number): Promise<HostState> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const s = api.host.state();
      if (!ok(s)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(s);
    };
    const sub = api.host.onDidUpdate(check);
    const timer = setTimeout(() => {
      sub.dispose();
      const s = api.host.state();
      reject(new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify({ view: s.view, text: s.text, tokens: s.figures?.spend.tokens, updates: s.updates })}`));
    }, timeoutMs);
    check();
  });
}
