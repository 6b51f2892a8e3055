// orisim uncertainty (issue 22) and how run treats a file's `uncertain:` section: the files a study
// writes and their keys, the answer on stdout and on page one, an input dominating by construction
// ranked first and an input that changes no lead time given lead-time indices of exactly 0 (common
// random numbers), usage errors and the output folder's safety; the built CLI with 2 workers writes
// the same bytes as with 1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildCli, CLI } from './built-cli.js';
import { captureCli, type Captured } from './capture.js';

let c: Captured;
captureCli('orisim-uncertainty-', (x) => (c = x));

/** A small scenario: documentation effort dominates lead time by construction; the delivery rate changes no lead time. */
function tinyScenario(dir: string, uncertain = `  classes.small.efforts.changeDocumentation: { low: 1h, likely: 2h, high: 5d }
  teams.delivery.hourlyRate: { low: 60, high: 90 }
`): string {
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, `extends: ${resolve('scenarios/ops-run-it.yaml')}
name: tiny
horizon: 10w
warmup: 2w
replications: 1
teams: { delivery: { count: 2 } }
${uncertain === '' ? '' : `uncertain:\n${uncertain}`}`);
  return file;
}

describe('orisim run with uncertain inputs', () => {
  it('runs with the values in the file and says which command uses the ranges', async () => {
    expect(await main(['run', tinyScenario(c.dir), '--out', join(c.dir, 'out'), '--no-charts', '-q'])).toBe(0);
    expect(c.err.join('')).toContain('note: the scenario has 2 uncertain inputs (uncertain:); run uses the values in the file, and orisim uncertainty uses the ranges\n');
  });
});

describe('orisim uncertainty', () => {
  it('writes uncertainty.json, samples.csv and report.html; ranks the dominant input first; the input that changes no lead time gets indices of 0', async () => {
    const out = join(c.dir, 'study');
    expect(await main(['uncertainty', tinyScenario(c.dir), '--samples', '4', '--out', out, '-q'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.orisim-output', 'charts', 'report.html', 'samples.csv', 'uncertainty.json']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['acceptability.png', 'acceptability.svg', 'acceptability.vl.json', 'tornado.png', 'tornado.svg', 'tornado.vl.json']);
    expect(readFileSync(join(out, 'charts', 'tornado.svg'), 'utf8')).toContain('p85 lead time with each input at its low and its high');
    const json = JSON.parse(readFileSync(join(out, 'uncertainty.json'), 'utf8'));
    expect(Object.keys(json.designs)).toEqual(['normal', 'preApproved']);
    expect(Object.keys(json.designs.normal.metrics.leadTimeP85Days)).toEqual(['mean', 'p05', 'p50', 'p95', 'inputShare']);
    expect(Object.keys(json.probabilityBest.totalCostPerYear)).toEqual(['normal', 'preApproved']);
    const docs = json.inputs['classes.small.efforts.changeDocumentation'].leadTimeP85Days;
    const rate = json.inputs['teams.delivery.hourlyRate'].leadTimeP85Days;
    expect(Object.keys(docs)).toEqual(['low', 'high', 'firstOrder', 'totalOrder', 'evppi']);
    expect(rate.totalOrder.normal).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(rate.firstOrder.preApproved).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(docs.totalOrder.normal.estimate).toBeGreaterThan(0.5);
    // The tornado: 5 days of documentation delays normal changes more than 1 hour does.
    expect(docs.high.normal).toBeGreaterThan(docs.low.normal);
    // 4 × (2 + 2) design sets and 2·2 + 1 tornado sets, × the default 2 replications × 2 designs.
    expect(json.simulations).toBe(21 * 2 * 2);
    const csv = readFileSync(join(out, 'samples.csv'), 'utf8').split('\n');
    expect(csv[0]!.split(',').slice(0, 4)).toEqual(['set', 'role', 'classes.small.efforts.changeDocumentation', 'teams.delivery.hourlyRate']);
    expect(csv.filter((l) => l !== '')).toHaveLength(1 + 21);
    const said = c.out.join('');
    expect(said).toMatch(/^Pre-approved standard changes cost less a year \(cash cost and cost of delay\) than normal changes in \d+% of plausible worlds/);
    expect(said).toContain('Measure classes.small.efforts.changeDocumentation first: it explains ');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(said.split('\n')[0]!.replace(/'/g, '&#39;'));
  });

  it('refuses a scenario without uncertain inputs, bad counts, and a folder orisim did not write (exit 2)', async () => {
    const plain = tinyScenario(c.dir, '');
    expect(await main(['uncertainty', plain, '--out', join(c.dir, 'x'), '-q'])).toBe(2);
    expect(c.err.join('')).toContain(`${plain}: no uncertain inputs; give ranges in an uncertain: section (scenarios/README.md, "Uncertain inputs")`);
    const file = tinyScenario(c.dir);
    c.err.length = 0;
    expect(await main(['uncertainty', file, '--samples', '0', '--out', join(c.dir, 'x'), '-q'])).toBe(2);
    expect(await main(['uncertainty', file, '--replications', '101', '--out', join(c.dir, 'x'), '-q'])).toBe(2);
    expect(c.err.join('')).toContain('--samples: expected a whole number from 1 to 4,096, got 0');
    expect(c.err.join('')).toContain('--replications: expected a whole number from 1 to 100, got 101');
    // Each end passes on its own, but a drawn warm-up can be longer than a drawn horizon: told as the input set, not as a --set.
    const both = join(c.dir, 'both.yaml');
    writeFileSync(both, `extends: ${resolve('scenarios/ops-run-it.yaml')}\nname: both\nhorizon: 10w\nwarmup: 2w\nuncertain:\n  horizon: { low: 4w, high: 12w }\n  warmup: { low: 1w, high: 9w }\n`);
    c.err.length = 0;
    expect(await main(['uncertainty', both, '--samples', '4', '--out', join(c.dir, 'x'), '-q'])).toBe(2);
    expect(c.err.join('')).toBe('uncertain: input set 1 (warmup=89566.344797m) warmup: expected a warm-up shorter than the horizon (72678.142278m), got 89566.344797m\n');
    const foreign = join(c.dir, 'mine');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');
    expect(await main(['uncertainty', file, '--samples', '1', '--out', foreign, '-q'])).toBe(2);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('orisim uncertainty, built', () => {
  it('writes the same bytes with --workers 2 as with --workers 1', () => {
    buildCli();
    const file = tinyScenario(c.dir);
    const run = (w: string) => spawnSync(process.execPath, [CLI, 'uncertainty', file, '--samples', '2', '--workers', w, '--out', join(c.dir, `w${w}`), '-q'], { encoding: 'utf8', timeout: 120_000 });
    expect(run('1').status).toBe(0);
    expect(run('2').status).toBe(0);
    for (const f of ['uncertainty.json', 'samples.csv', 'report.html', 'charts/tornado.svg', 'charts/acceptability.png']) {
      expect(readFileSync(join(c.dir, 'w2', f)), f).toEqual(readFileSync(join(c.dir, 'w1', f)));
    }
  }, 180_000);
});
