// Charts of `orisim uncertainty` (Vega-Lite, rendered to SVG and PNG like every chart): the tornado
// of p85 lead time for each design (each input at its low and its high with the others at their
// likely values, widest first) and the acceptability curve (the share of plausible worlds in which
// each design has the lowest cash cost a year plus the value of a day × its p85 lead time).
import type { TopLevelSpec } from 'vega-lite';
import type { UncertainInput } from '../scenario/types.js';
import type { UncertaintyResult } from '../study/analysis.js';
import { chartTitle } from './chart-page.js';
import { baseSpec, CHART_WIDTH, round, type ChartDef } from './charts/common.js';
import { designName, inputValueText } from './uncertainty-words.js';

export function uncertaintyCharts(result: UncertaintyResult, inputs: readonly UncertainInput[], caption: string): ChartDef[] {
  const labels = Object.keys(result.designs);
  const metric = 'leadTimeP85Days' as const;
  const rows = labels.flatMap((label) => inputs.map((input) => {
    const r = result.inputs[input.path]![metric];
    const low = r.low[label]!;
    const high = r.high[label]!;
    return {
      design: designName(label),
      input: `${input.path}: ${inputValueText(input, input.low)} to ${inputValueText(input, input.high)}`,
      atLow: round(low), atHigh: round(high), from: round(Math.min(low, high)), to: round(Math.max(low, high)), width: round(Math.abs(high - low)),
      likely: round(result.likely[label]![metric]),
    };
  }));
  const tornadoTitle = 'p85 lead time with each input at its low and its high';
  const tornado = {
    ...baseSpec(),
    title: chartTitle(tornadoTitle, [caption, 'Others at their likely values, same random numbers; the rule is every input at its likely value']),
    data: { values: rows },
    facet: { row: { field: 'design', type: 'nominal', title: null, sort: labels.map(designName) } },
    spec: {
      width: CHART_WIDTH,
      layer: [
        {
          mark: { type: 'bar', height: 14 },
          encoding: {
            y: { field: 'input', type: 'nominal', title: null, sort: { field: 'width', order: 'descending' }, axis: { labelLimit: 420 } },
            x: { field: 'from', type: 'quantitative', title: 'p85 lead time (days)', scale: { zero: false } },
            x2: { field: 'to' },
            tooltip: [{ field: 'input' }, { field: 'atLow', title: 'at low' }, { field: 'atHigh', title: 'at high' }],
          },
        },
        { mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'likely', type: 'quantitative', aggregate: 'mean' } } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as unknown as TopLevelSpec;
  const charts: ChartDef[] = [{ name: 'tornado', title: tornadoTitle, spec: tornado }];
  if (labels.length > 1) {
    const points = result.acceptability.points.flatMap((p) => labels.map((label) => ({ valueOfADay: round(p.valueOfADay), design: designName(label), probability: round(p.probability[label]!) })));
    const title = 'Probability of the lowest cash cost + value of p85 lead time';
    charts.push({
      name: 'acceptability',
      title,
      spec: {
        ...baseSpec(),
        title: chartTitle(title, [caption, 'x: what a day of p85 lead time is worth a year; y: the share of plausible worlds in which the design is best']),
        width: CHART_WIDTH,
        height: 260,
        data: { values: points },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'valueOfADay', type: 'quantitative', title: 'value of a day of p85 lead time (money a year)' },
          y: { field: 'probability', type: 'quantitative', title: 'probability best', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'design', type: 'nominal', title: null, sort: labels.map(designName) },
        },
      } as unknown as TopLevelSpec,
    });
  }
  return charts;
}
