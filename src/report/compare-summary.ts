// The answer of a comparison in words: the designs ranked on the 85th percentile lead time and on
// the total cost a year, the winner on each named with its paired interval against the baseline
// design, printed after the CLI table and at the top of report.html. Every number is in
// comparison.json; a difference whose interval includes zero is worded as no clear difference; a
// design whose lead times are understated (more than 2% of its changes unfinished) is never named
// without saying so; the caveat is always there.
import { BIAS_UNFINISHED_SHARE, percent } from '../stats/bias.js';
import type { Comparison, DesignFigures, Difference } from '../stats/compare.js';
import { designName } from './design-names.js';
import { CAVEAT, changeClause, formatDuration, formatMoney, noClearDifference, type PairedFigure } from './words.js';

function paired(base: number, design: number, d: Difference): PairedFigure {
  return { baseline: base, design, baselineMean: d.baselineMean, difference: { mean: d.mean, ci95: d.ci95 } };
}

/** "target · Normal (CAB)" (design-names.ts). */
const nameOf = (c: Comparison, d: DesignFigures): string => designName(d, c.designs);

/** "target · Normal (CAB)", or "today · Normal (CAB) (the baseline)". */
function named(d: DesignFigures, c: Comparison): string {
  const base = d.label === c.baseline.label ? ' (the baseline)' : '';
  return `${nameOf(c, d)}${base}`;
}

function understated(d: DesignFigures): string {
  return `its lead times are understated, because ${percent(d.changes.unfinishedShare)} of its counted changes were not live when the run ended`;
}

/** Designs in order of `value` (smallest first; ties keep the comparison's order; undefined last). */
function ranked(c: Comparison, value: (d: DesignFigures) => number): DesignFigures[] {
  const finite = c.designs.filter((d) => Number.isFinite(value(d)));
  return finite.map((d, i) => ({ d, i })).sort((a, b) => value(a.d) - value(b.d) || a.i - b.i).map((x) => x.d);
}

/**
 * How the winner stands against the baseline: its paired change, or — when the winner is the
 * baseline — the runner-up's change against it, so the reader sees how clear the lead is.
 */
function againstBaseline(
  c: Comparison,
  order: readonly DesignFigures[],
  winner: DesignFigures,
  what: string,
  value: (d: DesignFigures) => number,
  diff: (d: DesignFigures) => Difference | undefined,
  format: (x: number) => string,
): string {
  const base = c.designs[0]!;
  if (winner !== base) {
    const d = diff(winner);
    if (d === undefined || !Number.isFinite(d.mean)) return '';
    const f = paired(value(base), value(winner), d);
    const clause = changeClause(what, f, format);
    return noClearDifference(f)
      ? `, but the data cannot tell it from the baseline ${nameOf(c, base)}: ${clause}`
      : `; against the baseline ${nameOf(c, base)}, ${clause}`;
  }
  const next = order.find((d) => d !== base);
  const d = next === undefined ? undefined : diff(next);
  if (next === undefined || d === undefined || !Number.isFinite(d.mean)) return '';
  const f = paired(value(base), value(next), d);
  const clause = changeClause(what, f, format);
  return noClearDifference(f)
    ? `, but the data cannot tell it from the next, ${nameOf(c, next)}: ${clause}`
    : `; the next, ${nameOf(c, next)}: ${clause}`;
}

/** "Ranked on …: A 15.7 days, B 18.0 days (the baseline)." */
function rankingSentence(c: Comparison, heading: string, order: readonly DesignFigures[], value: (d: DesignFigures) => number, format: (x: number) => string): string {
  const items = order.map((d) => `${nameOf(c, d)} ${format(value(d))}${d.label === c.baseline.label ? ' (baseline)' : ''}${d.biased ? ' (biased)' : ''}`);
  return `${heading}: ${items.join(', ')}.`;
}

function leadTimeSentences(c: Comparison): string[] {
  const value = (d: DesignFigures): number => d.leadTimeDays.p85;
  const order = ranked(c, value);
  const winner = order[0];
  if (winner === undefined) return [];
  const out = [rankingSentence(c, 'Ranked on the 85th percentile lead time (shortest first)', order, value, formatDuration)];
  const clause = againstBaseline(c, order, winner, 'the 85th percentile', value, (d) => d.difference?.leadTimeP85Days, formatDuration);
  if (!winner.biased) {
    out.push(`Shortest lead time: ${named(winner, c)}, 85% of its changes live within ${formatDuration(value(winner))}${clause}.`);
    return out;
  }
  out.push(`Shortest lead time as measured: ${named(winner, c)}, but ${understated(winner)}${clause}.`);
  const sound = order.find((d) => !d.biased);
  if (sound !== undefined) {
    out.push(`Of the designs whose lead times are not understated, ${named(sound, c)} is the shortest, 85% of its changes live within ${formatDuration(value(sound))}.`);
  }
  return out;
}

function costSentences(c: Comparison): string[] {
  const value = (d: DesignFigures): number => d.costsPerYear.total;
  const money = (x: number): string => formatMoney(x, c.run.currency);
  const order = ranked(c, value);
  const winner = order[0];
  if (winner === undefined) return [];
  const years = [...new Set(c.designs.map((d) => d.costsPerYear.setupAmortisationYears))];
  const amortised = years.length === 1 ? `setup amortised over ${years[0]} year${years[0] === 1 ? '' : 's'}` : 'setup amortised';
  const out = [rankingSentence(c, `Ranked on total cost a year (activity-based run cost, ${amortised}, and the cost of delay, which is value forgone, not money paid; lowest first)`, order, value, money)];
  const clause = againstBaseline(c, order, winner, 'total cost a year', value, (d) => d.difference?.totalCostPerYear, money);
  // An unfinished change's cost of delay is counted to the end of the run only.
  const note = winner.biased ? `, though ${understated(winner)} (and their cost of delay is counted only to the end of the run)` : '';
  out.push(`Lowest cost: ${named(winner, c)}, ${money(value(winner))} a year${note}${clause}.`);
  return out;
}

/** The sentences for one comparison, in reading order; the last is the caveat. */
export function compareSummarySentences(c: Comparison): string[] {
  const out = [...leadTimeSentences(c), ...costSentences(c)];
  const biased = c.designs.filter((d) => d.biased);
  if (biased.length > 0) {
    out.push(
      `Lead times understated (more than ${BIAS_UNFINISHED_SHARE * 100}% of counted changes not live when the run ended): ${biased.map((d) => `${nameOf(c, d)} (${percent(d.changes.unfinishedShare)})`).join(', ')}.`,
    );
  }
  const warnings = c.designs.reduce((n, d) => n + d.warnings.length, 0);
  if (warnings > 0) out.push(`${warnings} warning${warnings === 1 ? '' : 's'} qualify these numbers (see Warnings).`);
  out.push(CAVEAT);
  return out;
}
