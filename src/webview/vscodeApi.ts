// The webview's side of the VS Code contract: acquireVsCodeApi (callable once per page), messages in
// both directions checked with the shared schemas, and the persisted view state.
import { type PanelViewState, type ToHost, type ToWebview, panelViewStateSchema, toHostSchema, toWebviewSchema } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: ToHost): void;
  onMessage(handler: (message: ToWebview) => void): void;
  loadState(): PanelViewState | undefined;
  saveState(state: PanelViewState): void;
}

export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post(message) {
      // Our own messages are checked too: a bug here should fail loudly in the console, not in the host.
      const checked = toHostSchema.safeParse(message);
      if (!checked.success) {
        console.error(`AWU panel: not sending an invalid message: ${checked.error.message}`);
        return;
      }
      api.postMessage(checked.data);
    },
    onMessage(handler) {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = toWebviewSchema.safeParse(event.data);
        if (!parsed.success) {
          console.warn(`AWU panel: rejected an invalid message: ${parsed.error.message}`);
          return;
        }
        handler(parsed.data);
      });
    },
    loadState() {
      const saved = panelViewStateSchema.safeParse(api.getState());
      return saved.success ? saved.data : undefined;
    },
    saveState(state) {
      api.setState(state);
    },
  };
}
