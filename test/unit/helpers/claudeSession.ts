// A Claude Code session written as a real transcript: usage lines, Bash calls with their results and
// file edits, at minutes after the git-test epoch (hoursIn(0)).
import { join } from 'node:path';
import { assistantLine, bashUseLine, editUseLine, toolResultLine } from './claudeLines';
import { writeLines } from './engine';
import { hoursIn } from './gitRepo';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Epoch ms `m` minutes after hoursIn(0). */
export const min = (m: number): number => hoursIn(0) + m * 60_000;

export class ClaudeSession {
  readonly lines: string[] = [];
  private n = 0;
  constructor(
    readonly id: string,
    readonly cwd: string,
    /** The branch Claude Code records on each line (`gitBranch`). */
    readonly branch = 'main',
  ) {}
  usage(atMin: number, output = 100): this {
    this.n++;
    this.lines.push(assistantLine({ sessionId: this.id, cwd: this.cwd, timestamp: iso(min(atMin)), messageId: `${this.id}-m${this.n}`, requestId: `${this.id}-r${this.n}`, input: 1000, output, model: 'claude-sonnet-4-5-20250929', gitBranch: this.branch }));
    return this;
  }
  bash(atMin: number, command: string, exitCode: number, durationMin = 0.5): this {
    this.n++;
    const id = `toolu_${this.id}_${this.n}`;
    this.lines.push(bashUseLine({ sessionId: this.id, cwd: this.cwd, timestamp: iso(min(atMin)), toolUseId: id, command, messageId: `${this.id}-m${this.n}`, requestId: `${this.id}-r${this.n}`, gitBranch: this.branch }));
    this.lines.push(toolResultLine({ sessionId: this.id, timestamp: iso(min(atMin + durationMin)), toolUseId: id, ok: exitCode === 0, exitCode }));
    return this;
  }
  edit(atMin: number): this {
    this.n++;
    const id = `toolu_${this.id}_${this.n}`;
    this.lines.push(editUseLine({ sessionId: this.id, cwd: this.cwd, timestamp: iso(min(atMin)), toolUseId: id, messageId: `${this.id}-m${this.n}`, requestId: `${this.id}-r${this.n}`, gitBranch: this.branch }));
    this.lines.push(toolResultLine({ sessionId: this.id, timestamp: iso(min(atMin + 0.1)), toolUseId: id, ok: true }));
    return this;
  }
  write(root: string): void {
    writeLines(join(root, 'projects', this.cwd.replace(/[^a-zA-Z0-9]/g, '-'), `${this.id}.jsonl`), this.lines);
  }
}
