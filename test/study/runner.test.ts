// The study runner and its analysis on a tiny scenario: common random numbers (the input set at the
// file's values reproduces a plain run; an input that changes no lead time leaves every set's lead
// times identical, so its lead-time indices are exactly 0), the same results whatever the number of
// sets in flight, and an input dominating by construction ranked first.
import { describe, expect, it } from 'vitest';
import { parseWithBases, scenarioWithOverrides } from '../../src/scenario/load.js';
import { diskFiles } from '../../src/node/scenario-files.js';
import { runReplications, serialExecutor } from '../../src/run/replications.js';
import { analyseStudy } from '../../src/study/analysis.js';
import { overridesOf, studyInputSets } from '../../src/study/input-sets.js';
import { replicationMetrics } from '../../src/study/metrics.js';
import { runStudy, studyDesigns } from '../../src/study/runner.js';

const TEXT = `extends: ${process.cwd()}/scenarios/ops-run-it.yaml
name: tiny
horizon: 8w
warmup: 1w
replications: 2
teams: { delivery: { count: 1 } }
uncertain:
  classes.small.efforts.changeDocumentation: { low: 1h, likely: 4h, high: 3d }
  classes.small.costOfDelay.perWeek: { low: 500, high: 3000 }
`;

const withOverrides = scenarioWithOverrides(TEXT, 'tiny.yaml', diskFiles);
function load(overrides: string[] = []) {
  return overrides.length > 0 ? withOverrides(overrides) : parseWithBases(TEXT, 'tiny.yaml', [], diskFiles).scenario;
}

async function study(samples: number, concurrency: number) {
  const scenario = load();
  const inputs = scenario.uncertain!;
  const sets = studyInputSets(inputs, samples, 1);
  const designs = studyDesigns([scenario]);
  const metrics = await runStudy({ sets, designs, scenariosAt: (set) => [load(overridesOf(inputs, set.values))], executor: serialExecutor, concurrency });
  return { inputs, sets, designs, metrics };
}

describe('runStudy', () => {
  it('runs N·(D + 2) + 2D + 1 sets; the base set at values that equal the file reproduces a plain run (common random numbers)', async () => {
    const s = await study(4, 2);
    expect(s.sets).toHaveLength(4 * 4 + 5);
    expect(s.designs.map((d) => d.label)).toEqual(['normal', 'preApproved']);
    // The tornado's base: documentation 4h and perWeek 1750 (the midpoint).
    const plain = load(['classes.small.efforts.changeDocumentation=4h', 'classes.small.costOfDelay.perWeek=1750']);
    const run = await runReplications(plain, { keep: 0 });
    const base = s.sets.findIndex((x) => x.role === 'base');
    expect(s.metrics[0]!.leadTimeP85Days[base]).toEqual([0, 1].map((i) => replicationMetrics(plain, run.digests.normal!, i).leadTimeP85Days));
    expect(s.metrics[1]!.totalCostPerYear[base]).toEqual([0, 1].map((i) => replicationMetrics(plain, run.digests.preApproved!, i).totalCostPerYear));
  });

  it('gives the same metrics whatever the number of sets in flight, and an input that changes no lead time indices of exactly 0', async () => {
    const a = await study(6, 1);
    const b = await study(6, 3);
    expect(b.metrics).toEqual(a.metrics);
    const result = analyseStudy({ ...a, samples: 6, replications: 2, seed: 1 });
    const perWeek = result.inputs['classes.small.costOfDelay.perWeek']!;
    expect(perWeek.leadTimeP85Days.totalOrder.normal).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(perWeek.leadTimeP85Days.evppi).toBe(0);
    // The documentation effort moves lead times; the cost-of-delay rate moves only the cost of delay.
    expect(result.inputs['classes.small.efforts.changeDocumentation']!.leadTimeP85Days.totalOrder.normal!.estimate).toBeGreaterThan(0);
    expect(perWeek.costOfDelayPerYear.totalOrder.normal!.estimate).toBeGreaterThan(0);
    expect(result.simulations).toBe(a.sets.length * 2 * 2);
    expect(Object.values(result.probabilityBest.totalCostPerYear).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});
