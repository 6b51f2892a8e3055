// Flow over time: deployments per week (mean over replications), changes decided per CAB
// meeting, and the cumulative flow diagram of replication 1.
import type { TopLevelSpec } from 'vega-lite';
import type { Variant } from '../../scenario/types.js';
import type { Stage } from '../../model/records.js';
import type { ReportInput } from '../report-input.js';
import { type ChartDef, CHART_WIDTH, MINUTES_PER_DAY, baseSpec, round, summaryOf, title, variantsOf } from './common.js';
import { calendarLayers, calendarLegend } from './calendar-bands.js';
import {
  LIVE_COLOUR, LIVE_LABEL, MUTED_COLOUR, STAGE_LABEL, STAGE_ORDER, stageColour, VARIANT_COLOUR, VARIANT_LABEL, variantScale,
} from './palette.js';

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export interface WeeklyMean {
  variant: string;
  week: number;
  deployments: number;
}

/** Mean deployments per week over replications, per variant. */
export function weeklyMeans(input: ReportInput): WeeklyMean[] {
  const out: WeeklyMean[] = [];
  for (const v of variantsOf(input)) {
    const sums = new Map<number, { total: number; n: number }>();
    for (const r of input.deploymentsByWeek) {
      if (r.variant !== v) continue;
      const s = sums.get(r.week) ?? { total: 0, n: 0 };
      s.total += r.deployments;
      s.n += 1;
      sums.set(r.week, s);
    }
    for (const week of [...sums.keys()].sort((a, b) => a - b)) {
      const s = sums.get(week)!;
      out.push({ variant: VARIANT_LABEL[v], week, deployments: round(s.total / s.n) });
    }
  }
  return out;
}

export function deploymentsPerWeek(input: ReportInput): ChartDef {
  const text = 'Deployments per week over the run';
  const variants = variantsOf(input);
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } };
  const means = variants.map((v) => ({ variant: VARIANT_LABEL[v], mean: summaryOf(input, v).deploymentsPerWeek.mean }));
  const spec = {
    ...baseSpec(),
    title: title(text, input, [`Mean over ${input.summary.run.replications} replications`, 'Dashed: mean per week over the counted period', ...calendarLegend(input, MINUTES_PER_WEEK)]),
    width: CHART_WIDTH,
    height: 240,
    layer: [
      ...calendarLayers(input, MINUTES_PER_WEEK, 'Week since start'),
      {
        data: { values: weeklyMeans(input) },
        mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'week', type: 'quantitative', title: 'Week since start' },
          y: { field: 'deployments', type: 'quantitative', title: 'Deployments per week' },
          color: colour,
          tooltip: [{ field: 'variant', title: 'Variant' }, { field: 'week', title: 'Week' }, { field: 'deployments', title: 'Deployments (mean)', format: '.2f' }],
        },
      },
      {
        data: { values: means },
        mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: {
          y: { field: 'mean', type: 'quantitative' }, color: colour,
          tooltip: [{ field: 'variant', title: 'Variant' }, { field: 'mean', title: 'Mean per week', format: '.2f' }],
        },
      },
    ],
  };
  return { name: 'deployments-per-week', title: text, spec: spec as unknown as TopLevelSpec };
}

export interface CabMeetingMean {
  variant: string;
  meeting: number;
  week: number;
  decided: number;
  approved: number;
  spillOver: number;
}

/** Changes decided per CAB meeting (by meeting index), mean over replications, per variant. */
export function cabMeetingMeans(input: ReportInput): CabMeetingMean[] {
  const out: CabMeetingMean[] = [];
  for (const v of variantsOf(input)) {
    const byIndex = new Map<number, { n: number; time: number; decided: number; approved: number; spillOver: number }>();
    for (const m of input.cabMeetings) {
      if (m.variant !== v) continue;
      const s = byIndex.get(m.index) ?? { n: 0, time: 0, decided: 0, approved: 0, spillOver: 0 };
      s.n += 1;
      s.time += m.time;
      s.decided += m.decided;
      s.approved += m.approved;
      s.spillOver += m.spillOver;
      byIndex.set(m.index, s);
    }
    for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
      const s = byIndex.get(index)!;
      out.push({
        variant: VARIANT_LABEL[v], meeting: index, week: round(s.time / s.n / MINUTES_PER_DAY / 7, 2),
        decided: round(s.decided / s.n), approved: round(s.approved / s.n), spillOver: round(s.spillOver / s.n),
      });
    }
  }
  return out;
}

