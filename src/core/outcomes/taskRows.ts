// A task and its outcomes as JSON-safe rows (ISO times, counts): the shape the weekly summary and the
// breakdown panel both show.
import { prName, zeroReasonText } from './outcomeText';
import type { LinkedOutcome, LinkedPrCommit } from './modelOutcome';
import type { TaskFigures } from './taskReport';

const iso = (ms: number): string => new Date(ms).toISOString();

export function taskRow(t: TaskFigures) {
  return {
    id: t.id,
    name: t.name,
    nameFrom: t.nameFrom,
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

function prCommitRow(c: LinkedPrCommit, withSubject: boolean) {
  return { ref: c.ref, ...(withSubject ? { subject: c.subject } : {}), taskId: c.taskId, madeBy: c.madeBy };
}

/**
 * An outcome with the evidence that linked it; commit subjects (its own and its PR commits') only when
 * `withSubject`. A commit that landed through a PR names it (`viaPr`: `#12`); a PR lists its commits.
 */
export function outcomeRow(o: LinkedOutcome, withSubject = true) {
  return {
    kind: o.kind,
    ref: o.ref,
    at: iso(o.at),
    awu: o.awu,
    evidence: o.evidence,
    ...(withSubject && o.subject !== undefined ? { subject: o.subject } : {}),
    ...(o.zeroReason !== undefined ? { zeroReason: o.zeroReason, zeroText: zeroReasonText(o.zeroReason, o.viaPr && prName(o.viaPr)) } : {}),
    project: o.repo,
    taskId: o.taskId,
    ...(o.viaPr !== undefined ? { viaPr: prName(o.viaPr) } : {}),
    ...(o.prCommits !== undefined ? { prCommits: o.prCommits.map((c) => prCommitRow(c, withSubject)) } : {}),
  };
}
