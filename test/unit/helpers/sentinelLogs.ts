// Agent logs and a git repository carrying sentinel strings wherever private content lives: prompts,
// replies, reasoning, tool inputs (command lines, file contents written or edited), tool outputs, commit
// bodies and file contents of the repository, and unusable lines. None of them may reach anything the
// meter writes or prints. (Commit subjects are shown by design, so they carry none.)
import { join } from 'node:path';
import { assistantLine } from './claudeLines';
import { ClaudeSession, min } from './claudeSession';
import { sessionMeta, tokenCount, turnContext } from './codexLines';
import { appendLines, tempDir, writeLines } from './engine';
import { GitRepo, isolatedGitEnv } from './gitRepo';

/** Every sentinel starts with this; finding it anywhere the meter wrote is a leak. */
export const SENTINEL = 'SENTINEL-';

export const S = {
  prompt: 'SENTINEL-PROMPT-7f3a',
  reply: 'SENTINEL-REPLY-51c2',
  thinking: 'SENTINEL-THINK-0b9e',
  command: 'SENTINEL-CMD-6d41',
  toolOutput: 'SENTINEL-TOOLOUT-c3e8',
  fileContent: 'SENTINEL-FILE-92aa',
  commitBody: 'SENTINEL-BODY-4e7f',
  brokenLine: 'SENTINEL-BROKEN-a19d',
} as const;

const iso = (ms: number): string => new Date(ms).toISOString();

export interface SentinelFixture {
  repo: GitRepo;
  gitEnv: Record<string, string>;
  claudeRoot: string;
  codexHome: string;
  claudeId: string;
  codexId: string;
}

function claudeToolUse(sessionId: string, cwd: string, at: number, n: number, name: string, input: Record<string, unknown>): string {
  return assistantLine({ sessionId, cwd, timestamp: iso(min(at)), messageId: `m-tool-${n}`, requestId: `r-tool-${n}`, input: 5, output: 30, content: [{ type: 'tool_use', id: `toolu_s${n}`, name, input }] });
}

function claudeToolResult(sessionId: string, cwd: string, at: number, n: number, text: string): string {
  return JSON.stringify({
    parentUuid: `p${n}`,
    isSidechain: false,
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: `toolu_s${n}`, type: 'tool_result', content: text, is_error: false }] },
    uuid: `u-s${n}`,
    timestamp: iso(min(at)),
    toolUseResult: { stdout: text, stderr: '', interrupted: false, isImage: false, file: { filePath: `${cwd}/src/a.ts`, content: text } },
    cwd,
    sessionId,
    version: '2.1.241',
  });
}

