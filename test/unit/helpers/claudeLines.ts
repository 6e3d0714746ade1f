// Claude Code JSONL lines in the documented 2.x shapes (log-formats.md §1.2–1.4), for fixtures.

export interface AssistantOpts {
  sessionId: string;
  cwd?: string;
  messageId?: string;
  requestId?: string;
  model?: string;
  timestamp: string;
  input?: number;
  output?: number;
  cacheCreation5m?: number;
  cacheCreation1h?: number;
  cacheRead?: number;
  thinking?: number;
  isSidechain?: boolean;
  speed?: 'standard' | 'fast';
  content?: unknown[];
  gitBranch?: string;
}

let counter = 0;

export function assistantLine(o: AssistantOpts): string {
  counter++;
  const cc5 = o.cacheCreation5m ?? 0;
  const cc1 = o.cacheCreation1h ?? 0;
  const usage = {
    input_tokens: o.input ?? 0,
    cache_creation_input_tokens: cc5 + cc1,
    cache_read_input_tokens: o.cacheRead ?? 0,
    output_tokens: o.output ?? 0,
    output_tokens_details: { thinking_tokens: o.thinking ?? 0 },
    server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
    service_tier: 'standard',
    cache_creation: { ephemeral_1h_input_tokens: cc1, ephemeral_5m_input_tokens: cc5 },
    inference_geo: 'not_available',
    iterations: [],
    speed: o.speed ?? 'standard',
  };
  return JSON.stringify({
    parentUuid: `parent-${counter}`,
    isSidechain: o.isSidechain ?? false,
    message: {
      model: o.model ?? 'claude-sonnet-4-5-20250929',
      ...(o.messageId !== undefined ? { id: o.messageId } : {}),
      type: 'message',
      role: 'assistant',
      content: o.content ?? [{ type: 'text', text: 'Here is the change: {"id":"not-this","model":"nor-this"} done.' }],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
    ...(o.requestId !== undefined ? { requestId: o.requestId } : {}),
    type: 'assistant',
    uuid: `uuid-${counter}`,
    timestamp: o.timestamp,
    userType: 'external',
    entrypoint: 'cli',
    cwd: o.cwd ?? '/home/dev/app',
    sessionId: o.sessionId,
    version: '2.1.241',
    gitBranch: o.gitBranch ?? 'main',
  });
}

interface ToolUseOpts {
  sessionId: string;
  timestamp: string;
  toolUseId: string;
  messageId: string;
  requestId: string;
  cwd?: string;
  gitBranch?: string;
}

/** An assistant line whose one content block calls `name` with `input`. */
function toolUseLine(o: ToolUseOpts, output: number, name: string, input: Record<string, unknown>): string {
  return assistantLine({
    sessionId: o.sessionId,
    timestamp: o.timestamp,
    messageId: o.messageId,
    requestId: o.requestId,
    input: 2,
    output,
    ...(o.cwd ? { cwd: o.cwd } : {}),
    ...(o.gitBranch ? { gitBranch: o.gitBranch } : {}),
    content: [{ type: 'tool_use', id: o.toolUseId, name, input }],
  });
}

export function bashUseLine(o: ToolUseOpts & { command: string }): string {
  return toolUseLine(o, 40, 'Bash', { command: o.command, description: 'run' });
}

export function toolResultLine(o: { sessionId: string; timestamp: string; toolUseId: string; ok: boolean; exitCode?: number; text?: string }): string {
  const content = o.ok ? (o.text ?? 'ok') : `Exit code ${o.exitCode ?? 1}\n${o.text ?? 'failed'}`;
  return JSON.stringify({
    parentUuid: 'p',
    isSidechain: false,
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: o.toolUseId, type: 'tool_result', content, is_error: !o.ok }] },
    uuid: `u-${o.toolUseId}`,
    timestamp: o.timestamp,
    toolUseResult: o.ok ? { stdout: content, stderr: '', interrupted: false, isImage: false } : `Error: ${content}`,
    cwd: '/home/dev/app',
    sessionId: o.sessionId,
    version: '2.1.241',
  });
}

export function userPromptLine(sessionId: string, timestamp: string, text: string): string {
  return JSON.stringify({ parentUuid: null, isSidechain: false, type: 'user', message: { role: 'user', content: text }, uuid: `prompt-${timestamp}`, timestamp, cwd: '/home/dev/app', sessionId, version: '2.1.241' });
}

/** An assistant line calling a file-editing tool (Edit, Write, MultiEdit, NotebookEdit). */
export function editUseLine(o: ToolUseOpts & { tool?: string }): string {
  return toolUseLine(o, 60, o.tool ?? 'Edit', { file_path: `${o.cwd ?? '/home/dev/app'}/src/a.ts`, old_string: 'a', new_string: 'b' });
}
