// The shipped scenarios give the same output files as before issue 10's cadence, calendar and
// `extends:` work (same seed, byte for byte). The hashes were recorded from main without those
// commits (changes.csv at 96b1c14 and again at 021d163; summary.json at 021d163, after the DORA
// merge added its keys), with `orisim run scenarios/<name>.yaml -r 2 --seed 42 --no-charts`.
// Re-recorded for issue 11's service introduction stage: a deliberate format change that adds the
// stage `serviceIntroduction` (summary.json stages, changes.csv wait_/active_ columns) and the
// run-cost item `serviceIntroduction` (summary.json runItems, changes.csv run_cost_ column), all
// zero without a service introduction team; every other value was checked identical to main's.
// Re-recorded for issue 20's cash cost, a deliberate format change to summary.json only: it adds
// `variants.<v>.costs.perYear.cash` and `differences.variants.<v>.cashCostPerYear` and
// `.costOfDelayPerYear`. How every pre-existing key was checked unchanged: the test below removes
// exactly those keys, writes the
// rest as orisim writes summary.json (JSON, 2 spaces, a newline) and finds the hash recorded before
// issue 20 (`beforeIssue20`, the hash this test pinned until then), so every value of every other
// key is the same byte for byte; changes.csv's hash was not re-recorded.
// Re-record them only for a change that is meant to alter results or the output format, and say so
// in its commit.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const RECORDED: Record<string, { summary: string; beforeIssue20: string; changes: string }> = {
  'ops-run-it': {
    summary: 'dd97c782d10cc2ce55c61989ae7b674ae20384ce551960a87e983954402a62df',
    beforeIssue20: 'c6e91b53a74fecd827773dbe7365372d699aa16718a811f654457e0c204b3271',
    changes: '209d564ce99d47a2a3fa7cca4a88f87ffa47db686faa1f303783110e5a7aa7ee',
  },
  'ops-run-it-25-teams': {
    summary: 'c0b601fc53483b3ca6652a73ba544917fc0ad00751acad8873b47826e92ef2f8',
    beforeIssue20: '2514c7e1851f38a995b673b9a1b150b1d32681ba1d843afab3fc88cac9b787d7',
    changes: 'f47b8ba5c1a877fdf40beebb7fdd954d330e5eada2f7093976f78e250eeea49b',
  },
  'twice-weekly-cab': {
    summary: 'e18ee217fa3820d736e82e7eda027243348b853345c65d60df40556736db909c',
    beforeIssue20: 'b02d3a4bc28cceb6fec79a138085384cb3050f23e1e8beaeb5ec6ba7eb890915',
    changes: 'ce7835142699eb0eddb78a66d1d2a382f0b185cc0658642626cfd1d393995e4d',
  },
};

/** summary.json without the keys issue 20 added, written as orisim writes it. */
function beforeIssue20(file: string): string {
  const s = JSON.parse(readFileSync(file, 'utf8')) as {
    variants: Record<string, { costs: { perYear: Record<string, unknown> } }>;
    differences?: { variants: Record<string, Record<string, unknown>> };
  };
  for (const v of Object.values(s.variants)) delete v.costs.perYear.cash;
  for (const v of Object.values(s.differences?.variants ?? {})) {
    delete v.cashCostPerYear;
    delete v.costOfDelayPerYear;
  }
  return JSON.stringify(s, null, 2) + '\n';
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-unchanged-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the shipped scenarios give byte-identical outputs (seed 42, 2 replications)', () => {
  for (const [name, recorded] of Object.entries(RECORDED)) {
    it(`scenarios/${name}.yaml: summary.json and changes.csv`, async () => {
      const out = join(dir, name);
      expect(await main(['run', `scenarios/${name}.yaml`, '-r', '2', '--seed', '42', '--out', out, '--no-charts', '-q'])).toBe(0);
      expect(createHash('sha256').update(beforeIssue20(join(out, 'summary.json'))).digest('hex')).toBe(recorded.beforeIssue20);
      expect(sha256(join(out, 'summary.json'))).toBe(recorded.summary);
      expect(sha256(join(out, 'changes.csv'))).toBe(recorded.changes);
    });
  }
});
