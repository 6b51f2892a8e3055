// What every chart shares: the ChartDef shape, the caption (scenario and seed), the base config
// (font, sizes, colours) and the small aggregations that keep inlined data small.
import type { TopLevelSpec } from 'vega-lite';
import type { Variant } from '../../scenario/types.js';
import type { ReportInput } from '../report-input.js';
import type { VariantSummary } from '../../stats/summary-types.js';
import { FONT, MUTED_COLOUR, TEXT_COLOUR } from './palette.js';

export interface ChartDef {
  /** File name stem: charts/<name>.vl.json|.svg|.png */
  name: string;
  /** The title as drawn (also what the tests look for in the SVG). */
  title: string;
  spec: TopLevelSpec;
}

export const MINUTES_PER_DAY = 24 * 60;
export const CHART_WIDTH = 560;

/** The variants to draw, in the scenario's order, that have a summary. */
export function variantsOf(input: ReportInput): Variant[] {
  return input.scenario.variants.filter((v) => input.summary.variants[v] !== undefined);
}

export function summaryOf(input: ReportInput, variant: Variant): VariantSummary {
  const s = input.summary.variants[variant];
  if (s === undefined) throw new Error(`summary.json has no variant '${variant}'`);
  return s;
}

/** "Scenario ops-run-it · seed 42 · 20 replications": on every chart. */
export function caption(input: ReportInput): string {
  const { name } = input.summary.scenario;
  const { seed, replications } = input.summary.run;
  return `Scenario ${name} · seed ${seed} · ${replications} replication${replications === 1 ? '' : 's'}`;
}

/** Title, explanatory subtitle lines (keep each under ~65 characters) and the caption. */
export function title(text: string, input: ReportInput, extra?: string | string[]): Record<string, unknown> {
  return {
    text,
    subtitle: extra === undefined ? caption(input) : [...[extra].flat(), caption(input)],
    anchor: 'start',
    fontSize: 15,
    subtitleFontSize: 11,
    subtitleColor: MUTED_COLOUR,
    color: TEXT_COLOUR,
    offset: 10,
  };
}

/** Config shared by all charts: the shipped font, white background, readable sizes. */
export const BASE_CONFIG = {
  font: FONT,
  background: '#ffffff',
  padding: 12,
  view: { stroke: null },
  axis: { labelLimit: 260, labelFontSize: 11, titleFontSize: 12, labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  header: { labelFontSize: 12, titleFontSize: 12 },
} as const;

export function baseSpec(): Record<string, unknown> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: BASE_CONFIG };
}

const sortedCache = new WeakMap<ReportInput, Map<Variant, number[]>>();

/** Lead times in days of the counted (not warm-up) changes of a variant that went live, sorted (computed once per input). */
export function leadTimesDays(input: ReportInput, variant: Variant): number[] {
  let byVariant = sortedCache.get(input);
  if (byVariant === undefined) {
    byVariant = new Map();
    sortedCache.set(input, byVariant);
  }
  let sorted = byVariant.get(variant);
  if (sorted === undefined) {
    sorted = computeLeadTimesDays(input, variant);
    byVariant.set(variant, sorted);
  }
  return sorted;
}

function computeLeadTimesDays(input: ReportInput, variant: Variant): number[] {
  const pooled = input.leadTimesDays?.[variant];
  if (pooled !== undefined) return Array.from(Float64Array.from(pooled).sort());
  const out: number[] = [];
  for (const c of input.changes) {
    if (c.variant !== variant || c.warmup || !Number.isFinite(c.liveAt)) continue;
    out.push((c.liveAt - c.readyAt) / MINUTES_PER_DAY);
  }
  return out.sort((a, b) => a - b);
}

/** Quantile of sorted values (R type 7): the same function the summaries use. */
export { quantileSorted } from '../../stats/estimates.js';

/** Rounds for inlined data: small, stable JSON. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A "nice" step (1, 2, 2.5, 5 × 10^k) so that [0, max] spans about `count` bins. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function formatDays(d: number): string {
  if (d >= 10) return d.toFixed(0);
  return d >= 1 ? d.toFixed(1) : d.toFixed(2);
}

/** A text layer preceded by the same text in a thick white stroke, so labels stay readable over lines. */
export function withHalo(layer: { mark: Record<string, unknown>; encoding: Record<string, unknown> }): object[] {
  const { color: _colour, ...encoding } = layer.encoding;
  return [
    { mark: { ...layer.mark, stroke: '#ffffff', strokeWidth: 4, strokeJoin: 'round', color: '#ffffff' }, encoding },
    layer,
  ];
}

/** 1234567.8 → "1,234,568" (no locale data involved, so the same on every machine). */
export function thousands(x: number): string {
  const s = Math.round(Math.abs(x)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return x < 0 && Math.round(Math.abs(x)) !== 0 ? `-${s}` : s;
}
