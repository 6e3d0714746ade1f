// Codex CLI rollout lines in the documented shapes (log-formats.md §2.2–2.4), for fixtures.

export interface Usage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

export function sessionMeta(o: { id: string; cwd: string; timestamp: string; forkedFrom?: string; subagent?: boolean; branch?: string }): string {
  return JSON.stringify({
    timestamp: o.timestamp,
    type: 'session_meta',
    payload: {
      id: o.id,
      timestamp: o.timestamp,
      cwd: o.cwd,
      originator: 'codex_cli_rs',
      cli_version: '0.118.0',
      source: o.subagent ? { subagent: { thread_spawn: { parent_thread_id: o.forkedFrom ?? 'parent' } } } : 'cli',
      ...(o.forkedFrom && !o.subagent ? { forked_from_id: o.forkedFrom } : {}),
      model_provider: 'openai',
      base_instructions: { text: 'You are Codex, a coding agent. '.repeat(20) },
      git: { commit_hash: 'abc123', branch: o.branch ?? 'main', repository_url: 'git@example.com:x/y.git' },
    },
  });
}

export function turnContext(timestamp: string, model: string, cwd = '/home/dev/api'): string {
  return JSON.stringify({ timestamp, type: 'turn_context', payload: { turn_id: `t-${timestamp}`, cwd, approval_policy: 'on-request', sandbox_policy: { type: 'workspace-write' }, model, summary: 'none' } });
}

function usage(u: Usage): Record<string, number> {
  return { input_tokens: u.input, cached_input_tokens: u.cached, output_tokens: u.output, reasoning_output_tokens: u.reasoning, total_tokens: u.input + u.output };
}

export function tokenCount(timestamp: string, total: Usage | null, last?: Usage): string {
  return JSON.stringify({
    timestamp,
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: total ? { total_token_usage: usage(total), last_token_usage: usage(last ?? total), model_context_window: 258400 } : null,
      rate_limits: { primary: { used_percent: 1.0, window_minutes: 300 } },
    },
  });
}

export function execCall(timestamp: string, callId: string, cmd: string): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd, workdir: '/home/dev/api' }), call_id: callId } });
}

export function execOutput(timestamp: string, callId: string, exitCode: number): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'function_call_output', call_id: callId, output: `Command: bash -lc x\nChunk ID: f1\nWall time: 0.1 seconds\nProcess exited with code ${exitCode}\nOutput:\nok\n` } });
}

export function shellCall(timestamp: string, callId: string, argv: string[]): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: argv, workdir: '/home/dev/api' }), call_id: callId } });
}

export function shellOutput(timestamp: string, callId: string, exitCode: number): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'function_call_output', call_id: callId, output: JSON.stringify({ output: 'done', metadata: { exit_code: exitCode, duration_seconds: 0.1 } }) } });
}

export function agentMessage(timestamp: string, text: string): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] } });
}

export function applyPatchCall(timestamp: string, callId: string): string {
  return JSON.stringify({ timestamp, type: 'response_item', payload: { type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch', input: '*** Begin Patch\n*** Update File: src/a.rs\n@@\n-a\n+b\n*** End Patch\n' } });
}

export function patchApplyEnd(timestamp: string, callId: string, success: boolean): string {
  return JSON.stringify({ timestamp, type: 'event_msg', payload: { type: 'patch_apply_end', call_id: callId, success, changes: { 'src/a.rs': { type: 'update' } } } });
}

export function execEnd(timestamp: string, callId: string, exitCode: number, output = 'ok\n'): string {
  return JSON.stringify({
    timestamp,
    type: 'event_msg',
    payload: {
      type: 'exec_command_end',
      call_id: callId,
      turn_id: 't1',
      command: ['/bin/bash', '-lc', 'x'],
      cwd: '/home/dev/api',
      parsed_cmd: [{ type: 'unknown', cmd: 'x' }],
      stdout: output,
      stderr: '',
      aggregated_output: output,
      exit_code: exitCode,
      duration: { secs: 0, nanos: 1000 },
      formatted_output: output,
    },
  });
}
