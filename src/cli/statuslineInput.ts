// What a terminal agent passes a status-line command on stdin. Claude Code writes one JSON object
// (`session_id`, `transcript_path`, `cwd`, `model`, `workspace`, `cost`, …) and closes the pipe; other
// agents and shells pass nothing, or leave a terminal or a pipe that never closes.

export interface StatusInput {
  sessionId?: string;
  transcriptPath?: string;
  /** The directory the agent works in (`workspace.current_dir`, else `cwd`). */
  cwd?: string;
  model?: string;
  /** The agent's own figure for the session (`cost.total_cost_usd`). */
  sessionCostUSD?: number;
}

export type StdinResult = { kind: 'none' } | { kind: 'json'; input: StatusInput } | { kind: 'malformed' };

/** Waits at most this long for stdin to close: a pipe nobody writes to must not hold the line up. */
export const STDIN_TIMEOUT_MS = 300;

/** Reads stdin unless it is a terminal; stops at its end, at the first complete JSON value, or after `timeoutMs`. */
export function readStdin(stream: NodeJS.ReadStream, timeoutMs = STDIN_TIMEOUT_MS): Promise<StdinResult> {
  if (stream.isTTY) return Promise.resolve({ kind: 'none' });
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', finish);
      stream.pause();
      // Unref'd so a pipe left open does not keep the process alive after the line is printed.
      (stream as unknown as { unref?: () => void }).unref?.();
      resolve(parseStatusInput(text));
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.length > 1 << 20) finish();
      else if (text.trimEnd().endsWith('}') && isJson(text)) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', finish);
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Empty input is no input; anything but a JSON object is malformed; unknown or mistyped fields are ignored. */
export function parseStatusInput(text: string): StdinResult {
  if (text.trim() === '') return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed' };
  const o = value as Record<string, unknown>;
  const cost = obj(o.cost).total_cost_usd;
  const input: StatusInput = {};
  const sessionId = str(o.session_id);
  const transcriptPath = str(o.transcript_path);
  const cwd = str(obj(o.workspace).current_dir) ?? str(o.cwd);
  const model = str(obj(o.model).display_name) ?? str(obj(o.model).id);
  if (sessionId) input.sessionId = sessionId;
  if (transcriptPath) input.transcriptPath = transcriptPath;
  if (cwd) input.cwd = cwd;
  if (model) input.model = model;
  if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) input.sessionCostUSD = cost;
  return { kind: 'json', input };
}
