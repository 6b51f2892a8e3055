// The organisation of one replication: the teams as engine resources, their calendars, the CAB
// as a recurring meeting, and the deployment calendars (office hours and out-of-hours windows,
// both closed during freezes).
import { Calendar, weeklyRecurrence } from '../engine/calendar.js';
import { Meeting } from '../engine/meeting.js';
import { meetingTimes } from '../engine/meeting-schedule.js';
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

export function buildOrganisation(sim: Simulation, scenario: Scenario): Organisation {
  const timeBase = new TimeBase(scenario.start);
  const { holidays, freezes } = scenario; // periods [from, to) in engine minutes
  const { changeManagement, applicationSupport } = scenario.teams;

  const groups = deliveryGroups(scenario);
  const groupCalendars = groups.map((g) => new Calendar(timeBase, { open: g.hours, closures: g.holidays }));
  const deliveryCalendar = groupCalendars[0]!;
  const cmCalendar = new Calendar(timeBase, { open: changeManagement.hours, closures: holidays });
  const asCalendar = new Calendar(timeBase, { open: applicationSupport.hours, closures: holidays });
  // No deployment starts in a freeze or in a weekly no-deploy period: both close these two calendars.
  const closedWeekly = scenario.noDeploy ?? [];
  const windowCalendar = new Calendar(timeBase, {
    open: applicationSupport.outOfHoursWindows,
    closures: freezes,
    closedWeekly,
  });
  const noFreeze = new Calendar(timeBase, { open: ['mon-sun 00:00-24:00'], closures: freezes, closedWeekly });
  const slot = scenario.youBuildItYouRunIt?.downtimeSlot ?? [];
  const downtimeSlot = slot.length === 0 ? undefined : new Calendar(timeBase, { open: slot, closures: [...freezes, ...holidays], closedWeekly });

  const teams: Resource[] = [];
  groups.forEach((g, k) => {
    for (let i = g.firstTeam; i < g.firstTeam + g.count; i++) {
      teams.push(new Resource(sim, { name: `delivery-${i + 1}`, capacity: g.people, calendar: groupCalendars[k]! }));
    }
  });
  const cab = changeManagement.cab;
  const intro = scenario.teams.serviceIntroduction;
  return {
    timeBase,
    delivery: teams,
    changeManagement: new Resource(sim, {
      name: 'change-management',
      capacity: changeManagement.people,
      calendar: cmCalendar,
    }),
    cab: new Meeting(sim, {
      name: 'cab',
      nextTime: cab.schedule === undefined
        ? weeklyRecurrence(timeBase, cab.days, cab.time, holidays)
        : meetingTimes(timeBase, cab.schedule, holidays),
      cutoff: cab.cutoff,
      capacity: cab.capacity,
    }),
    applicationSupport: new Resource(sim, {
      name: 'application-support',
      capacity: applicationSupport.people,
      calendar: asCalendar,
    }),
    outOfHours: new Resource(sim, {
      name: 'application-support-out-of-hours',
      capacity: applicationSupport.people,
      calendar: windowCalendar,
    }),
    applicationSupportOnCall: new Resource(sim, { name: 'application-support-on-call', capacity: 1 }),
    deliveryCalendar,
    groupCalendars,
    windowCalendar,
    noFreeze,
    applicationSupportCalendar: asCalendar,
    serviceIntroduction: intro === undefined
      ? null
      : new Resource(sim, {
        name: 'service-introduction',
        capacity: intro.people,
        calendar: new Calendar(timeBase, { open: intro.hours, closures: holidays }),
      }),
    ...(downtimeSlot === undefined ? {} : { downtimeSlot }),
  };
}
