// A check across fields: each team's weekly hours, minus the holidays, must open at least once
// within the horizon. A team that never works in the simulated period makes a run that can only
// stall (and, before this check, crashed), so such a scenario is refused with the reason.
import { Calendar } from '../engine/calendar.js';
import { TimeBase } from '../engine/time.js';
import * as msg from './errors.js';
import type { IssueList } from './reader.js';
import type { Scenario } from './types.js';

const TEAMS = [
  ['delivery', 'the delivery teams'],
  ['changeManagement', 'change management'],
  ['applicationSupport', 'application support'],
] as const;

/** Reports each team whose hours are never open in [start, start + horizon). */
export function checkTeamsOpenWithinHorizon(list: IssueList, scenario: Scenario): void {
  const base = new TimeBase(scenario.start);
  const d = scenario.teams.delivery;
  if (d.listed === true && d.groups !== undefined) {
    d.groups.forEach((g, i) => {
      const calendar = new Calendar(base, { open: g.hours, closures: g.holidays });
      if (calendar.workingTimeBetween(0, scenario.horizon) > 0) return;
      const message = msg.neverOpenWithinHorizon(`the delivery group ${JSON.stringify(g.name)}`, base.toIso(0), base.toIso(scenario.horizon));
      list.add(['teams', 'delivery', i, 'hours'], 'value', message, 'hours open at least once within the horizon', 'none');
    });
  }
  for (const [key, label] of TEAMS) {
    if (key === 'delivery' && d.listed === true) continue;
    const calendar = new Calendar(base, { open: scenario.teams[key].hours, closures: scenario.holidays });
    if (calendar.workingTimeBetween(0, scenario.horizon) > 0) continue;
    const message = msg.neverOpenWithinHorizon(label, base.toIso(0), base.toIso(scenario.horizon));
    list.add(['teams', key, 'hours'], 'value', message, 'hours open at least once within the horizon', 'none');
  }
}
