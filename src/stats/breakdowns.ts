// Lead time broken down per change class and per path (summary.json byClass, byPath): the one
// list of breakdowns that `orisim run --by`, by-<key>.csv (output/tables.ts), the report's "By
// class and path" section and its chart all read. To add a breakdown (e.g. `group`), add an entry
// to BREAKDOWNS: the CLI accepts `--by <key>`, the run writes by-<key>.csv and the report gains a
// table and a panel.
import type { GroupLeadTime, Summary, VariantSummary } from './summary-types.js';

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
