// Outcomes in words for people, worded once for the CLI, the weekly summary and (through the rows the
// host sends) the panel: why an outcome earned nothing, and how a PR is named.

/** Why an outcome earned 0, by its `zeroReason`. */
export const ZERO_REASON_TEXT: Readonly<Record<string, string>> = {
  empty: 'empty commit',
  'whitespace-only': 'whitespace-only change',
  reverted: 'reverted',
  revert: 'a revert',
  'no-change-since-last-pass': 'nothing changed since the last counted pass',
  pending: 'pending: not on the default branch yet',
  'via-pr': 'landed via a PR',
};

/** A PR as people name it: `#12`, or the short sha of its commit when it has no number. */
export function prName(pr: { ref: string; number?: number }): string {
  return pr.number === undefined ? pr.ref : `#${pr.number}`;
}

/** `landed via PR #12` (given the PR's name), `reverted`, …; a reason this map does not know, as it is. */
export function zeroReasonText(reason: string, viaPr?: string): string {
  if (reason === 'via-pr' && viaPr) return `landed via PR ${viaPr}`;
  return ZERO_REASON_TEXT[reason] ?? reason;
}
