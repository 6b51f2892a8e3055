// Entry points the run pipeline calls: writeCharts writes charts/<name>.vl.json|.svg|.png,
// writeReport writes report.html. Both are deterministic: same input, same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportInput } from './report-input.js';
import { buildCharts, type ChartDef } from './charts/index.js';
import { renderPngAsync, renderSlidePngAsync, renderSvg } from './render.js';
import { specJson } from './charts/json.js';
import { reportHtml } from './html.js';

export interface RenderedChart {
  chart: ChartDef;
  /** The Vega-Lite spec as written to <name>.vl.json (data inlined). */
  json: string;
  svg: string;
  png: Buffer;
}

/** Builds and renders every chart in memory (no files). */
export async function renderCharts(input: ReportInput): Promise<RenderedChart[]> {
  const pending: Promise<RenderedChart>[] = [];
  for (const chart of buildCharts(input)) {
    let svg: string;
    try {
      svg = await renderSvg(chart.spec); // Vega runs on this thread, one chart at a time
    } catch (e) {
      throw new Error(`chart ${chart.name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    // resvg rasterises in the libuv pool while the next SVG is built
    pending.push(renderPngAsync(svg).then((png) => ({ chart, json: specJson(chart.spec), svg, png })));
  }
  return Promise.all(pending);
}

export interface ChartOptions {
  /** Also write charts/slides/<name>.png: 16:9 at 1920 × 1080, for slide decks. */
  slides?: boolean;
}

/** Writes charts/<name>.vl.json, .svg and .png under `dir` (and slides); returns the paths written, in order. */
export async function writeCharts(dir: string, input: ReportInput, options: ChartOptions = {}): Promise<string[]> {
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const written: string[] = [];
  const rendered = await renderCharts(input);
  for (const r of rendered) {
    const base = join(chartsDir, r.chart.name);
    await writeFile(`${base}.vl.json`, r.json);
    await writeFile(`${base}.svg`, r.svg);
    await writeFile(`${base}.png`, r.png);
    written.push(`${base}.vl.json`, `${base}.svg`, `${base}.png`);
  }
  if (options.slides === true) {
    const slidesDir = join(chartsDir, 'slides');
    await mkdir(slidesDir, { recursive: true });
    const slides = await Promise.all(rendered.map((r) => renderSlidePngAsync(r.svg)));
    for (const [i, r] of rendered.entries()) {
      const file = join(slidesDir, `${r.chart.name}.png`);
      await writeFile(file, slides[i]!);
      written.push(file);
    }
  }
  return written;
}

/** Writes `dir`/report.html: one self-contained file that opens offline. */
export async function writeReport(dir: string, input: ReportInput): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.html'), reportHtml(input, buildCharts(input)));
}
