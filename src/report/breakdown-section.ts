// report.html's "By class and path" section: per breakdown (src/stats/breakdowns.ts) a table of
// the lead time of each variant × group — completed changes, p50, p85, p95, mean with its 95%
// interval — and the chart drawn from the same numbers (charts/by-class.ts).
import type { ReportInput } from './report-input.js';
import { BREAKDOWNS, breakdownEntries } from '../stats/breakdowns.js';
import { csvFileName } from '../output/tables.js';
import { variantLabel } from './charts/palette.js';
import { compactDuration, compactMeanCi } from './words.js';
import { escapeHtml } from './escape.js';
import { thousands } from './charts/common.js';

/** A duration cell: in the unit it reads best in, the exact days on hover. */
function durationCell(days: number): string {
  const exact = Number.isFinite(days) ? ` title="${days.toFixed(3)} days"` : '';
  return `<td class="n"${exact}>${escapeHtml(compactDuration(days))}</td>`;
}

function breakdownTable(input: ReportInput, b: (typeof BREAKDOWNS)[number]): string {
  const entries = breakdownEntries(input.summary, b.key);
  if (entries.length === 0) return '<p class="muted">No completed changes.</p>';
  const head = ['Variant', b.noun[0]!.toUpperCase() + b.noun.slice(1), 'Completed changes', 'p50', 'p85', 'p95', 'Mean (95% CI)']
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('');
  const body = entries
    .map(({ variant, group, lead }) =>
      `<tr><td>${escapeHtml(variantLabel(variant))}</td><td>${escapeHtml(b.label(group))}</td><td class="n">${thousands(lead.completed)}</td>` +
      `${durationCell(lead.p50)}${durationCell(lead.p85)}${durationCell(lead.p95)}<td class="n">${escapeHtml(compactMeanCi(lead))}</td></tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table class="data by-${b.key}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The section: a table per breakdown, then `figure` (the chart's markup, drawn by the page's embed script). */
export function breakdownSection(input: ReportInput, figure: string): string {
  const tables = BREAKDOWNS.map((b) => `<h3>Lead time by ${escapeHtml(b.noun)} (${csvFileName(b.key)})</h3>\n${breakdownTable(input, b)}`).join('\n');
  return `<section id="by-class-path"><h2>By class and path</h2>
<p class="muted">Lead time from ready to live of the completed counted changes of all replications, per change class and per path
(a standard change is a pre-approved one; a normal change goes through the CAB). Percentiles pool the changes; the mean's 95% interval
is over the replications' own means. min = minutes, h = hours, d = days; hover a value for its days.</p>
${tables}
${figure}
</section>`;
}
