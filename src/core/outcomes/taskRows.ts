// A task and its outcomes as JSON-safe rows (ISO times, counts): the shape the weekly summary and the
// breakdown panel both show.
import type { LinkedOutcome } from './modelOutcome';
import type { TaskFigures } from './taskReport';

const iso = (ms: number): string => new Date(ms).toISOString();

export function taskRow(t: TaskFigures) {
  return {
    id: t.id,
    source: t.source,
    sessionId: t.sessionId,
    project: t.project,
    branch: t.branch,
    start: iso(t.start),
    end: iso(t.end),
    tokens: t.tokens,
    costUSD: t.costUSD,
    awu: t.awu,
    tokensPerAwu: t.tokensPerAwu,
    outcomes: t.outcomes.length,
    models: t.models,
  };
}

/** An outcome with the evidence that linked it; the commit subject only when `withSubject`. */
export function outcomeRow(o: LinkedOutcome, withSubject = true) {
  return {
    kind: o.kind,
    ref: o.ref,
    at: iso(o.at),
    awu: o.awu,
    evidence: o.evidence,
    ...(withSubject && o.subject !== undefined ? { subject: o.subject } : {}),
    ...(o.zeroReason !== undefined ? { zeroReason: o.zeroReason } : {}),
    project: o.repo,
    taskId: o.taskId,
  };
}
