// The organisation of one replication: the teams as engine resources, their calendars, the CAB
// as a recurring meeting, and the deployment calendars (office hours and out-of-hours windows,
// both closed during freezes).
import { Calendar } from '../engine/calendar.js';
import { Meeting } from '../engine/meeting.js';
import { meetingTimes, weeklyRecurrence } from '../engine/meeting-schedule.js';
import { Resource } from '../engine/resource.js';
import type { Simulation } from '../engine/simulation.js';
import { TimeBase } from '../engine/time.js';
import { deliveryGroups, type Scenario } from '../scenario/types.js';

export interface Organisation {
  readonly timeBase: TimeBase;
  readonly delivery: readonly Resource[];
  readonly changeManagement: Resource;
  readonly cab: Meeting;
  /** Application support in office hours (shared with their other operational work). */
  readonly applicationSupport: Resource;
  /** Application support in the out-of-hours windows (closed during freezes). */
  readonly outOfHours: Resource;
  /** Application support's on-call engineer (one person, any hour): deploys emergency changes out of office hours. */
  readonly applicationSupportOnCall: Resource;
  /** Office hours with holidays closed: when the delivery teams work (the first group's). */
  readonly deliveryCalendar: Calendar;
  /** Each delivery group's calendar (its hours, its holidays), index as deliveryGroups(). */
  readonly groupCalendars: readonly Calendar[];
  /** Out-of-hours windows with freezes and weekly no-deploy periods closed. */
  readonly windowCalendar: Calendar;
  /** Open except during freezes and weekly no-deploy periods: a deployment waits for this before queueing. */
  readonly noFreeze: Calendar;
  readonly applicationSupportCalendar: Calendar;
  /** The service introduction team, on its own hours (holidays closed); null without one. */
  readonly serviceIntroduction: Resource | null;
  /** The youBuildItYouRunIt teams' own weekly slot for downtime, freezes, no-deploy periods and holidays closed (absent: no slot, zero-downtime deployment). */
  readonly downtimeSlot?: Calendar;
}

/** The calendars and the CAB's meeting times: pure functions of the scenario, shared by its replications. */
interface Calendars {
  readonly timeBase: TimeBase;
  readonly groupCalendars: readonly Calendar[];
  readonly changeManagement: Calendar;
  readonly applicationSupport: Calendar;
  readonly windowCalendar: Calendar;
  readonly noFreeze: Calendar;
  readonly downtimeSlot: Calendar | undefined;
  readonly serviceIntroduction: Calendar | undefined;
  readonly cabTimes: (after: number) => number;
}

function buildCalendars(scenario: Scenario): Calendars {
  const timeBase = new TimeBase(scenario.start);
  const { holidays, freezes } = scenario; // periods [from, to) in engine minutes
  const { changeManagement, applicationSupport } = scenario.teams;
  const groupCalendars = deliveryGroups(scenario).map((g) => new Calendar(timeBase, { open: g.hours, closures: g.holidays }));
  // No deployment starts in a freeze or in a weekly no-deploy period: both close these two calendars.
  const closedWeekly = scenario.noDeploy ?? [];
  const slot = scenario.youBuildItYouRunIt?.downtimeSlot ?? [];
  const intro = scenario.teams.serviceIntroduction;
  const cab = changeManagement.cab;
  return {
    timeBase,
    groupCalendars,
    changeManagement: new Calendar(timeBase, { open: changeManagement.hours, closures: holidays }),
    applicationSupport: new Calendar(timeBase, { open: applicationSupport.hours, closures: holidays }),
    windowCalendar: new Calendar(timeBase, { open: applicationSupport.outOfHoursWindows, closures: freezes, closedWeekly }),
    noFreeze: new Calendar(timeBase, { open: ['mon-sun 00:00-24:00'], closures: freezes, closedWeekly }),
    downtimeSlot: slot.length === 0 ? undefined : new Calendar(timeBase, { open: slot, closures: [...freezes, ...holidays], closedWeekly }),
    serviceIntroduction: intro === undefined ? undefined : new Calendar(timeBase, { open: intro.hours, closures: holidays }),
    cabTimes: cab.schedule === undefined
      ? weeklyRecurrence(timeBase, cab.days, cab.time, holidays)
      : meetingTimes(timeBase, cab.schedule, holidays),
  };
}

