// Every chart is written three ways: .vl.json, .svg (vega, renderer 'none') and .png (resvg, 2×,
// shipped fonts); the same input gives the same bytes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from './fixture.js';
import { writeCharts, renderCharts } from '../../src/report/write-charts.js';
import { escapeHtml } from '../../src/report/html.js';
import { fontFiles, packageRoot, pngSize, renderPng, slideSvg, svgSize, PNG_SCALE } from '../../src/report/render.js';

const input = makeFixture();
let dir: string;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orisim-charts-'));
  files = await writeCharts(dir, input); // its speed is measured by the run benchmark, not timed here
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeCharts', () => {
  it('writes <name>.vl.json, .svg and .png for every chart, non-empty', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.every((f) => f.startsWith(join(dir, 'charts')))).toBe(true);
    for (const f of files) expect(readFileSync(f).length, f).toBeGreaterThan(500);
    const names = new Set(files.map((f) => basename(f).replace(/\.(vl\.json|svg|png)$/, '')));
    for (const n of names) for (const ext of ['.vl.json', '.svg', '.png']) expect(files).toContain(join(dir, 'charts', n + ext));
  });

  it('each SVG contains its title and has marks; each PNG is 2× the SVG', async () => {
    for (const r of await renderCharts(input)) {
      const svg = readFileSync(join(dir, 'charts', `${r.chart.name}.svg`), 'utf8');
      expect(svg.startsWith('<svg'), r.chart.name).toBe(true);
      expect(svg, r.chart.name).toContain(escapeHtml(r.chart.title).replace(/&#39;/g, "'"));
      expect(svg, r.chart.name).toMatch(/class="mark-(rect|line|area|symbol|rule)/);
      expect(svg, r.chart.name).toContain('font-family="DejaVu Sans');
      const { width, height } = svgSize(svg);
      const png = pngSize(readFileSync(join(dir, 'charts', `${r.chart.name}.png`)));
      expect(png, r.chart.name).toEqual({ width: Math.round(width * PNG_SCALE), height: Math.round(height * PNG_SCALE) });
    }
  });

  it('.vl.json is a Vega-Lite spec with its data inlined (no URLs)', () => {
    for (const f of files.filter((x) => x.endsWith('.vl.json'))) {
      const text = readFileSync(f, 'utf8');
      const spec = JSON.parse(text) as { $schema: string };
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(text).not.toMatch(/"url"\s*:/);
    }
  });

  it('same input → byte-identical .vl.json and .svg (and .png)', async () => {
    const again = mkdtempSync(join(tmpdir(), 'orisim-charts-'));
    try {
      const files2 = await writeCharts(again, makeFixture());
      expect(files2.map((f) => basename(f))).toEqual(files.map((f) => basename(f)));
      for (const f of files) {
        const g = join(again, 'charts', basename(f));
        expect(readFileSync(g).equals(readFileSync(f)), basename(f)).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

});

describe('slides', () => {
  it('--slides: every chart also as a 16:9 PNG of exactly 1920 × 1080, scaled to fit a 60 px margin and centred', async () => {
    const again = mkdtempSync(join(tmpdir(), 'orisim-slides-'));
    try {
      const written = await writeCharts(again, makeFixture(), { slides: true });
      const slides = written.filter((f) => f.includes(`${join('charts', 'slides')}`));
      expect(slides.length).toBe(files.length / 3);
      for (const f of slides) expect(pngSize(readFileSync(f)), basename(f)).toEqual({ width: 1920, height: 1080 });
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    // a 600 × 300 chart: the width binds (1800 / 600 = 3), so it is 1800 × 900 at (60, 90)
    const wrapped = slideSvg('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300"/></svg>');
    expect(wrapped).toContain('<g transform="translate(60.00,90.00) scale(3.000000)">');
    expect(svgSize(wrapped)).toEqual({ width: 1920, height: 1080 });
  });
});

describe('fonts', () => {
  it('are shipped in the repository and found from the package root (so from dist/ too)', () => {
    const files = fontFiles();
    expect(files).toEqual([join(packageRoot(), 'src/report/fonts/DejaVuSans.ttf'), join(packageRoot(), 'src/report/fonts/DejaVuSans-Bold.ttf')]);
    expect(readFileSync(join(packageRoot(), 'src/report/fonts/LICENSE'), 'utf8')).toContain('Bitstream Vera');
  });

  it('text never vanishes: a PNG with text differs from the same PNG without it', () => {
    const withText = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="25" font-family="DejaVu Sans" font-size="16">Lead time</text></svg>';
    const bold = withText.replace('font-size', 'font-weight="bold" font-size');
    const unknownFamily = withText.replace('DejaVu Sans', 'No Such Font');
    const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>';
    const blank = renderPng(empty);
    for (const svg of [withText, bold, unknownFamily]) expect(renderPng(svg).equals(blank)).toBe(false);
    expect(renderPng(bold).equals(renderPng(withText))).toBe(false);
  });
});