/** A repository whose commits land the sessions' work, and one Claude Code and one Codex session in it. */
export function sentinelFixture(): SentinelFixture {
  const gitEnv = isolatedGitEnv();
  const repo = GitRepo.init({ env: gitEnv });
  repo.commit('initial', { at: min(0), files: { 'README.md': `# app\n${S.fileContent}-readme\n` } });

  // Claude Code: a prompt, a reply with thinking, a Write and an Edit of private content, a Read of it,
  // a green test run and a commit whose command line carries a body, then an unusable line.
  const claudeId = 'c0ffee00-0000-4000-8000-00000000beef';
  const s = new ClaudeSession(claudeId, repo.dir).usage(60);
  const cwd = repo.dir;
  s.lines.push(JSON.stringify({ parentUuid: null, isSidechain: false, type: 'user', message: { role: 'user', content: `Please fix the parser. ${S.prompt}` }, uuid: 'prompt-1', timestamp: iso(min(59)), cwd, sessionId: claudeId, version: '2.1.241' }));
  s.lines.push(assistantLine({ sessionId: claudeId, cwd, timestamp: iso(min(61)), messageId: 'm-reply', requestId: 'r-reply', input: 800, output: 120, thinking: 40, content: [{ type: 'thinking', thinking: `Let me think. ${S.thinking}`, signature: 'sig' }, { type: 'text', text: `Here is the plan. ${S.reply}` }] }));
  s.lines.push(claudeToolUse(claudeId, cwd, 62, 1, 'Write', { file_path: `${cwd}/src/parser.ts`, content: `export const secret = '${S.fileContent}-write';\n` }));
  s.lines.push(claudeToolResult(claudeId, cwd, 62.1, 1, `File created successfully at: ${cwd}/src/parser.ts`));
  s.lines.push(claudeToolUse(claudeId, cwd, 63, 2, 'Edit', { file_path: `${cwd}/src/parser.ts`, old_string: `'${S.fileContent}-write'`, new_string: `'${S.fileContent}-edit'` }));
  s.lines.push(claudeToolResult(claudeId, cwd, 63.1, 2, `The file has been updated. ${S.fileContent}-edit-result`));
  s.lines.push(claudeToolUse(claudeId, cwd, 63.5, 3, 'Read', { file_path: `${cwd}/src/parser.ts` }));
  s.lines.push(claudeToolResult(claudeId, cwd, 63.6, 3, `1\texport const secret = '${S.fileContent}-read';`));
  s.bash(64, `npm test -- --grep ${S.command}`, 0);
  s.lines.push(claudeToolResult(claudeId, cwd, 64.6, 99, `> app@1.0.0 test\n  12 passing ${S.toolOutput}-npm`));
  repo.commit('feat: parser', { at: min(66), files: { 'src/parser.ts': `export const secret = '${S.fileContent}-edit';\n` }, body: `Why: ${S.commitBody}-claude` });
  s.bash(65.9, `git add -A && git commit -m "feat: parser" -m "Why: ${S.commitBody}-claude"`, 0, 0.2).usage(70);
  s.lines.push(`{"type":"user","message":{"role":"user","content":"${S.brokenLine}-claude cut in the mid`);
  s.lines.push(assistantLine({ sessionId: claudeId, cwd, timestamp: iso(min(71)), messageId: 'm-odd', requestId: 'r-odd', input: 1, output: 1 }).replace('"input_tokens":1', `"input_tokens":"${S.brokenLine}-usage"`));
  const claudeRoot = tempDir();
  s.write(claudeRoot);

  // Codex CLI: the prompt as event and as response item, reasoning, an agent message, a patch of
  // private content, a test run with its output, a commit with a body, then an unusable line.
  const codexId = '019d0000-0000-7000-8000-0000000c0dec';
  const codexHome = tempDir();
  const file = join(codexHome, 'sessions', '2026', '03', '02', `rollout-2026-03-02T12-00-00-${codexId}.jsonl`);
  const t = (m: number): string => iso(min(m));
  const item = (m: number, payload: Record<string, unknown>): string => JSON.stringify({ timestamp: t(m), type: 'response_item', payload });
  const event = (m: number, payload: Record<string, unknown>): string => JSON.stringify({ timestamp: t(m), type: 'event_msg', payload });
  writeLines(file, [
    sessionMeta({ id: codexId, cwd: repo.dir, timestamp: t(180) }),
    turnContext(t(180), 'gpt-5', repo.dir),
    item(180.1, { type: 'message', role: 'user', content: [{ type: 'input_text', text: `Add a flag. ${S.prompt}-codex` }] }),
    event(180.1, { type: 'user_message', message: `Add a flag. ${S.prompt}-codex`, images: [] }),
    item(180.5, { type: 'reasoning', summary: [{ type: 'summary_text', text: `Planning. ${S.thinking}-codex` }], content: null, encrypted_content: 'gAAAA' }),
    event(180.5, { type: 'agent_reasoning', text: `Planning. ${S.thinking}-codex` }),
    tokenCount(t(181), { input: 5000, cached: 1000, output: 300, reasoning: 100 }),
    item(182, { type: 'custom_tool_call', status: 'completed', call_id: 'call_p1', name: 'apply_patch', input: `*** Begin Patch\n*** Add File: src/flag.ts\n+export const flag = '${S.fileContent}-patch';\n*** End Patch\n` }),
    item(182.1, { type: 'custom_tool_call_output', call_id: 'call_p1', output: `Success. Updated: src/flag.ts ${S.toolOutput}-patch` }),
    event(182.1, { type: 'patch_apply_end', call_id: 'call_p1', success: true, changes: { 'src/flag.ts': { type: 'add', content: `export const flag = '${S.fileContent}-patch';\n` } } }),
    item(183, { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: `npm test -- --grep ${S.command}-codex`, workdir: repo.dir }), call_id: 'call_t1' }),
    item(183.5, { type: 'function_call_output', call_id: 'call_t1', output: `Process exited with code 0\nOutput:\n  3 passing ${S.toolOutput}-codex\n` }),
    event(183.5, { type: 'exec_command_end', call_id: 'call_t1', turn_id: 't1', command: ['/bin/bash', '-lc', `npm test -- --grep ${S.command}-codex`], cwd: repo.dir, stdout: `${S.toolOutput}-stdout`, stderr: '', aggregated_output: `${S.toolOutput}-aggregated`, exit_code: 0, duration: { secs: 0, nanos: 1000 }, formatted_output: `${S.toolOutput}-formatted` }),
    tokenCount(t(185), { input: 9000, cached: 2000, output: 600, reasoning: 200 }),
    item(186, { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: `git commit -am "feat: flag" -m "${S.commitBody}-codex"`, workdir: repo.dir }), call_id: 'call_c1' }),
    item(186.2, { type: 'function_call_output', call_id: 'call_c1', output: `Process exited with code 0\nOutput:\n[main abc1234] feat: flag ${S.toolOutput}-commit\n` }),
    item(187, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `Done. ${S.reply}-codex` }] }),
    event(187, { type: 'agent_message', message: `Done. ${S.reply}-codex` }),
  ]);
  repo.commit('feat: flag', { at: min(186.1), files: { 'src/flag.ts': `export const flag = '${S.fileContent}-patch';\n` }, body: `${S.commitBody}-codex` });
  appendLines(file, [`{"timestamp":"${t(188)}","type":"event_msg","payload":{"type":"user_message","message":"${S.brokenLine}-codex`]);

  // A commit made by hand, with a private body and file (a token-free outcome).
  repo.commit('docs: by hand', { at: min(400), files: { 'NOTES.md': `${S.fileContent}-notes\n` }, body: `${S.commitBody}-hand` });
  return { repo, gitEnv, claudeRoot, codexHome, claudeId, codexId };
}