export function changesPerCab(input: ReportInput): ChartDef {
  const text = 'Changes decided at each CAB meeting';
  const variants = variantsOf(input);
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } };
  const capacity = input.scenario.teams.changeManagement.cab.capacity;
  const spec = {
    ...baseSpec(),
    title: title(text, input, [`Mean over ${input.summary.run.replications} replications`, `Dashed: the meeting's capacity (${capacity})`, ...calendarLegend(input, MINUTES_PER_WEEK)]),
    width: CHART_WIDTH,
    height: 220,
    layer: [
      ...calendarLayers(input, MINUTES_PER_WEEK, 'Week since start'),
      {
        data: { values: cabMeetingMeans(input) },
        mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'week', type: 'quantitative', title: 'Week since start' },
          y: { field: 'decided', type: 'quantitative', title: 'Changes decided per meeting' },
          color: colour,
          tooltip: [
            { field: 'variant', title: 'Variant' }, { field: 'meeting', title: 'Meeting' }, { field: 'week', title: 'Week', format: '.1f' },
            { field: 'decided', title: 'Decided (mean)', format: '.2f' }, { field: 'approved', title: 'Approved (mean)', format: '.2f' },
            { field: 'spillOver', title: 'Spill-over (mean)', format: '.2f' },
          ],
        },
      },
      {
        data: { values: [{ capacity, label: `capacity ${capacity}` }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [6, 4], color: MUTED_COLOUR }, encoding: { y: { field: 'capacity', type: 'quantitative' } } },
          {
            // Centred: the corners carry the warm-up and freeze labels.
            mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -3, fontSize: 10, color: MUTED_COLOUR },
            encoding: { y: { field: 'capacity', type: 'quantitative' }, x: { value: CHART_WIDTH / 2 }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
  return { name: 'changes-per-cab', title: text, spec: spec as unknown as TopLevelSpec };
}

/** One sampled day: the count per stage key ('live' = cumulative live). */
export type FlowRow = { day: number } & Partial<Record<Stage | 'live', number>>;

/** At most this many sampled days per variant are inlined. */
export const CFD_MAX_DAYS = 160;

/**
 * WIP per stage of replication 1 for one variant, one wide row per sampled day (the chart folds
 * them), thinned to ≤ CFD_MAX_DAYS days; stages that are always empty are left out.
 */
export function flowRows(input: ReportInput, variant: Variant): { keys: (Stage | 'live')[]; rows: FlowRow[] } {
  const samples = input.wip.filter((w) => w.replication === 1 && w.variant === variant);
  const days = [...new Set(samples.map((s) => s.day))].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(days.length / CFD_MAX_DAYS));
  const kept = new Set(days.filter((_, i) => i % every === 0 || i === days.length - 1));
  const nonEmpty = new Set(samples.filter((s) => s.count > 0).map((s) => s.stage));
  const keys = (['live', ...STAGE_ORDER] as const).filter((k) => nonEmpty.has(k));
  const byDay = new Map<number, FlowRow>();
  for (const s of samples) {
    if (!kept.has(s.day) || !nonEmpty.has(s.stage)) continue;
    const row = byDay.get(s.day) ?? { day: s.day };
    row[s.stage] = s.count;
    byDay.set(s.day, row);
  }
  return { keys, rows: [...byDay.keys()].sort((a, b) => a - b).map((d) => byDay.get(d)!) };
}

/** Stage key → legend label and stack order (validation at the bottom, request on top). */
function bandTable(): { stage: string; band: string; order: number }[] {
  return [...STAGE_ORDER].reverse().map((b, i) => ({ stage: b, band: STAGE_LABEL[b], order: i }));
}

/**
 * Work in progress per stage as stacked bands on the left axis, and changes live so far as a line
 * on an axis of its own (right): on one stacked scale the growing live count flattens the bands.
 */
export function cumulativeFlow(input: ReportInput): ChartDef {
  const text = 'Cumulative flow: changes in each stage over time (replication 1)';
  const domain = STAGE_ORDER.map((s) => STAGE_LABEL[s]);
  const range = STAGE_ORDER.map(stageColour);
  const x = { field: 'day', type: 'quantitative', title: 'Day since start', scale: { nice: false } };
  const panels = variantsOf(input).map((v) => {
    const { keys, rows } = flowRows(input, v);
    const stages = keys.filter((k) => k !== 'live');
    return {
      title: { text: VARIANT_LABEL[v], anchor: 'start', fontSize: 12, color: VARIANT_COLOUR[v] },
      width: CHART_WIDTH,
      height: 170,
      data: { values: rows },
      layer: [
        ...calendarLayers(input, MINUTES_PER_DAY, 'Day since start'),
        {
          transform: [
            { fold: stages, as: ['stage', 'count'] },
            { lookup: 'stage', from: { data: { values: bandTable() }, key: 'stage', fields: ['band', 'order'] } },
          ],
          mark: { type: 'area', interpolate: 'step-after', tooltip: true },
          encoding: {
            x,
            y: { field: 'count', type: 'quantitative', stack: 'zero', title: 'Changes in progress' },
            color: { field: 'band', type: 'nominal', title: null, scale: { domain, range }, legend: { orient: 'bottom', columns: 4, symbolType: 'square' } },
            order: { field: 'order', type: 'quantitative' },
            tooltip: [{ field: 'day', title: 'Day' }, { field: 'band', title: 'Stage' }, { field: 'count', title: 'Changes' }],
          },
        },
        {
          transform: [{ filter: 'datum.live != null' }],
          mark: { type: 'line', interpolate: 'step-after', color: LIVE_COLOUR, strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'live', type: 'quantitative', title: LIVE_LABEL, axis: { orient: 'right', titleColor: LIVE_COLOUR } },
            tooltip: [{ field: 'day', title: 'Day' }, { field: 'live', title: LIVE_LABEL }],
          },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    };
  });
  const spec = {
    ...baseSpec(),
    title: title(text, input, ['Bands (left axis): work in progress per stage', `Line (right axis): ${LIVE_LABEL.toLowerCase()}`, ...calendarLegend(input, MINUTES_PER_DAY)]),
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
  return { name: 'cumulative-flow', title: text, spec: spec as unknown as TopLevelSpec };
}
