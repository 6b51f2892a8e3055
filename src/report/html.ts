// report.html: one self-contained file that opens offline — headline numbers, the charts
// (interactive through vega-embed, whose bundles are inlined), the tables, the warnings and how
// the numbers were computed. Everything user-provided is HTML-escaped.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Variant } from '../scenario/types.js';
import { perYearBasis } from '../stats/cost-summary.js';
import type { CostPeriod, VariantSummary } from '../stats/summary-types.js';
import type { ReportInput } from './report-input.js';
import { groupRows } from '../output/tables.js';
import { runSummarySentences } from './executive-summary.js';
import { doraTableHtml } from './dora-text.js';
import { organisationLines } from './organisation-text.js';
import { emergencyFigures } from './emergency-text.js';
import type { ChartDef } from './charts/common.js';
import { summaryOf, thousands, variantsOf } from './charts/common.js';
import { COST_TYPES, VARIANT_COLOUR, VARIANT_LABEL, type CostType } from './charts/palette.js';
import { escapeHtml } from './escape.js';
import { BY_CLASS_CHART } from './charts/by-class.js';
import { breakdownSection } from './breakdown-section.js';

export { escapeHtml };

/** Makes code safe inside <script>: no "</script" or "<!--" can end or alter the element. */
export function escapeScript(code: string): string {
  return code.replace(/<\/(script)/gi, '\\x3C/$1').replace(/<!--/g, '\\x3C!--');
}

/** JSON for a <script type="application/json"> element: '<' never appears literally. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const BUNDLES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The folder of an installed package, found by Node's resolution from this file (works hoisted too). */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
}

let cachedBundles: string | undefined;

/** The browser bundles of vega, vega-lite and vega-embed as inline <script> elements. */
export function inlineBundles(): string {
  cachedBundles ??= BUNDLES.map(([pkg, file]) => {
    const path = join(packageDir(pkg), file);
    if (!existsSync(path)) throw new Error(`browser bundle missing: ${path}`);
    return `<script>/* ${pkg} ${file} */\n${escapeScript(readFileSync(path, 'utf8'))}\n</script>`;
  }).join('\n');
  return cachedBundles;
}

const pct = (x: number, digits = 0): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '–');
const num = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const money = (x: number, currency: string): string => (Number.isFinite(x) ? `${escapeHtml(currency)} ${thousands(x)}` : '–');

interface HeadlineRow {
  label: string;
  cell: (s: VariantSummary) => string;
}

const ANNUAL_LABEL: Record<CostType, string> = { setup: 'setup (amortised)', run: 'run', opportunity: 'opportunity (cost of delay)' };

function headlineRows(currency: string, period: CostPeriod): HeadlineRow[] {
  const counted = `over the ${num(period.days, 0)} counted days`;
  return [
    { label: 'Lead time ready → live, p50 / p85 / p95 (days)', cell: (s) => `${num(s.leadTimeDays.p50)} / <strong>${num(s.leadTimeDays.p85)}</strong> / ${num(s.leadTimeDays.p95)}` },
    { label: 'Lead time, mean (95% CI) (days)', cell: (s) => `${num(s.leadTimeDays.mean)} (${num(s.leadTimeDays.ci95[0])}–${num(s.leadTimeDays.ci95[1])})` },
    { label: 'Lead time ready → validated, p85 (days)', cell: (s) => num(s.validatedLeadTimeDays.p85) },
    { label: 'Deployments per week, mean (95% CI)', cell: (s) => `${num(s.deploymentsPerWeek.mean, 2)} (${num(s.deploymentsPerWeek.ci95[0], 2)}–${num(s.deploymentsPerWeek.ci95[1], 2)})` },
    { label: 'Change failure rate', cell: (s) => pct(s.changeFailureRate, 1) },
    { label: 'Flow efficiency (active time ÷ lead time)', cell: (s) => pct(s.flowEfficiency, 1) },
    { label: 'Changes over all replications: counted / live / unfinished', cell: (s) => `${thousands(s.changes.counted)} / ${thousands(s.changes.completed)} / ${thousands(s.changes.unfinished)}` },
    { label: `Run cost per deployment`, cell: (s) => money(s.costs.perDeployment, currency) },
    { label: `Total cost per feature (${counted})`, cell: (s) => money(s.costs.perFeature, currency) },
    { label: `Total cost ${counted}, mean per replication (95% CI)`, cell: (s) => `${money(s.costs.total, currency)} (${thousands(s.costs.totalCi95[0])}–${thousands(s.costs.totalCi95[1])})` },
    { label: 'Cash cost a year: money paid (staff capacity, hours, licences, contract, on-call, overtime, setup amortised)', cell: (s) => money(s.costs.perYear.cash.total, currency) },
    { label: 'Cost of delay a year: value forgone while changes wait (not paid)', cell: (s) => money(s.costs.perYear.opportunity, currency) },
    { label: 'Total cost per year (setup amortised + activity-based run + cost of delay)', cell: (s) => money(s.costs.perYear.total, currency) },
    { label: 'Per year: setup amortised / run / opportunity', cell: (s) => `${thousands(s.costs.perYear.setupAmortised)} / ${thousands(s.costs.perYear.run)} / ${thousands(s.costs.perYear.opportunity)}` },
    ...COST_TYPES.map((t) => ({
      label: `Share of the annual total cost: ${ANNUAL_LABEL[t]}`,
      cell: (s: VariantSummary) => `${pct(s.costs.shares[t])} <span class="band band-${escapeHtml(s.costs.bands[t].toLowerCase())}">${escapeHtml(s.costs.bands[t])}</span>`,
    })),
  ];
}

