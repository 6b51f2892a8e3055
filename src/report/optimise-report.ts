// The answer of `orisim optimise` in words (stdout and page one of report.html: what to change
// from today, what it achieves with 95% intervals and the paired difference from today, how sure
// the selection is, the runner-up within δ — or, when nothing meets the constraints, the closest
// candidate and what it misses by), the frontier chart of cash cost against p85 lead time with
// today's design and the recommendation marked, and report.html.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Goals } from '../study/goals.js';
import { metricText } from '../study/goals.js';
import type { Estimate, OptimiseReport } from '../study/optimise-result.js';
import type { StudyMetric } from '../study/metrics.js';
import { chartReportHtml, chartTitle, writeChartFiles } from './chart-page.js';
import { baseSpec, CHART_WIDTH, round, type ChartDef } from './charts/common.js';
import { MUTED_COLOUR } from './charts/palette.js';
import { groupDigits } from '../scenario/group-digits.js';

export interface OptimiseInfo {
  readonly scenario: string;
  readonly seed: number;
  readonly currency: string;
  readonly version: string;
}

/** A lever value as words: lists joined ("mon, thu"), texts as they are. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return 'its default';
  if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function settingText(levers: Record<string, unknown>): string {
  return Object.entries(levers).map(([p, v]) => `${p} = ${valueText(v)}`).join(', ');
}

function withInterval(metric: StudyMetric, e: Estimate, currency: string): string {
  return `${metricText(metric, e.mean, currency)} (95% CI ${metricText(metric, e.ci95[0], currency)} to ${metricText(metric, e.ci95[1], currency)})`;
}

function signed(metric: StudyMetric, e: Estimate, currency: string): string {
  const sign = (x: number): string => (x > 0 ? '+' : x < 0 ? '−' : '');
  const one = (x: number): string => `${sign(x)}${metricText(metric, Math.abs(x), currency)}`;
  return `${one(e.mean)} (95% CI ${one(e.ci95[0])} to ${one(e.ci95[1])})`;
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** The answer in words; the last sentence is the caveat. */
export function optimiseSentences(r: OptimiseReport, goals: Goals, currency: string): string[] {
  const objective = goals.objective.metric;
  const shown: StudyMetric[] = [...new Set<StudyMetric>(['leadTimeP85Days', 'cashCostPerYear', objective, ...goals.constraints.map((c) => c.metric)])];
  const out: string[] = [];
  const wanted = goals.constraints.length === 0 ? '' : ` that meets ${goals.constraints.map((c) => c.text).join(' and ')}`;
  if (r.recommended !== null) {
    const rec = r.recommended;
    out.push(
      rec.changes.length === 0
        ? `Keep today's design: of ${r.candidateCount} candidates it is the one to ${goals.objective.sense} ${objective}${wanted}.`
        : `Change ${rec.changes.map((c) => `${c.path} from ${valueText(c.today)} to ${valueText(c.recommended)}`).join(', and ')}: of ${r.candidateCount} candidates, this ${goals.objective.sense}s ${objective}${wanted}.`,
    );
    out.push(`It achieves ${shown.map((m) => `${m} ${withInterval(m, rec.metrics[m], currency)}`).join('; ')}.`);
    out.push(`Against today's design on the same replications (paired): ${shown.map((m) => `${m} ${signed(m, rec.differenceFromToday[m], currency)}`).join('; ')}.`);
    out.push(
      `How sure: ${r.completed ? `KN++ selected it with a probability of correct selection of at least ${pct(rec.probabilityCorrectSelection)}` : `the budget ended the selection first; the estimated probability of correct selection is ${pct(rec.probabilityCorrectSelection)}`}` +
        ` (differences smaller than δ = ${metricText(objective, r.delta, currency)} not counted)` +
        (goals.constraints.length === 0 ? '.' : `; it meets the constraints with probability ${pct(rec.probabilityFeasible)}.`),
    );
    if (r.runnerUp !== null) {
      const d = r.runnerUp.differenceFromRecommended;
      out.push(`Runner-up: ${settingText(r.runnerUp.levers)}, ${objective} ${signed(objective, d, currency)} against the recommendation: ${r.runnerUp.withinDelta ? 'within δ, as good for practical purposes' : 'more than δ worse'}.`);
    } else {
      out.push('Runner-up: no other candidate meets the constraints with the stated confidence.');
    }
  } else {
    const closest = r.infeasible?.closest;
    out.push(`No candidate meets ${goals.constraints.map((c) => c.text).join(' and ')} with ${pct(r.confidence)} confidence (${r.candidateCount} candidates).`);
    if (closest !== undefined && closest !== null) {
      const misses = closest.misses.filter((m) => m.by > 0).map((m) => `${m.constraint}: ${round(m.mean, 3)}, misses by ${round(m.by, 3)}`);
      out.push(`The closest is ${settingText(closest.levers)}${misses.length > 0 ? ` (${misses.join('; ')})` : ' (its means meet them, but not with the confidence asked for)'}.`);
    }
  }
  out.push(
    `Replications: ${groupDigits(r.replications.spent)} spent, against ${groupDigits(r.replications.everyCandidateAtFinalCount)} for every candidate at the final count of ${r.replications.finalCount}; common random numbers throughout. Each metric is the mean over replications of one replication's figure; cashCostPerYear is the money paid a year (staff, licences, contract, on-call, setup amortised), apart from the cost of delay.`,
  );
  return out;
}

