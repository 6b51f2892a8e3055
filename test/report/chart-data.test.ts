// The numbers drawn are the numbers computed: each chart's inlined data against the input.
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { leadTimeCdf, leadTimeHistogram, percentileRules, leadTimeDistribution, leadTimeCdfChart, CDF_POINTS } from '../../src/report/charts/lead-time.js';
import { stageSegments } from '../../src/report/charts/stages.js';
import { costSegments, runCostItemRows } from '../../src/report/charts/costs.js';
import { weeklyMeans, cabMeetingMeans, flowRows, CFD_MAX_DAYS } from '../../src/report/charts/flow.js';
import { calendarBands, FREEZE_FILL } from '../../src/report/charts/calendar-bands.js';
import { utilisationRows } from '../../src/report/charts/utilisation.js';
import { specJson } from '../../src/report/charts/json.js';
import { formatDays } from '../../src/report/charts/common.js';
import { ACTIVE_LABEL, VARIANT_LABEL, STAGE_LABEL } from '../../src/report/charts/palette.js';
import { STAGES, RUN_COST_ITEMS } from '../../src/model/records.js';
import type { Variant } from '../../src/scenario/types.js';

/** The fixture's variants (the run's, not every variant orisim knows). */
const VARIANTS: readonly Variant[] = ['normal', 'preApproved'];

const input = makeFixture();
const S = input.summary.variants;
const DAY = 1440;

/** Every `values` array anywhere in a spec (data and lookup tables). */
function allValues(spec: unknown): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'values' && Array.isArray(v)) out.push(v as Record<string, unknown>[]);
        walk(v);
      }
    }
  };
  walk(spec);
  return out;
}
const inSpec = (spec: unknown, pred: (row: Record<string, unknown>) => boolean): Record<string, unknown>[] =>
  allValues(spec).flat().filter(pred);

describe('chart set', () => {
  it('has the charts the issue lists, each titled, captioned with scenario and seed, in the DejaVu font', () => {
    const charts = buildCharts(input);
    expect(charts.map((c) => c.name)).toEqual([
      'lead-time-distribution', 'lead-time-cdf', 'lead-time-by-class-path', 'stage-waits', 'cost-breakdown', 'run-cost-items',
      'total-cost-replications', 'deployments-per-week', 'changes-per-cab', 'cumulative-flow', 'utilisation',
    ]);
    for (const c of charts) {
      const spec = c.spec as unknown as { title: { text: string; subtitle: string | string[] }; config: { font: string } };
      expect(spec.title.text).toBe(c.title);
      expect([spec.title.subtitle].flat().join(' ')).toContain(`Scenario ${input.summary.scenario.name} · seed 42 · 2 replications`);
      expect(spec.config.font.startsWith('DejaVu Sans')).toBe(true);
    }
  });

  it('keeps inlined data small (aggregated, not one row per change)', () => {
    for (const c of buildCharts(input)) expect(specJson(c.spec).length, c.name).toBeLessThan(60_000);
  });
});

describe('lead-time-distribution', () => {
  it('draws p50/p85/p95 rules at the summary percentiles, labelled', () => {
    const spec = leadTimeDistribution(input).spec;
    for (const v of VARIANTS) {
      const rules = inSpec(spec, (r) => r.variant === VARIANT_LABEL[v] && 'percentile' in r);
      expect(rules.map((r) => r.percentile)).toEqual(['p50', 'p85', 'p95']);
      expect(rules.find((r) => r.percentile === 'p85')!.days).toBe(S[v]!.leadTimeDays.p85);
      expect(rules.find((r) => r.percentile === 'p50')!.days).toBe(S[v]!.leadTimeDays.p50);
      expect(rules.find((r) => r.percentile === 'p95')!.days).toBe(S[v]!.leadTimeDays.p95);
      expect(percentileRules(input, v)[1]!.label).toMatch(/^p85 \d/);
    }
  });

  it('bins every completed counted change once, and only those', () => {
    const bins = leadTimeHistogram(input);
    for (const v of VARIANTS) {
      const lts = input.changes.filter((c) => c.variant === v && !c.warmup && Number.isFinite(c.liveAt)).map((c) => (c.liveAt - c.readyAt) / DAY);
      const mine = bins.filter((b) => b.variant === VARIANT_LABEL[v]);
      expect(mine.reduce((s, b) => s + b.changes, 0)).toBe(lts.length);
      for (const b of mine.slice(0, -1)) expect(b.changes).toBe(lts.filter((x) => x >= b.from && x < b.to).length);
      expect(mine.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 3);
    }
    expect(input.changes.some((c) => !Number.isFinite(c.liveAt))).toBe(true); // the fixture has unfinished changes
    expect(input.changes.some((c) => c.warmup)).toBe(true); // and warm-up changes
  });
});

