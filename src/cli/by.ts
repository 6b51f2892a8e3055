// `orisim run --by class|path` (the value is checked in options.ts, byOption): the extra table printed
// after the run table — per variant × class (or path): completed changes, p50, p85, p95 and the mean with
// its 95% interval, each in the unit it reads best in (minutes, hours or days).
import { breakdown, breakdownEntries, type BreakdownKey } from '../stats/breakdowns.js';
import { compactDuration, compactMeanCi } from '../report/words.js';
import type { Summary } from '../stats/summary-types.js';
import { printable } from './printable.js';
import { groupDigits } from '../scenario/group-digits.js';

/** The table for one breakdown, a blank line before it (it follows the run table). */
export function formatByTable(summary: Summary, key: BreakdownKey): string {
  const b = breakdown(key);
  const header = ['variant', b.noun, 'completed', 'p50', 'p85', 'p95', 'mean (95% CI)'];
  const rows = breakdownEntries(summary, key).map(({ variant, group, lead }) => [
    printable(variant),
    printable(b.label(group)),
    groupDigits(Math.round(lead.completed)),
    compactDuration(lead.p50),
    compactDuration(lead.p85),
    compactDuration(lead.p95),
    compactMeanCi(lead),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const title = `lead time ready → live by ${b.noun} (completed counted changes, all replications; min = minutes, h = hours, d = days)`;
  return ['', title, line(header), ...rows.map(line)].join('\n') + '\n';
}

export function formatByTables(summary: Summary, keys: readonly BreakdownKey[]): string {
  return keys.map((k) => formatByTable(summary, k)).join('');
}
