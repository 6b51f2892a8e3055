// `orisim run --by group`: lead time of completed changes per delivery group and variant, from
// summary.json's byGroup (teams.delivery given as a list of groups).
import type { LeadTimeSummary, Summary } from '../stats/summary-types.js';
import { printable } from './printable.js';

function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** One row per variant and group: completed, p50, p85, p95, mean with its 95% interval (days). */
export function formatGroupTable(summary: Summary): string {
  const header = ['variant', 'group', 'completed', 'lead p50 d', 'p85 d', 'p95 d', 'mean d (95% CI)'];
  const rows: string[][] = [];
  for (const [variant, v] of Object.entries(summary.variants)) {
    for (const [group, g] of Object.entries(v?.byGroup ?? {}) as [string, LeadTimeSummary & { completed: number }][]) {
      rows.push([
        variant,
        printable(group),
        String(g.completed),
        fmt(g.p50),
        fmt(g.p85),
        fmt(g.p95),
        `${fmt(g.mean)} (${fmt(g.ci95[0])}–${fmt(g.ci95[1])})`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`lead time by delivery group (completed counted changes; percentiles pooled over replications)`, line(header), ...rows.map(line)].join('\n') + '\n';
}