describe('lead-time-cdf', () => {
  it('has ~200 quantile points per variant from the completed counted changes', () => {
    const cdf = leadTimeCdf(input);
    for (const v of VARIANTS) {
      const lts = input.changes.filter((c) => c.variant === v && !c.warmup && Number.isFinite(c.liveAt)).map((c) => (c.liveAt - c.readyAt) / DAY).sort((a, b) => a - b);
      const mine = cdf.filter((p) => p.variant === VARIANT_LABEL[v]);
      expect(mine).toHaveLength(CDF_POINTS);
      expect(mine[0]!.days).toBeCloseTo(lts[0]!, 3);
      expect(mine.at(-1)!.days).toBeCloseTo(lts.at(-1)!, 3);
      expect(mine.at(-1)!.share).toBe(1);
      // monotone
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.days).toBeGreaterThanOrEqual(mine[i - 1]!.days);
    }
  });

  it('annotates "85% of changes are live within N days" with the summary p85', () => {
    const spec = leadTimeCdfChart(input).spec;
    for (const v of VARIANTS) {
      const [mark] = inSpec(spec, (r) => r.variant === VARIANT_LABEL[v] && typeof r.label === 'string');
      expect(mark!.days).toBe(S[v]!.leadTimeDays.p85);
      expect(mark!.share).toBe(0.85);
      expect(mark!.label).toContain(`85% of changes are live within ${formatDays(S[v]!.leadTimeDays.p85)} days`);
    }
  });
});

describe('stage-waits', () => {
  it('stacks exactly the stage summary: each wait, plus active work = Σ meanActiveHours / 24', () => {
    const segs = stageSegments(input);
    for (const v of VARIANTS) {
      const mine = segs.filter((s) => s.variant === VARIANT_LABEL[v]);
      for (const st of STAGES) {
        expect(mine.find((s) => s.segment === `Wait: ${STAGE_LABEL[st]}`)!.days).toBe(S[v]!.stages[st].meanWaitDays);
      }
      const hours = STAGES.reduce((a, st) => a + S[v]!.stages[st].meanActiveHours, 0);
      expect(mine.find((s) => s.segment === ACTIVE_LABEL)!.days).toBeCloseTo(hours / 24, 12);
    }
  });
});

describe('costs', () => {
  it('cost-breakdown bars are the annual figures (setup amortised, run and opportunity per year), adding up to the annual total', () => {
    const segs = costSegments(input);
    for (const v of VARIANTS) {
      const y = S[v]!.costs.perYear;
      const mine = segs.filter((s) => s.variant === VARIANT_LABEL[v]);
      expect(mine.map((s) => [s.type, s.amount])).toEqual([['setup', y.setupAmortised], ['run', y.run], ['opportunity', y.opportunity]]);
      expect(mine.reduce((a, s) => a + s.amount, 0)).toBeCloseTo(y.total, 6);
      expect(mine.map((s) => s.share)).toEqual([S[v]!.costs.shares.setup, S[v]!.costs.shares.run, S[v]!.costs.shares.opportunity]);
    }
  });

  it('run-cost-items equal summary runItems', () => {
    const rows = runCostItemRows(input);
    expect(rows).toHaveLength(RUN_COST_ITEMS.length * VARIANTS.length);
    for (const v of VARIANTS) {
      const amounts = rows.filter((r) => r.variant === VARIANT_LABEL[v]).map((r) => r.amount);
      expect(amounts).toEqual(RUN_COST_ITEMS.map((i) => S[v]!.costs.runItems[i]));
    }
  });

  it('total-cost-replications shows each replication total and the summary mean with its CI', () => {
    const spec = buildCharts(input).find((c) => c.name === 'total-cost-replications')!.spec;
    for (const r of input.replications) {
      expect(inSpec(spec, (x) => x.variant === VARIANT_LABEL[r.variant] && x.replication === r.replication)[0]!.total).toBe(r.totalCost);
    }
    for (const v of VARIANTS) {
      const [iv] = inSpec(spec, (x) => x.variant === VARIANT_LABEL[v] && 'mean' in x);
      expect([iv!.mean, iv!.lo, iv!.hi]).toEqual([S[v]!.costs.total, ...S[v]!.costs.totalCi95]);
    }
  });
});

