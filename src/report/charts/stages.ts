// Where the time goes: mean wait per stage and the active work, stacked per variant.
import type { TopLevelSpec } from 'vega-lite';
import type { ReportInput } from '../report-input.js';
import { type ChartDef, CHART_WIDTH, baseSpec, summaryOf, title, variantsOf } from './common.js';
import { ACTIVE_COLOUR, ACTIVE_LABEL, STAGE_LABEL, STAGE_ORDER, stageColour, VARIANT_LABEL } from './palette.js';

export interface StageSegment {
  variant: string;
  segment: string;
  order: number;
  days: number;
  /** Active work is effort in hours; the bar shows it as hours / 24 days. */
  hours: number | null;
}

/** One segment per stage wait (summary meanWaitDays), then the active work (Σ meanActiveHours / 24). */
export function stageSegments(input: ReportInput): StageSegment[] {
  const out: StageSegment[] = [];
  for (const v of variantsOf(input)) {
    const stages = summaryOf(input, v).stages;
    const activeHours = STAGE_ORDER.reduce((s, st) => s + stages[st].meanActiveHours, 0);
    out.push({ variant: VARIANT_LABEL[v], segment: ACTIVE_LABEL, order: 0, days: activeHours / 24, hours: activeHours });
    STAGE_ORDER.forEach((st, i) => {
      out.push({ variant: VARIANT_LABEL[v], segment: `Wait: ${STAGE_LABEL[st]}`, order: i + 1, days: stages[st].meanWaitDays, hours: null });
    });
  }
  return out;
}

export function stageWaits(input: ReportInput): ChartDef {
  const text = 'Where the time goes: mean wait per stage, per variant';
  const segments = stageSegments(input);
  const domain = [ACTIVE_LABEL, ...STAGE_ORDER.map((s) => `Wait: ${STAGE_LABEL[s]}`)];
  const range = [ACTIVE_COLOUR, ...STAGE_ORDER.map(stageColour)];
  const totals = variantsOf(input).map((v) => {
    const days = segments.filter((s) => s.variant === VARIANT_LABEL[v]).reduce((a, s) => a + s.days, 0);
    return { variant: VARIANT_LABEL[v], days, label: `${days.toFixed(1)} d` };
  });
  const y = { field: 'variant', type: 'nominal', title: null, sort: variantsOf(input).map((v) => VARIANT_LABEL[v]) };
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Mean days per change (calendar time)', 'Active work: effort hours ÷ 24']),
    width: CHART_WIDTH,
    height: { step: 44 },
    layer: [
      {
        data: { values: segments.filter((s) => s.days > 0) },
        mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          y,
          x: { field: 'days', type: 'quantitative', stack: 'zero', title: 'Mean time per change (days)' },
          color: { field: 'segment', type: 'nominal', title: null, scale: { domain, range },
            legend: { orient: 'bottom', columns: 3, symbolType: 'square' } },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [
            { field: 'variant', title: 'Variant' }, { field: 'segment', title: 'Stage' },
            { field: 'days', title: 'Mean (days)', format: '.2f' }, { field: 'hours', title: 'Effort (hours)', format: '.1f' },
          ],
        },
      },
      {
        data: { values: totals },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, fontWeight: 'bold' },
        encoding: { y, x: { field: 'days', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return { name: 'stage-waits', title: text, spec: spec as unknown as TopLevelSpec };
}
