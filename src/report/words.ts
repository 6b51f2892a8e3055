// Numbers in words for the executive summary: durations in the unit a reader thinks in, money with
// its currency and period, signed percentages, and the one rule every comparison follows — a
// difference whose 95% interval includes zero is "no clear difference", never a gain or a loss.

/** "40 minutes", "5.5 hours", "8.1 days": under an hour in minutes, under a day in hours. */
export function formatDuration(days: number): string {
  if (!Number.isFinite(days)) return 'no value';
  const minutes = days * 1440;
  if (minutes < 59.5) {
    const m = Math.round(minutes);
    return `${m} minute${m === 1 ? '' : 's'}`;
  }
  if (days < 1) {
    const h = minutes / 60;
    return `${h.toFixed(1)} hours`;
  }
  return `${days.toFixed(1)} days`;
}

const SYMBOL: Readonly<Record<string, string>> = { GBP: '£', USD: '$', EUR: '€', JPY: '¥', INR: '₹' };

/** "£334k", "£1.66M", "CHF 950": the currency's symbol where it has a common one, else its code. */
export function formatMoney(amount: number, currency: string): string {
  if (!Number.isFinite(amount)) return 'no value';
  const sign = amount < 0 ? '−' : '';
  const a = Math.abs(amount);
  const text = a >= 1e6 ? `${(a / 1e6).toFixed(2)}M` : a >= 1e3 ? `${Math.round(a / 1e3)}k` : `${Math.round(a)}`;
  const symbol = Object.hasOwn(SYMBOL, currency) ? SYMBOL[currency]! : undefined;
  return symbol === undefined ? `${sign}${currency} ${text}` : `${sign}${symbol}${text}`;
}

/** "−20%", "+3.5%", "0%": a share of change, signed, with a typographic minus. */
export function formatSignedPercent(share: number): string {
  if (!Number.isFinite(share)) return 'no value';
  const pct = share * 100;
  const digits = Math.abs(pct) < 10 && Math.round(pct) !== pct ? 1 : 0;
  const text = Math.abs(pct).toFixed(digits);
  if (Number(text) === 0) return '0%';
  return `${pct < 0 ? '−' : '+'}${text}%`;
}

/**
 * A figure of a baseline and a design as reported (e.g. pooled percentiles from summary.json), and
 * the paired difference (design − baseline) over replications with its 95% interval.
 * `baselineMean` is the baseline's mean per replication, the denominator of the relative change
 * (defaults to `baseline`).
 */
export interface PairedFigure {
  readonly baseline: number;
  readonly design: number;
  readonly difference: { readonly mean: number; readonly ci95: readonly [number, number] };
  readonly baselineMean?: number;
}

/** True when the interval of the difference includes zero: the data cannot tell the two apart. */
export function noClearDifference(f: PairedFigure): boolean {
  const [lo, hi] = f.difference.ci95;
  return !(lo > 0 || hi < 0);
}

/**
 * The relative change and its interval: the paired difference's mean and interval over the
 * baseline's mean per replication (taken as known, which slightly narrows the interval), never
 * below −100% (the quantities are lead times and costs, which cannot be negative).
 */
export function relativeChange(f: PairedFigure): { share: number; ci95: [number, number] } {
  const b = f.baselineMean ?? f.baseline;
  // Lead times and costs cannot be negative, so nothing falls by more than 100%.
  const floor = (x: number): number => Math.max(-1, x);
  return { share: floor(f.difference.mean / b), ci95: [floor(f.difference.ci95[0] / b), floor(f.difference.ci95[1] / b)] };
}

/**
 * "the median lead time falls from 8.1 days to 40 minutes (−99%, 95% CI −99% to −98%)", or
 * "no clear difference in the median lead time (8.1 days against 8.0 days)" when the interval
 * includes zero. `what` names the metric; `format` writes one value.
 */
export function changeClause(what: string, f: PairedFigure, format: (x: number) => string): string {
  if (noClearDifference(f)) return `no clear difference in ${what} (${format(f.baseline)} against ${format(f.design)})`;
  const verb = f.difference.mean < 0 ? 'falls' : 'rises';
  const r = relativeChange(f);
  const interval = r.ci95[0] === r.ci95[1] ? '' : `, 95% CI ${formatSignedPercent(r.ci95[0])} to ${formatSignedPercent(r.ci95[1])}`;
  return `${what} ${verb} from ${format(f.baseline)} to ${format(f.design)} (${formatSignedPercent(r.share)}${interval})`;
}

/** The caveat every summary carries. */
export const CAVEAT =
  "The intervals cover simulation noise only (the spread between replications), not uncertainty in the scenario's inputs: if an effort, rate or share is a guess, so is the answer.";

type Unit = 'min' | 'h' | 'd';

/** The unit a duration reads best in: under an hour minutes, under a day hours, else days. */
export function durationUnit(days: number): Unit {
  const minutes = days * 1440;
  if (minutes < 59.5) return 'min';
  return days < 1 ? 'h' : 'd';
}

function inUnit(days: number, unit: Unit): string {
  if (unit === 'min') return Math.round(days * 1440).toFixed(0);
  return (unit === 'h' ? days * 24 : days).toFixed(1);
}

/** "29 min", "16.0 h", "7.0 d"; "–" for no value. */
export function compactDuration(days: number): string {
  if (!Number.isFinite(days)) return '–';
  const unit = durationUnit(days);
  return `${inUnit(days, unit)} ${unit}`;
}

/** A mean and its interval in the mean's unit: "8.1 d (7.9–8.2)", "17.4 h (15.5–19.5)". */
export function compactMeanCi(lead: { mean: number; ci95: readonly [number, number] }): string {
  if (!Number.isFinite(lead.mean)) return '–';
  const unit = durationUnit(lead.mean);
  const [lo, hi] = lead.ci95;
  const interval = Number.isFinite(lo) && Number.isFinite(hi) ? ` (${inUnit(lo, unit)}–${inUnit(hi, unit)})` : '';
  return `${inUnit(lead.mean, unit)} ${unit}${interval}`;
}