/** What the calendars are built from: the scenario's own values (arrays and strings, compared by identity). */
function calendarInputs(scenario: Scenario): readonly unknown[] {
  const { changeManagement, applicationSupport, serviceIntroduction } = scenario.teams;
  const inputs: unknown[] = [
    scenario.start, scenario.holidays, scenario.freezes, scenario.noDeploy, scenario.youBuildItYouRunIt?.downtimeSlot,
    changeManagement.hours, changeManagement.cab.days, changeManagement.cab.time, changeManagement.cab.schedule,
    applicationSupport.hours, applicationSupport.outOfHoursWindows, serviceIntroduction?.hours,
  ];
  for (const g of deliveryGroups(scenario)) inputs.push(g.hours, g.holidays);
  return inputs;
}

const calendarCache = new WeakMap<Scenario, { inputs: readonly unknown[]; calendars: Calendars }>();

/**
 * The scenario's calendars, built once and shared by its replications (a calendar is immutable;
 * it only remembers where its last searches ended, which never changes an answer). A scenario is
 * immutable too (readonly throughout); should one be given new hours, holidays or freezes all the
 * same, its calendars are built afresh.
 */
function calendarsOf(scenario: Scenario): Calendars {
  const inputs = calendarInputs(scenario);
  const hit = calendarCache.get(scenario);
  if (hit !== undefined && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) return hit.calendars;
  const calendars = buildCalendars(scenario);
  calendarCache.set(scenario, { inputs, calendars });
  return calendars;
}

export function buildOrganisation(sim: Simulation, scenario: Scenario): Organisation {
  const { changeManagement, applicationSupport } = scenario.teams;
  const c = calendarsOf(scenario);
  const groups = deliveryGroups(scenario);
  const teams: Resource[] = [];
  groups.forEach((g, k) => {
    for (let i = g.firstTeam; i < g.firstTeam + g.count; i++) {
      teams.push(new Resource(sim, { name: `delivery-${i + 1}`, capacity: g.people, calendar: c.groupCalendars[k]! }));
    }
  });
  const cab = changeManagement.cab;
  const intro = scenario.teams.serviceIntroduction;
  return {
    timeBase: c.timeBase,
    delivery: teams,
    changeManagement: new Resource(sim, {
      name: 'change-management',
      capacity: changeManagement.people,
      calendar: c.changeManagement,
    }),
    cab: new Meeting(sim, {
      name: 'cab',
      nextTime: c.cabTimes,
      cutoff: cab.cutoff,
      capacity: cab.capacity,
    }),
    applicationSupport: new Resource(sim, {
      name: 'application-support',
      capacity: applicationSupport.people,
      calendar: c.applicationSupport,
    }),
    outOfHours: new Resource(sim, {
      name: 'application-support-out-of-hours',
      capacity: applicationSupport.people,
      calendar: c.windowCalendar,
    }),
    applicationSupportOnCall: new Resource(sim, { name: 'application-support-on-call', capacity: 1 }),
    deliveryCalendar: c.groupCalendars[0]!,
    groupCalendars: c.groupCalendars,
    windowCalendar: c.windowCalendar,
    noFreeze: c.noFreeze,
    applicationSupportCalendar: c.applicationSupport,
    serviceIntroduction: intro === undefined || c.serviceIntroduction === undefined
      ? null
      : new Resource(sim, {
        name: 'service-introduction',
        capacity: intro.people,
        calendar: c.serviceIntroduction,
      }),
    ...(c.downtimeSlot === undefined ? {} : { downtimeSlot: c.downtimeSlot }),
  };
}
