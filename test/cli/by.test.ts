// `orisim run --by class|path` (issue 9, per class and per path): the extra tables pinned for the
// default scenario, the value checked as typed, by-class.csv and by-path.csv equal to summary.json.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { num } from '../../src/run/rows.js';
import type { GroupLeadTime, Summary } from '../../src/stats/summary-types.js';
import { captureCli } from './capture.js';

let dir: string;
let out: string[];
let err: string[];

captureCli('orisim-by-', (c) => ({ dir, out, err } = c));

const RUN = ['run', 'scenarios/ops-run-it.yaml', '-r', '2', '--no-charts', '-q'];

/** The default scenario, 2 replications, seed 42 (pinned: a change in the model shows here). */
const PINNED = `
lead time ready → live by class (completed counted changes, all replications; min = minutes, h = hours, d = days)
variant      class  completed     p50     p85     p95       mean (95% CI)
normal       small        359   6.8 d  10.3 d  17.8 d     7.8 d (6.4–9.5)
normal       large        165  14.1 d  24.9 d  33.7 d   16.5 d (4.2–63.9)
preApproved  small        359  34 min  16.1 h   3.7 d  16.0 h (0.9–280.1)
preApproved  large        165  13.0 d  22.6 d  31.2 d   15.4 d (6.9–34.4)

lead time ready → live by path (completed counted changes, all replications; min = minutes, h = hours, d = days)
variant      path                            completed     p50     p85     p95       mean (95% CI)
normal       normal change (CAB)                   524   7.9 d  17.5 d  26.7 d   10.5 d (5.1–21.7)
preApproved  normal change (CAB)                   165  13.0 d  22.6 d  31.2 d   15.4 d (6.9–34.4)
preApproved  standard change (pre-approved)        359  34 min  16.1 h   3.7 d  16.0 h (0.9–280.1)
`;

describe('orisim run --by', () => {
  it('prints a table per class and per path after the run table, and nothing else changes', async () => {
    expect(await main([...RUN, '--out', join(dir, 'plain')])).toBe(0);
    const plain = out.join('');
    out.length = 0;
    expect(await main([...RUN, '--out', join(dir, 'by'), '--by', 'class', '--by', 'path'])).toBe(0);
    const withBy = out.join('');
    const table = plain.slice(0, plain.indexOf('\n\n') + 1);
    expect(withBy).toBe(table + PINNED + plain.slice(table.length));
    // the pinned figures are summary.json's, in the unit they read best in
    const summary = JSON.parse(readFileSync(join(dir, 'by', 'summary.json'), 'utf8')) as Summary;
    const small = summary.variants.normal!.byClass['small']!;
    expect(PINNED).toContain(`normal       small        ${small.completed}   ${small.p50.toFixed(1)} d  ${small.p85.toFixed(1)} d  ${small.p95.toFixed(1)} d`);
    expect(PINNED).toContain(`${small.mean.toFixed(1)} d (${small.ci95[0].toFixed(1)}–${small.ci95[1].toFixed(1)})`);
    const standard = summary.variants.preApproved!.byPath['preApproved']!;
    expect(standard.p50 * 1440).toBeLessThan(59.5);
    expect(standard.p85).toBeLessThan(1);
    expect(PINNED).toContain(`standard change (pre-approved)        ${standard.completed}  ${Math.round(standard.p50 * 1440)} min  ${(standard.p85 * 24).toFixed(1)} h`);
    // the same files either way
    for (const f of ['summary.json', 'by-class.csv', 'by-path.csv', 'costs.csv']) {
      expect(readFileSync(join(dir, 'by', f)).equals(readFileSync(join(dir, 'plain', f))), f).toBe(true);
    }
  });

  it('--by class,path is --by class --by path; repeats are printed once; the order is as asked', async () => {
    // --by before the scenario takes one value: the scenario stays the positional
    expect(await main(['run', '--by', 'path,class', 'scenarios/ops-run-it.yaml', '-r', '2', '--no-charts', '-q', '--out', join(dir, 'a'), '--by', 'path'])).toBe(0);
    const text = out.join('');
    const path = text.indexOf('by path (');
    const klass = text.indexOf('by class (');
    expect(path).toBeGreaterThan(0);
    expect(klass).toBeGreaterThan(path);
    expect(text.split('by path (').length).toBe(2);
  });

  it('a value that is not a breakdown exits 2 with "did you mean", before writing anything', async () => {
    const target = join(dir, 'bad');
    expect(await main([...RUN, '--out', target, '--by', 'clas'])).toBe(2);
    expect(err.join('')).toBe("orisim: --by: expected one of class, path, group, got 'clas'; did you mean 'class'?\nRun \"orisim --help\" for usage.\n");
    expect(existsSync(target)).toBe(false);
    err.length = 0;
    expect(await main([...RUN, '--out', target, '--by', 'class,xyzzy'])).toBe(2);
    expect(err.join('')).toBe("orisim: --by: expected one of class, path, group, got 'class,xyzzy'\nRun \"orisim --help\" for usage.\n");
    err.length = 0;
    expect(await main([...RUN, '--out', target, '--by='])).toBe(2);
    expect(err.join('')).toBe("orisim: --by: expected one of class, path, group, got ''\nRun \"orisim --help\" for usage.\n");
    err.length = 0;
    expect(await main([...RUN, '--out', target, '--bi', 'class'])).toBe(2);
    expect(err.join('')).toContain("unknown option '--bi'; did you mean '--by'?");
    expect(existsSync(target)).toBe(false);
  });

  it('is described in run --help', async () => {
    expect(await main(['run', '--help'])).toBe(0);
    const help = out.join('').replace(/\s+/g, ' ');
    expect(help).toContain('--by');
    expect(help).toContain('--by KEY also print lead time per class or per path, or per delivery group (class, path, group; several: --by class,path) (repeatable)');
  });
});

describe('by-class.csv and by-path.csv', () => {
  it('hold summary.json byClass and byPath: every variant × group, rounded to 4 decimals', async () => {
    const target = join(dir, 'csv');
    expect(await main([...RUN, '--out', target])).toBe(0);
    const summary = JSON.parse(readFileSync(join(target, 'summary.json'), 'utf8')) as Summary;
    for (const [key, field] of [['class', 'byClass'], ['path', 'byPath']] as const) {
      const rows = parse(readFileSync(join(target, `by-${key}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
      const expected = Object.entries(summary.variants).flatMap(([variant, v]) =>
        Object.entries(v![field] as Record<string, GroupLeadTime>).map(([group, g]) => ({
          variant,
          [key]: group,
          completed: String(g.completed),
          p50_days: String(num(g.p50, 4)),
          p85_days: String(num(g.p85, 4)),
          p95_days: String(num(g.p95, 4)),
          mean_days: String(num(g.mean, 4)),
          mean_ci95_low_days: String(num(g.ci95[0], 4)),
          mean_ci95_high_days: String(num(g.ci95[1], 4)),
          max_days: String(num(g.max, 4)),
        })),
      );
      expect(rows, key).toEqual(expected);
    }
    // both paths of the pre-approved variant, and only the normal path in the normal variant
    const paths = parse(readFileSync(join(target, 'by-path.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(paths.map((r) => `${r.variant}:${r.path}`)).toEqual(['normal:normal', 'preApproved:normal', 'preApproved:preApproved']);
  });
});
