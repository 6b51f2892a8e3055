// Paired differences between the variants of one run: both variants of a replication see the
// same features (common random numbers), so each replication gives one difference per figure,
// and the differences' mean and 95% Student-t interval say how far apart the variants really are.
import type { Scenario, Variant } from '../scenario/types.js';
import { cashCostPerYear } from './cash-cost.js';
import { countedPeriod, perYear } from './cost-summary.js';
import type { ReplicationDigest } from '../run/digest.js';
import type { DigestStore } from '../run/digest-store.js';
import { pairedDifference, quantileSorted } from './estimates.js';
import { RUN_DIFFERENCE_FIGURES, type RunDifference, type RunDifferenceFigure, type RunDifferences } from './summary-types.js';

/** A digest's lead times sorted, made once per digest (p50 and p85 both read them). */
const sortedCache = new WeakMap<ReplicationDigest, Float64Array>();
function sortedLeadTimes(d: ReplicationDigest): Float64Array {
  let sorted = sortedCache.get(d);
  if (sorted === undefined) {
    sorted = d.leadTimeDays.slice().sort(); // finite values: the numeric order of (a, b) => a - b
    sortedCache.set(d, sorted);
  }
  return sorted;
}

/** One replication's figure: its own p50 or p85 lead time, its total cost, cash cost or cost of delay per year. */
export function replicationFigure(scenario: Scenario, d: ReplicationDigest, figure: RunDifferenceFigure): number {
  if (figure === 'leadTimeP50Days' || figure === 'leadTimeP85Days') {
    return quantileSorted(sortedLeadTimes(d) as unknown as number[], figure === 'leadTimeP50Days' ? 0.5 : 0.85);
  }
  const r = d.record;
  const year = perYear({ setup: r.setupCost, run: r.runCost, opportunity: r.opportunityCost }, countedPeriod(scenario).days, scenario.costs.setupAmortisationYears);
  if (figure === 'totalCostPerYear') return year.total;
  return figure === 'costOfDelayPerYear' ? year.opportunity : cashCostPerYear(scenario, r.variant, r, year.scale).total;
}

/** Each replication's figures (replicationFigure's), read from the store: the lead times sorted once per replication. */
function storeFigures(scenario: Scenario, store: DigestStore): Record<RunDifferenceFigure, number[]> {
  const out: Record<RunDifferenceFigure, number[]> = { leadTimeP50Days: [], leadTimeP85Days: [], totalCostPerYear: [], cashCostPerYear: [], costOfDelayPerYear: [] };
  const { days } = countedPeriod(scenario);
  for (let i = 0; i < store.length; i++) {
    const sorted = store.leadTimeDays.slice(...store.changesOf(i)).sort() as unknown as number[];
    out.leadTimeP50Days.push(quantileSorted(sorted, 0.5));
    out.leadTimeP85Days.push(quantileSorted(sorted, 0.85));
    const r = store.records[i]!;
    const year = perYear({ setup: r.setupCost, run: r.runCost, opportunity: r.opportunityCost }, days, scenario.costs.setupAmortisationYears);
    out.totalCostPerYear.push(year.total);
    out.cashCostPerYear.push(cashCostPerYear(scenario, r.variant, r, year.scale).total);
    out.costOfDelayPerYear.push(year.opportunity);
  }
  return out;
}

/** Every other variant against the scenario's first, or undefined with one variant. */
export function runDifferences(scenario: Scenario, digests: Partial<Record<Variant, DigestStore>>): RunDifferences | undefined {
  const [baseline, ...others] = scenario.variants;
  if (baseline === undefined || others.length === 0) return undefined;
  const base = digests[baseline];
  const variants: RunDifferences['variants'] = {};
  let baseFigures: Record<RunDifferenceFigure, number[]> | undefined;
  for (const v of others) {
    const ds = digests[v];
    if (base === undefined || ds === undefined || ds.length !== base.length || ds.length === 0) continue;
    baseFigures ??= storeFigures(scenario, base);
    const figures = storeFigures(scenario, ds);
    const entry = {} as Record<RunDifferenceFigure, RunDifference>;
    for (const f of RUN_DIFFERENCE_FIGURES) {
      const a = baseFigures[f];
      const b = figures[f];
      const keep = a.map((x, i) => Number.isFinite(x) && Number.isFinite(b[i]!));
      const aa = a.filter((_, i) => keep[i]);
      const bb = b.filter((_, i) => keep[i]);
      const p = pairedDifference(aa, bb);
      entry[f] = { mean: p.mean, ci95: p.ci95, baselineMean: aa.reduce((s, x) => s + x, 0) / aa.length };
    }
    variants[v] = entry;
  }
  return { baseline, variants };
}
