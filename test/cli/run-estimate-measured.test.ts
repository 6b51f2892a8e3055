// Issue 25 point 10: the run estimate's memory against measured peaks. Each shape below was run with
// `/usr/bin/time -v node dist/cli/main.js <command> … --no-charts --quiet --force --out DIR` on
// 2026-12-05 (Node 20.20, 2 cores, 24 GB; one run at a time); `peakKiB` is /usr/bin/time's "Maximum
// resident set size" (kB, i.e. KiB), the highest of the runs made of that shape (repeated runs of
// one shape differ by up to 10%). The test computes the estimate from the code: it must be at or
// above every measured peak and within 1.35× of it. "Overloaded": the normal variant cannot keep
// up (the default CAB decides 15 changes a week, against 100 to 5,000 arriving), so most of its
// changes wait for the CAB with few events logged; "keeping up": change management, the CAB and
// application support are large enough that it does.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkEstimate, estimateRun } from '../../src/cli/estimate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

const V3 = 'normal, preApproved, youBuildItYouRunIt';

/** `groups` delivery groups of `count` teams with `featuresPerWeek` each (0 groups: the single map); `flowing`: a change management team, CAB and application support that keep up. */
function shape(groups: number, count: number, featuresPerWeek: number, variants: string, flowing: boolean): Scenario {
  const delivery =
    groups === 0
      ? `    count: ${count}\n    featuresPerWeek: ${featuresPerWeek}\n`
      : Array.from({ length: groups }, (_x, i) => `    - { name: g${i + 1}, count: ${count}, featuresPerWeek: ${featuresPerWeek} }\n`).join('');
  const keepUp = flowing ? '  changeManagement: { people: 1000, cab: { capacity: unlimited } }\n  applicationSupport: { people: 1000 }\n' : '';
  return parseScenarioText(`name: shape\nvariants: [${variants}]\nteams:\n  delivery:\n${delivery}${keepUp}`, 'shape.yaml');
}

const ops = parseScenarioText(readFileSync('scenarios/ops-run-it.yaml', 'utf8'), 'ops-run-it.yaml');
const small = shape(100, 1, 1, V3, false); // 5,200 changes a replication
const mid = shape(100, 2, 2, V3, true); // 20,800
const g50 = shape(50, 10, 2, V3, false); // 52,000
const g50flowing = shape(50, 10, 2, V3, true);
const g100 = shape(100, 10, 2, V3, false); // 104,000
const g100flowing = shape(100, 10, 2, V3, true);
const normalFlowing = shape(100, 10, 2, 'normal', true);
/** 100 groups × 10 teams × 2, normal only, with change management and application support keeping up and a CAB deciding `capacity` changes a meeting. */
function cabLimited(capacity: number): Scenario {
  const s = shape(100, 10, 2, 'normal', true);
  return { ...s, teams: { ...s.teams, changeManagement: { ...s.teams.changeManagement, cab: { ...s.teams.changeManagement.cab, capacity } } } };
}

interface Measured {
  readonly shape: string;
  /** The command's scenarios (compare: two files; sweep: one per value). */
  readonly scenarios: readonly Scenario[];
  readonly replications: number;
  readonly workers: number;
  /** run writes changes.csv (or --changes); compare and sweep write no per-change files. */
  readonly run: boolean;
  readonly changes?: 'parquet' | 'none';
  readonly peakKiB: number;
}

