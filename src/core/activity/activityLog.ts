// What agents did that may be an outcome or its evidence: classified tool runs (test runs, commits,
// merges) and file edits, kept with the usage index so incremental reads never lose one. Labels only,
// never command lines. Re-read lines (a file read again from its start) dedupe by their identity.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ToolRunEvent } from '../types';
import { SOURCE_IDS } from '../types';

const ACTIVITY_FILE = 'activity-v1.json';
/** The patterns key alone, so a run that needs no activity can check it without reading the log. */
const KEY_FILE = 'activity-v1.key';

const activitySchema = z.object({
  source: z.enum(SOURCE_IDS),
  sessionId: z.string(),
  cwd: z.string(),
  kind: z.enum(['test', 'commit', 'merge', 'edit']),
  label: z.string(),
  exitCode: z.number().int().optional(),
  at: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), patternsKey: z.string().optional(), events: z.array(activitySchema) });

export type Activity = z.infer<typeof activitySchema>;

function keyOf(a: Activity): string {
  return `${a.source}\u0000${a.sessionId}\u0000${a.at}\u0000${a.kind}\u0000${a.label}\u0000${a.exitCode ?? ''}\u0000${a.cwd}`;
}

export class ActivityLog {
  private readonly byKey = new Map<string, Activity>();
  private dirty = false;
  private key: string | undefined;

  /** The test-command patterns the activity was classified with (JSON of the list; `[]` = defaults). */
  get patternsKey(): string | undefined {
    return this.key;
  }

  set patternsKey(key: string | undefined) {
    if (key !== this.key) this.dirty = true;
    this.key = key;
  }

  /** The patterns key saved in `dir` (undefined when none was saved). */
  static savedPatternsKey(dir: string | undefined): string | undefined {
    if (!dir) return undefined;
    try {
      return readFileSync(join(dir, KEY_FILE), 'utf8');
    } catch {
      return undefined;
    }
  }

  static load(dir: string | undefined): ActivityLog {
    const log = new ActivityLog();
    if (!dir) return log;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(dir, ACTIVITY_FILE), 'utf8')));
      if (parsed.success) {
        for (const a of parsed.data.events) log.byKey.set(keyOf(a), a);
        log.key = parsed.data.patternsKey;
      }
    } catch {
      // no activity yet, or an unreadable file: it is rebuilt as logs are read again
    }
    return log;
  }

  get events(): Activity[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Adds classified tool runs (events without a kind are not outcome activity and are ignored). */
  addToolRuns(runs: readonly ToolRunEvent[]): void {
    for (const r of runs) {
      if (r.kind === undefined) continue;
      const a: Activity = { source: r.source, sessionId: r.sessionId, cwd: r.cwd, kind: r.kind, label: r.command, at: r.timestamp, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}) };
      const k = keyOf(a);
      if (this.byKey.has(k)) continue;
      this.byKey.set(k, a);
      this.dirty = true;
    }
  }

  /**
   * Replaces everything with a fresh read's activity. Activity read earlier from files that are gone is
   * lost: it was classified with other patterns and cannot be classified again.
   */
  replaceAll(runs: readonly ToolRunEvent[]): void {
    this.byKey.clear();
    this.dirty = true;
    this.addToolRuns(runs);
  }

  /** Written to a temporary name and renamed, before the usage index (see UsageStore.save). */
  save(dir: string | undefined): void {
    if (!dir || !this.dirty) return;
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${ACTIVITY_FILE}.tmp-${process.pid}-${Date.now()}`);
    writeFileSync(tmp, this.serialize());
    renameSync(tmp, join(dir, ACTIVITY_FILE));
    if (this.key !== undefined) {
      writeFileSync(`${tmp}.key`, this.key);
      renameSync(`${tmp}.key`, join(dir, KEY_FILE));
    }
    this.dirty = false;
  }

  async saveAsync(dir: string | undefined): Promise<void> {
    if (!dir || !this.dirty) return;
    this.dirty = false;
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `${ACTIVITY_FILE}.tmp-${process.pid}-${Date.now()}`);
    await writeFile(tmp, this.serialize());
    await rename(tmp, join(dir, ACTIVITY_FILE));
    if (this.key !== undefined) {
      await writeFile(`${tmp}.key`, this.key);
      await rename(`${tmp}.key`, join(dir, KEY_FILE));
    }
  }

  private serialize(): string {
    return JSON.stringify({ version: 1, ...(this.key !== undefined ? { patternsKey: this.key } : {}), events: this.events });
  }
}
