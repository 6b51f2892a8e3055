// Charts and report.html of `orisim compare`: the lead-time CDF of every design overlaid, cost
// stacked bars side by side, and each design's paired difference from the baseline design with
// its 95% interval. A design whose lead times are biased (more than 2% of its counted changes
// unfinished) is marked "(biased)" wherever it is named, and its CDF line is dashed. Specs use the
// run report's palette and base config; rendering uses render.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import type { Comparison, ComparedRun, DesignFigures, PairedMetric } from '../stats/compare.js';
import { designLabel, fileLabels, PAIRED_METRICS, PAIRED_METRIC_LABEL } from '../stats/compare.js';
import { quantileSorted } from '../stats/estimates.js';
import { baseSpec, CHART_WIDTH, round, thousands, type ChartDef } from './charts/common.js';
import { COST_COLOUR, COST_LABEL, COST_TYPES, MUTED_COLOUR, TEXT_COLOUR } from './charts/palette.js';
import { chartReportHtml, chartTitle, writeChartFiles, type PageWarning } from './chart-page.js';
import { DORA_HEADING, doraRows } from './dora-text.js';
import { compareSummarySentences } from './compare-summary.js';
import { headlineChart } from './compare-headline-chart.js';
import { designName } from './design-names.js';

/** Colours of the compared designs, in order (the first, the baseline, is black). */
export const DESIGN_COLOURS = ['#000000', '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** What the charts call a design: its name (design-names.ts), with "(biased)" when its lead times are understated. */
function shownName(c: Comparison, d: DesignFigures): string {
  const name = designName(d, c.designs);
  return d.biased ? `${name} (biased)` : name;
}

function designScale(c: Comparison, name: (d: DesignFigures) => string): { domain: string[]; range: string[] } {
  return { domain: c.designs.map(name), range: c.designs.map((_d, i) => DESIGN_COLOURS[i % DESIGN_COLOURS.length]!) };
}

/** The name in the lead-time chart's legend: the baseline says so. */
function cdfName(c: Comparison, d: DesignFigures): string {
  return d.label === c.baseline.label ? `${shownName(c, d)} — baseline` : shownName(c, d);
}

/** The lead-time chart's x-axis ends at the 99th percentile of the slowest design. */
export const CDF_TOP_SHARE = 0.99;

/** Design labels are drawn whole up to this width (pixels), so that "(biased)" is never cut off. */
const LABEL_LIMIT = 640;

/** The note every chart with a biased design carries. */
export const BIAS_NOTE = `(biased): more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes unfinished, so lead times are understated`;

function caption(c: Comparison): string {
  return `Baseline ${designName(c.baseline, c.designs)} · seed ${c.run.seed} · ${c.run.replications} replications · common random numbers`;
}

function biasLines(c: Comparison, extra: string = BIAS_NOTE): string[] {
  return c.designs.some((d) => d.biased) ? [extra] : [];
}

/** The run behind a design (runs in the order of the compared files). */
function runOf(runs: readonly ComparedRun[], d: DesignFigures): ComparedRun | undefined {
  const labels = fileLabels(runs.map((r) => r.file));
  return runs.find((_r, i) => designLabel(labels[i]!, d.variant) === d.label);
}

const LEAD_TIMES_OK = 'as measured';
const LEAD_TIMES_BIASED = `understated (over ${BIAS_UNFINISHED_SHARE * 100}% unfinished)`;

export interface CdfPoint {
  design: string;
  role: 'baseline' | 'design';
  leadTimes: string;
  days: number;
  share: number;
}

/** Lead-time CDF points: the quantiles 0, 0.01, … 0.99 per design, of the pooled completed changes. */
export function cdfPoints(c: Comparison, runs: readonly ComparedRun[]): CdfPoint[] {
  const out: CdfPoint[] = [];
  for (const d of c.designs) {
    const digests = runOf(runs, d)?.result.digests[d.variant];
    const pooled = digests === undefined ? new Float64Array(0) : digests.leadTimeDays.slice();
    pooled.sort();
    if (pooled.length === 0) continue;
    const leadTimes = d.biased ? LEAD_TIMES_BIASED : LEAD_TIMES_OK;
    const role = d.label === c.baseline.label ? 'baseline' : 'design';
    for (let i = 0; i <= CDF_TOP_SHARE * 100; i++) {
      out.push({ design: cdfName(c, d), role, leadTimes, days: round(quantileSorted(pooled as unknown as number[], i / 100), 3), share: i / 100 });
    }
  }
  return out;
}

export function leadTimeCdfs(c: Comparison, runs: readonly ComparedRun[]): ChartDef {
  const text = 'Lead time from ready to live: share of changes live within N days';
  const biased = c.designs.some((d) => d.biased);
  const values = cdfPoints(c, runs);
  const top = values.reduce((m, p) => Math.max(m, p.days), 0);
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [
      'Each line: one design (scenario · variant); the baseline is the thick black line',
      `The x-axis ends at the 99th percentile of the slowest design (${round(top, 1)} days): the slowest 1% of each design's changes are not drawn`,
      ...biasLines(c, `Dashed ${BIAS_NOTE}`),
      caption(c),
    ]),
    width: CHART_WIDTH,
    height: 300,
    data: { values },
    mark: { type: 'line', interpolate: 'linear', tooltip: true },
    encoding: {
      x: { field: 'days', type: 'quantitative', title: 'Lead time, ready → live (days), to the 99th percentile', scale: { domain: [0, top > 0 ? top : 1], nice: false } },
      y: { field: 'share', type: 'quantitative', title: 'Share of changes live', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      color: { field: 'design', type: 'nominal', title: 'Design', scale: designScale(c, (d) => cdfName(c, d)), legend: { orient: 'bottom', direction: 'vertical', labelLimit: LABEL_LIMIT } },
      strokeWidth: { field: 'role', type: 'ordinal', sort: ['baseline', 'design'], scale: { domain: ['baseline', 'design'], range: [3.5, 1.8] }, legend: null },
      ...(biased
        ? { strokeDash: { field: 'leadTimes', type: 'nominal', title: 'Lead times', scale: { domain: [LEAD_TIMES_OK, LEAD_TIMES_BIASED], range: [[1, 0], [6, 3]] }, legend: { orient: 'bottom', direction: 'vertical', labelLimit: LABEL_LIMIT } } }
        : {}),
      detail: { field: 'design' },
    },
  };
  return { name: 'compare-lead-time-cdf', title: text, spec: spec as unknown as TopLevelSpec };
}