const MEASURED: readonly Measured[] = [
  { shape: 'scenarios/ops-run-it.yaml -r 300 --workers 1', scenarios: [ops], replications: 300, workers: 1, run: true, peakKiB: 132_040 },
  { shape: 'scenarios/ops-run-it.yaml -r 300 --workers 2', scenarios: [ops], replications: 300, workers: 2, run: true, peakKiB: 212_688 },
  { shape: 'scenarios/ops-run-it.yaml -r 300 --workers 2 --changes parquet', scenarios: [ops], replications: 300, workers: 2, run: true, changes: 'parquet', peakKiB: 314_348 },
  { shape: 'scenarios/ops-run-it.yaml -r 2000 --workers 2 --changes parquet', scenarios: [ops], replications: 2000, workers: 2, run: true, changes: 'parquet', peakKiB: 387_140 },
  { shape: '100 groups × 1 team × 1 feature a week, 3 variants, -r 100 --workers 1 (overloaded)', scenarios: [small], replications: 100, workers: 1, run: true, peakKiB: 314_156 },
  { shape: '100 groups × 1 team × 1, 3 variants, -r 100 --workers 2 (overloaded)', scenarios: [small], replications: 100, workers: 2, run: true, peakKiB: 455_616 },
  { shape: '100 groups × 1 team × 1, 3 variants, -r 100 --workers 2 --changes none (overloaded)', scenarios: [small], replications: 100, workers: 2, run: true, changes: 'none', peakKiB: 430_420 },
  { shape: '100 groups × 2 teams × 2, 3 variants, keeping up, -r 20 --workers 1', scenarios: [mid], replications: 20, workers: 1, run: true, peakKiB: 617_632 },
  { shape: '100 groups × 2 teams × 2, 3 variants, keeping up, -r 20 --workers 2', scenarios: [mid], replications: 20, workers: 2, run: true, peakKiB: 813_820 },
  { shape: '50 groups × 10 teams × 2, 3 variants, keeping up, -r 6 --workers 2', scenarios: [g50flowing], replications: 6, workers: 2, run: true, peakKiB: 1_487_780 },
  { shape: '50 groups × 10 teams × 2, 3 variants, -r 1 --workers 2 (overloaded)', scenarios: [g50], replications: 1, workers: 2, run: true, peakKiB: 1_155_420 },
  { shape: '100 groups × 10 teams × 2, normal only, -r 1 --workers 1 (overloaded)', scenarios: [shape(100, 10, 2, 'normal', false)], replications: 1, workers: 1, run: true, peakKiB: 812_256 },
  { shape: '100 groups × 10 teams × 2, 3 variants, -r 1 --workers 1 (overloaded)', scenarios: [g100], replications: 1, workers: 1, run: true, peakKiB: 1_530_944 },
  { shape: '100 groups × 10 teams × 2, 3 variants, -r 1 --workers 1 --changes parquet (overloaded)', scenarios: [g100], replications: 1, workers: 1, run: true, changes: 'parquet', peakKiB: 1_454_340 },
  { shape: '10 groups × 100 teams × 2, 3 variants, -r 1 --workers 1 (overloaded)', scenarios: [shape(10, 100, 2, V3, false)], replications: 1, workers: 1, run: true, peakKiB: 1_436_288 },
  { shape: '1,000 teams × 2 (no groups), 3 variants, -r 1 --workers 1 (overloaded)', scenarios: [shape(0, 1000, 2, V3, false)], replications: 1, workers: 1, run: true, peakKiB: 1_438_300 },
  { shape: '100 groups × 10 teams × 2, 3 variants, -r 1 --workers 2 (overloaded)', scenarios: [g100], replications: 1, workers: 2, run: true, peakKiB: 1_906_808 },
  { shape: '100 groups × 10 teams × 2, 3 variants, -r 1 --workers 3 (overloaded)', scenarios: [g100], replications: 1, workers: 3, run: true, peakKiB: 1_797_184 },
  { shape: '100 groups × 10 teams × 2, normal only, change management and application support keeping up (the CAB decides 0.75%), -r 1 --workers 1 (overloaded)', scenarios: [cabLimited(15)], replications: 1, workers: 1, run: true, peakKiB: 813_292 },
  { shape: 'the same with a CAB deciding 1,000 a meeting (half the changes), -r 1 --workers 1', scenarios: [cabLimited(1000)], replications: 1, workers: 1, run: true, peakKiB: 1_209_116 },
  { shape: '100 teams × 50 features a week (260,000 changes), normal only, -r 1 --workers 1 (overloaded)', scenarios: [shape(0, 100, 50, 'normal', false)], replications: 1, workers: 1, run: true, peakKiB: 1_579_008 },
  { shape: '100 groups × 10 teams × 2, normal only, keeping up, -r 1 --workers 1', scenarios: [normalFlowing], replications: 1, workers: 1, run: true, peakKiB: 1_365_080 },
  { shape: '100 groups × 10 teams × 2, 3 variants, keeping up, -r 1 --workers 1', scenarios: [g100flowing], replications: 1, workers: 1, run: true, peakKiB: 1_993_428 },
  { shape: '100 groups × 10 teams × 2, 3 variants, keeping up, -r 1 --workers 2', scenarios: [g100flowing], replications: 1, workers: 2, run: true, peakKiB: 2_251_080 },
  { shape: '100 groups × 10 teams × 2, 3 variants, keeping up, -r 1 --workers 3', scenarios: [g100flowing], replications: 1, workers: 3, run: true, peakKiB: 2_334_232 },
  { shape: 'compare: 100 groups × 10 teams × 2 keeping up, normal only against normal and preApproved, -r 1 --workers 1', scenarios: [normalFlowing, shape(100, 10, 2, 'normal, preApproved', true)], replications: 1, workers: 1, run: false, peakKiB: 2_351_192 },
  { shape: 'sweep --param seed --values 1,2,3: 100 groups × 10 teams × 2 keeping up, normal, -r 1 --workers 1', scenarios: [1, 2, 3].map((seed) => ({ ...normalFlowing, seed })), replications: 1, workers: 1, run: false, peakKiB: 2_036_620 },
];

