// The three designs in one run (scenarios/designs/you-build-it.yaml, shortened): every output
// carries the youBuildItYouRunIt variant beside the other two — the CLI table and its words,
// summary.json (with paired differences against normal), changes.csv, costs.csv, the charts and
// report.html — and compare and sweep take it as a design like the others.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];

captureCli('orisim-ybr-', (c) => ({ dir, out } = c));

const DESIGN = 'scenarios/designs/you-build-it.yaml';
const SHORT = ['-r', '2', '-q', '--set', 'horizon=16w', '--set', 'warmup=2w'];

describe('three designs in one run', () => {
  it('reports youBuildItYouRunIt everywhere the other variants appear', async () => {
    const folder = join(dir, 'run');
    expect(await main(['run', DESIGN, ...SHORT, '--out', folder])).toBe(0);
    const stdout = out.join('');
    expect(stdout).toMatch(/^youBuildItYouRunIt +\d/m);
    expect(stdout).toContain('DORA 2019 youBuildItYouRunIt:');
    expect(stdout).toContain('You Build It You Run It (every team deploys and runs its own changes), against normal changes:');
    expect(stdout).toContain("You Build It You Run It's on-call rotas (one person per delivery team):");

    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as Summary;
    expect(Object.keys(summary.variants)).toEqual(['normal', 'preApproved', 'youBuildItYouRunIt']);
    expect(summary.differences!.baseline).toBe('normal');
    expect(Object.keys(summary.differences!.variants)).toEqual(['preApproved', 'youBuildItYouRunIt']);
    const ybr = summary.variants.youBuildItYouRunIt!;
    expect(Object.keys(ybr.byPath)).toEqual(['youBuildItYouRunIt']);
    expect(ybr.stages.cab.meanWaitDays + ybr.stages.handover.meanWaitDays + ybr.stages.assessment.meanWaitDays).toBe(0);
    expect(ybr.costs.runItems.onCallStandby).toBeCloseTo(6 * 14 * 200, 6); // 6 teams × 14 counted weeks × 200
    expect(summary.variants.normal!.costs.runItems.onCallStandby).toBeUndefined();

    const changes = parse(readFileSync(join(folder, 'changes.csv')), { columns: true }) as Record<string, string>[];
    const paths = new Set(changes.filter((c) => c['variant'] === 'youBuildItYouRunIt').map((c) => c['path']));
    expect([...paths]).toEqual(['youBuildItYouRunIt']);

    const costs = parse(readFileSync(join(folder, 'costs.csv')), { columns: true }) as Record<string, string>[];
    const items = (v: string) => costs.filter((r) => r['variant'] === v).map((r) => `${r['type']}/${r['item']}`);
    expect(items('youBuildItYouRunIt')).toEqual(expect.arrayContaining(['setup/telemetry', 'setup/onCallReadiness', 'run/onCallStandby', 'run/callOut']));
    expect(items('normal')).not.toContain('run/onCallStandby');
    // 6 teams × (160h + 80h + 40h) × 75 an hour
    expect(Number(costs.find((r) => r['variant'] === 'youBuildItYouRunIt' && r['type'] === 'total' && r['item'] === 'setup')!['amount_counted_period'])).toBe(126000);

    const chart = readFileSync(join(folder, 'charts', 'run-cost-items.vl.json'), 'utf8');
    expect(chart).toContain('On-call standby pay');
    expect(chart).toContain('#2a8c4a');
    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    expect(html).toContain('You Build It You Run It');
    expect(html).toContain('Out-of-hours call-outs of the on-call rotas, per replication');
    expect(html).toContain('the playbook&#39;s You Build It You Run It table: setup High, opportunity Low, run Low');
  });

  it('compare pairs each design of the three with the baseline; sweep runs all three at each value', async () => {
    expect(await main(['compare', 'scenarios/ops-run-it.yaml', DESIGN, ...SHORT, '--no-charts', '--out', join(dir, 'compare')])).toBe(0);
    expect(out.join('')).toMatch(/^you-build-it · You Build It You Run It +\d/m);
    out.length = 0;
    expect(await main(['sweep', DESIGN, '-p', 'teams.delivery.count', '--values', '6,25', ...SHORT, '--no-charts', '--out', join(dir, 'sweep')])).toBe(0);
    const table = out.join('');
    expect(table).toMatch(/^6 +You Build It You Run It /m);
    expect(table).toMatch(/^25 +You Build It You Run It /m);
  });
});
