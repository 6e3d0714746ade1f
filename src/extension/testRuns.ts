// Commands the developer ran in VS Code itself: terminal commands seen through shell integration
// (window.onDidEndTerminalShellExecution, VS Code ≥ 1.93) and task processes (tasks.onDidEndTaskProcess;
// every task is kept with its group, the outcome model picks the test ones). Held in memory for the
// outcome model: `list()` for what happened so far, `onDidAdd` for what comes next.
import * as vscode from 'vscode';

export interface VsCodeRun {
  kind: 'terminal' | 'task';
  /** The working directory (terminal: shell integration's cwd; task: its cwd option or the folder). */
  cwd: string | undefined;
  commandLine: string;
  /** Undefined when the shell did not report one. */
  exitCode: number | undefined;
  /** Epoch ms when the run ended. */
  at: number;
  /** Tasks: true when the task is in the test group. */
  isTestTask?: boolean;
  taskName?: string;
}

const MAX_RUNS = 1_000;

function taskCommandLine(task: vscode.Task): string {
  const exec = task.execution;
  if (exec instanceof vscode.ShellExecution) {
    const cmd = exec.commandLine ?? (typeof exec.command === 'string' ? exec.command : exec.command?.value ?? '');
    const args = (exec.args ?? []).map((a) => (typeof a === 'string' ? a : a.value));
    return [cmd, ...args].join(' ').trim();
  }
  if (exec instanceof vscode.ProcessExecution) return [exec.process, ...exec.args].join(' ');
  return task.name;
}

function taskCwd(task: vscode.Task): string | undefined {
  const exec = task.execution;
  const cwd = exec instanceof vscode.ShellExecution || exec instanceof vscode.ProcessExecution ? exec.options?.cwd : undefined;
  if (cwd) return cwd;
  return typeof task.scope === 'object' && task.scope !== null && 'uri' in task.scope ? task.scope.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export class VsCodeRuns implements vscode.Disposable {
  private readonly runs: VsCodeRun[] = [];
  private readonly emitter = new vscode.EventEmitter<VsCodeRun>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Fires for every run recorded. */
  readonly onDidAdd = this.emitter.event;

  constructor() {
    // The shell-integration events are typed from 1.93; guard anyway for hosts that lack them.
    const win = vscode.window as Partial<typeof vscode.window>;
    if (typeof win.onDidEndTerminalShellExecution === 'function') {
      this.disposables.push(
        win.onDidEndTerminalShellExecution((e) => {
          this.add({
            kind: 'terminal',
            cwd: e.execution.cwd?.fsPath ?? e.shellIntegration.cwd?.fsPath,
            commandLine: e.execution.commandLine.value,
            exitCode: e.exitCode,
            at: Date.now(),
          });
        }),
      );
    }
    this.disposables.push(
      vscode.tasks.onDidEndTaskProcess((e) => {
        const task = e.execution.task;
        this.add({
          kind: 'task',
          cwd: taskCwd(task),
          commandLine: taskCommandLine(task),
          exitCode: e.exitCode,
          at: Date.now(),
          isTestTask: task.group?.id === vscode.TaskGroup.Test.id,
          taskName: task.name,
        });
      }),
    );
  }

  add(run: VsCodeRun): void {
    this.runs.push(run);
    if (this.runs.length > MAX_RUNS) this.runs.splice(0, this.runs.length - MAX_RUNS);
    this.emitter.fire(run);
  }

  /** Runs so far, oldest first (the last MAX_RUNS). */
  list(): readonly VsCodeRun[] {
    return this.runs.slice();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
