// Lead-time charts: the distribution per variant (histogram with p50/p85/p95 rules) and the
// cumulative distribution of both variants on one chart, with "85% live within N days" marked.
import type { TopLevelSpec } from 'vega-lite';
import type { Variant } from '../../scenario/types.js';
import type { ReportInput } from '../report-input.js';
import {
  type ChartDef, CHART_WIDTH, baseSpec, formatDays, withHalo, leadTimesDays, niceStep, quantileSorted, round, summaryOf, title, variantsOf,
} from './common.js';
import { MUTED_COLOUR, TEXT_COLOUR, VARIANT_COLOUR, VARIANT_LABEL, variantScale } from './palette.js';

export interface HistogramBin {
  variant: string;
  from: number;
  to: number;
  changes: number;
  /** Share of the variant's completed counted changes, 0–1. */
  share: number;
}

export interface PercentileRule {
  variant: string;
  percentile: 'p50' | 'p85' | 'p95';
  days: number;
  label: string;
  labelY: number;
}

const BIN_COUNT = 40;
/** The x axes stop at the largest 99th percentile of the variants; longer lead times go in the last bar. */
const AXIS_QUANTILE = 0.99;

export interface LeadTimeAxis {
  /** Bin width in days. */
  step: number;
  /** Right end of the axis in days: a whole number of bins. */
  max: number;
}

export function leadTimeAxis(input: ReportInput): LeadTimeAxis {
  const cap = Math.max(0, ...variantsOf(input).map((v) => quantileSorted(leadTimesDays(input, v), AXIS_QUANTILE)).filter(Number.isFinite));
  const step = niceStep(cap, BIN_COUNT);
  return { step, max: round(Math.max(1, Math.ceil(cap / step - 1e-9)) * step) };
}

/** Bins over [0, axis max], the same edges for every variant; the last bin also holds everything longer. */
export function leadTimeHistogram(input: ReportInput): HistogramBin[] {
  const { step, max } = leadTimeAxis(input);
  const n = Math.round(max / step);
  const bins: HistogramBin[] = [];
  for (const v of variantsOf(input)) {
    const xs = leadTimesDays(input, v);
    const counts = new Array<number>(n).fill(0);
    for (const x of xs) counts[Math.min(n - 1, Math.floor(x / step))]! += 1;
    counts.forEach((c, i) => {
      bins.push({ variant: VARIANT_LABEL[v], from: round(i * step), to: round((i + 1) * step), changes: c, share: xs.length ? round(c / xs.length, 5) : 0 });
    });
  }
  return bins;
}

export function percentileRules(input: ReportInput, variant: Variant): PercentileRule[] {
  const lt = summaryOf(input, variant).leadTimeDays;
  return (['p50', 'p85', 'p95'] as const).map((p, i) => ({
    variant: VARIANT_LABEL[variant], percentile: p, days: lt[p], label: `${p} ${formatDays(lt[p])} d`, labelY: 4 + 14 * i,
  }));
}

export function leadTimeDistribution(input: ReportInput): ChartDef {
  const text = 'Lead time from ready to live, per variant';
  const bins = leadTimeHistogram(input);
  const xMax = leadTimeAxis(input).max;
  const lastFrom = bins.length > 0 ? bins[bins.length - 1]!.from : 0;
  const panels = variantsOf(input).map((v) => ({
    title: { text: VARIANT_LABEL[v], anchor: 'start', fontSize: 12, color: VARIANT_COLOUR[v] },
    width: CHART_WIDTH,
    height: 130,
    layer: [
      {
        data: { values: bins.filter((b) => b.variant === VARIANT_LABEL[v]) },
        mark: { type: 'bar', color: VARIANT_COLOUR[v], binSpacing: 1, tooltip: true },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: 'Lead time, ready → live (days)', scale: { domain: [0, xMax], nice: false } },
          x2: { field: 'to' },
          y: { field: 'share', type: 'quantitative', title: 'Share of changes', axis: { format: '.0%', tickCount: 4 } },
          y2: { datum: 0 },
          tooltip: [
            { field: 'from', title: 'From (days)' }, { field: 'to', title: 'To (days)' },
            { field: 'changes', title: 'Changes' }, { field: 'share', title: 'Share', format: '.1%' },
          ],
        },
      },
      {
        data: { values: percentileRules(input, v) },
        layer: [
          {
            mark: { type: 'rule', color: TEXT_COLOUR, strokeDash: [4, 3], strokeWidth: 1.5 },
            encoding: {
              x: { field: 'days', type: 'quantitative' },
              tooltip: [{ field: 'percentile', title: 'Percentile' }, { field: 'days', title: 'Days', format: '.1f' }],
            },
          },
          ...withHalo({
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, fontSize: 11, color: TEXT_COLOUR },
            encoding: {
              x: { field: 'days', type: 'quantitative' },
              y: { field: 'labelY', type: 'quantitative', scale: null },
              text: { field: 'label' },
            },
          }),
        ],
      },
    ],
  }));
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Completed changes, warm-up excluded', `Dashed: 50th, 85th, 95th percentiles; last bar: ≥ ${formatDays(lastFrom)} days`]),
    vconcat: panels,
    resolve: { scale: { x: 'shared', y: 'shared' } },
  };
  return { name: 'lead-time-distribution', title: text, spec: spec as unknown as TopLevelSpec };
}

