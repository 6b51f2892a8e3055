// The first chart of a comparison's report, drawn under the summary: for every design, the 85th
// percentile lead time and the cash cost a year, each the mean over replications with its 95%
// interval, side by side. The cash cost a year is study/metrics.ts's per-replication figure (the
// money paid: staff capacity, hours, licences, the contract, on-call, overtime and setup amortised,
// stats/cash-cost.ts; the cost of delay is not in it), read through cashCostsPerYear alone.
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison, ComparedRun, DesignFigures } from '../stats/compare.js';
import { positiveMeanCi95 } from '../stats/estimates.js';
import { replicationMetrics } from '../study/metrics.js';
import { baseSpec, round, type ChartDef } from './charts/common.js';
import { MUTED_COLOUR, TEXT_COLOUR } from './charts/palette.js';
import { chartTitle } from './chart-page.js';
import { designName } from './design-names.js';
import { compactDuration, formatMoney } from './words.js';

/** Each replication's 85th percentile lead time (days) and cash cost a year, for one design. */
function replicationSeries(run: ComparedRun, d: DesignFigures): { p85: number[]; cash: number[] } {
  const store = run.result.digests[d.variant];
  if (store === undefined) return { p85: [], cash: [] };
  const rows = store.mapDigests((_digest, i) => replicationMetrics(run.result.scenario, store, i));
  return { p85: rows.map((r) => r.leadTimeP85Days), cash: cashCostsPerYear(rows) };
}

/** The cash cost a year of each replication: the one place the chart reads it (see the file's head). */
function cashCostsPerYear(rows: readonly { cashCostPerYear: number }[]): number[] {
  return rows.map((r) => r.cashCostPerYear);
}

export interface HeadlineFigure {
  design: string;
  baseline: boolean;
  p85: { mean: number; ci95: [number, number] };
  cash: { mean: number; ci95: [number, number] };
}

/** Every design's mean 85th percentile lead time and cash cost a year over replications, with 95% intervals. */
export function headlineFigures(c: Comparison, runOf: (d: DesignFigures) => ComparedRun | undefined): HeadlineFigure[] {
  return c.designs.map((d) => {
    const run = runOf(d);
    const s = run === undefined ? { p85: [], cash: [] } : replicationSeries(run, d);
    return { design: designName(d, c.designs), baseline: d.label === c.baseline.label, p85: positiveMeanCi95(s.p85), cash: positiveMeanCi95(s.cash) };
  });
}

/** One panel: a point at the mean and a bar across the 95% interval, per design, with the mean written beside it. */
function panel(title: string, field: 'p85' | 'cash', order: string[], axis: string, names: boolean): Record<string, unknown> {
  const y = { field: 'design', type: 'nominal', title: null, sort: order, axis: names ? { labelLimit: 320 } : { labels: false, ticks: false } };
  return {
    width: 260,
    height: { step: 34 },
    title: { text: title, anchor: 'start', fontSize: 12, color: TEXT_COLOUR },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2, color: MUTED_COLOUR }, encoding: { y, x: { field: `${field}.lo`, type: 'quantitative', title: axis, scale: { zero: true } }, x2: { field: `${field}.hi` } } },
      {
        mark: { type: 'point', filled: true, size: 70, color: TEXT_COLOUR, tooltip: true },
        encoding: {
          y, x: { field: `${field}.mean`, type: 'quantitative' },
          tooltip: [{ field: 'design', title: 'Design' }, { field: `${field}.text`, title: 'Mean' }, { field: `${field}.interval`, title: '95% interval' }],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 8, dy: -10, fontSize: 11, color: TEXT_COLOUR }, encoding: { y, x: { field: `${field}.mean`, type: 'quantitative' }, text: { field: `${field}.text` } } },
    ],
  };
}

/** The chart: 85th percentile lead time (left) and cash cost a year (right), per design. */
export function headlineChart(c: Comparison, runOf: (d: DesignFigures) => ComparedRun | undefined): ChartDef {
  const cur = c.run.currency;
  const money = (x: number): string => formatMoney(x, cur);
  const figures = headlineFigures(c, runOf);
  const entry = (v: { mean: number; ci95: [number, number] }, f: (x: number) => string, digits: number): Record<string, unknown> => ({
    mean: round(v.mean, digits), lo: round(v.ci95[0], digits), hi: round(v.ci95[1], digits), text: f(v.mean), interval: `${f(v.ci95[0])} to ${f(v.ci95[1])}`,
  });
  const values = figures.map((f) => ({
    design: f.baseline ? `${f.design} (baseline)` : f.design,
    p85: entry(f.p85, compactDuration, 4),
    cash: entry(f.cash, money, 0),
  }));
  const order = values.map((v) => v.design);
  const text = 'Lead time and cash cost a year, per design';
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [
      "Mean over replications with its 95% interval: each replication's 85th percentile lead time (ready → live), and its cash cost a year",
      `Cash cost a year: the money paid (staff, licences, contract, on-call, overtime, setup amortised), ${cur}; the cost of delay is not in it`,
      `Seed ${c.run.seed} · ${c.run.replications} replications · common random numbers`,
    ]),
    data: { values },
    hconcat: [
      panel('85th percentile lead time', 'p85', order, 'days', true),
      panel('Cash cost a year', 'cash', order, `${cur} a year`, false),
    ],
  };
  return { name: 'compare-headline', title: text, spec: spec as unknown as TopLevelSpec };
}
