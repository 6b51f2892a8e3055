/// <reference lib="dom" />
// Page one of the workshop, as in the reports: the answer in words (compare's sentences: the what-if
// against today, paired under common random numbers), the warnings (each design's calendar and
// result warnings, overloaded teams among them, and understated lead times — always shown, never dismissed), the
// lead-time percentiles, cash cost and cost of delay a year with 95% intervals, the DORA clusters,
// and two charts (Vega-Lite through the inlined vega-embed): the lead-time distributions of today
// and the what-if, and the costs with their intervals. Also the machine-readable result.
import { compareSummarySentences } from '../compare-summary.js';
import { doraRows } from '../dora-text.js';
import { escapeHtml } from '../escape.js';
import { formatDuration, formatMoney } from '../words.js';
import type { DesignFigures } from '../../stats/compare.js';
import type { CostFigures, Interval, WorkshopResult } from './runner.js';

/** Every warning of a design: the run's (overloaded teams among them: stats/summarise.ts) and understated lead times. */
export function designWarnings(d: DesignFigures, name: string): string[] {
  const out = d.warnings.map((w) => `${name}: ${w}`);
  if (d.biased && d.biasReason !== undefined) out.push(`${name}: ${d.biasReason}`);
  return out;
}

/** The displayed figures of one design (what the page shows, as text). */
export function shownFigures(d: DesignFigures, costs: CostFigures, currency: string): Record<string, string> {
  const money = (i: Interval): string => `${formatMoney(i.mean, currency)} (${formatMoney(i.ci95[0], currency)} to ${formatMoney(i.ci95[1], currency)})`;
  return {
    'lead time p50': formatDuration(d.leadTimeDays.p50),
    'lead time p85': formatDuration(d.leadTimeDays.p85),
    'lead time p95': formatDuration(d.leadTimeDays.p95),
    'cash cost a year': money(costs.cash),
    'cost of delay a year': money(costs.delay),
    'total a year': money(costs.total),
  };
}

function table(rows: readonly Record<string, string>[], caption: string): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  const head = keys.map((k) => `<th scope="col">${escapeHtml(k)}</th>`).join('');
  const body = rows.map((r) => `<tr>${keys.map((k, i) => (i === 0 ? `<th scope="row">${escapeHtml(r[k] ?? '')}</th>` : `<td>${escapeHtml(r[k] ?? '')}</td>`)).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function signedDuration(days: number): string {
  return `${days < 0 ? '−' : '+'}${formatDuration(Math.abs(days))}`;
}

/** JSON with NaN and infinities as null (as summary.json writes them). */
export function resultJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

/** The page-one HTML of a result (everything user-provided escaped). */
export function resultHtml(r: WorkshopResult, currency: string, names: { today: string; whatIf: string }): { html: string; warnings: string[] } {
  const [t, w] = r.comparison.designs as [DesignFigures, DesignFigures];
  const warnings = [...designWarnings(t, 'today'), ...designWarnings(w, 'what-if')];
  const words = compareSummarySentences(r.comparison).map((s) => `<p>${escapeHtml(s)}</p>`).join('');
  const diff = w.difference!;
  const lead = [
    { design: `today (${names.today})`, ...pick(shownFigures(t, r.costs.today, currency), 'lead time') },
    { design: `what-if (${names.whatIf})`, ...pick(shownFigures(w, r.costs.whatIf, currency), 'lead time') },
  ];
  const pairedLead = `Paired difference of the 85th percentile, what-if − today: ${signedDuration(diff.leadTimeP85Days.mean)} (95% interval ${signedDuration(diff.leadTimeP85Days.ci95[0])} to ${signedDuration(diff.leadTimeP85Days.ci95[1])}).`;
  const costRows = [
    { design: 'today', ...pick(shownFigures(t, r.costs.today, currency), 'a year') },
    { design: 'what-if', ...pick(shownFigures(w, r.costs.whatIf, currency), 'a year') },
    { design: 'what-if − today (paired)', ...pick(shownFigures(w, r.costs.difference, currency), 'a year') },
  ];
  const dora = doraRows([
    { ...t, label: 'today' },
    { ...w, label: 'what-if' },
  ]);
  const html =
    `<div class="words">${words}</div>` +
    table(lead, 'Lead time, ready to live (pooled over replications)') +
    `<p class="paired">${escapeHtml(pairedLead)}</p>` +
    table(costRows, `Costs a year, ${currency}: mean (95% interval over replications); cash = money paid (staff capacity, hours, licences, contract, on-call, overtime, setup amortised), cost of delay apart`) +
    table(dora, 'DORA clusters (Accelerate State of DevOps 2019)');
  return { html, warnings };
}

function pick(figures: Record<string, string>, part: string): Record<string, string> {
  return Object.fromEntries(Object.entries(figures).filter(([k]) => k.includes(part)));
}

/** The lead-time distribution chart: share of changes live within x days, today and the what-if. */
export function leadTimeSpec(r: WorkshopResult): object {
  const rows = [
    ...r.leadTimeQuantiles.today.map((d, i) => ({ design: 'today', days: d, share: (i + 1) / 100 })),
    ...r.leadTimeQuantiles.whatIf.map((d, i) => ({ design: 'what-if', days: d, share: (i + 1) / 100 })),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Lead time: share of changes live within (${r.replications} replications)`,
    width: 480,
    height: 240,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'monotone' },
    encoding: {
      x: { field: 'days', type: 'quantitative', title: 'days from ready to live' },
      y: { field: 'share', type: 'quantitative', title: 'share of changes live', axis: { format: '.0%' } },
      color: { field: 'design', type: 'nominal', scale: { domain: ['today', 'what-if'], range: ['#7f7f7f', '#1f77b4'] } },
    },
  };
}

/** Costs a year of today and the what-if, each with its 95% interval. */
export function costSpec(r: WorkshopResult, currency: string): object {
  const rows = (['today', 'whatIf'] as const).flatMap((d) =>
    (['cash', 'delay'] as const).map((c) => ({
      design: d === 'today' ? 'today' : 'what-if',
      cost: c === 'cash' ? 'cash cost' : 'cost of delay',
      mean: r.costs[d][c].mean,
      lo: r.costs[d][c].ci95[0],
      hi: r.costs[d][c].ci95[1],
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Costs a year (${currency}), 95% intervals`,
    data: { values: rows },
    facet: { column: { field: 'cost', type: 'nominal', title: null } },
    spec: {
      width: 200,
      height: 200,
      layer: [
        { mark: 'bar', encoding: { x: { field: 'design', type: 'nominal', title: null }, y: { field: 'mean', type: 'quantitative', title: currency }, color: { field: 'design', type: 'nominal', scale: { domain: ['today', 'what-if'], range: ['#7f7f7f', '#1f77b4'] }, legend: null } } },
        { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'design', type: 'nominal' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
