// Without a service introduction team and with rescheduling off, the default scenario's outputs are
// main's before issue 11 plus the new stage and run-cost item, all zero: with those columns and
// keys taken out again, changes.csv and summary.json hash to the values recorded before this change
// (test/scenario/unchanged-outputs.test.ts at 6678998, seed 42, 2 replications).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const BEFORE = {
  summary: 'ccc0964c4ada6833844b1671579497ce291f23fe71303bb89fe088350a446896',
  changes: '3b432040c390367a65380be71fae7583d75e74b89b5a63832da0560bf9d0eab0',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-intro-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the default scenario: only the new, all-zero stage and run-cost item differ', () => {
  it('changes.csv, stages.csv, costs.csv and summary.json', async () => {
    expect(await main(['run', 'scenarios/ops-run-it.yaml', '-r', '2', '--seed', '42', '--out', dir, '--no-charts', '-q'])).toBe(0);

    const changesText = readFileSync(join(dir, 'changes.csv'), 'utf8');
    const rows = parse(changesText, { columns: true }) as Record<string, string>[];
    const added = ['wait_serviceIntroduction_days', 'active_serviceIntroduction_hours', 'run_cost_serviceIntroduction'];
    for (const column of added) expect(new Set(rows.map((r) => r[column]))).toEqual(new Set(['0']));
    // The default scenario's cells hold no commas, so a line splits on them.
    const lines = changesText.split('\n');
    const drop = new Set(lines[0]!.split(',').flatMap((h, i) => (added.includes(h) ? [i] : [])));
    expect(drop.size).toBe(3);
    const without = lines.map((l) => (l === '' ? l : l.split(',').filter((_c, i) => !drop.has(i)).join(','))).join('\n');
    expect(sha256(without)).toBe(BEFORE.changes);

    const stages = parse(readFileSync(join(dir, 'stages.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const intro = stages.filter((r) => r.stage === 'serviceIntroduction');
    expect(intro.map((r) => [r.variant, r.mean_wait_days, r.p85_wait_days, r.mean_active_hours])).toEqual([
      ['normal', '0', '0', '0'], ['preApproved', '0', '0', '0'],
    ]);
    const costs = parse(readFileSync(join(dir, 'costs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(costs.filter((r) => r.item === 'serviceIntroduction').map((r) => [r.variant, r.type, r.amount_counted_period])).toEqual([
      ['normal', 'setup', '0'], ['normal', 'run', '0'], ['preApproved', 'setup', '0'], ['preApproved', 'run', '0'],
    ]);

    const summaryText = readFileSync(join(dir, 'summary.json'), 'utf8');
    const summary = JSON.parse(summaryText) as {
      variants: Record<string, Record<string, unknown> & { stages: Record<string, unknown>; costs: { runItems: Record<string, number>; perYear: Record<string, unknown> } }>;
      differences?: { variants: Record<string, Record<string, unknown>> };
    };
    // Issue 20's keys (the cash cost a year and its paired differences) came later: taken out too.
    for (const v of Object.values(summary.variants)) delete v.costs.perYear.cash;
    for (const d of Object.values(summary.differences?.variants ?? {})) {
      delete d.cashCostPerYear;
      delete d.costOfDelayPerYear;
    }
    for (const v of Object.values(summary.variants)) {
      expect(v.stages.serviceIntroduction).toEqual({ meanWaitDays: 0, p85WaitDays: 0, meanActiveHours: 0 });
      expect(v.costs.runItems.serviceIntroduction).toBe(0);
      expect(v.serviceIntroduction).toBeUndefined();
      expect(v.rescheduling).toBeUndefined();
      delete v.stages.serviceIntroduction;
      delete v.costs.runItems.serviceIntroduction;
    }
    expect(sha256(JSON.stringify(summary, null, 2) + (summaryText.endsWith('\n') ? '\n' : ''))).toBe(BEFORE.summary);
  });
});
