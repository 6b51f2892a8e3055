// Interval arithmetic for calendars: merging intervals, and removing weekly closed periods (no-deploy
// periods, in minutes of the week) from weekly open hours.
import { MINUTES_PER_WEEK } from './time.js';

/** Merges intervals into sorted, disjoint, non-touching intervals. */
export function mergeIntervals(list: { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = list.filter((x) => x.to > x.from).sort((x, y) => x.from - y.from);
  const out: { from: number; to: number }[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && x.from <= last.to) last.to = Math.max(last.to, x.to);
    else out.push({ from: x.from, to: x.to });
  }
  return out;
}

/** Weekly intervals minus weekly closed intervals (both within [0, 10080], merged and sorted). */
export function subtractWeekly(open: { from: number; to: number }[], closed: readonly { readonly from: number; readonly to: number }[]): { from: number; to: number }[] {
  const cuts: { from: number; to: number }[] = [];
  for (const c of closed) {
    if (!(c.from >= 0 && c.from < MINUTES_PER_WEEK && c.to > c.from && c.to <= c.from + MINUTES_PER_WEEK)) {
      throw new RangeError(`weekly closed period [${c.from}, ${c.to}) must start in [0, 10080) and last at most a week`);
    }
    if (c.to <= MINUTES_PER_WEEK) cuts.push({ from: c.from, to: c.to });
    else cuts.push({ from: c.from, to: MINUTES_PER_WEEK }, { from: 0, to: c.to - MINUTES_PER_WEEK });
  }
  let rest = open;
  for (const cut of mergeIntervals(cuts)) {
    const next: { from: number; to: number }[] = [];
    for (const x of rest) {
      if (x.to <= cut.from || x.from >= cut.to) next.push(x);
      else {
        if (x.from < cut.from) next.push({ from: x.from, to: cut.from });
        if (x.to > cut.to) next.push({ from: cut.to, to: x.to });
      }
    }
    rest = next;
  }
  return rest;
}