/** A design's costs a year by type: setup amortised, run and cost of delay (summary costs.perYear). */
function perYear(d: DesignFigures): Record<(typeof COST_TYPES)[number], number> {
  return { setup: d.costsPerYear.setupAmortised, run: d.costsPerYear.run, opportunity: d.costsPerYear.opportunity };
}

/** The cost types as a year's figures name them: setup is amortised, not the one-off. */
const ANNUAL_LABEL = { ...COST_LABEL, setup: 'Setup (amortised)' };

export function costBars(c: Comparison): ChartDef {
  const text = 'Total cost a year by cost type, per design';
  const cur = c.run.currency;
  const values = c.designs.flatMap((d) =>
    COST_TYPES.map((t, i) => ({ design: shownName(c, d), type: ANNUAL_LABEL[t], order: i, amount: round(perYear(d)[t], 2), share: round(d.shares[t], 4), countedDays: d.countedDays })),
  );
  const years = [...new Set(c.designs.map((d) => d.costsPerYear.setupAmortisationYears))];
  const amortised = years.length === 1 ? `setup amortised over ${years[0]} year${years[0] === 1 ? '' : 's'}` : 'setup amortised';
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [`A year: run and cost of delay over each scenario's counted period scaled to 52 weeks, ${amortised}; ${cur}`, ...biasLines(c), caption(c)]),
    data: { values },
    width: CHART_WIDTH,
    height: { step: 34 },
    mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'design', type: 'nominal', title: null, sort: c.designs.map((d) => shownName(c, d)), axis: { labelLimit: LABEL_LIMIT } },
      x: { field: 'amount', type: 'quantitative', stack: 'zero', title: `Cost a year (${cur})`, axis: { format: ',.0f' } },
      color: {
        field: 'type', type: 'nominal', title: null,
        scale: { domain: COST_TYPES.map((t) => ANNUAL_LABEL[t]), range: COST_TYPES.map((t) => COST_COLOUR[t]) }, legend: { orient: 'bottom' },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'design', title: 'Design' }, { field: 'type', title: 'Cost type' },
        { field: 'amount', title: `Amount a year (${cur})`, format: ',.0f' }, { field: 'countedDays', title: 'Counted days' },
        { field: 'share', title: 'Share of annual total (setup amortised)', format: '.0%' },
      ],
    },
  };
  return { name: 'compare-costs', title: text, spec: spec as unknown as TopLevelSpec };
}