/** Cash cost against p85 lead time: every candidate evaluated (grey), the frontier with 95% intervals, today and the recommendation marked. */
function frontierChart(info: OptimiseInfo, r: OptimiseReport): ChartDef {
  const title = 'Cash cost against p85 lead time';
  const all = r.candidates.filter((c) => c.replications > 0 && Number.isFinite(c.metrics.cashCostPerYear) && Number.isFinite(c.metrics.leadTimeP85Days))
    .map((c) => ({ cost: round(c.metrics.cashCostPerYear, 0), p85: round(c.metrics.leadTimeP85Days, 3), kind: 'candidate' }));
  const frontier = r.frontier.map((f) => ({
    cost: round(f.cashCostPerYear.mean, 0), costLo: round(f.cashCostPerYear.ci95[0], 0), costHi: round(f.cashCostPerYear.ci95[1], 0),
    p85: round(f.leadTimeP85Days.mean, 3), p85Lo: round(f.leadTimeP85Days.ci95[0], 3), p85Hi: round(f.leadTimeP85Days.ci95[1], 3),
    kind: f.recommended ? 'recommended' : 'frontier',
  }));
  const marks = [
    { cost: round(r.today.metrics.cashCostPerYear.mean, 0), p85: round(r.today.metrics.leadTimeP85Days.mean, 3), label: 'today' },
    ...(r.recommended === null ? [] : [{ cost: round(r.recommended.metrics.cashCostPerYear.mean, 0), p85: round(r.recommended.metrics.leadTimeP85Days.mean, 3), label: 'recommended' }]),
  ];
  const x = { field: 'cost', type: 'quantitative', title: `Cash cost a year (${info.currency})`, scale: { zero: false } };
  const y = { field: 'p85', type: 'quantitative', title: 'p85 lead time (days)', scale: { zero: true } };
  const spec = {
    ...baseSpec(),
    title: chartTitle(title, [`Scenario ${info.scenario} · seed ${info.seed} · grey: every candidate evaluated; blue: the frontier (95% intervals)`]),
    width: CHART_WIDTH,
    height: 360,
    layer: [
      { data: { values: all }, mark: { type: 'point', color: MUTED_COLOUR, opacity: 0.5 }, encoding: { x, y } },
      { data: { values: frontier }, mark: { type: 'rule', color: '#4c78a8' }, encoding: { x: { ...x, field: 'costLo' }, x2: { field: 'costHi' }, y } },
      { data: { values: frontier }, mark: { type: 'rule', color: '#4c78a8' }, encoding: { x, y: { ...y, field: 'p85Lo' }, y2: { field: 'p85Hi' } } },
      { data: { values: frontier }, mark: { type: 'line', color: '#4c78a8', point: true }, encoding: { x, y, order: { field: 'cost' } } },
      { data: { values: marks }, mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: '#e45756' }, encoding: { x, y } },
      { data: { values: marks }, mark: { type: 'text', dx: 8, dy: -8, align: 'left' }, encoding: { x, y, text: { field: 'label' } } },
    ],
  } as unknown as TopLevelSpec;
  return { name: 'frontier', title, spec };
}

export async function writeOptimiseReport(dir: string, info: OptimiseInfo, r: OptimiseReport, goals: Goals): Promise<void> {
  const charts = [frontierChart(info, r)];
  await writeChartFiles(dir, charts);
  const est = (e: Estimate, d: number): string => `${round(e.mean, d)} (${round(e.ci95[0], d)}–${round(e.ci95[1], d)})`;
  const html = chartReportHtml({
    title: `Optimise: ${info.scenario}`,
    summary: optimiseSentences(r, goals, info.currency),
    intro: [
      `${r.candidateCount} candidates (${r.method === 'screen-and-select' ? 'each screened with a few replications, then KN++ ranking and selection' : 'narrowed by successive halving, then KN++ ranking and selection'}); seed ${info.seed}, common random numbers; orisim ${info.version}.`,
      `Objective: ${goals.objective.sense} ${goals.objective.metric}; constraints: ${goals.constraints.length === 0 ? 'none' : goals.constraints.map((c) => c.text).join(', ')}, each met with ${pct(r.confidence)} confidence.`,
    ],
    warnings: [],
    tables: [
      { heading: 'The frontier: no other candidate is both cheaper and faster', rows: r.frontier.map((f) => ({ levers: settingText(f.levers), [`cash cost/yr, ${info.currency} (95% CI)`]: est(f.cashCostPerYear, 0), 'p85 days (95% CI)': est(f.leadTimeP85Days, 2), recommended: f.recommended ? 'yes' : '' })), wrap: true },
      { heading: 'Every candidate evaluated (candidates.csv)', rows: r.candidates.map((c) => ({ levers: settingText(c.levers), status: c.status, replications: c.replications, [goals.objective.metric]: round(c.metrics[goals.objective.metric], 3) })), folded: true },
    ],
    charts,
  });
  await writeFile(join(dir, 'report.html'), html);
}
