import type { UsageEvent } from '../types';

/** A usage event with the identity the dedup rules need. Ids are kept only as 53-bit hashes. */
export interface UsageRecord extends UsageEvent {
  /** Hash of the primary id (Claude: message.id; Codex: session + timestamp + cumulative total). */
  key1: number;
  /** Hash of the secondary id (Claude: requestId, 0 when absent). */
  key2: number;
  /** False when the record has no id and can't be deduplicated (it is always counted). */
  hasKey: boolean;
  /** Claude sub-agent / side-question line (`isSidechain: true`). */
  sidechain: boolean;
}
