// Charts and report.html of `orisim sweep`: lead time (p50 and p85, with 95% intervals) and total
// cost against the swept parameter, per variant, with rules where a team's utilisation first
// reaches 85% and 100%. A point whose lead times are biased (more than 2% of its counted changes
// unfinished) is drawn hollow, and the chart says why.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { CostMinimum, Crossing, SweepPoint } from '../stats/sweep.js';
import { numericValues, sweepRows } from '../stats/sweep.js';
import { baseSpec, CHART_WIDTH, round, type ChartDef } from './charts/common.js';
import { MUTED_COLOUR, TEAM_LABEL, VARIANT_LABEL, variantScale } from './charts/palette.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import { chartReportHtml, chartTitle, writeChartFiles } from './chart-page.js';
import { sweepWarnings } from './sweep-warnings.js';
import { sweepSummarySentences, type ValuesBeyond } from './sweep-summary.js';
import { groupDigits } from '../scenario/group-digits.js';

/** Lead times and costs cannot be negative: every y scale starts at zero. */
const Y_FROM_ZERO = { zero: true, domainMin: 0 } as const;

export interface SweepInfo {
  scenario: string;
  param: string;
  values: readonly string[];
  replications: number;
  seed: number;
  currency: string;
  version: string;
  /** Whether values exist beyond the first and the last swept (absent: not known, e.g. merged from older shards). */
  beyond?: ValuesBeyond;
}

function caption(s: SweepInfo): string {
  return `Scenario ${s.scenario} · ${s.param} swept over ${s.values.length} values · seed ${s.seed} · ${s.replications} replications each`;
}

/** The x encoding: quantitative when every value is a number, else ordinal in sweep order. */
function xEncoding(s: SweepInfo): Record<string, unknown> {
  return numericValues(s.values)
    ? { field: 'x', type: 'quantitative', title: s.param, scale: { zero: false } }
    : { field: 'x', type: 'ordinal', title: s.param, sort: [...s.values] };
}

function xOf(s: SweepInfo, value: string): number | string {
  return numericValues(s.values) ? Number(value) : value;
}

function variantsIn(points: readonly SweepPoint[]): SweepPoint['variant'][] {
  return [...new Set(points.map((p) => p.variant))];
}

/** The note of a chart that has hollow (biased) points. */
export const HOLLOW_NOTE = `Hollow points: biased, more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes unfinished, so lead times are understated`;

function hollowNote(points: readonly SweepPoint[]): string[] {
  return points.some((p) => p.biased) ? [HOLLOW_NOTE] : [];
}

/** Points coloured by variant: filled, or hollow (white inside) where the result is biased. */
function pointLayers(s: SweepInfo, values: readonly { biased: boolean }[], colour: object, detail?: string): object[] {
  const encoding = {
    x: xEncoding(s),
    y: { field: 'mean', type: 'quantitative' },
    color: colour,
    ...(detail !== undefined ? { detail: { field: detail } } : {}),
  };
  // A layer only when it has points: an empty layer makes Vega warn of an infinite extent.
  const biased = values.filter((v) => v.biased).length;
  return [
    ...(biased < values.length ? [{ data: { values }, transform: [{ filter: '!datum.biased' }], mark: { type: 'point', filled: true, size: 30 }, encoding }] : []),
    ...(biased > 0 ? [{ data: { values }, transform: [{ filter: 'datum.biased' }], mark: { type: 'point', filled: false, fill: '#ffffff', fillOpacity: 1, size: 45, strokeWidth: 1.5 }, encoding }] : []),
  ];
}

