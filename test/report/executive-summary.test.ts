// The executive summary of a run, on the shipped default scenario (seeded, 4 replications): the
// sentences are pinned, and every number in them is checked against summary.json.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.js';
import type { Scenario } from '../../src/scenario/types.js';
import { runReplications } from '../../src/run/replications.js';
import { buildSummary } from '../../src/stats/run-summary.js';
import type { Summary } from '../../src/stats/summary-types.js';
import { runSummarySentences } from '../../src/report/executive-summary.js';
import { CAVEAT, formatDuration, formatMoney, formatSignedPercent } from '../../src/report/words.js';

let scenario: Scenario;
let summary: Summary;
let sentences: string[];

beforeAll(async () => {
  scenario = { ...loadScenario('scenarios/ops-run-it.yaml'), replications: 4 };
  summary = buildSummary(await runReplications(scenario), { file: 'x', sha256: '', version: 'test' });
  sentences = runSummarySentences(scenario, summary, summary.differences);
});

describe('executive summary of a run', () => {
  it('reads as pinned for the default scenario (seed 42, 4 replications)', () => {
    expect(sentences).toMatchSnapshot();
    expect(sentences.at(-1)).toBe(CAVEAT);
  });

  it('every number comes from summary.json', () => {
    const n = summary.variants.normal!;
    const p = summary.variants.preApproved!;
    const d = summary.differences!.variants.preApproved!;
    const rel = (x: number, base: number): string => formatSignedPercent(Math.max(-1, x / base));
    expect(sentences[0]).toContain(`the median lead time falls from ${formatDuration(n.leadTimeDays.p50)} to ${formatDuration(p.leadTimeDays.p50)}`);
    expect(sentences[0]).toContain(
      `the 85th percentile falls from ${formatDuration(n.leadTimeDays.p85)} to ${formatDuration(p.leadTimeDays.p85)} (${rel(d.leadTimeP85Days.mean, d.leadTimeP85Days.baselineMean)}, 95% CI ${rel(d.leadTimeP85Days.ci95[0], d.leadTimeP85Days.baselineMean)} to ${rel(d.leadTimeP85Days.ci95[1], d.leadTimeP85Days.baselineMean)})`,
    );
    expect(sentences[0]).toContain(`(their median ${formatDuration(p.byPath['normal']!.p50)})`);
    // Cash cost and cost of delay apart, each with its paired change; no "total" without both named.
    expect(sentences[1]).toMatch(/^Cash cost a year \(setup amortised over 3 years\) /);
    expect(sentences[1]).toContain(
      `falls from ${formatMoney(n.costs.perYear.cash.total, 'GBP')} to ${formatMoney(p.costs.perYear.cash.total, 'GBP')} (${rel(d.cashCostPerYear.mean, d.cashCostPerYear.baselineMean)}, 95% CI`,
    );
    expect(sentences[1]).toContain(
      `the cost of delay a year falls from ${formatMoney(n.costs.perYear.opportunity, 'GBP')} to ${formatMoney(p.costs.perYear.opportunity, 'GBP')} (${rel(d.costOfDelayPerYear.mean, d.costOfDelayPerYear.baselineMean)}, 95% CI`,
    );
    expect(sentences.join(' ')).not.toMatch(/total/i);
    expect(sentences[2]).toContain(`live within ${formatDuration(n.leadTimeDays.p85)} (median ${formatDuration(n.leadTimeDays.p50)})`);
    expect(sentences[2]).toContain(`${(n.deploymentsPerWeek.mean / scenario.teams.delivery.count).toFixed(2)} deployments a week per delivery team`);
    expect(sentences[2]).toContain(`cash cost ${formatMoney(n.costs.perYear.cash.total, 'GBP')} a year (money paid; staff `);
    expect(sentences[2]).toContain(`cost of delay ${formatMoney(n.costs.perYear.opportunity, 'GBP')} a year (value forgone while changes wait, not money paid)`);
    // The default scenario keeps orisim's cost-of-delay rates: page one says so.
    expect(sentences.at(-3)).toBe(
      "The cost of delay is at orisim's default rates (small £1,500 a week, large £4,000 a week of waiting per change: an assumption), not the client's: " +
        "set each class's costOfDelay to the value a week of delay really costs before reading it as money.",
    );
  });

  it('paired differences in summary.json: the mean is the mean of per-replication differences, the interval holds it', () => {
    const d = summary.differences!;
    expect(d.baseline).toBe('normal');
    for (const f of ['leadTimeP50Days', 'leadTimeP85Days', 'totalCostPerYear'] as const) {
      const x = d.variants.preApproved![f];
      expect(x.ci95[0]).toBeLessThanOrEqual(x.mean);
      expect(x.ci95[1]).toBeGreaterThanOrEqual(x.mean);
    }
    // total cost per year: the mean of per-replication annual totals is the summary's perYear.total
    expect(d.variants.preApproved!.totalCostPerYear.baselineMean).toBeCloseTo(summary.variants.normal!.costs.perYear.total, 6);
    expect(d.variants.preApproved!.totalCostPerYear.mean).toBeCloseTo(
      summary.variants.preApproved!.costs.perYear.total - summary.variants.normal!.costs.perYear.total,
      6,
    );
  });

  it("a client's own cost-of-delay rates: no sentence about default rates", () => {
    const own = { ...scenario, classes: scenario.classes.map((c) => ({ ...c, costOfDelay: { ...c.costOfDelay, perWeek: c.costOfDelay.perWeek + 1 } })) };
    const s = runSummarySentences(own, summary, summary.differences);
    expect(s.length).toBe(sentences.length - 1);
    expect(s.join(' ')).not.toContain('default rates');
  });

  it('one variant: no comparison, a description and the caveat', () => {
    const one = { ...summary, variants: { normal: summary.variants.normal! } };
    const s = runSummarySentences({ ...scenario, variants: ['normal'] }, one, undefined);
    expect(s[0]).toMatch(/^Normal changes \(every change through the CAB and application support\): 85% of changes are live within /);
    expect(s.at(-1)).toBe(CAVEAT);
    expect(s.join(' ')).not.toContain('against');
  });
});
