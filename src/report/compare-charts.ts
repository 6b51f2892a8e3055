// Charts and report.html of `orisim compare`: lead-time CDFs of every scenario overlaid, cost
// stacked bars side by side, and the paired differences from the first scenario with their 95%
// intervals. Specs use the run report's palette and base config; rendering uses render.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Variant } from '../scenario/types.js';
import type { Comparison, ComparedRun, PairedMetric } from '../stats/compare.js';
import { PAIRED_METRICS, PAIRED_METRIC_LABEL } from '../stats/compare.js';
import { quantileSorted } from '../stats/estimates.js';
import { baseSpec, CHART_WIDTH, round, thousands, type ChartDef } from './charts/common.js';
import { specJson } from './charts/json.js';
import { COST_COLOUR, COST_LABEL, COST_TYPES, MUTED_COLOUR, TEXT_COLOUR, VARIANT_LABEL } from './charts/palette.js';
import { EMBED_SCRIPT, escapeHtml, escapeScript, inlineBundles, rowsTable } from './html.js';
import { renderPng, renderSvg } from './render.js';

/** Colours of the compared scenarios, in order (the first, the baseline, is dark grey). */
export const SCENARIO_COLOURS = ['#444444', '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function scenarioScale(names: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((_n, i) => SCENARIO_COLOURS[i % SCENARIO_COLOURS.length]!) };
}

export function chartTitle(text: string, subtitle: readonly string[]): Record<string, unknown> {
  return {
    text, subtitle: [...subtitle], anchor: 'start', fontSize: 15, subtitleFontSize: 11, subtitleColor: MUTED_COLOUR, color: TEXT_COLOUR, offset: 10,
  };
}

function caption(c: Comparison): string {
  return `${c.scenarios.map((s) => s.name).join(' vs ')} · seed ${c.run.seed} · ${c.run.replications} replications · common random numbers`;
}

function variantsOf(c: Comparison): Variant[] {
  return (Object.keys(c.variants) as Variant[]).filter((v) => c.variants[v] !== undefined);
}

/** Lead-time CDF points: 101 quantiles per scenario and variant, of the pooled completed changes. */
export function cdfPoints(c: Comparison, runs: readonly ComparedRun[]): { scenario: string; variant: string; days: number; share: number }[] {
  const out: { scenario: string; variant: string; days: number; share: number }[] = [];
  for (const v of variantsOf(c)) {
    for (const run of runs) {
      const digests = run.result.digests[v] ?? [];
      const pooled = new Float64Array(digests.reduce((a, d) => a + d.leadTimeDays.length, 0));
      let o = 0;
      for (const d of digests) {
        pooled.set(d.leadTimeDays, o);
        o += d.leadTimeDays.length;
      }
      pooled.sort();
      if (pooled.length === 0) continue;
      for (let i = 0; i <= 100; i++) {
        out.push({ scenario: run.summary.scenario.name, variant: VARIANT_LABEL[v], days: round(quantileSorted(pooled as unknown as number[], i / 100), 3), share: i / 100 });
      }
    }
  }
  return out;
}

export function leadTimeCdfs(c: Comparison, runs: readonly ComparedRun[]): ChartDef {
  const text = 'Lead time from ready to live: share of changes live within N days';
  const names = c.scenarios.map((s) => s.name);
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, ['Each line: one scenario; solid = normal (CAB), dashed = pre-approved', caption(c)]),
    width: CHART_WIDTH,
    height: 300,
    data: { values: cdfPoints(c, runs) },
    mark: { type: 'line', interpolate: 'linear', strokeWidth: 2, tooltip: true },
    encoding: {
      x: { field: 'days', type: 'quantitative', title: 'Lead time, ready → live (days)' },
      y: { field: 'share', type: 'quantitative', title: 'Share of changes live', axis: { format: '.0%' } },
      color: { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(names), legend: { orient: 'bottom' } },
      strokeDash: { field: 'variant', type: 'nominal', title: 'Variant', sort: variantsOf(c).map((v) => VARIANT_LABEL[v]), legend: { orient: 'bottom' } },
      detail: [{ field: 'scenario' }, { field: 'variant' }],
    },
  };
  return { name: 'compare-lead-time-cdf', title: text, spec: spec as unknown as TopLevelSpec };
}

