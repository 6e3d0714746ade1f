// Aider chat history and analytics lines in the documented shapes (log-formats.md §6).

export function runStart(at: string, model = 'anthropic/claude-sonnet-4-5'): string[] {
  return ['', `# aider chat started at ${at}`, '', `> /usr/bin/aider --model ${model}  `, '> Aider v0.86.1  ', `> Main model: ${model} with diff edit format, infinite output  `, '> Git repo: .git with 42 files  ', '> Repo-map: using 4096 tokens, auto refresh  ', ''];
}

export function ask(text: string): string[] {
  return [`#### ${text}  `, '', 'I will change the function.', '', 'src/app.py', '```python', 'def f():', '    return 1', '```', ''];
}

export function tokens(line: string): string[] {
  return [`> ${line}  `, ''];
}

export function analytics(event: string, time: number, properties: Record<string, unknown> = {}): string {
  return JSON.stringify({ event, properties, user_id: '6a1f0c2e-7d8e-4b1a-9c3d-2e4f5a6b7c8d', time });
}
