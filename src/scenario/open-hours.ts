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

/** True when the weekly hours stay open somewhere outside the weekly no-deploy periods. */
function opensOutside(base: TimeBase, hours: readonly string[], scenario: Scenario): boolean {
  try {
    new Calendar(base, { open: hours, closedWeekly: scenario.noDeploy ?? [] });
    return true;
  } catch {
    return false;
  }
}

/**
 * The no-deploy periods must leave application support some office hours and some out-of-hours
 * window to deploy in (and, with the preApproved or youBuildItYouRunIt variant, the delivery teams
 * some hours for the pipeline, and with youBuildItYouRunIt some of the teams' downtime slot, when
 * there is one): otherwise those deployments could never start.
 */
export function checkNoDeployLeavesRoom(list: IssueList, scenario: Scenario): void {
  if (scenario.noDeploy === undefined) return;
  const base = new TimeBase(scenario.start);
  const { delivery, applicationSupport } = scenario.teams;
  const slot = scenario.youBuildItYouRunIt?.downtimeSlot ?? [];
  const checks: [boolean, string[], string][] = [
    [true, ['teams', 'applicationSupport', 'hours'], "application support's office hours"],
    [true, ['teams', 'applicationSupport', 'outOfHoursWindows'], 'the out-of-hours windows'],
    [scenario.variants.includes('preApproved'), ['teams', 'delivery', 'hours'], "the delivery teams' hours (the pre-approved pipeline)"],
    [scenario.variants.includes('youBuildItYouRunIt') && !scenario.variants.includes('preApproved'), ['teams', 'delivery', 'hours'], "the delivery teams' hours (their own pipelines)"],
    [scenario.variants.includes('youBuildItYouRunIt') && slot.length > 0, ['youBuildItYouRunIt', 'downtimeSlot'], "the teams' downtime slot"],
  ];
  const hours = [applicationSupport.hours, applicationSupport.outOfHoursWindows, delivery.hours, delivery.hours, slot];
  checks.forEach(([applies, path, label], i) => {
    if (!applies || opensOutside(base, hours[i]!, scenario)) return;
    const periods = scenario.noDeploy!.map((p) => msg.excerpt(p.text)).join(', ');
    list.add(['noDeploy'], 'value', `expected no-deploy periods that leave ${label} open at some time of the week, got [${periods}], which cover all of ${path.join('.')}: those deployments could never start`, `periods that leave ${label} open`, `[${periods}]`);
  });
}
