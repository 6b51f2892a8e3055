// The summary in words of a comparison (seeded, small): the sentences are pinned, every number in
// them is checked against comparison.json, a difference whose interval includes zero is worded as
// no clear difference, and a biased design is never named a winner without saying so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCompared, runComparison } from '../../src/api/compare.js';
import { compareSummarySentences } from '../../src/report/compare-summary.js';
import { toJson } from '../../src/output/write-run.js';
import type { Comparison, DesignFigures } from '../../src/stats/compare.js';
import { CAVEAT, formatDuration, formatMoney, formatSignedPercent } from '../../src/report/words.js';

let dir: string;

/** The default scenario as `name`, running only `variant`, with `edit` applied to its text. */
function variantFile(name: string, variant: string, edit: (t: string) => string = (t) => t): string {
  const text = readFileSync('scenarios/ops-run-it.yaml', 'utf8').replace(/^name: .*$/m, `name: ${name}`).replace(/^variants: .*$/m, `variants: [${variant}]`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, edit(text));
  return file;
}

async function compare(files: string[], replications: number): Promise<Comparison> {
  const { scenarios, sha256s } = loadCompared({ scenarios: files, replications, seed: 42, set: [] });
  const { comparison } = await runComparison(files, scenarios, { workers: 1, sha256s });
  // what comparison.json holds, read back
  return JSON.parse(toJson(comparison)) as Comparison;
}

let current: Comparison;
let sentences: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-cmpwords-'));
  current = await compare([variantFile('current', 'normal'), variantFile('target', 'preApproved')], 4);
  sentences = compareSummarySentences(current);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rel = (x: number, base: number): string => formatSignedPercent(Math.max(-1, x / base));
const gbp = (x: number): string => formatMoney(x, 'GBP');

describe('compare: the summary in words', () => {
  it('reads as pinned for current (normal) against target (pre-approved), seed 42, 4 replications', () => {
    expect(sentences).toMatchSnapshot();
    expect(sentences.at(-1)).toBe(CAVEAT);
  });

  it('every number comes from comparison.json', () => {
    const [base, target] = current.designs as [DesignFigures, DesignFigures];
    const d = target.difference!;
    expect(sentences[0]).toBe(
      `Ranked on the 85th percentile lead time (shortest first): target · Pre-approved ${formatDuration(target.leadTimeDays.p85)}, current · Normal (CAB) ${formatDuration(base.leadTimeDays.p85)} (baseline).`,
    );
    const p85 = d.leadTimeP85Days;
    expect(sentences[1]).toBe(
      `Shortest lead time: target · Pre-approved, 85% of its changes live within ${formatDuration(target.leadTimeDays.p85)}; against the baseline current · Normal (CAB), ` +
        `the 85th percentile falls from ${formatDuration(base.leadTimeDays.p85)} to ${formatDuration(target.leadTimeDays.p85)} ` +
        `(${rel(p85.mean, p85.baselineMean)}, 95% CI ${rel(p85.ci95[0], p85.baselineMean)} to ${rel(p85.ci95[1], p85.baselineMean)}).`,
    );
    expect(sentences[2]).toBe(
      `Ranked on total cost a year (activity-based run cost, setup amortised over 3 years, and the cost of delay, which is value forgone, not money paid; lowest first): target · Pre-approved ${gbp(target.costsPerYear.total)}, current · Normal (CAB) ${gbp(base.costsPerYear.total)} (baseline).`,
    );
    const y = d.totalCostPerYear;
    expect(sentences[3]).toBe(
      `Lowest cost: target · Pre-approved, ${gbp(target.costsPerYear.total)} a year; against the baseline current · Normal (CAB), total cost a year falls from ` +
        `${gbp(base.costsPerYear.total)} to ${gbp(target.costsPerYear.total)} (${rel(y.mean, y.baselineMean)}, 95% CI ${rel(y.ci95[0], y.baselineMean)} to ${rel(y.ci95[1], y.baselineMean)}).`,
    );
  });

  it('the annual cost and its paired difference: total per year = setup ÷ years + (run + opportunity) × 364 ÷ counted days', () => {
    for (const f of current.designs) {
      const scale = 364 / f.countedDays;
      expect(f.costsPerYear.total).toBeCloseTo(f.costs.setup / 3 + (f.costs.run + f.costs.opportunity) * scale, 4);
    }
    const [base, target] = current.designs as [DesignFigures, DesignFigures];
    const y = target.difference!.totalCostPerYear;
    // linear in the replication totals: the mean of the paired differences is the difference of the means
    expect(y.mean).toBeCloseTo(target.costsPerYear.total - base.costsPerYear.total, 4);
    expect(y.baselineMean).toBeCloseTo(base.costsPerYear.total, 4);
    expect(y.significant).toBe(y.ci95[1] < 0 || y.ci95[0] > 0);
  });

  it('a scenario against itself with a trivial change: intervals that include zero are worded as no clear difference', async () => {
    const a = variantFile('same', 'normal');
    const b = variantFile('tweaked', 'normal', (t) => t.replace('rejectionRate: 0.05', 'rejectionRate: 0.07'));
    const c = await compare([a, b], 4);
    const [base, tweak] = c.designs as [DesignFigures, DesignFigures];
    const p85 = tweak.difference!.leadTimeP85Days;
    expect(p85.ci95[0]).toBeLessThan(0);
    expect(p85.ci95[1]).toBeGreaterThan(0);
    const s = compareSummarySentences(c);
    const lead = s.find((x) => x.startsWith('Shortest lead time'))!;
    expect(lead).toContain(`no clear difference in the 85th percentile (${formatDuration(base.leadTimeDays.p85)} against ${formatDuration(tweak.leadTimeDays.p85)})`);
    expect(lead).toMatch(/but the data cannot tell it from (the baseline|the next)/);
    expect(lead).not.toMatch(/falls from|rises from/);
    expect(s.at(-1)).toBe(CAVEAT);
  });

  it('a biased design is never named a winner without saying its lead times are understated', () => {
    const c = structuredClone(current);
    const target = c.designs[1]!;
    target.biased = true;
    target.changes.unfinishedShare = 0.053;
    const s = compareSummarySentences(c);
    expect(s[1]).toMatch(/^Shortest lead time as measured: target · Pre-approved, but its lead times are understated, because 5\.3% of its counted changes were not live when the run ended;/);
    expect(s[2]).toBe(`Of the designs whose lead times are not understated, current · Normal (CAB) (the baseline) is the shortest, 85% of its changes live within ${formatDuration(c.designs[0]!.leadTimeDays.p85)}.`);
    expect(s.find((x) => x.startsWith('Lowest cost'))).toContain('though its lead times are understated, because 5.3% of its counted changes were not live');
    expect(s).toContain('Lead times understated (more than 2% of counted changes not live when the run ended): target · Pre-approved (5.3%).');
  });
});
