// Money: the annual cost of ownership by type per variant (setup amortised, run and opportunity
// per year), the run-cost items behind the run cost and the spread of total cost over
// replications (both over the counted period). All in the scenario's currency, each with its period.
import type { TopLevelSpec } from 'vega-lite';
import { perYearBasis } from '../../stats/cost-summary.js';
import type { ReportInput } from '../report-input.js';
import { ON_CALL_COST_ITEMS } from '../../model/records.js';
import { type ChartDef, CHART_WIDTH, baseSpec, summaryOf, thousands, title, variantsOf } from './common.js';
import {
  COST_COLOUR, COST_LABEL, COST_TYPES, ON_CALL_COST_ITEM_LABEL, RUN_COST_ITEM_LABEL, RUN_COST_ITEM_ORDER, TEXT_COLOUR, VARIANT_LABEL, variantScale, type CostType,
} from './palette.js';

function currencyOf(input: ReportInput): string {
  return input.scenario.currency;
}

/** "over the 308 counted days (2027-03-01 to 2028-01-03)": the period of the counted figures. */
function countedDays(input: ReportInput): string {
  const v = variantsOf(input)[0];
  if (v === undefined) return 'over the counted period';
  const p = summaryOf(input, v).costs.period;
  return `over the ${Number.isInteger(p.days) ? p.days : p.days.toFixed(2)} counted days (${p.from.replace('T', ' ')} to ${p.to.replace('T', ' ')})`;
}

/** Per year, by type: setup amortised, run and opportunity scaled to 52 weeks. */
const PER_YEAR_KEY = { setup: 'setupAmortised', run: 'run', opportunity: 'opportunity' } as const;
const PER_YEAR_LABEL: Record<CostType, string> = { ...COST_LABEL, setup: 'Setup (amortised)' };

export interface CostSegment {
  variant: string;
  type: CostType;
  label: string;
  order: number;
  amount: number;
  share: number;
  band: string;
}

export function costSegments(input: ReportInput): CostSegment[] {
  return variantsOf(input).flatMap((v) => {
    const c = summaryOf(input, v).costs;
    return COST_TYPES.map((t, i) => ({
      variant: VARIANT_LABEL[v], type: t, label: PER_YEAR_LABEL[t], order: i, amount: c.perYear[PER_YEAR_KEY[t]], share: c.shares[t], band: c.bands[t],
    }));
  });
}