function crossingLayers(s: SweepInfo, cross: readonly Crossing[]): object[] {
  if (cross.length === 0) return [];
  // One rule per crossing; labels stacked one under the other so they never overlap.
  const values = cross.map((c, i) => ({
    x: xOf(s, c.value),
    label: `${TEAM_LABEL[c.team]} ≥ ${c.threshold} (${VARIANT_LABEL[c.variant]}) at ${c.value}`,
    threshold: c.threshold,
    dy: 12 * i,
  }));
  return [
    {
      data: { values },
      mark: { type: 'rule', strokeDash: [4, 3], color: MUTED_COLOUR },
      encoding: { x: { ...xEncoding(s) }, strokeWidth: { field: 'threshold', type: 'ordinal', sort: ['85%', '100%'], scale: { domain: ['85%', '100%'], range: [1, 2] }, legend: null } },
    },
    {
      data: { values },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 9, color: MUTED_COLOUR, angle: 0 },
      encoding: { x: { ...xEncoding(s) }, y: { value: 0 }, yOffset: { field: 'dy', type: 'quantitative', scale: null }, text: { field: 'label' } },
    },
  ];
}

export function sweepLeadTime(s: SweepInfo, points: readonly SweepPoint[], cross: readonly Crossing[]): ChartDef {
  const text = `Lead time against ${s.param}`;
  const variants = variantsIn(points);
  const values = points.flatMap((p) =>
    (['p50', 'p85'] as const).map((q) => {
      const e = q === 'p50' ? p.leadTimeP50Days : p.leadTimeP85Days;
      return {
        x: xOf(s, p.value), variant: VARIANT_LABEL[p.variant], percentile: q, mean: round(e.mean, 3), lo: round(e.ci95[0], 3), hi: round(e.ci95[1], 3),
        unfinished: round(p.unfinishedShare, 4), biased: p.biased,
      };
    }),
  );
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } };
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [
      'p50 (solid) and p85 (dashed) lead time, ready → live, with 95% intervals',
      'Rules: where a team\'s utilisation first reaches 85% / 100%',
      ...hollowNote(points),
      caption(s),
    ]),
    width: CHART_WIDTH,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
        encoding: { x: xEncoding(s), y: { field: 'lo', type: 'quantitative', title: 'Lead time (days)', scale: Y_FROM_ZERO }, y2: { field: 'hi' }, color: colour, detail: { field: 'percentile' } },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2, tooltip: true },
        encoding: {
          x: xEncoding(s),
          y: { field: 'mean', type: 'quantitative' },
          color: colour,
          strokeDash: { field: 'percentile', type: 'nominal', title: 'Percentile', scale: { domain: ['p50', 'p85'], range: [[1, 0], [6, 3]] }, legend: { orient: 'bottom' } },
          tooltip: [
            { field: 'x', title: s.param }, { field: 'variant', title: 'Variant' }, { field: 'percentile', title: 'Percentile' },
            { field: 'mean', title: 'Days' }, { field: 'lo', title: '95% CI low' }, { field: 'hi', title: '95% CI high' },
            { field: 'unfinished', title: 'Unfinished', format: '.1%' },
          ],
        },
      },
      // Points apart from the lines, so that the percentile legend shows solid and dashed strokes.
      ...pointLayers(s, values, colour, 'percentile'),
      ...crossingLayers(s, cross),
    ],
  };
  return { name: 'sweep-lead-time', title: text, spec: spec as unknown as TopLevelSpec };
}

export function sweepTotalCost(s: SweepInfo, points: readonly SweepPoint[], cross: readonly Crossing[]): ChartDef {
  const text = `Total cost against ${s.param}`;
  const variants = variantsIn(points);
  const values = points.map((p) => ({
    x: xOf(s, p.value), variant: VARIANT_LABEL[p.variant], mean: round(p.totalCost.mean, 0), lo: round(p.totalCost.ci95[0], 0), hi: round(p.totalCost.ci95[1], 0),
    unfinished: round(p.unfinishedShare, 4), biased: p.biased,
  }));
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } };
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [`Setup (one-off) + run + opportunity cost per replication over the counted period (warm-up to horizon), ${s.currency}, with 95% intervals`, ...hollowNote(points), caption(s)]),
    width: CHART_WIDTH,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
        encoding: { x: xEncoding(s), y: { field: 'lo', type: 'quantitative', title: `Total cost, counted period (${s.currency})`, axis: { format: ',.0f' }, scale: Y_FROM_ZERO }, y2: { field: 'hi' }, color: colour },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2, tooltip: true },
        encoding: {
          x: xEncoding(s), y: { field: 'mean', type: 'quantitative' }, color: colour,
          tooltip: [
            { field: 'x', title: s.param }, { field: 'variant', title: 'Variant' }, { field: 'mean', title: 'Total cost, counted period', format: ',.0f' },
            { field: 'lo', title: '95% CI low', format: ',.0f' }, { field: 'hi', title: '95% CI high', format: ',.0f' }, { field: 'unfinished', title: 'Unfinished', format: '.1%' },
          ],
        },
      },
      ...pointLayers(s, values, colour),
      ...crossingLayers(s, cross),
    ],
  };
  return { name: 'sweep-total-cost', title: text, spec: spec as unknown as TopLevelSpec };
}