export interface CdfPoint {
  variant: string;
  /** Share of completed changes live within `days`, 0–1. */
  share: number;
  days: number;
}

export const CDF_POINTS = 200;

/** The empirical CDF as ~200 quantiles per variant (q = 0, 1/199, …, 1). */
export function leadTimeCdf(input: ReportInput): CdfPoint[] {
  const out: CdfPoint[] = [];
  for (const v of variantsOf(input)) {
    const xs = leadTimesDays(input, v);
    if (xs.length === 0) continue;
    for (let i = 0; i < CDF_POINTS; i++) {
      const q = i / (CDF_POINTS - 1);
      out.push({ variant: VARIANT_LABEL[v], share: round(q, 4), days: round(quantileSorted(xs, q)) });
    }
  }
  return out;
}

export function leadTimeCdfChart(input: ReportInput): ChartDef {
  const text = 'Share of changes live within a given lead time';
  const variants = variantsOf(input);
  const marks = variants.map((v, i) => {
    const p85 = summaryOf(input, v).leadTimeDays.p85;
    return { variant: VARIANT_LABEL[v], days: p85, share: 0.85, label: `${VARIANT_LABEL[v]}: 85% of changes are live within ${formatDays(p85)} days`, zero: 0, labelY: 0.04 + 0.08 * (variants.length - 1 - i) };
  });
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } };
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Completed changes, warm-up excluded', `The axis ends at the 99th percentile (${formatDays(leadTimeAxis(input).max)} days)`]),
    width: CHART_WIDTH,
    height: 300,
    layer: [
      {
        data: { values: [{ share: 0.85 }] },
        mark: { type: 'rule', color: MUTED_COLOUR, strokeDash: [2, 3] },
        encoding: { y: { field: 'share', type: 'quantitative' } },
      },
      {
        // Points past the axis are dropped rather than clipped: vega's clip-path ids come from a
        // process-wide counter, which would make the SVG differ between two renders.
        data: { values: leadTimeCdf(input).filter((p) => p.days <= leadTimeAxis(input).max) },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: { field: 'days', type: 'quantitative', title: 'Lead time, ready → live (days)', scale: { domain: [0, leadTimeAxis(input).max], nice: false } },
          y: { field: 'share', type: 'quantitative', title: 'Share of changes live', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
          color: colour,
          tooltip: [{ field: 'variant', title: 'Variant' }, { field: 'share', title: 'Share live', format: '.0%' }, { field: 'days', title: 'Within (days)', format: '.1f' }],
        },
      },
      {
        data: { values: marks },
        layer: [
          {
            mark: { type: 'rule', strokeDash: [4, 3] },
            encoding: { x: { field: 'days', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' }, y2: { field: 'zero' }, color: colour },
          },
          {
            mark: { type: 'point', filled: true, size: 60 },
            encoding: { x: { field: 'days', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' }, color: colour,
              tooltip: [{ field: 'label', title: 'p85' }] },
          },
          // Bottom right of a CDF is mostly empty: the annotations go there, the droplines point at N.
          ...withHalo({
            mark: { type: 'text', align: 'right', baseline: 'middle', fontSize: 11, fontWeight: 'bold' },
            encoding: { x: { value: CHART_WIDTH - 4 }, y: { field: 'labelY', type: 'quantitative' }, text: { field: 'label' }, color: colour },
          }),
        ],
      },
    ],
  };
  return { name: 'lead-time-cdf', title: text, spec: spec as unknown as TopLevelSpec };
}
