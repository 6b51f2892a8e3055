// compare and sweep never hide a problem (issue 8), end to end in-process: designs across
// variants, --baseline, exit 2 with a pinned reason, and every warning a run would print for a
// result printed (stderr), stored (comparison.json / sweep.json), tabled and charted, with results
// over 2% unfinished marked biased.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { escapeHtml } from '../../src/report/html.js';
import { compareSummarySentences } from '../../src/report/compare-summary.js';
import { designName } from '../../src/report/design-names.js';
import type { Comparison, DesignRef } from '../../src/stats/compare.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-cmp-', (c) => ({ dir, out, err } = c));

/** The default scenario as `name`, running only `variant`. */
function variantFile(name: string, variant: string): string {
  const text = readFileSync('scenarios/ops-run-it.yaml', 'utf8').replace(/^name: .*$/m, `name: ${name}`).replace(/^variants: .*$/m, `variants: [${variant}]`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

interface DesignJson {
  label: string;
  scenario: string;
  file: string;
  variant: string;
  changes: { counted: number; unfinished: number; unfinishedShare: number };
  biased: boolean;
  biasReason?: string;
  warnings: string[];
  dora: unknown;
  difference?: Record<string, { mean: number; ci95: [number, number]; significant: boolean }>;
}

const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('compare: designs across variants', () => {
  it('current (normal only) against target (pre-approved only): paired differences, not an empty success', async () => {
    const files = [variantFile('current', 'normal'), variantFile('target', 'preApproved')];
    const o = join(dir, 'cmp');
    expect(await main(['compare', ...files, '-r', '3', '--out', o, '--no-charts', '-q'])).toBe(0);
    const c = json<{ baseline: { label: string }; designs: DesignJson[] }>(join(o, 'comparison.json'));
    expect(c.baseline.label).toBe('current.yaml:normal');
    expect(c.designs.map((d) => d.label)).toEqual(['current.yaml:normal', 'target.yaml:preApproved']);
    const d = c.designs[1]!.difference!;
    expect(Object.keys(d)).toEqual(['leadTimeMeanDays', 'leadTimeP50Days', 'leadTimeP85Days', 'deploymentsPerWeek', 'costPerDeployment', 'totalCost', 'totalCostPerYear']);
    expect(d.leadTimeMeanDays.significant).toBe(true);
    expect(d.leadTimeMeanDays.mean).toBeLessThan(0);
    const stdout = out.join('');
    expect(stdout).toContain('baseline: current · Normal (CAB)');
    expect(stdout).toContain('target · Pre-approved − current · Normal (CAB), paired over replications');
    expect(stdout).toMatch(/\ndesign +lead p50 +p85 +p95 +mean \(95% CI\) +unfinished % /);
    const csv = readFileSync(join(o, 'comparison.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('design,scenario,variant,baseline,metric,value,difference_vs_baseline,difference_ci95_low,difference_ci95_high,excludes_zero,biased');
    expect(csv.filter((l) => l.startsWith('target.yaml:preApproved,target,preApproved,current.yaml:normal,unfinished_share,0,'))).toHaveLength(1);

    // --baseline the other way round: every difference is exactly the negation.
    const o2 = join(dir, 'cmp2');
    expect(await main(['compare', ...files, '-r', '3', '--out', o2, '--no-charts', '-q', '--baseline', `${files[1]}:preApproved`])).toBe(0);
    const c2 = json<{ baseline: { label: string }; designs: DesignJson[] }>(join(o2, 'comparison.json'));
    expect(c2.baseline.label).toBe('target.yaml:preApproved');
    expect(c2.designs.map((x) => x.label)).toEqual(['target.yaml:preApproved', 'current.yaml:normal']);
    const back = c2.designs[1]!.difference!;
    for (const [m, v] of Object.entries(d)) {
      expect(back[m]!.mean, m).toBeCloseTo(-v.mean, 9);
      expect(back[m]!.significant, m).toBe(v.significant);
    }
  });

  it('--baseline errors exit 2 with a pinned message and write nothing', async () => {
    const files = [variantFile('current', 'normal'), variantFile('target', 'preApproved')];
    const o = join(dir, 'never');
    expect(await main(['compare', ...files, '-r', '1', '--out', o, '--no-charts', '-q', '--baseline', 'other.yaml'])).toBe(2);
    expect(err.join('')).toBe(
      "orisim: --baseline 'other.yaml': other.yaml is not one of the compared files (current.yaml, target.yaml)\nRun \"orisim --help\" for usage.\n",
    );
    err.length = 0;
    expect(await main(['compare', ...files, '-r', '1', '--out', o, '--no-charts', '-q', '--baseline', 'current.yaml:preApproved'])).toBe(2);
    expect(err.join('')).toBe(
      "orisim: --baseline 'current.yaml:preApproved': current.yaml does not run variant 'preApproved' (it runs: normal)\nRun \"orisim --help\" for usage.\n",
    );
    err.length = 0;
    expect(await main(['compare', ...files, '-r', '1', '--out', o, '--no-charts', '-q', '--baseline', 'current.yaml', '--baseline', 'target.yaml'])).toBe(2);
    expect(err.join('')).toBe('orisim: --baseline is given 2 times: give it once\nRun "orisim --help" for usage.\n');
    err.length = 0;
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--param', 'seed', '--values', '2', '-r', '1', '--out', o, '-q'])).toBe(2);
    expect(err.join('')).toBe('orisim: --param is given 2 times: give it once\nRun "orisim --help" for usage.\n');
    expect(existsSync(o)).toBe(false);
  });

  it('warnings travel: each design carries exactly the warnings run prints, on stderr, in comparison.json and report.html', async () => {
    const files = [variantFile('current', 'normal'), variantFile('target', 'preApproved')];
    // 30 teams overload the process; a holiday in 2030 lies outside the simulated year.
    const set = ['--set', 'teams.delivery.count=30', '--set', 'holidays=[{date: 2030-01-01, name: Far away}]'];
    const runs: string[][] = [];
    for (const [i, f] of files.entries()) {
      err.length = 0;
      expect(await main(['run', f, '-r', '2', '--out', join(dir, `run${i}`), '--no-charts', '-q', ...set])).toBe(0);
      // run names the variant of a result's warning (`warning: normal: …`); compare names the design instead
      runs.push(err.join('').split('\n').filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length).replace(/^(normal|preApproved): /, '')));
    }
    for (const r of runs) {
      expect(r[0]).toMatch(/^holiday "Far away" \(2030-01-01\) is outside the simulated period/);
      expect(r.some((w) => w.includes('were not live when the run ended'))).toBe(true);
    }
    err.length = 0;
    out.length = 0;
    const o = join(dir, 'cmp');
    expect(await main(['compare', ...files, '-r', '2', '--out', o, '-q', ...set])).toBe(0);
    const c = json<{ designs: DesignJson[] }>(join(o, 'comparison.json'));
    expect(c.designs.map((d) => d.warnings)).toEqual(runs);
    const stderr = err.join('');
    for (const [i, d] of c.designs.entries()) for (const w of runs[i]!) expect(stderr).toContain(`warning: ${designName(d as DesignRef, c.designs as DesignRef[])}: ${w}\n`);
    // 30 teams: the normal process cannot keep up; its lead times are marked biased everywhere.
    const normal = c.designs[0]!;
    expect(normal.changes.unfinishedShare).toBeGreaterThan(0.02);
    expect(normal.biased).toBe(true);
    expect(normal.biasReason).toMatch(/^biased: \d+\.\d% of counted changes \(\d+ of \d+\) were not live when the run ended \(more than 2%\); lead times describe only the changes that finished, so they are understated$/);
    expect(out.join('')).toMatch(/\ncurrent · Normal \(CAB\) .* \d+\.\d% ! /);
    expect(out.join('')).toContain(`  current · Normal (CAB): ${normal.biasReason}`);
    const html = readFileSync(join(o, 'report.html'), 'utf8');
    expect(html).toContain('<section id="warnings">');
    for (const w of runs[0]!) expect(html).toContain(escapeHtml(w));
    expect(html).toContain('current · Normal (CAB) (biased)');
    expect(html).toContain('DORA benchmark (clusters from the DORA, Accelerate State of DevOps 2019 report');
    // comparison.json carries each design's DORA benchmark, the same as its own run's summary.json.
    for (const [i, d] of c.designs.entries()) {
      expect(d.dora).toEqual(json<{ variants: Record<string, { dora: unknown }> }>(join(dir, `run${i}`, 'summary.json')).variants[d.variant]!.dora);
    }
    // the page opens with the summary in words (the same sentences as stdout), the caveat last
    const words = compareSummarySentences(json<Comparison>(join(o, 'comparison.json')));
    expect(out.join('')).toContain(`\n${words.join('\n')}\n`);
    expect(html.indexOf('<section id="summary">')).toBeGreaterThan(0);
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="warnings">'));
    for (const w of words.slice(0, -1)) expect(html).toContain(`<li>${escapeHtml(w)}</li>`);
    expect(html).toContain(`<p class="caveat">${escapeHtml(words.at(-1)!)}</p>`);
    expect(words.find((w) => w.startsWith('Lead times understated (more than 2% of counted changes not live when the run ended): '))).toContain(
      `current · Normal (CAB) (${(normal.changes.unfinishedShare * 100).toFixed(1)}%)`,
    );
    // the lead-time CDF: to the 99th percentile (said so), the baseline thick and labelled
    const cdf = json<{ data: { values: { design: string; role: string; days: number; share: number }[] }; encoding: { x: { scale: { domain: number[] } }; strokeWidth: { scale: { domain: string[]; range: number[] } } } }>(
      join(o, 'charts', 'compare-lead-time-cdf.vl.json'),
    );
    const top = Math.max(...cdf.data.values.map((v) => v.share));
    expect(top).toBe(0.99);
    expect(cdf.encoding.x.scale.domain).toEqual([0, Math.max(...cdf.data.values.map((v) => v.days))]);
    expect(cdf.data.values.filter((v) => v.role === 'baseline').every((v) => v.design === 'current · Normal (CAB) (biased) — baseline')).toBe(true);
    expect(cdf.encoding.strokeWidth.scale).toEqual({ domain: ['baseline', 'design'], range: [3.5, 1.8] });
    expect(readFileSync(join(o, 'charts', 'compare-lead-time-cdf.svg'), 'utf8')).toContain('The x-axis ends at the 99th percentile of the slowest design');
    for (const chart of ['compare-lead-time-cdf', 'compare-costs', 'compare-differences']) {
      expect(readFileSync(join(o, 'charts', `${chart}.vl.json`), 'utf8'), chart).toContain('current · Normal (CAB) (biased)');
      expect(readFileSync(join(o, 'charts', `${chart}.svg`), 'utf8'), chart).toContain('more than 2% of counted changes unfinished');
    }
  });
});

describe('sweep: warnings and unfinished changes', () => {
  it('teams.delivery.count=6,30: the overload warning and an unfinished share above 2% at 30, marked biased', async () => {
    const o = join(dir, 'sweep');
    expect(await main(['sweep', '--param', 'teams.delivery.count', '--values', '6,30', '-r', '2', '--out', o, '-q'])).toBe(0);
    const stderr = err.join('');
    expect(stderr).toMatch(/\nwarning: teams\.delivery\.count=30, (Normal \(CAB\)|Pre-approved): [^\n]* overloaded: utilisation \d+%/);
    interface Point { value: string; variant: string; unfinishedShare: number; biased: boolean; biasReason?: string; warnings: string[] }
    const s = json<{ points: Point[] }>(join(o, 'sweep.json'));
    // stderr holds exactly the points' warnings, one line each, with the value and variant.
    const lines = stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(lines).toEqual(s.points.flatMap((p) => p.warnings.map((w) => `warning: teams.delivery.count=${p.value}, ${p.variant === 'normal' ? 'Normal (CAB)' : 'Pre-approved'}: ${w}`)));
    const at30 = s.points.filter((p) => p.value === '30');
    expect(at30).toHaveLength(2);
    for (const p of at30) {
      expect(p.unfinishedShare, p.variant).toBeGreaterThan(0.02);
      expect(p.biased).toBe(true);
      expect(p.warnings.some((w) => w.includes('were not live when the run ended'))).toBe(true);
    }
    for (const p of s.points.filter((x) => x.value === '6')) {
      expect(p.unfinishedShare).toBe(0);
      expect(p.biased).toBe(false);
    }
    const table = out.join('');
    expect(table).toMatch(/^teams\.delivery\.count +variant .* unfinished % /);
    expect(table).toMatch(/\n30 +Normal \(CAB\) .* \d+\.\d% ! /);
    expect(table).toMatch(/\n6 +Normal \(CAB\) .* 0\.0% {3}/);
    const csv = readFileSync(join(o, 'sweep.csv'), 'utf8').split('\n');
    const cols = csv[0]!.split(',');
    expect(cols.slice(-2)).toEqual(['unfinished_share', 'biased']);
    expect(csv[3]!.split(',').at(-1)).toBe('1');
    expect(csv[1]!.split(',').at(-1)).toBe('0');
    const html = readFileSync(join(o, 'report.html'), 'utf8');
    expect(html).toContain('teams.delivery.count=30, Normal (CAB):</strong> biased: ');
    // the summary opens the page; the table that fits the page wraps, the wide one is folded away
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="warnings">'));
    expect(html).toContain('lead times are understated');
    expect(html).toContain('<table class="data wrap">');
    expect(html).toMatch(/<details><summary>Every column of sweep\.csv/);
    // no negative axis: lead time and cost scales start at zero
    for (const chart of ['sweep-lead-time', 'sweep-total-cost']) {
      const spec = json<{ layer: { encoding: { y?: { scale?: unknown } } }[] }>(join(o, 'charts', `${chart}.vl.json`));
      expect(spec.layer[0]!.encoding.y!.scale, chart).toEqual({ zero: true, domainMin: 0 });
    }
    for (const chart of ['sweep-lead-time', 'sweep-total-cost']) {
      expect(readFileSync(join(o, 'charts', `${chart}.svg`), 'utf8'), chart).toContain('Hollow points: biased, more than 2% of counted changes unfinished');
    }
  });
});
