// Issue 20, section 4, sweep: page one speaks of the lever's effect on lead time as well as cost,
// mentions a team's utilisation only when the lever moves it, says "the lowest may lie beyond" only
// when values beyond exist, and writes a warning that holds at every value once. Sentences pinned on
// hand-made points (every figure chosen here), and valuesBeyond against the real validator.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/api/load-scenario.js';
import { valuesBeyond } from '../../src/api/sweep.js';
import { sweepSummarySentences } from '../../src/report/sweep-summary.js';
import { sweepRunWarnings } from '../../src/report/sweep-warnings.js';
import { crossings, type CostMinimum, type SweepPoint } from '../../src/stats/sweep.js';
import type { Variant } from '../../src/scenario/types.js';

const est = (mean: number, lo = mean, hi = mean): { mean: number; ci95: [number, number] } => ({ mean, ci95: [lo, hi] });

function point(value: string, p85: [number, number, number], util: Partial<SweepPoint['utilisation']>, warnings: string[] = [], variant: Variant = 'normal'): SweepPoint {
  return {
    value, variant, replications: 3,
    leadTimeMeanDays: est(p85[0] / 2), leadTimeP50Days: est(p85[0] / 2), leadTimeP85Days: est(...p85),
    pooledP50Days: p85[0] / 2, pooledP85Days: p85[0],
    deploymentsPerWeek: est(10), totalCost: est(1e5), totalCostPerYear: est(4e5, 3.5e5, 4.5e5), countedDays: 308, costPerDeployment: 500,
    utilisation: { delivery: 0.3, changeManagement: 0.2, applicationSupport: 0.5, outOfHoursWindows: 0.96, ...util },
    unfinished: 0, counted: 100, unfinishedShare: 0, biased: false, warnings,
  };
}

const P = 'teams.changeManagement.cab.every';
const minimum = (index: number, value: string): CostMinimum => ({
  variant: 'normal', value, index, totalCostPerYear: est(4e5, 3.5e5, 4.5e5), atEdge: true, biased: false, unfinishedShare: 0,
});

describe('sweep words', () => {
  const points = [
    point('1w', [20.6, 18, 23], { applicationSupport: 0.5 }, ['the same everywhere', 'only at 1w']),
    point('2w', [30.1, 27, 33], { applicationSupport: 0.7 }, ['the same everywhere']),
    point('4w', [41.6, 38, 45], { applicationSupport: 0.9 }, ['the same everywhere']),
  ];
  const values = ['1w', '2w', '4w'];

  it('the lead-time sentence comes first; utilisation only of the teams the lever moves; "may lie beyond" only when values beyond exist', () => {
    const s = sweepSummarySentences(P, 'GBP', points, [minimum(0, '1w')], crossings(points, values), { first: false, last: true });
    expect(s.slice(0, -1)).toEqual([
      'Normal changes: the 85th percentile lead time rises from 20.6 days at teams.changeManagement.cab.every = 1w to 41.6 days at 4w.',
      'Normal changes: total cost a year (activity-based run cost, setup amortised and the cost of delay) is lowest at teams.changeManagement.cab.every = 1w (£400k, 95% CI £350k to £450k).',
      // the windows are at 96% at every value: not "reach 85% at … = 1w"
      'Normal changes: application support reaches 85% utilisation at teams.changeManagement.cab.every = 4w (90.0%).',
      '2 warnings qualify these numbers (see Warnings).',
    ]);
    // beyond the last value there are values: the phrase stays; not known (merged from older shards): it stays
    expect(sweepSummarySentences(P, 'GBP', points, [minimum(2, '4w')], [], { first: false, last: true })[1]).toContain(
      '= 4w (£400k, 95% CI £350k to £450k), at the edge of the values swept, so the lowest may lie beyond them.',
    );
    expect(sweepSummarySentences(P, 'GBP', points, [minimum(0, '1w')], [])[1]).toContain('so the lowest may lie beyond them');
  });

  it('a fall, a shortest value inside the range, and no clear change when the intervals overlap', () => {
    const falls = [point('1', [40, 38, 42], {}), point('2', [10, 9, 11], {}), point('3', [20, 19, 21], {})];
    expect(sweepSummarySentences('p', 'GBP', falls, [], [])[0]).toBe(
      'Normal changes: the 85th percentile lead time falls from 40.0 days at p = 1 to 20.0 days at 3; shortest at p = 2 (10.0 days).',
    );
    const flat = [point('1', [20, 15, 25], {}), point('2', [22, 18, 26], {})];
    expect(sweepSummarySentences('p', 'GBP', flat, [], [])[0]).toBe(
      'Normal changes: no clear change in the 85th percentile lead time from p = 1 (20.0 days) to 2 (22.0 days); their 95% intervals overlap.',
    );
    // nothing moves: no team is named
    expect(sweepSummarySentences('p', 'GBP', flat, [], crossings(flat, ['1', '2']))[1]).toBe(
      "Normal changes: p moves no team's utilisation by 5 percentage points or more over the values swept.",
    );
  });

  it('a warning that holds at every value is one line; at every value of one variant it names the variant', () => {
    expect(sweepRunWarnings(P, points)).toEqual([
      { subject: 'every value of teams.changeManagement.cab.every', text: 'the same everywhere' },
      { subject: 'teams.changeManagement.cab.every=1w, Normal (CAB)', text: 'only at 1w' },
    ]);
    const two = [...points, ...values.map((v) => point(v, [5, 4, 6], {}, v === '2w' ? ['the same everywhere'] : ['pre everywhere'], 'preApproved'))];
    expect(sweepRunWarnings(P, two).map((w) => `${w.subject}: ${w.text}`)).toEqual([
      'every value of teams.changeManagement.cab.every, Normal (CAB): the same everywhere',
      'teams.changeManagement.cab.every=1w, Normal (CAB): only at 1w',
      'teams.changeManagement.cab.every=1w, Pre-approved: pre everywhere',
      'teams.changeManagement.cab.every=2w, Pre-approved: the same everywhere',
      'teams.changeManagement.cab.every=4w, Pre-approved: pre everywhere',
    ]);
  });

  it('valuesBeyond asks the validator: no count below 1, no share above 1, no cadence below a week; numbers above exist', () => {
    const source = loadScenario('scenarios/ops-run-it.yaml');
    expect(valuesBeyond(source, 'teams.delivery.count', ['1', '2', '3'])).toEqual({ first: false, last: true });
    expect(valuesBeyond(source, 'teams.delivery.count', ['4', '6', '16'])).toEqual({ first: true, last: true });
    expect(valuesBeyond(source, 'classes.small.preApproved.share', ['0', '0.5', '1'])).toEqual({ first: false, last: false });
    // a CAB every N weeks needs its `from` date (the fortnightly design has one)
    expect(valuesBeyond(source, 'teams.changeManagement.cab.every', ['1w', '2w'])).toEqual({ first: false, last: false });
    const fortnightly = loadScenario('scenarios/designs/fortnightly-cab.yaml');
    expect(valuesBeyond(fortnightly, 'teams.changeManagement.cab.every', ['1w', '2w', '4w'])).toEqual({ first: false, last: true });
    // not numbers with one unit: not judged (true)
    expect(valuesBeyond(fortnightly, 'teams.changeManagement.cab.every', ['1w', '10d'])).toEqual({ first: true, last: true });
  });
});
