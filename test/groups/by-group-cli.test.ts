// `orisim run --by group` and the report's table by delivery group.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { groupRows } from '../../src/output/tables.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { captureCli } from '../cli/capture.js';

let dir: string;
let out: string[];
let err: string[];
captureCli('orisim-bygroup-', (c) => ({ dir, out, err } = c));

describe('orisim run --by group', () => {
  it('prints lead time per variant and group, matching summary.json byGroup', async () => {
    const o = join(dir, 'bank');
    expect(await main(['run', 'scenarios/retail-bank.yaml', '-r', '2', '--by', 'group', '--out', o, '--no-charts', '-q'])).toBe(0);
    const summary = JSON.parse(readFileSync(join(o, 'summary.json'), 'utf8')) as Summary;
    const web = summary.variants.normal!.byGroup!['web London']!;
    const text = out.join('');
    expect(text).toContain('lead time by delivery group');
    const row = text.split('\n').find((l) => /^normal +web London /.test(l));
    expect(row).toBeDefined();
    expect(row!.split(/ {2,}/).slice(2, 6)).toEqual([String(web.completed), web.p50.toFixed(1), web.p85.toFixed(1), web.p95.toFixed(1)]);
    expect(text).toMatch(/\npreApproved +data Pune +\d/);
    expect(Object.keys(summary.variants.preApproved!.byGroup!)).toEqual(['web London', 'data Pune']);
  }, 60_000);

  it('refuses --by group for the single-map form, and an unknown breakdown, with exit 2 before running', async () => {
    expect(await main(['run', 'scenarios/ops-run-it.yaml', '--by', 'group', '--out', join(dir, 'x'), '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).toContain('--by group: this scenario gives teams.delivery as one map');
    err.length = 0;
    expect(await main(['run', 'scenarios/retail-bank.yaml', '--by', 'colour', '--out', join(dir, 'y'), '--no-charts', '-q'])).toBe(2);
    expect(err.join('')).toContain("--by: expected one of class, path, group, got 'colour'");
  });
});

describe('report table by group', () => {
  it('has one row per variant and group, and none for the single-map form', () => {
    const lt = { mean: 2, ci95: [1, 3] as [number, number], p50: 1.5, p85: 3, p95: 4, max: 9, completed: 10 };
    const summary = { variants: { normal: { byGroup: { web: lt, data: { ...lt, completed: 4 } } } } } as unknown as Summary;
    expect(groupRows(summary)).toEqual([
      { variant: 'normal', group: 'web', completed: 10, p50_days: 1.5, p85_days: 3, p95_days: 4, mean_days: 2, mean_ci95_low: 1, mean_ci95_high: 3 },
      { variant: 'normal', group: 'data', completed: 4, p50_days: 1.5, p85_days: 3, p95_days: 4, mean_days: 2, mean_ci95_low: 1, mean_ci95_high: 3 },
    ]);
    expect(groupRows({ variants: { normal: {} } } as unknown as Summary)).toEqual([]);
  });
});