export function costBars(c: Comparison): ChartDef {
  const text = 'Total cost of ownership by cost type, per scenario';
  const cur = c.run.currency;
  const values = variantsOf(c).flatMap((v) =>
    (c.variants[v] ?? []).flatMap((f) =>
      COST_TYPES.map((t, i) => ({ variant: VARIANT_LABEL[v], scenario: f.scenario, type: COST_LABEL[t], order: i, amount: round(f.costs[t], 2), share: round(f.shares[t], 4), countedDays: f.countedDays })),
    ),
  );
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, [`Mean per replication over each scenario's counted period (warm-up to horizon), ${cur}; setup is the whole one-off`, caption(c)]),
    data: { values },
    facet: { row: { field: 'variant', type: 'nominal', title: null, sort: variantsOf(c).map((v) => VARIANT_LABEL[v]) } },
    spec: {
      width: CHART_WIDTH,
      height: { step: 34 },
      mark: { type: 'bar', tooltip: true, stroke: '#ffffff', strokeWidth: 0.5 },
      encoding: {
        y: { field: 'scenario', type: 'nominal', title: null, sort: c.scenarios.map((s) => s.name) },
        x: { field: 'amount', type: 'quantitative', stack: 'zero', title: `Cost per replication, counted period (${cur})`, axis: { format: ',.0f' } },
        color: {
          field: 'type', type: 'nominal', title: null,
          scale: { domain: COST_TYPES.map((t) => COST_LABEL[t]), range: COST_TYPES.map((t) => COST_COLOUR[t]) }, legend: { orient: 'bottom' },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'scenario', title: 'Scenario' }, { field: 'type', title: 'Cost type' },
          { field: 'amount', title: `Amount, counted period (${cur})`, format: ',.0f' }, { field: 'countedDays', title: 'Counted days' },
          { field: 'share', title: 'Share of annual total (setup amortised)', format: '.0%' },
        ],
      },
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
    for (const v of variantsOf(c)) {
      for (const f of (c.variants[v] ?? []).slice(1)) {
        const d = f.difference![m];
        if (!Number.isFinite(d.mean)) continue;
        out.push({
          metric: PAIRED_METRIC_LABEL[m], order, row: `${f.scenario} · ${VARIANT_LABEL[v]}`,
          mean: round(d.mean, 4), lo: round(d.ci95[0], 4), hi: round(d.ci95[1], 4), excludesZero: d.significant ? 'yes' : 'no',
        });
      }
    }
  });
  return out;
}

