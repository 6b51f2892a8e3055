// report.html of `orisim uncertainty`: page one is the answer in words (uncertainty-words.ts); then
// each design's intervals over plausible inputs, the probability each design is best, per input the
// tornado, Sobol indices with their 95% intervals and EVPPI, and the acceptability curve as a table.
// No scripts; the charts are charts/<name>.svg beside it; every value is escaped.
import type { UncertainInput } from '../scenario/types.js';
import type { UncertaintyResult } from '../study/analysis.js';
import { STUDY_METRICS, METRIC_INFO, type StudyMetric } from '../study/metrics.js';
import { escapeHtml } from './escape.js';
import { designName, inputValueText, uncertaintySentences } from './uncertainty-words.js';
import { formatMoney } from './words.js';
import { groupDigits } from '../scenario/group-digits.js';

const METRIC_NAME: Record<StudyMetric, string> = {
  leadTimeP50Days: 'p50 lead time (days)',
  leadTimeP85Days: 'p85 lead time (days)',
  cashCostPerYear: 'cash cost a year',
  costOfDelayPerYear: 'cost of delay a year',
  totalCostPerYear: 'total cost a year',
  deploymentsPerWeek: 'deployments a week',
  changeFailureRate: 'change failure rate',
  unfinishedShare: 'unfinished share',
};

const CSS = `body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}section.answer{page-break-after:always}
section.answer p{font-size:1.1em}table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:.9em}`;

function value(metric: StudyMetric, x: number, currency: string): string {
  if (!Number.isFinite(x)) return '–';
  const unit = METRIC_INFO[metric].unit;
  if (unit === 'money') return formatMoney(x, currency);
  if (unit === 'share') return `${(x * 100).toFixed(1)}%`;
  return x.toFixed(unit === 'days' ? 1 : 2);
}

const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');
const index = (i: { estimate: number; low: number; high: number } | null | undefined): string =>
  i === undefined || i === null || !Number.isFinite(i.estimate) ? '–' : `${i.estimate.toFixed(2)} (${i.low.toFixed(2)} to ${i.high.toFixed(2)})`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = (r: readonly string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(header, 'th')}</thead><tbody>${rows.map((r) => cells(r, 'td')).join('')}</tbody></table>`;
}

/** How the input sets were drawn: Saltelli's design, or two Latin hypercubes with rank correlations induced. */
function designText(result: UncertaintyResult, d: number): string {
  if (result.correlations === undefined) return `Saltelli's design, ${result.samples} × (${d} + 2) input sets`;
  return `two Latin hypercubes of ${result.samples} rows with the rank correlations induced by Iman–Conover, ${2 * result.samples} input sets`;
}

export interface UncertaintyReportInfo {
  readonly scenarios: readonly string[];
  readonly currency: string;
  readonly version: string;
  /** Charts written beside the page (charts/<name>.svg), shown after page one. */
  readonly charts?: readonly { readonly name: string; readonly title: string }[];
}

export function uncertaintyReportHtml(result: UncertaintyResult, inputs: readonly UncertainInput[], info: UncertaintyReportInfo): string {
  const labels = Object.keys(result.designs);
  const names = labels.map(designName);
  const c = info.currency;
  const designTable = table(
    ['metric', ...names.flatMap((n) => [`${n}: mean`, '90% of worlds', 'inputs’ share'])],
    STUDY_METRICS.map((m) => [METRIC_NAME[m], ...labels.flatMap((l) => {
      const s = result.designs[l]!.metrics[m];
      return [value(m, s.mean, c), `${value(m, s.p05, c)} to ${value(m, s.p95, c)}`, pct(s.inputShare)];
    })]),
  );
  const bestTable = table(['metric', ...names], STUDY_METRICS.map((m) => [METRIC_NAME[m], ...labels.map((l) => pct(result.probabilityBest[m][l]!))]));
  // Correlated inputs: the share each explains (with the inputs that move with it) instead of Sobol indices.
  const correlated = result.correlations !== undefined;
  const shareColumns = correlated ? ['share explained'] : ['first order (95%)', 'total order (95%)'];
  const inputSections = (['leadTimeP85Days', 'totalCostPerYear'] as const).map((m) => `<h2>What matters most for ${escapeHtml(METRIC_NAME[m])}</h2>` + table(
    ['input (range)', ...names.flatMap((n) => [`${n}: at low`, 'at high', ...shareColumns]), labels.length > 1 ? 'EVPPI' : ''],
    inputs.map((input) => {
      const r = result.inputs[input.path]![m];
      const shares = (l: string) => (correlated ? [pct(r.explained?.[l] ?? NaN)] : [index(r.firstOrder[l]), index(r.totalOrder[l])]);
      return [
        `${input.path} (${inputValueText(input, input.low)} to ${inputValueText(input, input.high)})`,
        ...labels.flatMap((l) => [value(m, r.low[l]!, c), value(m, r.high[l]!, c), ...shares(l)]),
        labels.length > 1 ? value(m, r.evppi, c) : '',
      ];
    }),
  ));
  const acceptability = labels.length > 1 ? `<h2>Probability of lowest cash cost + value of lead time</h2>
<p class="note">Each row values a day of p85 lead time at the amount shown (money a year); the cells are the share of plausible worlds in which each design has the lowest cash cost a year plus that value × its p85 lead time.</p>` +
    table(['value of a day a year', ...names], result.acceptability.points.map((p) => [formatMoney(p.valueOfADay, c), ...labels.map((l) => pct(p.probability[l]!))])) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(`Uncertainty: ${info.scenarios.join(', ')}`)}</title><style>${CSS}</style></head>
<body>
<section class="answer">
<h1>${escapeHtml(`How sure are we? ${info.scenarios.join(', ')}`)}</h1>
${uncertaintySentences(result, inputs, c).map((s) => `<p>${escapeHtml(s)}</p>`).join('\n')}
<p class="note">${escapeHtml(`${result.samples} samples of ${inputs.length} uncertain inputs (${designText(result, inputs.length)}, plus ${2 * inputs.length + 1} for the tornado), ${result.replications} replications each, ${groupDigits(result.simulations)} simulations; seed ${result.seed}; orisim ${info.version}.`)}</p>
</section>
${(info.charts ?? []).map((c) => `<h2>${escapeHtml(c.title)}</h2>\n<img src="charts/${escapeHtml(c.name)}.svg" alt="${escapeHtml(c.title)}" style="max-width:100%">`).join('\n')}
<h2>Each design over plausible inputs</h2>
${designTable}
<p class="note">“Inputs’ share”: the part of the spread of one replication’s value that the inputs explain; the rest is simulation noise.</p>
<h2>Probability of being best</h2>
${bestTable}
${inputSections.join('\n')}
<p class="note">Tornado: the value with this input at its low (high) and every other input at its likely value, with the same random numbers. ${correlated
    ? escapeHtml(`Share explained: the part of the spread of the mean over replications that knowing this input would remove, its own effect and that of the inputs correlated with it (${result.correlations!.map((k) => `${k.between[0]} and ${k.between[1]} at ${k.rank}, ${k.achieved.toFixed(2)} drawn`).join('; ')}); Sobol indices are not given, as they assume independent inputs.`)
    : 'Sobol indices: the share of the spread of the mean over replications explained by the input alone (first order) and with its interactions (total order).'} EVPPI: what knowing this input exactly is worth for choosing a design on this metric, in its unit.</p>
${acceptability}
</body>
</html>
`;
}
