// Cline, Roo Code and Kilo Code (log-formats.md §4): one task = one session, kept by the extension in
// VS Code's global storage, `<User>/globalStorage/<extension id>/tasks/<task id>/ui_messages.json`, for
// every VS Code build and remote server (vscodeUserDirs.ts). The Cline CLI keeps the same task layout
// in CLINE_DATA_DIR, else CLINE_DIR/data, else ~/.cline/data. The files are whole JSON documents.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { SourceId } from '../../types';
import type { LogSource, SourceFile } from '../logSource';
import type { SourceEnv } from '../sourceEnv';
import { taskProject } from './taskProject';
import { createUiMessagesParser } from './uiMessages';
import { vscodeUserDirs } from './vscodeUserDirs';

function listTasks(root: string): SourceFile[] {
  const tasks = join(root, 'tasks');
  if (!existsSync(tasks)) return [];
  let ids: string[];
  try {
    ids = readdirSync(tasks).sort();
  } catch {
    return [];
  }
  const files: SourceFile[] = [];
  for (const id of ids) {
    const path = join(tasks, id, 'ui_messages.json');
    if (existsSync(path)) files.push({ path, root, mode: 'whole' });
  }
  return files;
}

function clineFamilySource(id: SourceId, displayName: string, extensionId: string, extraRoots: (env: SourceEnv) => string[] = () => []): LogSource {
  return {
    id,
    displayName,
    roots: (env) => [...new Set([...vscodeUserDirs(env).map((u) => join(u, 'globalStorage', extensionId)), ...extraRoots(env)])],
    listFiles: (roots) => roots.flatMap(listTasks),
    createParser() {
      throw new Error(`${displayName} task files are whole JSON documents`);
    },
    createDocumentParser(file: SourceFile, _state: unknown, options: ParserOptions) {
      const taskId = basename(dirname(file.path));
      return createUiMessagesParser({ source: id, taskId, project: taskProject(file.root, taskId) }, options);
    },
  };
}

function clineCliData({ env, home }: SourceEnv): string[] {
  if (env.CLINE_DATA_DIR) return [env.CLINE_DATA_DIR];
  if (env.CLINE_DIR) return [join(env.CLINE_DIR, 'data')];
  return [join(home, '.cline', 'data')];
}

export const clineSource = clineFamilySource('cline', 'Cline', 'saoudrizwan.claude-dev', clineCliData);
export const rooCodeSource = clineFamilySource('roo-code', 'Roo Code', 'rooveterinaryinc.roo-cline');
export const kiloCodeSource = clineFamilySource('kilo-code', 'Kilo Code', 'kilocode.kilo-code');