function estimateOf(m: Measured): number {
  const scenarios = m.scenarios.map((s) => ({ ...s, replications: m.replications }));
  return estimateRun(scenarios, { writesChanges: m.run, workers: m.workers, changes: m.changes }).memoryBytes;
}

describe('the run estimate against measured peak memory', () => {
  it.each(MEASURED)('$shape', (m) => {
    const peak = m.peakKiB * 1024;
    const estimate = estimateOf(m);
    expect(estimate).toBeGreaterThanOrEqual(peak);
    expect(estimate).toBeLessThanOrEqual(1.35 * peak);
  });

  it('100 delivery groups, 3 variants, -r 1 with 3 workers: the issue measured 2.19 GB where the note said about 1.6 GB', () => {
    const e = estimateRun([{ ...g100, replications: 1 }], { writesChanges: true, workers: 3 });
    expect(e.changesPerReplication).toBe(104_000);
    // The CAB meets 52 Tuesdays and decides 15 changes each: 0.75% of the normal variant's changes,
    // so its kept replication 1 and its replication being made weigh sqrt(0.0075) = 8.7% of the way
    // from a change waiting for the CAB (3.0 and 3.5 KB) to one that keeps going (5.4 and 6.2 KB).
    const decided = Math.sqrt((15 * 52) / 104_000);
    const keptNormal = 3000 + decided * (5400 - 3000);
    // The process; 3 worker threads and their heaps' slack (120 MB each: 104,000 × 32 KB is more);
    // every variant's replication 1 kept; the heaviest being made (preApproved's 4.6 KB a change is
    // more than normal's 3.73 KB); the 2 other kept ones being made; 3 finished replications.
    const expected = 125e6 + 3 * 60e6 + 3 * 120e6 + 104_000 * (keptNormal + 4400 + 3000) + 104_000 * 4600 + 2 * 104_000 * 1024 + 3 * 6144;
    expect(e.memoryBytes).toBeCloseTo(expected, 0);
    expect(e.memoryBytes).toBeGreaterThanOrEqual(2.19e9);
    expect(e.memoryBytes).toBeLessThanOrEqual(1.35 * 2.19e9);
    expect(checkEstimate(e, false)).toMatch(/^note: a large run: about 312,000 changes \(104,000 in the largest replication\), writes about 296 MB and needs about 2\.5 GB of memory;/);
  });
});