/** youBuildItYouRunIt's call-outs (only when a variant has an on-call rota). */
function onCallRows(input: ReportInput, variants: Variant[]): HeadlineRow[] {
  if (!variants.some((v) => summaryOf(input, v).onCall !== undefined)) return [];
  const cell = (s: VariantSummary): string => (s.onCall === undefined ? '–' : `${num(s.onCall.callOuts, 1)} (${num(s.onCall.callOutsPerTeamPerWeek, 3)} per team per week)`);
  return [{ label: 'Out-of-hours call-outs of the on-call rotas, per replication', cell }];
}

/** The seed's cost table (Ops Run It), and the playbook's for You Build It You Run It when that variant is shown. */
function bandsNote(variants: Variant[]): string {
  const ybr = variants.includes('youBuildItYouRunIt') ? "; the playbook's You Build It You Run It table: setup High, opportunity Low, run Low" : '';
  return `Bands: each cost type's share of the annual total cost of ownership, Low under 15%, Medium under 40%, High 40% or more, to hold against the seed's table (setup Medium, opportunity High, run Medium to High)${ybr}.`;
}

function headlineTable(input: ReportInput, variants: Variant[]): string {
  const head = variants.map((v) => `<th scope="col" style="border-bottom-color:${VARIANT_COLOUR[v]}">${escapeHtml(VARIANT_LABEL[v])}</th>`).join('');
  const rows = [...headlineRows(input.scenario.currency, summaryOf(input, variants[0]!).costs.period), ...onCallRows(input, variants)];
  const body = rows
    .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th>${variants.map((v) => `<td>${r.cell(summaryOf(input, v))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="headline"><thead><tr><th></th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** With emergency changes: their figures per variant (summary.json emergency), as in `orisim run`'s stdout. */
function emergencyParagraph(input: ReportInput, variants: Variant[]): string {
  const lines = variants.flatMap((v) => {
    const e = summaryOf(input, v).emergency;
    return e === undefined ? [] : [`<li><strong>${escapeHtml(VARIANT_LABEL[v])}:</strong> ${escapeHtml(emergencyFigures(e, input.scenario.currency))}</li>`];
  });
  if (lines.length === 0) return '';
  return `<h3>Emergency changes</h3>\n<ul class="emergency">\n${lines.join('\n')}\n</ul>\n<p class="muted">Per replication (means); "in a freeze" counts emergency deployment attempts begun inside a freeze or a weekly no-deploy period, the one exception to the freeze rule. To see how emergency changes delay the others, run the same scenario and seed with every emergencyShare at 0 and compare the normal changes' wait in application support's queue.</p>`;
}

/** The executive summary: the sentences as a list, the caveat (always the last) on its own. */
function summaryBlock(input: ReportInput): string {
  const sentences = runSummarySentences(input.scenario, input.summary, input.summary.differences);
  const caveat = sentences.pop()!;
  return `<ul class="summary">\n${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>\n<p class="caveat">${escapeHtml(caveat)}</p>`;
}

function formatCell(v: string | number): string {
  if (typeof v === 'string') return escapeHtml(v);
  if (!Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return thousands(v);
  return Math.abs(v) >= 1000 ? thousands(v) : v.toFixed(Math.abs(v) >= 10 ? 1 : 3);
}

/** A table of CSV rows: the columns are the keys in first-seen order. */
export function rowsTable(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '<p class="muted">No rows.</p>';
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const head = cols.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td class="${typeof r[c] === 'number' ? 'n' : ''}">${r[c] === undefined ? '' : formatCell(r[c])}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="scroll"><table class="data"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Lead time by delivery group (only when teams.delivery is a list of groups). */
function groupSection(input: ReportInput): string {
  const rows = groupRows(input.summary);
  return rows.length === 0 ? '' : `<h3>Lead time by delivery group (days)</h3>\n${rowsTable(rows)}`;
}

/** The service introduction and rescheduling sentences of each variant (nothing when neither is on). */
function organisationParagraphs(input: ReportInput, variants: Variant[]): string {
  return variants.flatMap((v) => organisationLines(VARIANT_LABEL[v], summaryOf(input, v)).map((l) => `<p>${escapeHtml(l)}</p>\n`)).join('');
}

function warningsList(input: ReportInput, variants: Variant[]): string {
  const items = variants.flatMap((v) => summaryOf(input, v).warnings.map((w) => `<li><strong>${escapeHtml(VARIANT_LABEL[v])}:</strong> ${escapeHtml(w)}</li>`));
  return items.length === 0 ? '<p>No warnings.</p>' : `<ul class="warnings">\n${items.join('\n')}\n</ul>`;
}

/** The periods of the cost figures, in words. */
function costBasis(input: ReportInput): string {
  const v = variantsOf(input)[0];
  if (v === undefined) return '';
  const c = summaryOf(input, v).costs;
  return `Costs are means per replication over the counted period of ${num(c.period.days, 0)} days (${c.period.from.replace('T', ' ')} to ${c.period.to.replace('T', ' ')}, after the warm-up; setup counts in full, once), ` +
    `or per year: ${perYearBasis(c).replace(/^per year: /, '')}.`;
}

function methodSection(input: ReportInput): string {
  const { run, scenario } = input.summary;
  const rows: [string, string][] = [
    ['Scenario', scenario.name],
    ['Scenario file', scenario.file],
    ['Scenario SHA-256', scenario.sha256],
    ['Replications', String(run.replications)],
    ['Seed', String(run.seed)],
    ['Horizon', `${num(run.horizonDays, 0)} days`],
    ['Warm-up (not counted)', `${num(run.warmupDays, 0)} days`],
    ['Start', input.scenario.start],
    ['Currency', input.scenario.currency],
    ['orisim version', run.version],
  ];
  return `<table class="method"><tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}\n</tbody></table>
<p>Each replication runs the whole horizon with its own random streams derived from the seed; ${variantsOf(input).length > 2 ? 'every variant sees' : 'both variants see'} the same
random numbers for the same purpose (common random numbers). Changes that became ready during the warm-up are simulated but
not counted. Lead-time percentiles pool the completed counted changes of all replications; confidence intervals are 95%
intervals of the mean over replications, computed on the log scale so that they never fall below zero (see docs/metrics-and-costs.md).
${escapeHtml(costBasis(input))}</p>
<h3>The scenario as written</h3>
<pre class="yaml">${escapeHtml(input.scenarioYaml)}</pre>`;
}

const CSS = `
:root { --text: #222; --muted: #555; --rule: #ddd; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--text); margin: 0; line-height: 1.45; font-size: 15px; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { margin-top: 2em; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
.muted, .caption { color: var(--muted); }
nav a { margin-right: 1em; }
table { border-collapse: collapse; }
.headline th, .headline td, .method th, .method td { padding: 5px 12px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
.headline thead th { border-bottom: 3px solid; }
.headline td { font-variant-numeric: tabular-nums; white-space: nowrap; }
.band { font-size: 0.8em; padding: 1px 6px; border-radius: 8px; background: #eee; }
.cluster { font-size: 0.8em; padding: 1px 6px; border-radius: 8px; }
.cluster-elite { background: #c7e9c0; } .cluster-high { background: #e5f5e0; } .cluster-medium { background: #fdebc2; } .cluster-low { background: #fdd0c2; }
.small { font-size: 0.8em; font-weight: normal; } .dora th[scope=row] { font-weight: normal; }
.band-high { background: #fdd0c2; } .band-medium { background: #fdebc2; } .band-low { background: #d5ecd4; }
.data { font-size: 0.85em; } .data th, .data td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; }
.data td.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.chart { margin: 24px 0; break-inside: avoid; page-break-inside: avoid; overflow-x: auto; }
.chart .files { font-size: 0.8em; color: var(--muted); }
pre.yaml { background: #f6f6f6; padding: 12px; overflow-x: auto; font-size: 0.85em; }
.warnings li { margin: 4px 0; }
ul.summary { font-size: 1.08em; padding-left: 1.2em; } ul.summary li { margin: 6px 0; }
.caveat { color: var(--muted); font-style: italic; }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .chart, table.headline, .method { break-inside: avoid; page-break-inside: avoid; }
  .scroll, .chart { overflow: visible; }
  pre.yaml { white-space: pre-wrap; }
}
`;

/** Draws every chart of a report page with vega-embed and records the outcome for the browser test. */
export const EMBED_SCRIPT = `
(function () {
  var state = { done: false, rendered: 0, errors: [] };
  window.__orisimReport = state;
  var specs = JSON.parse(document.getElementById('orisim-chart-specs').textContent);
  Promise.all(specs.map(function (c) {
    return vegaEmbed('#chart-' + c.name, c.spec, { actions: false, renderer: 'svg' })
      .then(function () { state.rendered += 1; })
      .catch(function (e) {
        state.errors.push(c.name + ': ' + e);
        document.getElementById('chart-' + c.name).textContent = 'This chart could not be drawn: ' + e;
        console.error(e);
      });
  })).then(function () { state.done = true; });
})();
`;

/** The whole report as one HTML document. */
export function reportHtml(input: ReportInput, charts: readonly ChartDef[]): string {
  const variants = variantsOf(input);
  const { name } = input.summary.scenario;
  const { seed, replications, version } = input.summary.run;
  const figure = (c: ChartDef): string => `<figure class="chart" id="fig-${escapeHtml(c.name)}"><div id="chart-${escapeHtml(c.name)}" role="img" aria-label="${escapeHtml(c.title)}"></div>
<figcaption class="files">charts/${escapeHtml(c.name)}.vl.json · .svg · .png</figcaption></figure>`;
  // The by-class chart is drawn in its own section, beside its tables.
  const chartDivs = charts.filter((c) => c.name !== BY_CLASS_CHART).map(figure).join('\n');
  const byClassChart = charts.find((c) => c.name === BY_CLASS_CHART);
  const specs = charts.map((c) => ({ name: c.name, spec: c.spec }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)} — orisim report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(name)}</h1>
<p class="caption">${escapeHtml(input.scenario.description)}</p>
<p class="caption">Seed ${seed} · ${replications} replication${replications === 1 ? '' : 's'} · orisim ${escapeHtml(version)}</p>
<nav><a href="#summary">Summary</a><a href="#headline">Headline</a><a href="#dora">DORA</a><a href="#by-class-path">By class and path</a><a href="#charts">Charts</a><a href="#tables">Tables</a><a href="#warnings">Warnings</a><a href="#method">How this was computed</a></nav>
</header>
<section id="summary"><h2>Summary</h2>
${summaryBlock(input)}
</section>
<section id="headline"><h2>Headline numbers</h2>
${headlineTable(input, variants)}
${organisationParagraphs(input, variants)}<p class="muted">${escapeHtml(costBasis(input))} ${escapeHtml(bandsNote(variants))}</p>
${emergencyParagraph(input, variants)}
</section>
<section id="dora"><h2>DORA benchmark</h2>
${doraTableHtml(variants.map((v) => ({ variant: v, label: VARIANT_LABEL[v], summary: summaryOf(input, v) })))}
</section>
${breakdownSection(input, byClassChart === undefined ? '' : figure(byClassChart))}
<section id="charts"><h2>Charts</h2>
${chartDivs}
</section>
<section id="tables"><h2>Tables</h2>
<h3>Stages (stages.csv)</h3>
${rowsTable(input.stageRows)}
<h3>Costs (costs.csv)</h3>
${rowsTable(input.costRows)}
${groupSection(input)}
</section>
<section id="warnings"><h2>Warnings</h2>
${warningsList(input, variants)}
</section>
<section id="method"><h2>How this was computed</h2>
${methodSection(input)}
</section>
</main>
<script type="application/json" id="orisim-chart-specs">${scriptJson(specs)}</script>
${inlineBundles()}
<script>${escapeScript(EMBED_SCRIPT)}</script>
</body>
</html>
`;
}
