// Lead time per change class and per path (summary.json byClass, byPath): one panel per breakdown,
// a bar pair per group and variant — the median (solid) inside the 85th percentile (light) — with
// both figures written at the end in the unit they read best in (minutes, hours or days).
import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput } from '../report-input.js';
import { BREAKDOWNS, breakdownEntries, type BreakdownKey } from '../../stats/breakdowns.js';
import { compactDuration } from '../words.js';
import { type ChartDef, CHART_WIDTH, baseSpec, niceStep, round, title, variantsOf, withHalo } from './common.js';
import { TEXT_COLOUR, variantLabel, variantScale } from './palette.js';

export const BY_CLASS_CHART = 'lead-time-by-class-path';

export interface BreakdownBar {
  breakdown: BreakdownKey;
  /** The group as shown (a class name, a path in words). */
  group: string;
  variant: string;
  completed: number;
  p50: number;
  p85: number;
  p95: number;
  mean: number;
  ciLow: number;
  ciHigh: number;
  label: string;
}

/** One bar pair per breakdown × variant × group, straight from summary.json (days, unrounded). */
export function breakdownBars(input: ReportInput): BreakdownBar[] {
  return BREAKDOWNS.flatMap((b) =>
    breakdownEntries(input.summary, b.key).map(({ variant, group, lead }) => ({
      breakdown: b.key,
      group: b.label(group),
      variant: variantLabel(variant),
      completed: lead.completed,
      p50: lead.p50,
      p85: lead.p85,
      p95: lead.p95,
      mean: lead.mean,
      ciLow: lead.ci95[0],
      ciHigh: lead.ci95[1],
      label: `${compactDuration(lead.p50)} / ${compactDuration(lead.p85)}`,
    })),
  );
}

/** Width kept for the group names, the same in every panel so that the bars line up. */
const Y_LABELS = 210;

const PANEL_TITLE: Record<BreakdownKey, string> = { class: 'By change class', path: 'By path' };

export function leadTimeByClassPath(input: ReportInput): ChartDef {
  const text = 'Lead time by change class and by path';
  const bars = breakdownBars(input);
  const variants = variantsOf(input);
  const scale = variantScale(variants);
  // Room on the right for the labels: the axis runs 45% past the longest 85th percentile.
  const longest = Math.max(1, ...bars.map((b) => b.p85).filter(Number.isFinite));
  const step = niceStep(longest * 1.45, 6);
  const xMax = round(Math.ceil((longest * 1.45) / step) * step);
  const x = { type: 'quantitative', scale: { domain: [0, xMax], nice: false } };
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale, legend: { orient: 'bottom', symbolOpacity: 1 } };
  const tooltip = [
    { field: 'group', title: 'Group' }, { field: 'variant', title: 'Variant' }, { field: 'completed', title: 'Completed changes' },
    { field: 'p50', title: 'p50 (days)', format: '.2f' }, { field: 'p85', title: 'p85 (days)', format: '.2f' },
    { field: 'p95', title: 'p95 (days)', format: '.2f' }, { field: 'mean', title: 'Mean (days)', format: '.2f' },
    { field: 'ciLow', title: 'Mean, 95% CI from', format: '.2f' }, { field: 'ciHigh', title: 'Mean, 95% CI to', format: '.2f' },
  ];
  const panels = BREAKDOWNS.map((b) => {
    const values = bars.filter((r) => r.breakdown === b.key);
    const y = { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320, minExtent: Y_LABELS, maxExtent: Y_LABELS } };
    const yOffset = { field: 'variant', type: 'nominal', sort: scale.domain, scale: { paddingInner: 0.15 } };
    return {
      title: { text: PANEL_TITLE[b.key], anchor: 'start', frame: 'group', fontSize: 12 },
      width: CHART_WIDTH,
      height: { step: 18, for: 'offset' },
      data: { values },
      layer: [
        {
          mark: { type: 'bar', opacity: 0.35, tooltip: true },
          encoding: { y, yOffset, x: { ...x, field: 'p85', title: 'Lead time, ready → live (days)' }, color: colour, tooltip },
        },
        {
          mark: { type: 'bar', tooltip: true, height: { band: 0.5 } },
          encoding: { y, yOffset, x: { ...x, field: 'p50' }, color: colour, tooltip },
        },
        ...withHalo({
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 10, color: TEXT_COLOUR },
          encoding: { y, yOffset, x: { ...x, field: 'p85' }, text: { field: 'label' } },
        }),
      ],
    };
  });
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Completed changes, warm-up excluded; solid bar: median (p50), light bar: 85th percentile', 'Labels: p50 / p85 (min = minutes, h = hours, d = days)']),
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
  return { name: BY_CLASS_CHART, title: text, spec: spec as unknown as TopLevelSpec };
}
