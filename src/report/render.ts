// Vega-Lite spec → Vega spec → headless View (renderer 'none') → SVG → PNG at 2× with resvg,
// using only the DejaVu fonts shipped in src/report/fonts so text renders the same everywhere.
// Vega, Vega-Lite and resvg are loaded on first use, not when this module is imported: a run
// without charts (--no-charts, workers, validate) never pays their start-up (about 100 modules).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

type Resvg = typeof import('@resvg/resvg-js');
let resvgModule: Resvg | undefined;
/** resvg (a CommonJS native module), required synchronously on first use. */
function resvg(): Resvg {
  resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as Resvg;
  return resvgModule;
}

export const PNG_SCALE = 2;
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/** The package root (holds package.json): the same from src/ under tsx/vitest and from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'orisim') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the orisim package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute paths of the shipped font files; fails loudly if one is missing. */
export function fontFiles(): string[] {
  const dir = join(packageRoot(), 'src', 'report', 'fonts');
  return FONT_FILES.map((f) => {
    const p = join(dir, f);
    if (!existsSync(p)) throw new Error(`chart font missing: ${p}`);
    return p;
  });
}

/** Renders a Vega-Lite spec to SVG text. Throws on Vega-Lite or Vega errors. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ compile }, { parse, View }] = await Promise.all([import('vega-lite'), import('vega')]);
  const vgSpec = compile(spec).spec;
  const view = new View(parse(vgSpec), { renderer: 'none' });
  view.logLevel(1); // errors only — warnings would go to the console in the middle of a run
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Width and height of an SVG's root element, from its attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!Number.isFinite(width) || !Number.isFinite(height)) throw new Error('SVG has no numeric width/height');
  return { width, height };
}

let cachedFonts: string[] | undefined;

function pngOptions(): ResvgRenderOptions {
  cachedFonts ??= fontFiles();
  return {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
    font: { fontFiles: cachedFonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  };
}

/** Rasterises SVG text to PNG at PNG_SCALE× with the shipped fonts (never system fonts). */
export function renderPng(svg: string): Buffer {
  return new (resvg().Resvg)(svg, pngOptions()).render().asPng();
}

/** The same off the main thread (libuv pool), so several charts rasterise in parallel. */
export async function renderPngAsync(svg: string): Promise<Buffer> {
  return (await resvg().renderAsync(svg, pngOptions())).asPng();
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/** Slides: 16:9 at 1920 × 1080 pixels, the chart scaled to fit inside a margin and centred. */
export const SLIDE = { width: 1920, height: 1080, margin: 60 } as const;

/** The chart's SVG on a white 1920 × 1080 page (a nested <svg>, scaled to fit and centred). */
export function slideSvg(svg: string): string {
  const { width, height } = svgSize(svg);
  const scale = Math.min((SLIDE.width - 2 * SLIDE.margin) / width, (SLIDE.height - 2 * SLIDE.margin) / height);
  const x = (SLIDE.width - width * scale) / 2;
  const y = (SLIDE.height - height * scale) / 2;
  const inner = svg.replace(/^<\?xml[^>]*>\s*/, '');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SLIDE.width}" height="${SLIDE.height}" viewBox="0 0 ${SLIDE.width} ${SLIDE.height}">` +
    `<rect width="${SLIDE.width}" height="${SLIDE.height}" fill="#ffffff"/>` +
    `<g transform="translate(${x.toFixed(2)},${y.toFixed(2)}) scale(${scale.toFixed(6)})">${inner}</g></svg>`
  );
}

/** A slide PNG of a chart's SVG: exactly 1920 × 1080. */
export async function renderSlidePngAsync(svg: string): Promise<Buffer> {
  cachedFonts ??= fontFiles();
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'original' },
    background: '#ffffff',
    font: { fontFiles: cachedFonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  };
  return (await resvg().renderAsync(slideSvg(svg), options)).asPng();
}