const est = (e: { mean: number; ci95: [number, number] }, digits: number): string =>
  Number.isFinite(e.mean) ? `${e.mean.toFixed(digits)} (${e.ci95[0].toFixed(digits)}–${e.ci95[1].toFixed(digits)})` : '–';
const whole = (x: number): string => (Number.isFinite(x) ? groupDigits(Math.round(x)) : '–');
const pct0 = (x: number): string => (Number.isFinite(x) ? (x * 100).toFixed(0) : '–');

/** The sweep's table as the report shows it: one row per value × variant, few columns, that fits a page. */
export function compactSweepRows(s: SweepInfo, points: readonly SweepPoint[]): Record<string, string>[] {
  return points.map((p) => ({
    [s.param]: p.value,
    variant: VARIANT_LABEL[p.variant],
    'lead p50 d (95% CI)': est(p.leadTimeP50Days, 1),
    'lead p85 d (95% CI)': est(p.leadTimeP85Days, 1),
    'unfinished': `${percent(p.unfinishedShare)}${p.biased ? ' (biased)' : ''}`,
    [`total cost/yr, ${s.currency} (95% CI)`]: `${whole(p.totalCostPerYear.mean)} (${whole(p.totalCostPerYear.ci95[0])}–${whole(p.totalCostPerYear.ci95[1])})`,
    'utilisation deliv / CM / AS / OOH %': `${pct0(p.utilisation.delivery)} / ${pct0(p.utilisation.changeManagement)} / ${pct0(p.utilisation.applicationSupport)} / ${pct0(p.utilisation.outOfHoursWindows)}`,
  }));
}

export async function writeSweepCharts(dir: string, s: SweepInfo, points: readonly SweepPoint[], cross: readonly Crossing[], minima: readonly CostMinimum[]): Promise<void> {
  const charts = [sweepLeadTime(s, points, cross), sweepTotalCost(s, points, cross)];
  await writeChartFiles(dir, charts);
  const html = chartReportHtml({
    summary: sweepSummarySentences(s.param, s.currency, points, minima, cross, s.beyond),
    title: `Sweep: ${s.scenario}, ${s.param}`,
    intro: [
      `${s.param} = ${s.values.join(', ')}; ${s.replications} replications per value and variant, seed ${s.seed} (common random numbers); orisim ${s.version}.`,
      'p50 and p85 are means over replications of each replication\'s percentile, with 95% intervals.',
      `A result is marked biased (hollow points) when more than ${BIAS_UNFINISHED_SHARE * 100}% of its counted changes were not live when the run ended: its lead times describe only the changes that finished, so they are understated.`,
    ],
    warnings: sweepWarnings(s.param, points),
    tables: [
      { heading: 'Utilisation thresholds crossed', rows: cross.map((c) => ({ variant: VARIANT_LABEL[c.variant], team: TEAM_LABEL[c.team], threshold: c.threshold, [s.param]: c.value, utilisation: round(c.utilisation, 3) })) },
      { heading: 'Results per value and variant', rows: compactSweepRows(s, points), wrap: true },
      { heading: 'Every column of sweep.csv (wide; on screen only)', rows: sweepRows(s.param, points), folded: true },
    ],
    charts,
  });
  await writeFile(join(dir, 'report.html'), html);
}
