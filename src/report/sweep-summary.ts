// The answer of a sweep in words: per variant, how the 85th percentile lead time moves from the
// first value to the last, the value at which the total cost a year is lowest (with the paired
// difference to the next lowest; "may lie beyond" only where a value beyond exists), and the values
// at which a team's utilisation reaches 85% and saturates — for the teams the lever moves (5
// percentage points or more over the values). Printed after the CLI table and at the top of report.html; every
// number is in sweep.json (`costMinima`, `crossings`, `points`); a difference whose interval
// includes zero is worded as no clear difference; the caveat is always there.
import type { Variant } from '../scenario/types.js';
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import type { CostMinimum, Crossing, SweepPoint } from '../stats/sweep.js';
import { SWEEP_TEAMS } from '../stats/sweep.js';
import { CAVEAT, changeClause, formatDuration, formatMoney, noClearDifference, type PairedFigure } from './words.js';
import { sweepRunWarnings } from './sweep-warnings.js';

/** Whether a value exists beyond the first and the last value swept (api/sweep.ts valuesBeyond); absent: not known. */
export interface ValuesBeyond {
  first: boolean;
  last: boolean;
}

/** A team's utilisation moves with the lever when it spans at least this much (5 percentage points) over the values. */
export const MOVED = 0.05;

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
function costSentence(param: string, m: CostMinimum, currency: string, beyond: ValuesBeyond | undefined): string {
  const money = (x: number): string => formatMoney(x, currency);
  const own = m.totalCostPerYear;
  const interval = own.ci95[0] === own.ci95[1] ? '' : `, 95% CI ${money(own.ci95[0])} to ${money(own.ci95[1])}`;
  let s = `${VARIANT_NAME[m.variant]}: total cost a year (activity-based run cost, setup amortised and the cost of delay) is lowest at ${param} = ${m.value} (${money(own.mean)}${interval})`;
  // Only where a value beyond that edge exists (a count of 1, a share of 0 or 1 have none).
  const more = beyond === undefined || (m.index === 0 ? beyond.first : beyond.last) !== false;
  if (m.atEdge && more) s += `, at the edge of the values swept, so the lowest may lie beyond them`;
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

/** The 85th percentile lead time (mean over replications) of each value of `variant`, in sweep order. */
function p85Series(variant: Variant, points: readonly SweepPoint[]): SweepPoint[] {
  return points.filter((p) => p.variant === variant && Number.isFinite(p.leadTimeP85Days.mean));
}

/**
 * "Normal changes: the 85th percentile lead time rises from 20.6 days at cab.every = 1w to 41.6 days
 * at 4w", or "no clear change …" when the first and last values' 95% intervals overlap; with the
 * shortest value when it lies inside the range.
 */
function leadTimeSentence(param: string, variant: Variant, points: readonly SweepPoint[]): string | undefined {
  const own = p85Series(variant, points);
  const first = own[0];
  const last = own.at(-1);
  if (first === undefined || last === undefined || own.length < 2) return undefined;
  const a = first.leadTimeP85Days;
  const b = last.leadTimeP85Days;
  const overlap = !(a.ci95[1] < b.ci95[0] || b.ci95[1] < a.ci95[0]);
  let s = overlap
    ? `${VARIANT_NAME[variant]}: no clear change in the 85th percentile lead time from ${param} = ${first.value} (${formatDuration(a.mean)}) to ${last.value} (${formatDuration(b.mean)}); their 95% intervals overlap`
    : `${VARIANT_NAME[variant]}: the 85th percentile lead time ${b.mean > a.mean ? 'rises' : 'falls'} from ${formatDuration(a.mean)} at ${param} = ${first.value} to ${formatDuration(b.mean)} at ${last.value}`;
  const shortest = own.reduce((x, y) => (y.leadTimeP85Days.mean < x.leadTimeP85Days.mean ? y : x));
  // A value inside the range is named only when its interval lies below both ends' intervals.
  const clearlyShorter = shortest.leadTimeP85Days.ci95[1] < Math.min(a.ci95[0], b.ci95[0]);
  if (shortest !== first && shortest !== last && clearlyShorter) s += `; shortest at ${param} = ${shortest.value} (${formatDuration(shortest.leadTimeP85Days.mean)})`;
  return `${s}.`;
}

/** The teams whose utilisation spans at least MOVED over the values of `variant`: the ones the lever moves. */
export function movedTeams(variant: Variant, points: readonly SweepPoint[]): Set<(typeof SWEEP_TEAMS)[number]> {
  const mine = points.filter((p) => p.variant === variant);
  return new Set(SWEEP_TEAMS.filter((team) => {
    const u = mine.map((p) => p.utilisation[team]).filter((x) => Number.isFinite(x));
    return u.length > 1 && Math.max(...u) - Math.min(...u) >= MOVED;
  }));
}

/** The crossings of teams the lever moves (a team at 96% at every value "reaches 85%" at the first value only in name). */
export function movedCrossings(points: readonly SweepPoint[], cross: readonly Crossing[]): Crossing[] {
  const variants = [...new Set(points.map((p) => p.variant))];
  const moved = new Map(variants.map((v) => [v, movedTeams(v, points)]));
  return cross.filter((c) => moved.get(c.variant)?.has(c.team) === true);
}

/** "Normal changes: application support reaches 85% utilisation at … = 20 (87%) and saturates (100%) at … = 30 (99%)." */
function saturationSentence(param: string, variant: Variant, points: readonly SweepPoint[], cross: readonly Crossing[]): string {
  const moved = movedTeams(variant, points);
  const own = movedCrossings(points, cross).filter((c) => c.variant === variant);
  if (moved.size === 0) return `${VARIANT_NAME[variant]}: ${param} moves no team's utilisation by ${MOVED * 100} percentage points or more over the values swept.`;
  if (own.length === 0) {
    const mine = points.filter((p) => p.variant === variant);
    let best: { team: (typeof SWEEP_TEAMS)[number]; p: SweepPoint } | undefined;
    for (const p of mine) for (const team of moved) if (best === undefined || p.utilisation[team] > best.p.utilisation[best.team]) best = { team, p };
    const highest = best === undefined ? '' : ` (the highest: ${TEAM_NAME[best.team]}, ${percent(best.p.utilisation[best.team])} at ${param} = ${best.p.value})`;
    const busyUnmoved = mine.some((p) => SWEEP_TEAMS.some((t) => !moved.has(t) && p.utilisation[t] >= 0.85));
    const who = busyUnmoved ? `no team ${param} moves` : 'no team';
    return `${VARIANT_NAME[variant]}: ${who} reaches 85% utilisation over the values swept${highest}.`;
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
export function sweepSummarySentences(
  param: string, currency: string, points: readonly SweepPoint[], minima: readonly CostMinimum[], cross: readonly Crossing[], beyond?: ValuesBeyond,
): string[] {
  const variants = [...new Set(points.map((p) => p.variant))];
  const out: string[] = [];
  for (const v of variants) {
    const lead = leadTimeSentence(param, v, points);
    if (lead !== undefined) out.push(lead);
  }
  for (const m of minima) out.push(costSentence(param, m, currency, beyond));
  for (const v of variants) out.push(saturationSentence(param, v, points, cross));
  const biased = points.filter((p) => p.biased);
  if (biased.length > 0) {
    const list = biased.map((p) => `${param} = ${p.value} (${VARIANT_NAME[p.variant].toLowerCase()}, ${percent(p.unfinishedShare)})`);
    out.push(`Lead times understated (more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes not live when the run ended) at ${list.join(', ')}.`);
  }
  const warnings = sweepRunWarnings(param, points).length;
  if (warnings > 0) out.push(`${warnings} warning${warnings === 1 ? '' : 's'} qualify these numbers (see Warnings).`);
  out.push(CAVEAT);
  return out;
}
