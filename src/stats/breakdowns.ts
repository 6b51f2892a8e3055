// Lead time broken down per change class and per path (summary.json byClass, byPath): the one
// list of breakdowns that `orisim run --by`, by-<key>.csv, the report's "By class and path"
// section and its chart all read. To add a breakdown (e.g. `group`), add an entry to BREAKDOWNS:
// the CLI accepts `--by <key>`, the run writes by-<key>.csv and the report gains a table and a panel.
import type { Variant } from '../scenario/types.js';
import type { GroupLeadTime, Summary, VariantSummary } from './summary-types.js';
import { num, type Row } from '../run/rows.js';
import { VARIANT_LABEL } from '../report/charts/palette.js';

export interface Breakdown {
  /** The value of `--by`, the stem of the CSV file (by-<key>.csv) and its group column. */
  readonly key: string;
  /** "class", "path": what a group is, in a heading ("Lead time by class"). */
  readonly noun: string;
  /** The groups of a variant, in summary.json order (only groups with completed changes). */
  readonly groups: (v: VariantSummary) => Readonly<Record<string, GroupLeadTime>>;
  /** A group's name for people (the key itself when there is no better name). */
  readonly label: (group: string) => string;
}

/** Paths in words: a pre-approved change is a standard change in ITIL's terms. */
export const PATH_LABEL: Readonly<Record<string, string>> = {
  normal: 'normal change (CAB)',
  preApproved: 'standard change (pre-approved)',
  youBuildItYouRunIt: 'own pipeline (You Build It You Run It)',
  emergency: 'emergency change (emergency CAB)',
};

export const BREAKDOWNS = [
  { key: 'class', noun: 'class', groups: (v) => v.byClass, label: (g) => g },
  { key: 'path', noun: 'path', groups: (v) => v.byPath, label: (g) => (Object.hasOwn(PATH_LABEL, g) ? PATH_LABEL[g]! : g) },
] as const satisfies readonly Breakdown[];

export type BreakdownKey = (typeof BREAKDOWNS)[number]['key'];
export const BREAKDOWN_KEYS: readonly BreakdownKey[] = BREAKDOWNS.map((b) => b.key);

export function breakdown(key: BreakdownKey): Breakdown {
  return BREAKDOWNS.find((b) => b.key === key)!;
}

export function csvFileName(key: BreakdownKey): string {
  return `by-${key}.csv`;
}

export function variantLabel(v: string): string {
  return Object.hasOwn(VARIANT_LABEL, v) ? VARIANT_LABEL[v as Variant] : v;
}

/** One row per variant × group with completed changes, variants in summary.json order. */
export interface BreakdownEntry {
  variant: string;
  group: string;
  lead: GroupLeadTime;
}

export function breakdownEntries(summary: Summary, key: BreakdownKey): BreakdownEntry[] {
  const b = breakdown(key);
  const out: BreakdownEntry[] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    if (v === undefined) continue;
    for (const [group, lead] of Object.entries(b.groups(v))) out.push({ variant, group, lead });
  }
  return out;
}

/** The rows of by-<key>.csv: lead times in days rounded to 4 decimals, as in stages.csv. */
export function breakdownRows(summary: Summary, key: BreakdownKey): Row[] {
  return breakdownEntries(summary, key).map(({ variant, group, lead }) => ({
    variant,
    [key]: group,
    completed: lead.completed,
    p50_days: num(lead.p50, 4),
    p85_days: num(lead.p85, 4),
    p95_days: num(lead.p95, 4),
    mean_days: num(lead.mean, 4),
    mean_ci95_low_days: num(lead.ci95[0], 4),
    mean_ci95_high_days: num(lead.ci95[1], 4),
    max_days: num(lead.max, 4),
  }));
}

export function breakdownColumns(key: BreakdownKey): string[] {
  return ['variant', key, 'completed', 'p50_days', 'p85_days', 'p95_days', 'mean_days', 'mean_ci95_low_days', 'mean_ci95_high_days', 'max_days'];
}

type Unit = 'min' | 'h' | 'd';

/** The unit a duration reads best in: under an hour minutes, under a day hours, else days. */
export function durationUnit(days: number): Unit {
  const minutes = days * 1440;
  if (minutes < 59.5) return 'min';
  return days < 1 ? 'h' : 'd';
}

function inUnit(days: number, unit: Unit): string {
  if (unit === 'min') return Math.round(days * 1440).toFixed(0);
  return (unit === 'h' ? days * 24 : days).toFixed(1);
}

/** "29 min", "16.0 h", "7.0 d"; "–" for no value. */
export function compactDuration(days: number): string {
  if (!Number.isFinite(days)) return '–';
  const unit = durationUnit(days);
  return `${inUnit(days, unit)} ${unit}`;
}

/** A mean and its interval in the mean's unit: "8.1 d (7.9–8.2)", "17.4 h (15.5–19.5)". */
export function compactMeanCi(lead: { mean: number; ci95: readonly [number, number] }): string {
  if (!Number.isFinite(lead.mean)) return '–';
  const unit = durationUnit(lead.mean);
  const [lo, hi] = lead.ci95;
  const interval = Number.isFinite(lo) && Number.isFinite(hi) ? ` (${inUnit(lo, unit)}–${inUnit(hi, unit)})` : '';
  return `${inUnit(lead.mean, unit)} ${unit}${interval}`;
}
