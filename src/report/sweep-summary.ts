// The answer of a sweep in words: per variant, the value at which the total cost a year is lowest
// (with the paired difference to the next lowest), and the values at which a team's utilisation
// reaches 85% and saturates. Printed after the CLI table and at the top of report.html; every
// number is in sweep.json (`costMinima`, `crossings`, `points`); a difference whose interval
// includes zero is worded as no clear difference; the caveat is always there.
import type { Variant } from '../scenario/types.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import type { CostMinimum, Crossing, SweepPoint } from '../stats/sweep.js';
import { SWEEP_TEAMS } from '../stats/sweep.js';
import { CAVEAT, changeClause, formatMoney, noClearDifference, type PairedFigure } from './words.js';

const VARIANT_NAME: Record<Variant, string> = { normal: 'Normal changes', preApproved: 'Pre-approved standard changes', youBuildItYouRunIt: 'You Build It You Run It' };

const TEAM_NAME = {
  delivery: 'the delivery teams',
  changeManagement: 'change management',
  applicationSupport: 'application support',
  outOfHoursWindows: 'the out-of-hours windows',
} as const;

/** Plural team names take the plural verb ("the delivery teams reach", "application support reaches"). */
const PLURAL = new Set(['delivery', 'outOfHoursWindows']);
const verb = (team: string, singular: string, plural: string): string => (PLURAL.has(team) ? plural : singular);

/** "Normal changes: total cost a year is lowest at teams.delivery.count = 10 (£1.23M, 95% CI …); …". */
function costSentence(param: string, m: CostMinimum, currency: string): string {
  const money = (x: number): string => formatMoney(x, currency);
  const own = m.totalCostPerYear;
  const interval = own.ci95[0] === own.ci95[1] ? '' : `, 95% CI ${money(own.ci95[0])} to ${money(own.ci95[1])}`;
  let s = `${VARIANT_NAME[m.variant]}: total cost a year is lowest at ${param} = ${m.value} (${money(own.mean)}${interval})`;
  if (m.atEdge) s += `, at the edge of the values swept, so the lowest may lie beyond them`;
  if (m.next !== undefined) {
    const f: PairedFigure = {
      baseline: own.mean, design: m.next.totalCostPerYear.mean, baselineMean: m.next.difference.baselineMean,
      difference: { mean: m.next.difference.mean, ci95: m.next.difference.ci95 },
    };
    const clause = changeClause('total cost a year', f, money);
    s += noClearDifference(f)
      ? `; the next lowest, ${param} = ${m.next.value}, cannot be told apart from it: ${clause}`
      : `; at the next lowest, ${param} = ${m.next.value}, ${clause}`;
  }
  if (m.biased) {
    s += `; its lead times are understated, because ${percent(m.unfinishedShare)} of counted changes were not live when the run ended (and their cost of delay is counted only to the end of the run)`;
  }
  return `${s}.`;
}

/** "Normal changes: application support reaches 85% utilisation at … = 20 (87%) and saturates (100%) at … = 30 (99%)." */
function saturationSentence(param: string, variant: Variant, points: readonly SweepPoint[], cross: readonly Crossing[]): string {
  const own = cross.filter((c) => c.variant === variant);
  if (own.length === 0) {
    const mine = points.filter((p) => p.variant === variant);
    let best: { team: (typeof SWEEP_TEAMS)[number]; p: SweepPoint } | undefined;
    for (const p of mine) for (const team of SWEEP_TEAMS) if (best === undefined || p.utilisation[team] > best.p.utilisation[best.team]) best = { team, p };
    const highest = best === undefined ? '' : ` (the highest: ${TEAM_NAME[best.team]}, ${percent(best.p.utilisation[best.team])} at ${param} = ${best.p.value})`;
    return `${VARIANT_NAME[variant]}: no team reaches 85% utilisation over the values swept${highest}.`;
  }
  const parts = SWEEP_TEAMS.flatMap((team) => {
    const at = (t: string): Crossing | undefined => own.find((c) => c.team === team && c.threshold === t);
    const high = at('85%');
    const full = at('100%');
    if (high === undefined && full === undefined) return [];
    const bits: string[] = [];
    const saturates = `${verb(team, 'saturates', 'saturate')} (100%: queues grow without bound)`;
    if (high !== undefined && (full === undefined || full.value !== high.value)) {
      bits.push(`${verb(team, 'reaches', 'reach')} 85% utilisation at ${param} = ${high.value} (${percent(high.utilisation)})`);
    }
    if (full !== undefined) bits.push(`${saturates} at ${param} = ${full.value} (${percent(full.utilisation)})`);
    return [`${TEAM_NAME[team]} ${bits.join(' and ')}`];
  });
  return `${VARIANT_NAME[variant]}: ${parts.join('; ')}.`;
}

/** The sentences for one sweep, in reading order; the last is the caveat. */
export function sweepSummarySentences(param: string, currency: string, points: readonly SweepPoint[], minima: readonly CostMinimum[], cross: readonly Crossing[]): string[] {
  const variants = [...new Set(points.map((p) => p.variant))];
  const out: string[] = [];
  for (const m of minima) out.push(costSentence(param, m, currency));
  for (const v of variants) out.push(saturationSentence(param, v, points, cross));
  const biased = points.filter((p) => p.biased);
  if (biased.length > 0) {
    const list = biased.map((p) => `${param} = ${p.value} (${VARIANT_NAME[p.variant].toLowerCase()}, ${percent(p.unfinishedShare)})`);
    out.push(`Lead times understated (more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes not live when the run ended) at ${list.join(', ')}.`);
  }
  const warnings = points.reduce((n, p) => n + p.warnings.length, 0);
  if (warnings > 0) out.push(`${warnings} warning${warnings === 1 ? '' : 's'} qualify these numbers (see Warnings).`);
  out.push(CAVEAT);
  return out;
}