export interface DifferenceRow {
  metric: string;
  order: number;
  row: string;
  mean: number;
  lo: number;
  hi: number;
  excludesZero: string;
}

export function differenceRows(c: Comparison): DifferenceRow[] {
  const out: DifferenceRow[] = [];
  PAIRED_METRICS.forEach((m: PairedMetric, order) => {
    for (const f of c.designs) {
      const d = f.difference?.[m];
      if (d === undefined || !Number.isFinite(d.mean)) continue;
      out.push({
        metric: PAIRED_METRIC_LABEL[m], order, row: shownName(c, f),
        mean: round(d.mean, 4), lo: round(d.ci95[0], 4), hi: round(d.ci95[1], 4), excludesZero: d.significant ? 'yes' : 'no',
      });
    }
  });
  return out;
}

export function differences(c: Comparison): ChartDef {
  const base = c.designs[0]!;
  const text = `Difference from ${shownName(c, base)}, with 95% intervals`;
  const notes = biasLines(c);
  if (base.biased) notes.push('The baseline itself is biased: lead-time differences compare understated figures');
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, ['Paired over replications (common random numbers); filled = the interval excludes zero', ...notes, caption(c)]),
    data: { values: differenceRows(c) },
    facet: { row: { field: 'metric', type: 'nominal', title: null, sort: PAIRED_METRICS.map((m) => PAIRED_METRIC_LABEL[m]), header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: CHART_WIDTH,
      height: { step: 26 },
      layer: [
        { mark: { type: 'rule', color: MUTED_COLOUR, strokeDash: [3, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'rule', strokeWidth: 2, color: TEXT_COLOUR },
          encoding: { y: { field: 'row', type: 'nominal', title: null, sort: c.designs.map((d) => shownName(c, d)), axis: { labelLimit: LABEL_LIMIT } }, x: { field: 'lo', type: 'quantitative', title: 'Difference (design − baseline)' }, x2: { field: 'hi' } },
        },
        {
          mark: { type: 'point', size: 70, strokeWidth: 2, tooltip: true, color: TEXT_COLOUR },
          encoding: {
            y: { field: 'row', type: 'nominal', title: null, sort: c.designs.map((d) => shownName(c, d)) },
            x: { field: 'mean', type: 'quantitative' },
            fill: { field: 'excludesZero', type: 'nominal', title: 'Interval excludes zero', scale: { domain: ['yes', 'no'], range: [TEXT_COLOUR, '#ffffff'] }, legend: { orient: 'bottom' } },
            tooltip: [
              { field: 'row', title: 'Design' }, { field: 'metric', title: 'Figure' }, { field: 'mean', title: 'Difference' },
              { field: 'lo', title: '95% CI low' }, { field: 'hi', title: '95% CI high' }, { field: 'excludesZero', title: 'Excludes zero' },
            ],
          },
        },
      ],
    },
  };
  return { name: 'compare-differences', title: text, spec: spec as unknown as TopLevelSpec };
}

export function comparisonCharts(c: Comparison, runs: readonly ComparedRun[]): ChartDef[] {
  return [leadTimeCdfs(c, runs), costBars(c), differences(c)];
}

/** The chart on the first screen: every design's 85th percentile lead time and cash cost a year, with intervals. */
function firstChart(c: Comparison, runs: readonly ComparedRun[]): ChartDef {
  return headlineChart(c, (d) => runOf(runs, d));
}

