// The short, readable table `orisim run` prints on stdout: lead time (each in the unit that fits
// it, as the words write it: "45 min", "5.5 h", "8.0 d") and cost per variant, costs
// per year (the counted period scaled to 52 weeks, setup amortised) so that every figure has its period,
// the cash cost and the cost of delay apart, with a line saying what the cost columns and bands mean;
// under it, a line per variant with its DORA benchmark clusters, then (when the scenario has them)
// a line per variant on service introduction and on short-notice rescheduling, and with emergency
// changes a line per variant with their figures (summary.json `emergency`).
import { perYearBasis } from '../stats/cost-summary.js';
import type { Summary } from '../stats/summary-types.js';
import { printable } from './printable.js';
import { doraLine } from '../report/dora-text.js';
import { organisationLines } from '../report/organisation-text.js';
import { emergencyLine } from '../report/emergency-text.js';
import { compactDuration, compactMeanCi } from '../report/words.js';
import { groupDigits } from '../scenario/group-digits.js';

function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

function money(x: number): string {
  return Number.isFinite(x) ? groupDigits(Math.round(x)) : '–';
}

/** What the cost columns mean, under the table: the cash cost and the cost of delay apart, and the bands. */
const COST_KEY =
  'cash cost/yr: money paid a year (staff capacity, hours, licences, contract, on-call, overtime, setup amortised); ' +
  'cost of delay/yr: value forgone while changes wait, not paid; cost/deploy: the activity-based run cost per deployment; ' +
  'total cost/yr: setup amortised + activity-based run cost + cost of delay; L/M/H: each of the three\'s share of that total, ' +
  'Low under 15%, Medium under 40%, High 40% or more';

export function formatRunTable(summary: Summary): string {
  const header = ['variant', 'lead p50', 'p85', 'p95', 'mean (95% CI)', 'deploys/wk', 'CFR', 'cost/deploy', 'cash cost/yr', 'cost of delay/yr', 'total cost/yr', 'TCO/yr setup/run/opp'];
  const rows: string[][] = [];
  const dora: string[] = [];
  const organisation: string[] = [];
  const emergency: string[] = [];
  let currency = '';
  let basis = '';
  for (const [variant, v] of Object.entries(summary.variants)) {
    if (!v) continue;
    currency = printable(v.costs.currency);
    basis = perYearBasis(v.costs);
    const lt = v.leadTimeDays;
    const s = v.costs.shares;
    dora.push(doraLine(variant, v.dora));
    organisation.push(...organisationLines(variant, v));
    if (v.emergency !== undefined) emergency.push(emergencyLine(variant, v.emergency, currency));
    rows.push([
      variant,
      compactDuration(lt.p50),
      compactDuration(lt.p85),
      compactDuration(lt.p95),
      compactMeanCi(lt),
      fmt(v.deploymentsPerWeek.mean),
      `${fmt(v.changeFailureRate * 100, 0)}%`,
      money(v.costs.perDeployment),
      money(v.costs.perYear.cash.total),
      money(v.costs.perYear.opportunity),
      money(v.costs.perYear.total),
      `${fmt(s.setup * 100, 0)}/${fmt(s.run * 100, 0)}/${fmt(s.opportunity * 100, 0)}% (${v.costs.bands.setup[0]}/${v.costs.bands.run[0]}/${v.costs.bands.opportunity[0]})`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    `${printable(summary.scenario.name)}: ${summary.run.replications} replications, seed ${summary.run.seed}, ${fmt(summary.run.horizonDays, 0)} days (warm-up ${fmt(summary.run.warmupDays, 0)}); costs in ${currency}; ${basis}`,
    line(header),
    ...rows.map(line),
    COST_KEY,
    ...dora,
    ...organisation,
    ...emergency,
  ];
  return out.join('\n') + '\n';
}

/** The results' warnings of a run for stderr, each naming its variant as the table does: `warning: preApproved: text`. */
export function runWarningLines(summary: Summary): string[] {
  return Object.entries(summary.variants).flatMap(([variant, v]) => (v?.warnings ?? []).map((w) => `warning: ${printable(variant)}: ${printable(w)}`));
}