describe('calendar bands on time axes', () => {
  it('warm-up, freezes and holidays in weeks and days, clipped to the horizon', () => {
    expect(calendarBands(input, 7 * DAY)).toEqual([
      { kind: 'warm-up', label: 'warm-up (not counted)', from: 0, to: input.summary.run.warmupDays / 7 },
      { kind: 'freeze', label: 'freeze: Spring freeze', from: 10, to: 11 },
      { kind: 'holiday', label: 'holiday: Spring holiday', from: 60 / 7, to: 61 / 7 },
    ]);
    const late = { ...input, scenario: { ...input.scenario, freezes: [{ name: 'Year end', from: (input.summary.run.horizonDays - 2) * DAY, to: (input.summary.run.horizonDays + 5) * DAY }], holidays: [{ name: 'Before', from: -DAY, to: 0 }] } };
    expect(calendarBands(late, DAY).slice(1)).toEqual([{ kind: 'freeze', label: 'freeze: Year end', from: input.summary.run.horizonDays - 2, to: input.summary.run.horizonDays }]);
  });

  it('every chart with a time axis draws the freeze band and names it in its legend line', () => {
    for (const name of ['deployments-per-week', 'changes-per-cab', 'cumulative-flow']) {
      const spec = JSON.stringify(buildCharts(input).find((c) => c.name === name)!.spec);
      expect(spec, name).toContain(`"color":"${FREEZE_FILL}"`);
      expect(spec, name).toContain('"label":"freeze: Spring freeze"');
      expect(spec, name).toContain('Shaded grey: warm-up, blue: change freeze, yellow: public holiday');
    }
  });
});

describe('flow', () => {
  it('deployments-per-week is the mean over replications of each week', () => {
    const means = weeklyMeans(input);
    for (const m of means) {
      const v = VARIANTS.find((x) => VARIANT_LABEL[x] === m.variant)!;
      const rows = input.deploymentsByWeek.filter((r) => r.variant === v && r.week === m.week);
      expect(m.deployments).toBeCloseTo(rows.reduce((s, r) => s + r.deployments, 0) / rows.length, 3);
    }
    expect(means).toHaveLength(new Set(input.deploymentsByWeek.map((r) => `${r.variant}/${r.week}`)).size);
  });

  it('changes-per-cab is the mean decided per meeting over replications', () => {
    for (const m of cabMeetingMeans(input)) {
      const v = VARIANTS.find((x) => VARIANT_LABEL[x] === m.variant)!;
      const rows = input.cabMeetings.filter((r) => r.variant === v && r.index === m.meeting);
      expect(m.decided).toBeCloseTo(rows.reduce((s, r) => s + r.decided, 0) / rows.length, 3);
    }
  });

  it('cumulative-flow carries the replication-1 WIP counts of the sampled days', () => {
    for (const v of VARIANTS) {
      const { keys, rows } = flowRows(input, v);
      expect(rows.length).toBeLessThanOrEqual(CFD_MAX_DAYS + 1);
      expect(keys).toContain('live');
      for (const row of rows) {
        for (const k of keys) {
          const sample = input.wip.find((w) => w.replication === 1 && w.variant === v && w.day === row.day && w.stage === k)!;
          expect(row[k]).toBe(sample.count);
        }
      }
    }
  });
});

describe('utilisation', () => {
  it('bars equal the summary utilisation per team', () => {
    const rows = utilisationRows(input);
    for (const v of VARIANTS) {
      const u = S[v]!.utilisation;
      expect(rows.filter((r) => r.variant === VARIANT_LABEL[v]).map((r) => r.utilisation)).toEqual([u.delivery, u.changeManagement, u.applicationSupport, u.outOfHoursWindows]);
    }
  });
});

describe('pooled lead times', () => {
  it('when ReportInput.leadTimesDays is given, the lead-time charts use it instead of the change records', () => {
    const pooled = { normal: new Float64Array([3, 1, 2]), preApproved: [0.5] };
    const cdf = leadTimeCdf({ ...input, leadTimesDays: pooled });
    expect(cdf.filter((p) => p.variant === VARIANT_LABEL.normal).map((p) => p.days).filter((_, i) => i % 199 === 0)).toEqual([1, 3]);
    expect(leadTimeHistogram({ ...input, leadTimesDays: pooled }).reduce((s, b) => s + b.changes, 0)).toBe(4);
  });
});