export function differences(c: Comparison): ChartDef {
  const text = `Difference from ${c.baseline}, with 95% intervals`;
  const spec = {
    ...baseSpec(),
    title: chartTitle(text, ['Paired over replications (common random numbers); filled = the interval excludes zero', caption(c)]),
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
          encoding: { y: { field: 'row', type: 'nominal', title: null, axis: { labelLimit: 400 } }, x: { field: 'lo', type: 'quantitative', title: 'Difference (scenario − baseline)' }, x2: { field: 'hi' } },
        },
        {
          mark: { type: 'point', size: 70, strokeWidth: 2, tooltip: true, color: TEXT_COLOUR },
          encoding: {
            y: { field: 'row', type: 'nominal', title: null },
            x: { field: 'mean', type: 'quantitative' },
            fill: { field: 'excludesZero', type: 'nominal', title: 'Interval excludes zero', scale: { domain: ['yes', 'no'], range: [TEXT_COLOUR, '#ffffff'] }, legend: { orient: 'bottom' } },
            tooltip: [
              { field: 'row', title: 'Scenario · variant' }, { field: 'metric', title: 'Figure' }, { field: 'mean', title: 'Difference' },
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

/** Writes charts/<name>.vl.json|.svg|.png for each chart; returns the chart defs written. */
export async function writeChartFiles(dir: string, charts: readonly ChartDef[]): Promise<void> {
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  for (const chart of charts) {
    let svg: string;
    try {
      svg = await renderSvg(chart.spec);
    } catch (e) {
      throw new Error(`chart ${chart.name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const base = join(chartsDir, chart.name);
    await writeFile(`${base}.vl.json`, specJson(chart.spec));
    await writeFile(`${base}.svg`, svg);
    await writeFile(`${base}.png`, renderPng(svg));
  }
}

const CSS = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; margin: 0; line-height: 1.45; font-size: 15px; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.caption, .muted { color: #555; }
table { border-collapse: collapse; }
.data { font-size: 0.85em; } .data th, .data td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; }
.data td.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.chart { margin: 24px 0; break-inside: avoid; overflow-x: auto; }
.chart .files { font-size: 0.8em; color: #555; }
@media print { main { max-width: none; padding: 0; } .chart, .scroll { overflow: visible; } }
`;


function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A self-contained report page: title, intro, tables, the charts (interactive, inlined bundles). */
export function chartReportHtml(page: { title: string; intro: string[]; tables: { heading: string; rows: Record<string, string | number>[] }[]; charts: readonly ChartDef[] }): string {
  const chartDivs = page.charts
    .map((ch) => `<figure class="chart"><div id="chart-${escapeHtml(ch.name)}" role="img" aria-label="${escapeHtml(ch.title)}"></div>
<figcaption class="files">charts/${escapeHtml(ch.name)}.vl.json · .svg · .png</figcaption></figure>`)
    .join('\n');
  const tables = page.tables.map((t) => `<h3>${escapeHtml(t.heading)}</h3>\n${rowsTable(t.rows)}`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — orisim report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(page.title)}</h1>
${page.intro.map((p) => `<p class="caption">${escapeHtml(p)}</p>`).join('\n')}
</header>
<section id="charts"><h2>Charts</h2>
${chartDivs}
</section>
<section id="tables"><h2>Tables</h2>
${tables}
</section>
</main>
<script type="application/json" id="orisim-chart-specs">${scriptJson(page.charts.map((ch) => ({ name: ch.name, spec: ch.spec })))}</script>
${inlineBundles()}
<script>${escapeScript(EMBED_SCRIPT)}</script>
</body>
</html>
`;
}

/** Headline rows of the comparison for the report: one per variant × scenario. */
function headlineRows(c: Comparison): Record<string, string | number>[] {
  return variantsOf(c).flatMap((v) =>
    (c.variants[v] ?? []).map((f) => {
      const d = f.difference;
      const diff = (m: PairedMetric, digits: number): string =>
        d ? `${d[m].mean.toFixed(digits)} [${d[m].ci95[0].toFixed(digits)}, ${d[m].ci95[1].toFixed(digits)}]${d[m].significant ? ' *' : ''}` : '';
      return {
        variant: VARIANT_LABEL[v],
        scenario: f.scenario,
        'lead p50 d': f.leadTimeDays.p50,
        'lead p85 d': f.leadTimeDays.p85,
        'lead p95 d': f.leadTimeDays.p95,
        'lead mean d': f.leadTimeDays.mean,
        'Δ lead mean d [95% CI]': diff('leadTimeMeanDays', 2),
        'deploys/wk': f.deploymentsPerWeek.mean,
        [`cost/deploy (${c.run.currency})`]: f.costPerDeployment,
        [`total cost, counted period (${c.run.currency})`]: f.totalCost.mean,
        'counted days': f.countedDays,
        [`Δ total cost [95% CI]`]: d ? `${thousands(d.totalCost.mean)} [${thousands(d.totalCost.ci95[0])}, ${thousands(d.totalCost.ci95[1])}]${d.totalCost.significant ? ' *' : ''}` : '',
        'TCO/yr setup/run/opp': `${(f.shares.setup * 100).toFixed(0)}/${(f.shares.run * 100).toFixed(0)}/${(f.shares.opportunity * 100).toFixed(0)}%`,
      };
    }),
  );
}

export async function writeComparisonCharts(dir: string, c: Comparison, runs: readonly ComparedRun[]): Promise<void> {
  const charts = comparisonCharts(c, runs);
  await writeChartFiles(dir, charts);
  const html = chartReportHtml({
    title: `Compare: ${c.scenarios.map((s) => s.name).join(' vs ')}`,
    intro: [
      `${c.run.replications} replications per scenario and variant, seed ${c.run.seed}, common random numbers; orisim ${c.run.version}.`,
      `Differences are scenario − ${c.baseline}, paired over replications, with 95% intervals; * = the interval excludes zero.`,
      ...c.scenarios.map((s) => `${s.name}: ${s.file} (SHA-256 ${s.sha256})`),
    ],
    tables: [{ heading: 'Headline numbers', rows: headlineRows(c) }],
    charts,
  });
  await writeFile(join(dir, 'report.html'), html);
}
