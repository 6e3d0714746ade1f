// The status bar's text and tooltip as pure functions of the figures.
import * as assert from 'node:assert/strict';
import { awuFigures } from '../../src/extension/outcomeModel';
import { compactNumber, overBudget, type StatusFigures, statusText, statusTooltip } from '../../src/extension/statusText';
import { MERGED_AT, prAnalysis } from './helpers/prOutcomes';
import { statusFigures } from './helpers/statusFigures';

const figures = statusFigures;

describe('status bar text', () => {
  it('shows tokens, cost or both, per period', () => {
    assert.equal(statusText(figures(), 'both'), '$(pulse) 1.2M · $3.40');
    assert.equal(statusText(figures(), 'tokens'), '$(pulse) 1.2M');
    assert.equal(statusText(figures(), 'cost'), '$(pulse) $3.40');
    assert.equal(statusText(figures({ period: 'week', since: '2026-11-23' }), 'both'), '$(pulse) wk 1.2M · $3.40');
  });

  it('marks an unknown part of the cost, a budget overrun, and AWUs when known', () => {
    const f = figures({ spend: { ...figures().spend, unpricedTokens: 10 } });
    assert.equal(statusText(f, 'cost'), '$(pulse) $3.40+?');
    const over = figures({ dailyBudgetUSD: 3 });
    assert.ok(overBudget(over));
    assert.equal(statusText(over, 'both'), '$(warning) 1.2M · $3.40');
    assert.match(statusTooltip(over), /over the daily budget of \$3\.00/);
    const awu = figures({ awu: 4, tokenFreeAwu: 1, tokensPerAwuTarget: 400_000 });
    assert.equal(statusText(awu, 'both'), '$(pulse) 1.2M · $3.40 · 4 AWU · 308.6k/AWU');
    assert.equal(statusText(awu, 'cost'), '$(pulse) $3.40 · 4 AWU');
    assert.ok(!overBudget(awu));
    assert.match(statusTooltip(awu), /\| AWUs \| 4 \(1 token-free\) \|/);
    assert.match(statusTooltip(awu), /\| Tokens per AWU \| 308,642 \(target 400,000\) \|/);
    assert.match(statusTooltip(awu), /\| Cost per AWU \| \$0\.85 \|/);
  });

  it('warns past the tokens-per-AWU ceiling, and lists the outcomes, the last one and the costliest task', () => {
    const over = figures({ awu: 4, tokensPerAwuTarget: 200_000 });
    assert.equal(statusText(over, 'both'), '$(warning) 1.2M · $3.40 · 4 AWU · 308.6k/AWU');
    assert.match(statusTooltip(over), /308,642 tokens per AWU: past the ceiling of 200,000/);
    const none = figures({ awu: 0, tokensPerAwuTarget: 200_000 });
    assert.match(statusTooltip(none), /1,234,567 tokens and no AWU yet/);
    const detailed = figures({
      awu: 3,
      awuDetail: {
        outcomesByKind: { 'tests.passed': 2, 'commit.landed': 2 },
        lastOutcome: { kind: 'commit.landed', ref: 'abc1234def', at: Date.UTC(2026, 10, 25, 14, 2), awu: 1, subject: 'fix: *bold* | pipe' },
        topTask: { label: 'Fix the [login] redirect (#12)', session: 'claude 1a2b3c4d', project: '/home/dev/app', tokens: 900_000, costUSD: 2.5, awu: 1 },
      },
    });
    const tip = statusTooltip(detailed);
    assert.match(tip, /Outcomes: 2 commits landed, 2 test passes\./);
    assert.match(tip, /Last outcome: commits landed `abc1234def` fix: \\\*bold\\\* \\\| pipe \(\+1 AWU, 2026-11-25 14:02\)\./);
    assert.match(tip, /Costliest task: Fix the \\\[login\\\] redirect \\\(\\#12\\\) \(claude 1a2b3c4d\) in \/home\/dev\/app: 900,000 tokens, \$2\.50, 1 AWU\./);
  });

  it('names a merged PR by its number and says when its AWUs were split between tasks by their commits', () => {
    const last = { kind: 'pr.merged', ref: 'f00d012', at: Date.UTC(2026, 10, 25, 14, 2), awu: 1.333, subject: 'Parser header (#12)' };
    const tip = (lastOutcome: typeof last & { pr?: { number?: number; awu: number } }): string => statusTooltip(figures({ awu: 2, awuDetail: { outcomesByKind: { 'pr.merged': 1 }, lastOutcome } }));
    assert.match(tip({ ...last, pr: { number: 12, awu: 2 } }), /Last outcome: PR #12 merged `f00d012` Parser header \\\(\\#12\\\) \(\+1\.33 AWU of 2, split by commits, 2026-11-25 14:02\)\./);
    assert.match(tip({ ...last, awu: 2, pr: { number: 12, awu: 2 } }), /Last outcome: PR #12 merged `f00d012` .* \(\+2 AWU, 2026-11-25 14:02\)\./);
    assert.match(tip({ ...last, awu: 2, pr: { awu: 2 } }), /Last outcome: PR merged `f00d012` /);
    assert.match(tip(last), /Last outcome: PRs merged `f00d012` /, 'without PR facts, as before');
  });

  it('counts a split PR once, and tells its largest share with the whole PR\'s AWUs', () => {
    const a = prAnalysis();
    const f = awuFigures(a, a.from, a.to);
    assert.equal(f.awu, 2);
    assert.equal(f.tokenFreeAwu, 0.667);
    // Two shares, one PR; the commits that landed through it earn nothing of their own.
    assert.deepEqual(f.awuDetail.outcomesByKind, { 'pr.merged': 1 });
    assert.deepEqual(f.awuDetail.lastOutcome, { kind: 'pr.merged', ref: 'f00d012', at: MERGED_AT, awu: 1.333, subject: 'Parser header (#12)', pr: { number: 12, awu: 2 } });
    const tip = statusTooltip(figures({ ...f, timeZone: 'UTC' }));
    assert.match(tip, /Outcomes: 1 PRs merged\./);
    assert.match(tip, /PR #12 merged `f00d012` .* \(\+1\.33 AWU of 2, split by commits, 2026-11-25 14:02\)/);
  });

  it('compacts numbers', () => {
    assert.deepEqual([0, 999, 1000, 137_000, 1_250_000, 3_400_000_000].map(compactNumber), ['0', '999', '1.0k', '137.0k', '1.3M', '3.4B']);
  });
});
