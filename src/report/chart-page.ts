// The report page of `orisim compare` and `orisim sweep`: a title, an introduction, the warnings
// (every warning a run would print for each result, and why a result is marked biased), the charts
// (interactive, inlined bundles) and the tables, in one self-contained HTML file; and the chart
// files (Vega-Lite JSON, SVG, PNG) beside it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChartDef } from './charts/common.js';
import { specJson } from './charts/json.js';
import { MUTED_COLOUR, TEXT_COLOUR } from './charts/palette.js';
import { EMBED_SCRIPT, escapeHtml, escapeScript, inlineBundles, rowsTable } from './html.js';
import { renderPng, renderSvg } from './render.js';

export function chartTitle(text: string, subtitle: readonly string[]): Record<string, unknown> {
  return {
    text, subtitle: [...subtitle], anchor: 'start', fontSize: 15, subtitleFontSize: 11, subtitleColor: MUTED_COLOUR, color: TEXT_COLOUR, offset: 10,
  };
}

/** Writes charts/<name>.vl.json|.svg|.png for each chart. */
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
.warnings li { margin: 4px 0; }
.warnings li.biased { color: #8a1c00; }
ul.summary { font-size: 1.08em; padding-left: 1.2em; } ul.summary li { margin: 6px 0; }
.caveat { color: #555; font-style: italic; }
table.wrap { width: 100%; table-layout: fixed; } table.wrap th, table.wrap td { overflow-wrap: anywhere; white-space: normal; vertical-align: top; }
details summary { cursor: pointer; color: #555; }
@media print { main { max-width: none; padding: 0; } .chart, .scroll { overflow: visible; } .data { font-size: 0.75em; } details { display: none; } }
`;

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** One warning of the page: which result (a design, a value × variant) and what. */
export interface PageWarning {
  subject: string;
  text: string;
  /** A bias note (the result's lead times are understated) rather than a run warning. */
  bias?: boolean;
}

function warningsList(warnings: readonly PageWarning[]): string {
  if (warnings.length === 0) return '<p>No warnings.</p>';
  const items = warnings.map((w) => `<li${w.bias ? ' class="biased"' : ''}><strong>${escapeHtml(w.subject)}:</strong> ${escapeHtml(w.text)}</li>`);
  return `<ul class="warnings">\n${items.join('\n')}\n</ul>`;
}

export interface ChartPage {
  title: string;
  /** The summary in words, in reading order; the last sentence is the caveat. */
  summary: readonly string[];
  /** Charts drawn under the summary, on the first screen (written to charts/ like the others). */
  headline?: readonly ChartDef[];
  intro: string[];
  /** Where the numbers come from (files and their SHA-256): folded at the foot of the page. */
  files?: readonly string[];
  warnings: readonly PageWarning[];
  tables: PageTable[];
  charts: readonly ChartDef[];
}

/**
 * A table of the page: `wrap` lays it out to the page's width (cells wrap, for print as on
 * screen); `folded` puts it in a closed <details> (on screen only: a wide table kept for reference).
 */
export interface PageTable {
  heading: string;
  rows: Record<string, string | number>[];
  wrap?: boolean;
  folded?: boolean;
}

function tableHtml(t: PageTable): string {
  let table = rowsTable(t.rows);
  if (t.wrap === true) table = table.replace('<table class="data">', '<table class="data wrap">');
  return t.folded === true
    ? `<details><summary>${escapeHtml(t.heading)}</summary>
${table}
</details>`
    : `<h3>${escapeHtml(t.heading)}</h3>
${table}`;
}

/** The summary block: the sentences as a list, the caveat (the last) on its own. */
function summaryBlock(sentences: readonly string[]): string {
  const body = sentences.slice(0, -1);
  const caveat = sentences.at(-1) ?? '';
  return `<ul class="summary">\n${body.map((x) => `<li>${escapeHtml(x)}</li>`).join('\n')}\n</ul>\n<p class="caveat">${escapeHtml(caveat)}</p>`;
}

/** A self-contained report page: title, intro, the summary in words, warnings, the charts (interactive, inlined bundles), tables. */
export function chartReportHtml(page: ChartPage): string {
  const figure = (ch: ChartDef): string => `<figure class="chart"><div id="chart-${escapeHtml(ch.name)}" role="img" aria-label="${escapeHtml(ch.title)}"></div>
<figcaption class="files">charts/${escapeHtml(ch.name)}.vl.json · .svg · .png</figcaption></figure>`;
  const headline = page.headline ?? [];
  const chartDivs = page.charts.map(figure).join('\n');
  const tables = page.tables.map(tableHtml).join('\n');
  const files = page.files === undefined || page.files.length === 0
    ? ''
    : `\n<section id="files"><details><summary>Scenario files, their SHA-256 and the designs' keys</summary>
${page.files.map((p) => `<p class="caption">${escapeHtml(p)}</p>`).join('\n')}
</details></section>`;
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
<header><h1>${escapeHtml(page.title)}</h1></header>
<section id="summary"><h2>Summary</h2>
${summaryBlock(page.summary)}
${headline.map(figure).join('\n')}
</section>
<section id="about">
${page.intro.map((p) => `<p class="caption">${escapeHtml(p)}</p>`).join('\n')}
</section>
<section id="warnings"><h2>Warnings</h2>
${warningsList(page.warnings)}
</section>
<section id="charts"><h2>Charts</h2>
${chartDivs}
</section>
<section id="tables"><h2>Tables</h2>
${tables}
</section>${files}
</main>
<script type="application/json" id="orisim-chart-specs">${scriptJson([...headline, ...page.charts].map((ch) => ({ name: ch.name, spec: ch.spec })))}</script>
${inlineBundles()}
<script>${escapeScript(EMBED_SCRIPT)}</script>
</body>
</html>
`;
}