export function costBreakdown(input: ReportInput): ChartDef {
  const text = 'Total cost of ownership per year by cost type, per variant';
  const cur = currencyOf(input);
  const y = { field: 'variant', type: 'nominal', title: null, sort: variantsOf(input).map((v) => VARIANT_LABEL[v]) };
  const first = variantsOf(input)[0];
  const basis = first === undefined ? 'per year' : perYearBasis(summaryOf(input, first).costs);
  const totals = variantsOf(input).map((v) => {
    const total = summaryOf(input, v).costs.perYear.total;
    return { variant: VARIANT_LABEL[v], total, label: `${cur} ${thousands(total)}` };
  });
  const spec = {
    ...baseSpec(),
    title: title(text, input, [`Mean per replication, ${cur}`, basis.charAt(0).toUpperCase() + basis.slice(1)]),
    width: CHART_WIDTH,
    height: { step: 44 },
    layer: [
      {
        data: { values: costSegments(input) },
        mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          y,
          x: { field: 'amount', type: 'quantitative', stack: 'zero', title: `Cost per year (${cur})`, axis: { format: ',.0f' } },
          color: { field: 'label', type: 'nominal', title: null,
            scale: { domain: COST_TYPES.map((t) => PER_YEAR_LABEL[t]), range: COST_TYPES.map((t) => COST_COLOUR[t]) },
            legend: { orient: 'bottom' } },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [
            { field: 'variant', title: 'Variant' }, { field: 'label', title: 'Cost type' },
            { field: 'amount', title: `Amount per year (${cur})`, format: ',.0f' }, { field: 'share', title: 'Share of annual total', format: '.0%' },
            { field: 'band', title: 'Band' },
          ],
        },
      },
      {
        data: { values: totals },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, fontWeight: 'bold', color: TEXT_COLOUR },
        encoding: { y, x: { field: 'total', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return { name: 'cost-breakdown', title: text, spec: spec as unknown as TopLevelSpec };
}

export interface RunCostItemRow {
  variant: string;
  item: string;
  amount: number;
}

export function runCostItemRows(input: ReportInput): RunCostItemRow[] {
  return variantsOf(input).flatMap((v) => {
    const items = summaryOf(input, v).costs.runItems;
    const rows = RUN_COST_ITEM_ORDER.map((i) => ({ variant: VARIANT_LABEL[v], item: RUN_COST_ITEM_LABEL[i], amount: items[i] }));
    // youBuildItYouRunIt's on-call items, only for the variants that have them.
    for (const i of ON_CALL_COST_ITEMS) {
      const amount = items[i];
      if (amount !== undefined) rows.push({ variant: VARIANT_LABEL[v], item: ON_CALL_COST_ITEM_LABEL[i], amount });
    }
    return rows;
  });
}

/** The run-cost items' labels in chart order: the per-change items, then any on-call items shown. */
function runItemOrder(input: ReportInput): string[] {
  const order = RUN_COST_ITEM_ORDER.map((i) => RUN_COST_ITEM_LABEL[i]);
  for (const i of ON_CALL_COST_ITEMS) {
    if (variantsOf(input).some((v) => summaryOf(input, v).costs.runItems[i] !== undefined)) order.push(ON_CALL_COST_ITEM_LABEL[i]);
  }
  return order;
}

export function runCostItems(input: ReportInput): ChartDef {
  const text = 'What the run cost is made of, per variant';
  const cur = currencyOf(input);
  const variants = variantsOf(input);
  const spec = {
    ...baseSpec(),
    title: title(text, input, [`Mean per replication ${countedDays(input)}, ${cur}`]),
    width: CHART_WIDTH,
    height: { step: 12 * variants.length + 8 },
    data: { values: runCostItemRows(input) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'item', type: 'nominal', title: null, sort: runItemOrder(input) },
      yOffset: { field: 'variant', type: 'nominal', sort: variants.map((v) => VARIANT_LABEL[v]) },
      x: { field: 'amount', type: 'quantitative', title: `Run cost per replication, counted period (${cur})`, axis: { format: ',.0f' } },
      color: { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'variant', title: 'Variant' }, { field: 'item', title: 'Item' }, { field: 'amount', title: `Amount (${cur})`, format: ',.0f' },
      ],
    },
  };
  return { name: 'run-cost-items', title: text, spec: spec as unknown as TopLevelSpec };
}

export function totalCostReplications(input: ReportInput): ChartDef {
  const text = 'Total cost per replication over the counted period, per variant';
  const cur = currencyOf(input);
  const variants = variantsOf(input);
  const points = input.replications
    .filter((r) => variants.includes(r.variant))
    .map((r) => ({ variant: VARIANT_LABEL[r.variant], replication: r.replication, total: r.totalCost }));
  const intervals = variants.map((v) => {
    const c = summaryOf(input, v).costs;
    return { variant: VARIANT_LABEL[v], mean: c.total, lo: c.totalCi95[0], hi: c.totalCi95[1] };
  });
  const y = { field: 'variant', type: 'nominal', title: null, sort: variants.map((v) => VARIANT_LABEL[v]) };
  const colour = { field: 'variant', type: 'nominal', title: 'Variant', scale: variantScale(variants), legend: null };
  const x = { type: 'quantitative', title: `Total cost per replication, counted period (${cur})`, axis: { format: ',.0f' }, scale: { zero: false } };
  const spec = {
    ...baseSpec(),
    title: title(text, input, [`Setup (one-off) + run + opportunity ${countedDays(input)}`, 'Dots: one replication each; bar: mean with its 95% confidence interval']),
    width: CHART_WIDTH,
    height: { step: 56 },
    layer: [
      {
        data: { values: points },
        mark: { type: 'point', filled: true, opacity: 0.5, size: 50, yOffset: -10 },
        encoding: {
          y, x: { field: 'total', ...x }, color: colour,
          tooltip: [{ field: 'variant', title: 'Variant' }, { field: 'replication', title: 'Replication' }, { field: 'total', title: `Total (${cur})`, format: ',.0f' }],
        },
      },
      {
        data: { values: intervals },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2, yOffset: 10 }, encoding: { y, x: { field: 'lo', ...x }, x2: { field: 'hi' }, color: colour } },
          {
            mark: { type: 'tick', thickness: 3, size: 16, yOffset: 10 },
            encoding: {
              y, x: { field: 'mean', ...x }, color: colour,
              tooltip: [
                { field: 'variant', title: 'Variant' }, { field: 'mean', title: `Mean (${cur})`, format: ',.0f' },
                { field: 'lo', title: '95% CI low', format: ',.0f' }, { field: 'hi', title: '95% CI high', format: ',.0f' },
              ],
            },
          },
        ],
      },
    ],
  };
  return { name: 'total-cost-replications', title: text, spec: spec as unknown as TopLevelSpec };
}
