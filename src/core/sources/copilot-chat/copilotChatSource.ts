// GitHub Copilot Chat in VS Code (log-formats.md §7.1): chat sessions kept per workspace,
// `<User>/workspaceStorage/<workspace id>/chatSessions/<session id>.json` (a whole snapshot) or
// `.jsonl` (an op log), and `<User>/globalStorage/emptyWindowChatSessions/` for windows without a
// folder, for every VS Code build and remote server (VSCODE_APPDATA, VSCODE_PORTABLE; see
// cline/vscodeUserDirs.ts). The roots are the `chatSessions` folders that exist when the roots are
// taken (watching all of workspaceStorage would wake on every state write of every window).
//
// These files hold no token counts in the versions documented: each request counts as one request of
// its model with zero tokens (`tokensUnavailable`); a request that does carry usage counts it.
//
// Exact tokens come only from Copilot Chat's OpenTelemetry file export (copilot/otelParser.ts): its files
// (`${COPILOT_HOME:-~/.copilot}/otel/*.jsonl`, COPILOT_OTEL_FILE_EXPORTER_PATH) are listed here as well
// as by the `copilot` source (read once; each record counts under the source that wrote it). Exported
// LLM calls cannot be matched to the requests of the session files (VS Code sets the span's
// `gen_ai.conversation.id` to a request id, not the chat session id), so both are kept: the session
// files' requests carry zero tokens and no cost, so tokens and cost are never counted twice; only the
// record count (shown as "requests" while the source has no tokens at all) then includes the exported calls.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import type { SourceEnv } from '../sourceEnv';
import { vscodeUserDirs } from '../cline/vscodeUserDirs';
import { createChatSessionParser } from './chatSessionParser';
import { copilotHomes } from '../copilot/copilotSource';
import { otelExporterPath, otelFiles } from '../copilot/otelFiles';
import { createOtelParser } from '../copilot/otelParser';

/** An `otel` folder or one exported file (else a folder of chat sessions, as extra paths always were). */
const isOtelRoot = (root: string): boolean => root.endsWith('.jsonl') || basename(root) === 'otel';

function chatRoots(senv: SourceEnv): string[] {
  const roots: string[] = [];
  for (const user of vscodeUserDirs(senv)) {
    const ws = join(user, 'workspaceStorage');
    let ids: string[] = [];
    try {
      ids = readdirSync(ws).sort();
    } catch {
      // no such VS Code build here
    }
    for (const id of ids) if (existsSync(join(ws, id, 'chatSessions'))) roots.push(join(ws, id, 'chatSessions'));
    roots.push(join(user, 'globalStorage', 'emptyWindowChatSessions'));
  }
  return [...new Set([...roots, ...copilotHomes(senv).map((h) => join(h, 'otel')), ...otelExporterPath(senv)])];
}

function listSessions(root: string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json') || n.endsWith('.jsonl')).map((n) => ({ path: join(root, n), root, mode: 'whole' as const }));
}

/** The workspace folder of `<workspace id>/chatSessions`: `workspace.json` `folder` (a file URI). */
function workspaceFolder(root: string): string {
  if (basename(root) !== 'chatSessions') return '';
  try {
    const ws = JSON.parse(readFileSync(join(dirname(root), 'workspace.json'), 'utf8')) as { folder?: unknown; workspace?: unknown };
    const uri = typeof ws.folder === 'string' ? ws.folder : typeof ws.workspace === 'string' ? ws.workspace : '';
    if (!uri.startsWith('file:')) return uri;
    return fileURLToPath(uri);
  } catch {
    return '';
  }
}

export const copilotChatSource: LogSource = {
  id: 'copilot-chat',
  displayName: 'GitHub Copilot Chat (VS Code)',
  approximate: 'VS Code keeps no token counts for Copilot Chat: its requests are counted, with zero tokens and no cost, unless its OpenTelemetry file export was on (exact tokens)',
  tokensUnavailable: true,
  roots: chatRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap((root) => (isOtelRoot(root) ? otelFiles(root) : listSessions(root))),
  createParser(_file: SourceFile, state: unknown) {
    return createOtelParser(state); // sessions are read whole; the other files are OpenTelemetry exports
  },
  createDocumentParser(file: SourceFile, _state: unknown, options: ParserOptions) {
    return createChatSessionParser({ fallbackSessionId: basename(file.path).replace(/\.jsonl?$/, ''), project: workspaceFolder(file.root), jsonl: file.path.endsWith('.jsonl') }, options);
  },
};
