// `orisim compare` of one scenario file with several variants: a comparison of its designs (issue
// 20, section 4). Designs are named by scenario and a plain variant name ("today · You Build It You
// Run It") on stdout, in the words and in report.html; comparison.json keeps its FILE:VARIANT
// labels; the file hashes sit folded at the foot of the report; the first chart, under the summary,
// gives every design's 85th percentile lead time and cash cost a year with 95% intervals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Comparison } from '../../src/stats/compare.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-cmp1-', (c) => ({ dir, out, err } = c));

const DESIGN = 'scenarios/designs/you-build-it.yaml';
const SHORT = ['-r', '2', '-q', '--set', 'horizon=16w', '--set', 'warmup=2w', '--set', 'name=today'];

describe('compare: one file, three designs', () => {
  it('exits 0 and names the designs "today · …" everywhere a reader looks', async () => {
    const folder = join(dir, 'cmp');
    expect(await main(['compare', DESIGN, ...SHORT, '--out', folder])).toBe(0);
    const stdout = out.join('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'compare: today · Normal (CAB) vs today · Pre-approved vs today · You Build It You Run It; 2 replications, seed 42, common random numbers; costs in GBP',
    );
    expect(lines[1]).toBe('baseline: today · Normal (CAB)');
    // each design's lead times in the unit that fits them (pinned: seed 42, 2 replications; cost columns left to the cost model)
    const width = lines[3]!.indexOf('CI)') + 3;
    expect(lines.slice(3, 7).map((l) => l.slice(0, width))).toEqual([
      'design                           lead p50     p85     p95       mean (95% CI)',
      'today · Normal (CAB)                8.0 d  16.9 d  25.2 d  10.4 d (10.3–10.5)',
      'today · Pre-approved               50 min  15.4 d  21.9 d     5.8 d (5.3–6.3)',
      'today · You Build It You Run It    30 min  47 min  19.2 h   6.3 h (0.1–498.9)',
    ]);
    expect(stdout).toContain('today · You Build It You Run It − today · Normal (CAB), paired over replications');
    expect(stdout).toMatch(/^Shortest lead time: today · You Build It You Run It, 85% of its changes live within /m);
    expect(stdout).not.toContain('you-build-it.yaml:');
    expect(err.join('')).toContain('warning: today · Pre-approved: ');

    const json = JSON.parse(readFileSync(join(folder, 'comparison.json'), 'utf8')) as Comparison;
    expect(json.designs.map((d) => d.label)).toEqual(['you-build-it.yaml:normal', 'you-build-it.yaml:preApproved', 'you-build-it.yaml:youBuildItYouRunIt']);

    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    expect(html).toContain('<title>Compare: today · Normal (CAB) vs today · Pre-approved vs today · You Build It You Run It — orisim report</title>');
    const headline = html.indexOf('<div id="chart-compare-headline"');
    expect(headline).toBeGreaterThan(html.indexOf('<section id="summary">'));
    expect(headline).toBeLessThan(html.indexOf('<section id="about">'));
    // the hashes only at the foot, folded
    expect(html.indexOf('SHA-256')).toBeGreaterThan(html.indexOf('<section id="files"><details>'));
    expect(html).toContain('today · You Build It You Run It: you-build-it.yaml:youBuildItYouRunIt in comparison.json');

    const spec = JSON.parse(readFileSync(join(folder, 'charts', 'compare-headline.vl.json'), 'utf8')) as {
      data: { values: { design: string; p85: { mean: number; lo: number; hi: number }; cash: { mean: number; lo: number; hi: number } }[] };
    };
    const rows = spec.data.values;
    expect(rows.map((r) => r.design)).toEqual(['today · Normal (CAB) (baseline)', 'today · Pre-approved', 'today · You Build It You Run It']);
    for (const r of rows) {
      expect(r.p85.lo).toBeLessThanOrEqual(r.p85.mean);
      expect(r.p85.hi).toBeGreaterThanOrEqual(r.p85.mean);
      expect(r.cash.lo).toBeLessThanOrEqual(r.cash.mean);
      expect(r.cash.hi).toBeGreaterThan(r.cash.lo);
    }
    // the cash cost a year is summary.json's (costs.perYear.cash.total) of each design run alone, the same seed and replications
    out.length = 0;
    expect(await main(['run', DESIGN, ...SHORT, '--no-charts', '--out', join(dir, 'run')])).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8')) as Summary;
    json.designs.forEach((d, i) => expect(rows[i]!.cash.mean).toBeCloseTo(summary.variants[d.variant]!.costs.perYear.cash.total, -1));
    expect(rows[0]!.cash.mean).toBeLessThan(json.designs[0]!.costsPerYear.total);
    // the cost bars are a year's figures, as the words say
    const bars = JSON.parse(readFileSync(join(folder, 'charts', 'compare-costs.vl.json'), 'utf8')) as { title: { text: string } };
    expect(bars.title.text).toBe('Total cost a year by cost type, per design');
  });

  it('one file with one variant is refused, naming what to do (exit 2)', async () => {
    expect(await main(['compare', 'scenarios/ops-run-it.yaml', '--set', 'variants=[normal]', '-q', '--out', join(dir, 'x')])).toBe(2);
    expect(err.join('')).toContain(
      'orisim: compare needs at least two designs: scenarios/ops-run-it.yaml runs only normal; give a second scenario file, or list several variants in this one (variants: [normal, preApproved, youBuildItYouRunIt])',
    );
  });
});
