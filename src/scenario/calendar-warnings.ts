// Warnings about a valid scenario's calendar: a holiday or freeze that lies wholly outside the
// simulated period (start to start + horizon) has no effect, which usually means a wrong year. A
// yearly entry (every: year) is expanded into its occurrences within the period; when none falls
// in it, the resolver keeps one outside occurrence, so the warning names the yearly rule.
import { TimeBase } from '../engine/time.js';
import type { Period, Scenario } from './types.js';

export function calendarWarnings(scenario: Scenario): string[] {
  const base = new TimeBase(scenario.start);
  const day = (t: number): string => base.toIso(t).slice(0, 10);
  const end = scenario.horizon;
  const period = `${day(0)} to ${day(end - 1)}`;
  const outside = (p: Period): boolean => p.to <= 0 || p.from >= end;
  const lastDay = (p: Period): string => day(p.to - 1);
  const when = (p: Period, dated: string): string => (p.recurring === undefined ? `(${dated}) is outside` : `(${p.recurring}) never falls in`);
  return [
    ...scenario.holidays
      .filter(outside)
      .map((h) => `holiday "${h.name}" ${when(h, day(h.from))} the simulated period ${period}, so it has no effect`),
    ...scenario.freezes
      .filter(outside)
      .map((f) => `freeze "${f.name}" ${when(f, `${day(f.from)} to ${lastDay(f)}`)} the simulated period ${period}, so it has no effect`),
  ];
}
