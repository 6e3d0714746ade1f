import type { SourceId } from '../types';

/** What the index remembers of one log file: identity, how far it was read, and the parser's state. */
export interface FileEntry {
  id: number;
  source: SourceId;
  path: string;
  root: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  /** Status-change time: any write, and any utimes that put an old mtime back, moves it. */
  ctimeMs?: number;
  /** When the file was stat'ed for the last read (epoch ms); see planScan's racy check. */
  seenAt?: number;
  /** Fingerprint of the first and last bytes read, [0, offset + pendingBytes) (see fingerprint.ts). */
  fp?: string;
  offset: number;
  pendingBytes: number;
  state?: unknown;
  /** Lines skipped since the file was last read from its start, by reason. */
  skipped: Record<string, number>;
  error?: string;
  /** Never read: a date-bounded read found it too old for its range (UsageStore.planScan). */
  outsideRange?: boolean;
  /** The file is gone; what was counted from it stays. */
  missing?: boolean;
}
