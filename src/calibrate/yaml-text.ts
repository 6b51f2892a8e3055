// Small pieces of the calibrated scenario's YAML text: values in flow style, efforts and durations,
// shares and evidence in the words of the comments (write-scenario.ts, write-sections.ts).
import type { DurationFit, Evidence } from './fit.js';
import type { ShareFit } from './stats.js';

export const ASSUMED = 'assumption: not in the export';
/** Fewer rows than this and a rate is not fitted: the class keeps its default. */
export const MIN_RATE_ROWS = 5;

/** A value in YAML flow style: plain when safe, else double-quoted (JSON strings are valid YAML). */
export function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  if (typeof value === 'string') return /^[A-Za-z][A-Za-z0-9._-]*$|^[0-9]+[a-z][0-9a-z]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** An effort in hours and minutes ("1h25m"), never in days, which as efforts are 8 hours. */
export function effortText(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${r}m`;
}

export const pct = (s: ShareFit): string => `${(s.share * 100).toFixed(1)}%`;
export const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
export const ev = (e: Evidence): string => `${e.rows} rows${e.from === undefined ? '' : `, ${e.from} to ${e.to}`}${e.statistic === undefined ? '' : `; ${e.statistic}`}`;
export const shareNote = (s: ShareFit, of: string): string => `fitted: ${s.count} of ${s.n} ${of} (standard error ${s.standardError.toFixed(3)})`;

export function lognormalText(d: DurationFit): string {
  const median = Math.max(1, Math.round(d.median));
  const p90 = Math.max(median + 1, Math.round(d.p90));
  return flow({ lognormal: { median: effortText(median), p90: effortText(p90) } });
}

