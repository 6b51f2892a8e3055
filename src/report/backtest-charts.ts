// The back-test's charts: a QQ chart of lead time (the export's quantiles against the
// simulation's, with the line of equality) and the two lead-time CDFs overlaid. Each sample is
// drawn at its 1st … 99th percentiles, so the inlined data stays small whatever the sizes.
import type { TopLevelSpec } from 'vega-lite';
import type { Backtest } from '../calibrate/backtest.js';
import { quantileGrid } from '../calibrate/backtest.js';
import { baseSpec, CHART_WIDTH, round, type ChartDef } from './charts/common.js';
import { chartTitle } from './chart-page.js';
import { MUTED_COLOUR } from './charts/palette.js';

const OBSERVED = 'Export';
const SIMULATED = 'Simulation';
const COLOURS = { domain: [OBSERVED, SIMULATED], range: ['#b03a2e', '#1f5f99'] };

export function backtestCharts(bt: Backtest, observed: readonly number[], simulated: readonly number[], caption: string): ChartDef[] {
  const obs = quantileGrid(observed);
  const sim = quantileGrid(simulated);
  const qq = obs.map((o, i) => ({ q: o.q, observed: round(o.value), simulated: round(sim[i]?.value ?? NaN) })).filter((p) => Number.isFinite(p.simulated));
  const top = Math.max(0, ...qq.map((p) => Math.max(p.observed, p.simulated)));
  const ks = `KS distance ${bt.leadTime.ks.toFixed(3)} · Wasserstein ${bt.leadTime.wassersteinDays.toFixed(2)} days`;
  const qqTitle = 'Lead time: export against simulation (QQ)';
  const qqSpec = {
    ...baseSpec(),
    title: chartTitle(qqTitle, ['Each point is a percentile (1st … 99th): on the line, the two agree', ks, caption]),
    width: CHART_WIDTH,
    height: 380,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: top, y: top }] },
        mark: { type: 'line', color: MUTED_COLOUR, strokeDash: [4, 4] },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: qq },
        mark: { type: 'point', filled: true, size: 30, color: '#1f5f99' },
        encoding: {
          x: { field: 'observed', type: 'quantitative', title: 'export lead time, opened → work end (days)' },
          y: { field: 'simulated', type: 'quantitative', title: 'simulated lead time (days)' },
          tooltip: [{ field: 'q', title: 'percentile', format: '.0%' }, { field: 'observed', format: '.2f' }, { field: 'simulated', format: '.2f' }],
        },
      },
    ],
  } as unknown as TopLevelSpec;
  const cdfTitle = 'Lead time: export and simulation (cumulative)';
  const cdf = [...obs.map((p) => ({ source: OBSERVED, days: round(p.value), share: p.q })), ...sim.map((p) => ({ source: SIMULATED, days: round(p.value), share: p.q }))];
  const cdfSpec = {
    ...baseSpec(),
    title: chartTitle(cdfTitle, [`Share of changes live within x days of being opened; ${ks}`, caption]),
    width: CHART_WIDTH,
    height: 320,
    data: { values: cdf },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'days', type: 'quantitative', title: 'lead time, opened → work end (days)' },
      y: { field: 'share', type: 'quantitative', title: 'share of changes', axis: { format: '%' } },
      color: { field: 'source', type: 'nominal', title: null, scale: COLOURS, legend: { orient: 'bottom' } },
      tooltip: [{ field: 'source' }, { field: 'share', format: '.0%' }, { field: 'days', format: '.2f' }],
    },
  } as unknown as TopLevelSpec;
  return [
    { name: 'backtest-qq', title: qqTitle, spec: qqSpec },
    { name: 'backtest-cdf', title: cdfTitle, spec: cdfSpec },
  ];
}