/** Headline rows of the comparison for the report: one per design. */
export function headlineRows(c: Comparison): Record<string, string | number>[] {
  return c.designs.map((f) => {
    const d = f.difference;
    const diff = (m: PairedMetric, digits: number): string =>
      d ? `${d[m].mean.toFixed(digits)} [${d[m].ci95[0].toFixed(digits)}, ${d[m].ci95[1].toFixed(digits)}]${d[m].significant ? ' *' : ''}` : '';
    return {
      design: designName(f, c.designs),
      'lead p50 d': f.leadTimeDays.p50,
      'lead p85 d': f.leadTimeDays.p85,
      'lead p95 d': f.leadTimeDays.p95,
      'lead mean d': f.leadTimeDays.mean,
      'unfinished %': percent(f.changes.unfinishedShare),
      'lead times': f.biased ? 'biased: understated' : 'as measured',
      'Δ lead mean d [95% CI]': diff('leadTimeMeanDays', 2),
      'deploys/wk': f.deploymentsPerWeek.mean,
      [`cost/deploy (${c.run.currency})`]: f.costPerDeployment,
      [`total cost, counted period (${c.run.currency})`]: f.totalCost.mean,
      'counted days': f.countedDays,
      [`Δ total cost [95% CI]`]: d ? `${thousands(d.totalCost.mean)} [${thousands(d.totalCost.ci95[0])}, ${thousands(d.totalCost.ci95[1])}]${d.totalCost.significant ? ' *' : ''}` : '',
      [`total cost/yr (${c.run.currency})`]: f.costsPerYear.total,
      [`Δ total cost/yr [95% CI]`]: d ? `${thousands(d.totalCostPerYear.mean)} [${thousands(d.totalCostPerYear.ci95[0])}, ${thousands(d.totalCostPerYear.ci95[1])}]${d.totalCostPerYear.significant ? ' *' : ''}` : '',
      'TCO/yr setup/run/opp': `${(f.shares.setup * 100).toFixed(0)}/${(f.shares.run * 100).toFixed(0)}/${(f.shares.opportunity * 100).toFixed(0)}%`,
    };
  });
}

/** Every design's bias note and run warnings, as the report lists them. */
export function comparisonWarnings(c: Comparison): PageWarning[] {
  return c.designs.flatMap((d) => [
    ...(d.biasReason !== undefined ? [{ subject: designName(d, c.designs), text: d.biasReason, bias: true }] : []),
    ...d.warnings.map((w) => ({ subject: designName(d, c.designs), text: w })),
  ]);
}

export async function writeComparisonCharts(dir: string, c: Comparison, runs: readonly ComparedRun[]): Promise<void> {
  const charts = comparisonCharts(c, runs);
  const headline = firstChart(c, runs);
  await writeChartFiles(dir, [headline, ...charts]);
  const name = (d: DesignFigures): string => designName(d, c.designs);
  const html = chartReportHtml({
    summary: compareSummarySentences(c),
    title: `Compare: ${c.designs.map(name).join(' vs ')}`,
    headline: [headline],
    intro: [
      `${c.run.replications} replications per design (scenario × variant), seed ${c.run.seed}, common random numbers; orisim ${c.run.version}.`,
      `Baseline: ${designName(c.baseline, c.designs)}. Differences are design − baseline, paired over replications, with 95% intervals; * = the interval excludes zero.`,
      `A design is marked biased when more than ${BIAS_UNFINISHED_SHARE * 100}% of its counted changes were not live when the run ended: its lead times describe only the changes that finished, so they are understated.`,
    ],
    files: [
      ...c.scenarios.map((s) => `${s.name}: ${s.file} (SHA-256 ${s.sha256}), variants ${s.variants.join(', ')}`),
      ...c.designs.map((d) => `${name(d)}: ${d.label} in comparison.json and comparison.csv (what --baseline takes)`),
    ],
    warnings: comparisonWarnings(c),
    tables: [{ heading: 'Headline numbers', rows: headlineRows(c) }, { heading: DORA_HEADING, rows: doraRows(c.designs.map((d) => ({ ...d, label: name(d) }))) }],
    charts,
  });
  await writeFile(join(dir, 'report.html'), html);
}
