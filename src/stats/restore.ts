// Time to restore service: per failed deployment attempt of a counted change, from the failure
// (the end of the deployment work) to the rollback's end, summarised over all replications; and
// the DORA benchmark of a variant built from its summary figures.
import type { Scenario } from '../scenario/types.js';
import { PATHS } from '../run/digest.js';
import type { DigestStore } from '../run/digest-store.js';
import { doraBenchmark, type DoraBenchmark } from './dora.js';
import { positiveMeanCi95, quantileSorted } from './estimates.js';
import type { RestoreSummary, TimeToRestoreSummary, VariantSummary } from './summary-types.js';

/**
 * Percentiles pool every failed attempt of every replication; the mean is the pooled mean and its
 * 95% interval is over the means of the replications that had a failure. No failure: NaN, count 0.
 */
function summaryOf(hours: Float64Array, paths: Uint8Array, ends: readonly number[], path: number | null): RestoreSummary {
  const pooled: number[] = [];
  const means: number[] = [];
  let from = 0;
  for (const end of ends) {
    let sum = 0;
    let n = 0;
    for (let i = from; i < end; i++) {
      if (path !== null && paths[i] !== path) continue;
      pooled.push(hours[i]!);
      sum += hours[i]!;
      n++;
    }
    if (n > 0) means.push(sum / n);
    from = end;
  }
  // Restore times are finite: a typed array's own sort gives the order of (a, b) => a - b, faster.
  const sorted = Float64Array.from(pooled).sort();
  let total = 0;
  for (const x of sorted) total += x;
  const asList = sorted as unknown as number[];
  return {
    mean: sorted.length > 0 ? total / sorted.length : NaN,
    ci95: means.length > 0 ? positiveMeanCi95(means).ci95 : [NaN, NaN],
    p50: quantileSorted(asList, 0.5),
    p85: quantileSorted(asList, 0.85),
    p95: quantileSorted(asList, 0.95),
    count: sorted.length,
  };
}

/** Time to restore over all failed attempts, and per path (only the paths that had a failure). */
export function timeToRestoreSummary(digests: DigestStore): TimeToRestoreSummary {
  const hours = digests.restoreHours.slice();
  const paths = digests.restorePathIndex.slice();
  const byPath: Record<string, RestoreSummary> = {};
  PATHS.forEach((name, p) => {
    const s = summaryOf(hours, paths, digests.restoreEnds, p);
    if (s.count > 0) byPath[name] = s;
  });
  return { ...summaryOf(hours, paths, digests.restoreEnds, null), byPath };
}

/**
 * The four DORA metrics of a variant: successful deployments per week per delivery team (the
 * variant's mean deployments per week ÷ teams.delivery.count), the median lead time ready → live in
 * days, the change failure rate (failed ÷ attempts), and the median time to restore in hours.
 */
export function variantDora(scenario: Scenario, s: Pick<VariantSummary, 'deploymentsPerWeek' | 'leadTimeDays' | 'changeFailureRate' | 'timeToRestoreHours'>): DoraBenchmark {
  return doraBenchmark({
    deploymentsPerWeekPerTeam: s.deploymentsPerWeek.mean / scenario.teams.delivery.count,
    leadTimeDays: s.leadTimeDays.p50,
    changeFailureRate: s.changeFailureRate,
    timeToRestoreHours: s.timeToRestoreHours.p50,
  });
}
