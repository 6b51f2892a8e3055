// The summary in words of a sweep (seeded, small), printed after the CLI table: the sentences are
// pinned, every number in them is checked against sweep.json (the lowest annual cost per variant
// with its paired difference to the next lowest, and where a team saturates).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sweepSummarySentences } from '../../src/report/sweep-summary.js';
import { CAVEAT, formatMoney, formatSignedPercent } from '../../src/report/words.js';
import { costMinima, type CostMinimum, type Crossing, type SweepPoint } from '../../src/stats/sweep.js';

interface SweepJson { param: string; values: string[]; points: SweepPoint[]; crossings: Crossing[]; costMinima: CostMinimum[] }

let dir: string;
let stdout: string;
let sweep: SweepJson;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-sweepwords-'));
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['sweep', 'scenarios/ops-run-it.yaml', '--param', 'teams.delivery.count', '--values', '4,6,16', '-r', '3', '--out', join(dir, 's'), '--no-charts', '-q']);
    expect(code).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
  stdout = out.join('');
  sweep = JSON.parse(readFileSync(join(dir, 's', 'sweep.json'), 'utf8')) as SweepJson;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gbp = (x: number): string => formatMoney(x, 'GBP');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

describe('sweep: the summary in words', () => {
  it('is printed after the table, reads as pinned (seed 42, 3 replications), the caveat last', () => {
    const sentences = sweepSummarySentences(sweep.param, 'GBP', sweep.points, sweep.costMinima, sweep.crossings);
    expect(stdout.endsWith(`\n\n${sentences.join('\n')}\n`)).toBe(true);
    expect(sentences).toMatchSnapshot();
    expect(sentences.at(-1)).toBe(CAVEAT);
  });

  it('the value that minimises the annual cost, per variant, with the paired difference to the next lowest, from sweep.json', () => {
    const sentences = sweepSummarySentences(sweep.param, 'GBP', sweep.points, sweep.costMinima, sweep.crossings);
    expect(sweep.costMinima.map((m) => m.variant)).toEqual(['normal', 'preApproved']);
    for (const m of sweep.costMinima) {
      // the lowest mean annual cost of the variant's points
      const own = sweep.points.filter((p) => p.variant === m.variant);
      const lowest = own.reduce((a, b) => (b.totalCostPerYear.mean < a.totalCostPerYear.mean ? b : a));
      expect(m.value).toBe(lowest.value);
      expect(m.totalCostPerYear).toEqual(lowest.totalCostPerYear);
      const name = m.variant === 'normal' ? 'Normal changes' : 'Pre-approved standard changes';
      const s = sentences.find((x) => x.startsWith(`${name}: total cost a year (activity-based run cost, setup amortised and the cost of delay) is lowest`))!;
      const e = m.totalCostPerYear;
      expect(s).toContain(`lowest at teams.delivery.count = ${m.value} (${gbp(e.mean)}, 95% CI ${gbp(e.ci95[0])} to ${gbp(e.ci95[1])})`);
      expect(m.atEdge).toBe(m.value === '4' || m.value === '16');
      expect(s.includes('at the edge of the values swept')).toBe(m.atEdge);
      const n = m.next!;
      const rel = (x: number): string => formatSignedPercent(Math.max(-1, x / n.difference.baselineMean));
      expect(n.difference.significant).toBe(true);
      expect(s).toContain(
        `at the next lowest, teams.delivery.count = ${n.value}, total cost a year rises from ${gbp(e.mean)} to ${gbp(n.totalCostPerYear.mean)} ` +
          `(${rel(n.difference.mean)}, 95% CI ${rel(n.difference.ci95[0])} to ${rel(n.difference.ci95[1])})`,
      );
      expect(n.difference.baselineMean).toBeCloseTo(e.mean, 4);
    }
  });

  it('where a team saturates, from sweep.json crossings', () => {
    const sentences = sweepSummarySentences(sweep.param, 'GBP', sweep.points, sweep.costMinima, sweep.crossings);
    const full = sweep.crossings.filter((c) => c.threshold === '100%' && c.variant === 'normal');
    expect(full.length).toBeGreaterThan(0);
    const s = sentences.find((x) => x.startsWith('Normal changes: ') && x.includes('saturate'))!;
    for (const c of full) expect(s).toContain(`at teams.delivery.count = ${c.value} (${pct(c.utilisation)})`);
  });

  it('a next lowest value whose paired interval includes zero is worded as no clear difference', () => {
    const points = sweep.points.filter((p) => p.variant === 'normal');
    // the same value twice: identical replications, a difference of exactly zero
    const twin = points.map((p) => ({ ...p, value: `${p.value}b` }));
    const minima = costMinima([...points, ...twin], ['4', '4b'], () => [1, 2, 3]);
    const s = sweepSummarySentences('teams.delivery.count', 'GBP', [...points, ...twin], minima, []);
    // (s[0] is the lead-time sentence)
    expect(s[1]).toContain(`the next lowest, teams.delivery.count = 4b, cannot be told apart from it: no clear difference in total cost a year`);
    expect(s[2]).toMatch(/^Normal changes: no team reaches 85% utilisation over the values swept \(the highest: /);
  });
});
