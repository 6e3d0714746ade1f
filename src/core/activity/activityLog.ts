// What agents did that may be an outcome or its evidence: classified tool runs (test runs, commits,
// merges) and file edits, kept with the usage index so incremental reads never lose one. Labels only,
// never command lines. Re-read lines (a file read again from its start) dedupe by their identity.
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isObject } from '../scan/jsonLine';
import { writeFileAtomic, writeFileAtomicAsync } from '../store/atomicFile';
import type { ToolRunEvent } from '../types';
import { SOURCE_IDS } from '../types';

const ACTIVITY_FILE = 'activity-v1.json';
/** The patterns key alone, so a run that needs no activity can check it without reading the log. */
const KEY_FILE = 'activity-v1.key';
export const ACTIVITY_FILES: readonly string[] = [ACTIVITY_FILE, KEY_FILE];

const KIND_NAMES = ['test', 'commit', 'merge', 'edit'] as const;
const activitySchema = z.object({
  source: z.enum(SOURCE_IDS),
  sessionId: z.string(),
  cwd: z.string(),
  kind: z.enum(KIND_NAMES),
  label: z.string(),
  exitCode: z.number().int().optional(),
  at: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), patternsKey: z.string().optional(), events: z.array(activitySchema) });

export type Activity = z.infer<typeof activitySchema>;

const SOURCES = new Set<unknown>(SOURCE_IDS);
const KINDS = new Set<unknown>(KIND_NAMES);

/**
 * `activitySchema` for an event that already fits it (the whole log of a window's start-up goes
 * through here; zod judges only a log with an event that does not fit).
 */
function regularActivity(v: unknown): Activity | undefined {
  if (!isObject(v)) return undefined;
  const { source, sessionId, cwd, kind, label, exitCode, at } = v;
  if (!SOURCES.has(source) || typeof sessionId !== 'string' || typeof cwd !== 'string' || !KINDS.has(kind) || typeof label !== 'string' || typeof at !== 'number') return undefined;
  if (exitCode !== undefined && !Number.isSafeInteger(exitCode)) return undefined;
  return { source, sessionId, cwd, kind, label, at, ...(exitCode !== undefined ? { exitCode } : {}) } as Activity;
}

/** The saved log's events and key; undefined when the file does not fit its schema. */
function readLogFile(raw: unknown): { events: Activity[]; patternsKey?: string } | undefined {
  if (isObject(raw) && raw.version === 1 && (raw.patternsKey === undefined || typeof raw.patternsKey === 'string') && Array.isArray(raw.events)) {
    const events: Activity[] = [];
    for (const e of raw.events) {
      const a = regularActivity(e);
      if (!a) break;
      events.push(a);
    }
    if (events.length === raw.events.length) return { events, ...(raw.patternsKey !== undefined ? { patternsKey: raw.patternsKey } : {}) };
  }
  const parsed = fileSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

function keyOf(a: Activity): string {
  return `${a.source}\u0000${a.sessionId}\u0000${a.at}\u0000${a.kind}\u0000${a.label}\u0000${a.exitCode ?? ''}\u0000${a.cwd}`;
}

export class ActivityLog {
  private readonly byKey = new Map<string, Activity>();
  private dirty = false;
  private key: string | undefined;
  private loadProblem: string | undefined;

  /** Why the saved log was discarded, if it was. */
  get problem(): string | undefined {
    return this.loadProblem;
  }

  get unsaved(): boolean {
    return this.dirty;
  }

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

  /**
   * The saved log. One that cannot be read is discarded and so is its patterns key, so that the next
   * update reads every log's activity again (the usage index's offsets are past those lines).
   */
  static load(dir: string | undefined): ActivityLog {
    const log = new ActivityLog();
    if (!dir) return log;
    let text: string;
    try {
      text = readFileSync(join(dir, ACTIVITY_FILE), 'utf8');
    } catch {
      return log; // no activity yet
    }
    let file: ReturnType<typeof readLogFile>;
    try {
      file = readLogFile(JSON.parse(text));
    } catch {
      file = undefined;
    }
    if (file) {
      for (const a of file.events) log.byKey.set(keyOf(a), a);
      log.key = file.patternsKey;
    } else {
      log.loadProblem = `${join(dir, ACTIVITY_FILE)} is not a valid activity log (${text.length} characters)`;
      rmSync(join(dir, KEY_FILE), { force: true });
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

  /** Written atomically (atomicFile.ts), before the usage index (see UsageStore.save). */
  save(dir: string | undefined): void {
    if (!dir || !this.dirty) return;
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, ACTIVITY_FILE), this.serialize());
    if (this.key !== undefined) writeFileAtomic(join(dir, KEY_FILE), this.key);
    this.dirty = false;
  }

  async saveAsync(dir: string | undefined): Promise<void> {
    if (!dir || !this.dirty) return;
    this.dirty = false;
    try {
      await mkdir(dir, { recursive: true });
      await writeFileAtomicAsync(join(dir, ACTIVITY_FILE), this.serialize());
      if (this.key !== undefined) await writeFileAtomicAsync(join(dir, KEY_FILE), this.key);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }

  private serialize(): string {
    return JSON.stringify({ version: 1, ...(this.key !== undefined ? { patternsKey: this.key } : {}), events: this.events });
  }
}
