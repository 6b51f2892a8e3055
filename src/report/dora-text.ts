// The DORA benchmark for readers: each metric's value in the unit a reader thinks in, its cluster
// (State of DevOps 2019), as a line for the terminal and as a table for report.html.
import type { Variant } from '../scenario/types.js';
import { DORA_SOURCE, type DoraBenchmark, type DoraCluster } from '../stats/dora.js';
import type { RestoreSummary, VariantSummary } from '../stats/summary-types.js';
import { formatDuration } from './words.js';

export type DoraMetric = keyof DoraBenchmark;
export const DORA_METRICS: readonly DoraMetric[] = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore'];

export const DORA_LABEL: Record<DoraMetric, string> = {
  deploymentFrequency: 'deployment frequency',
  leadTime: 'lead time',
  changeFailureRate: 'change failure rate',
  timeToRestore: 'time to restore',
};

/** What each metric measures here, for the table's first column. */
const DORA_DEFINITION: Record<DoraMetric, string> = {
  deploymentFrequency: 'Deployment frequency (successful deployments a week per delivery team)',
  leadTime: 'Lead time for changes (median, ready → live)',
  changeFailureRate: 'Change failure rate (failed ÷ deployment attempts)',
  timeToRestore: 'Time to restore service (median, failed deployment → rollback complete)',
};

/** The 2019 ranges, as the report states them (SOURCES.md). */
export const DORA_THRESHOLDS: Record<DoraMetric, string> = {
  deploymentFrequency: 'elite: more than 7 a week (on demand); high: 1–7; medium: monthly to weekly; low: less than monthly',
  leadTime: 'elite: under a day; high: 1 day – 1 week; medium: 1 week – 1 month; low: over a month',
  changeFailureRate: 'elite, high and medium: 0–15% (given as elite); low: 46–60%, and anything above 15%',
  timeToRestore: 'elite: under an hour; high and medium: under a day (given as high); low: 1 week – 1 month, and anything from a day',
};

/** "0.94 a week", "8.0 days", "20.3%", "1.5 hours"; "no failures" for a restore time with nothing to restore. */
export function doraValueText(metric: DoraMetric, value: number): string {
  switch (metric) {
    case 'deploymentFrequency':
      return Number.isFinite(value) ? `${value.toFixed(2)} a week` : 'no value';
    case 'leadTime':
      return formatDuration(value);
    case 'changeFailureRate':
      return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'no value';
    case 'timeToRestore':
      return Number.isNaN(value) ? 'no failures' : formatDuration(value / 24);
  }
}

/** One terminal line: "DORA 2019 normal: deployment frequency medium (0.94 a week per team), …". */
export function doraLine(name: string, dora: DoraBenchmark): string {
  const parts = DORA_METRICS.map((m) => `${DORA_LABEL[m]} ${dora[m].cluster} (${doraValueText(m, dora[m].value)}${m === 'deploymentFrequency' ? ' per team' : ''})`);
  return `DORA 2019 ${name}: ${parts.join(', ')}`;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function clusterBadge(c: DoraCluster): string {
  return `<span class="cluster cluster-${c}">${c}</span>`;
}

function hours(x: number): string {
  return Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '–';
}

function restoreCell(r: RestoreSummary | undefined): string {
  if (r === undefined || r.count === 0) return '–';
  return `${hours(r.p50)} / ${hours(r.p85)} / ${hours(r.p95)} <span class="muted">(mean ${hours(r.mean)}, ${r.count} failures)</span>`;
}

/** The DORA benchmark of each variant, with the clusters, then time to restore per path, and the source. */
export function doraTableHtml(variants: readonly { variant: Variant; label: string; summary: VariantSummary }[]): string {
  const head = variants.map((v) => `<th scope="col">${escape(v.label)}</th>`).join('');
  const rows = DORA_METRICS.map((m) => {
    const cells = variants.map((v) => {
      const d = v.summary.dora[m];
      return `<td>${escape(doraValueText(m, d.value))} ${clusterBadge(d.cluster)}</td>`;
    });
    return `<tr><th scope="row">${escape(DORA_DEFINITION[m])}<div class="muted small">${escape(DORA_THRESHOLDS[m])}</div></th>${cells.join('')}</tr>`;
  });
  const paths: [string, string][] = [
    ['normal', 'application support rollback (normal path)'],
    ['preApproved', 'automated pipeline rollback (pre-approved path)'],
    ['emergency', 'rollback at once (emergency path)'],
    ['youBuildItYouRunIt', "automated rollback by the team, its on-call response out of hours (You Build It You Run It)"],
  ];
  const restoreRows = paths
    .filter(([p]) => variants.some((v) => v.summary.timeToRestoreHours.byPath[p] !== undefined))
    .map(([p, label]) => `<tr><th scope="row">Time to restore, p50 / p85 / p95 (hours): ${escape(label)}</th>${variants.map((v) => `<td>${restoreCell(v.summary.timeToRestoreHours.byPath[p])}</td>`).join('')}</tr>`);
  return `<table class="headline dora"><thead><tr><th></th>${head}</tr></thead><tbody>
${[...rows, ...restoreRows].join('\n')}
</tbody></table>
<p class="muted">Clusters from the ${escape(DORA_SOURCE)} report (DORA / Google Cloud). A value between two of the report's ranges goes to the worse cluster.
Deployment frequency counts successful deployments in the counted period per delivery team; time to restore runs from the end of a failed
deployment's work to the end of its rollback, in calendar time (an office-hours rollback pauses overnight; an out-of-hours one runs straight through).</p>`;
}

export const DORA_HEADING = `DORA benchmark (clusters from the ${DORA_SOURCE} report; a value in a gap between ranges goes to the worse cluster)`;

/** One row per design for the compare report: each metric's value and cluster, and restore-time percentiles. */
export function doraRows(designs: readonly { label: string; dora: DoraBenchmark; timeToRestoreHours: { p85: number } }[]): Record<string, string>[] {
  return designs.map((d) => {
    const row: Record<string, string> = { design: d.label };
    for (const m of DORA_METRICS) row[DORA_LABEL[m]] = `${doraValueText(m, d.dora[m].value)} (${d.dora[m].cluster})`;
    row['time to restore p85'] = Number.isFinite(d.timeToRestoreHours.p85) ? formatDuration(d.timeToRestoreHours.p85 / 24) : '–';
    return row;
  });
}
