// Issue 13 point 3: before a long or large run, an estimate; a note above a threshold, a refusal
// (exit 2) above a hard limit unless --force; --replications is held to the same limit as the file.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { cabDecidedShare, checkEstimate, estimateRun } from '../../src/cli/estimate.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';
import { captureCli } from './capture.js';

let dir: string;
let err: string[];
captureCli('orisim-estimate-', (c) => ({ dir, err } = c));

const BIG = ['--set', 'teams.delivery.count=1000', '--set', 'teams.delivery.featuresPerWeek=100', '--workers', '1', '--no-charts', '-q'];
const REFUSAL =
  'orisim: this run is too large: about 208,000,000 changes (5,200,000 in the largest replication), writes about 69.2 GB and needs about 62.9 GB of memory ' +
  '(changes 208,000,000 > 50,000,000, output 69.2 GB > 20.0 GB, memory 62.9 GB > 3.0 GB); lower replications, horizon, teams.delivery.count or featuresPerWeek, or add --force to run it anyway\n';

describe('run estimate', () => {
  it('run: a run over the hard limits is refused with exit 2 and writes nothing', async () => {
    const out = join(dir, 'big');
    expect(await main(['run', ...BIG, '--out', out])).toBe(2);
    expect(err.join('')).toBe(`${REFUSAL}Run "orisim --help" for usage.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('compare and sweep are refused the same way (no changes.csv, so no output size)', async () => {
    expect(await main(['sweep', '--param', 'seed', '--values', '1,2', ...BIG, '--out', join(dir, 's')])).toBe(2);
    expect(err.join('')).toMatch(/^orisim: this run is too large: about 416,000,000 changes \(5,200,000 in the largest replication\) and needs about 101\.5 GB of memory/);
    err.length = 0;
    const f = 'scenarios/ops-run-it.yaml';
    expect(await main(['compare', f, f, ...BIG, '--out', join(dir, 'c')])).toBe(2);
    expect(err.join('')).toMatch(/^orisim: this run is too large: about 416,000,000 changes/);
  });

  it('--replications above 10,000 is refused like replications in the file', async () => {
    expect(await main(['run', '-r', '1000000', '--out', join(dir, 'r'), '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).toBe('orisim: --replications: expected a positive integer no greater than 10,000, got 1000000\nRun "orisim --help" for usage.\n');
  });

  it('the estimate of the default scenario, and a note above the warning threshold', () => {
    const s = parseScenarioText('name: x\n', 'x.yaml'); // 6 teams × 1 feature a week × 52 weeks, 20 replications, 2 variants
    const e = estimateRun([s], { writesChanges: true, workers: 1 });
    // Other work: share 0.5 × 3 people × (5 × 8.5 h × 52 weeks = 132,600 open minutes) ÷ 120-minute jobs = 1,657.5 a replication.
    // Memory: the process (no worker thread: one replication of at most 20,000 changes at a time runs
    // here), this thread's heap slack (32 KB a change), replication 1 of normal and preApproved kept
    // (5.4 and 4.4 KB a change: the CAB, 15 changes on each of 52 Tuesdays, can decide all 312), the
    // heaviest being made (normal, 6.2 KB a change), no other replication running, and 40 finished
    // replications' records (20 × 2 variants).
    const memoryBytes = 125e6 + 312 * 32_000 + 312 * (5400 + 4400) + 312 * 6200 + 40 * 6144;
    expect(e).toEqual({ changes: 12_480, changeRows: 12_480, otherJobs: 1657.5 * 40, changesPerReplication: 312, outputBytes: 312 * 2 * (20 * 300 + 650), memoryBytes });
    expect(checkEstimate(e, false)).toBeUndefined();
    const large = { ...s, replications: 2000 };
    expect(checkEstimate(estimateRun([large], { writesChanges: true, workers: 1 }), false)).toBe(
      'note: a large run: about 1,248,000 changes (312 in the largest replication), writes about 375 MB and needs about 165 MB of memory; it may take a while (Ctrl-C stops it)',
    );
  });

  it("application support's other work counts too: 1,000 people, share 0.9, 10,000 replications are refused", () => {
    const s = parseScenarioText('name: x\nreplications: 10000\nteams:\n  applicationSupport: { people: 1000, otherWork: { share: 0.9 } }\n', 'x.yaml');
    const e = estimateRun([s], { writesChanges: false, workers: 1 });
    expect(e.otherJobs).toBe((0.9 * 1000 * 132_600 / 120) * 10_000 * 2);
    expect(() => checkEstimate(e, false)).toThrow(
      'this run is too large: about 6,240,000 changes (312 in the largest replication) and 19,890,000,000 other-work jobs and needs about 263 MB of memory (other-work jobs 19,890,000,000 > 1,000,000,000); lower replications, horizon, teams.applicationSupport.people or otherWork, or add --force to run it anyway',
    );
  });

  it('--force turns the refusal into a note', () => {
    const s = parseScenarioText('name: x\nteams:\n  delivery: { count: 1000, featuresPerWeek: 100 }\n', 'x.yaml');
    const e = estimateRun([s], { writesChanges: true, workers: 1 });
    expect(() => checkEstimate(e, false)).toThrow(/^this run is too large/);
    expect(checkEstimate(e, true)).toMatch(/^note: --force: about 208,000,000 changes .*; Ctrl-C stops it$/);
  });

  it("the share of the normal variant's changes the CAB can decide: capacity × meetings ÷ changes, plus emergencies, at most 1", () => {
    // 100 teams × 2 features a week × 52 weeks = 10,400 changes a replication; a CAB every Tuesday, 15 changes a meeting.
    const share = (extra = '', sets: string[] = []): number =>
      cabDecidedShare(parseScenarioText(`name: x\nteams:\n  delivery: { count: 100, featuresPerWeek: 2${extra} }\n`, 'x.yaml', sets));
    expect(share()).toBe((15 * 52) / 10_400);
    expect(share('', ['holidays=[2027-01-05]'])).toBe((15 * 51) / 10_400); // a holiday on a Tuesday skips that meeting, as in the model
    expect(share('', ['teams.changeManagement.cab.days=[tue,thu]'])).toBe((15 * 104) / 10_400);
    // Emergency changes do not wait for the CAB: the largest class share is added.
    expect(share('', ['classes={small: {share: 0.7, emergencyShare: 0.1}, large: {share: 0.3, emergencyShare: 0.2}}'])).toBeCloseTo((15 * 52) / 10_400 + 0.2, 12);
    expect(share('', ['teams.changeManagement.cab.capacity=unlimited'])).toBe(1);
    expect(share('', ['teams.changeManagement.cab.capacity=1000'])).toBe(1); // 52,000 decisions for 10,400 changes
    // A release bundles several features into one change, so one decision can pass several: not bounded.
    expect(share(', release: { batch: 5 }')).toBe(1);
  });
});
