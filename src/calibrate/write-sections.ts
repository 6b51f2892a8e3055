// Sections of the calibrated scenario's text for the features fitted beyond the first calibrate:
// the CAB's schedule (weekly, several meetings a week, every N weeks from a date, monthly) and its
// cutoff, the emergency CAB's approval time, freezes and weekly no-deploy periods, and delivery
// groups. `refused` holds what the validator refused in a first draft (write-scenario.ts): such a
// section is written commented out, with the validator's reason, and the plain form in its place.
import { DEFAULTS } from '../scenario/defaults.js';
import { MAX_COUNT } from '../scenario/limits.js';
import type { Calibration } from './fit.js';
import type { GroupFit } from './fit-groups.js';
import { firstChars, visible } from './text.js';
import { ASSUMED, effortText, ev, flow, lognormalText, round } from './yaml-text.js';

const DAY = 1440;
/** Section keys a draft may have refused, and the validator's paths they answer for. */
export const SECTIONS = { cab: 'teams.changeManagement.cab', freezes: 'freezes', noDeploy: 'noDeploy', groups: 'teams.delivery' } as const;
export type Section = keyof typeof SECTIONS;
export type Refused = ReadonlyMap<Section, string>;

/** A list of weekday entries ("first thu", "tue 10:00", "fri 12:00-mon 09:00") as the scenario files write them, unquoted (each is plain YAML). */
const weekList = (items: readonly string[]): string => (items.every((i) => /^[a-z]+( [a-z]+)?( \d\d:\d\d(-([a-z]{3} )?\d\d:\d\d)?)?$/.test(i)) ? `[${items.join(', ')}]` : flow(items));
const hours = (m: number): string => `${(m / 60).toFixed(1)} h`;
const durationText = (m: number): string => (m > 0 && m % DAY === 0 ? `${m / DAY}d` : m === 0 ? '0m' : effortText(m));

/** A capacity is seen when at least CAP_MEETINGS meetings, and CAP_SHARE of them, decided exactly the most any meeting decided. */
const CAP_MEETINGS = 3;
const CAP_SHARE = 0.1;
const capped = (cab: NonNullable<Calibration['cab']>): boolean => cab.meetingsAtMost >= CAP_MEETINGS && cab.meetingsAtMost / cab.meetings >= CAP_SHARE;

/** `teams.changeManagement.cab`'s lines (without the `cab:` line). */
export function cabLines(cal: Calibration, d: (path: string) => string, refused: Refused): string[] {
  const p = 'teams.changeManagement.cab.';
  const { cab, wait } = cal;
  const out: string[] = [];
  if (cab === undefined || cab.days.length === 0) {
    out.push(`      days: ${d(`${p}days`)}  # ${ASSUMED} (no normal change has a cab_date)`, `      time: ${d(`${p}time`)}  # ${ASSUMED}`);
  } else {
    const why = refused.get('cab');
    const fitted = `fitted from cab_date of ${ev(cab.evidence)}${cab.adHoc > 0 ? `; ${cab.adHoc} ad hoc meetings on other days left out` : ''}`;
    const timeLine = cab.time === undefined ? `      time: ${d(`${p}time`)}  # ${ASSUMED} (cab_date has no time of day)` : `      time: ${flow(cab.time)}  # fitted: the most common meeting time`;
    if (why !== undefined) out.push(`      # the fitted schedule was refused (${why}): written weekly`);
    if (why === undefined && cab.monthly !== undefined) {
      out.push(`      monthly: ${weekList(cab.monthly)}  # ${fitted}`, timeLine);
    } else {
      const every = why === undefined && cab.everyWeeks > 1;
      if (every) out.push(`      every: ${cab.everyWeeks}w  # ${fitted}`, `      from: ${cab.from}  # the first meeting seen: weeks are counted from its week`);
      if (why === undefined && cab.meetingsAt !== undefined) out.push(`      meetings: ${weekList(cab.meetingsAt)}  # ${every ? 'fitted' : fitted}; each day's most common meeting time`);
      else {
        out.push(`      days: ${flow(cab.days)}  # ${every ? 'fitted: the meeting days' : `${fitted}${cab.unsure === undefined ? '' : `; unsure: ${cab.unsure}`}`}`, timeLine);
        if (cab.unsure !== undefined && cab.suggestEvery !== undefined && why === undefined) {
          out.push(`      # every: ${cab.suggestEvery}w  # unsure (${cab.unsure}): uncomment with the next line for a CAB every ${cab.suggestEvery} weeks`, `      # from: ${cab.firstMeeting}`);
        }
      }
    }
  }
  out.push(`      duration: ${d(`${p}duration`)}  # ${ASSUMED}`);
  if (wait !== undefined) {
    const lower = wait.longestMissMinutes === undefined ? 'no change missed a meeting it was opened before' : `a change opened ${hours(wait.longestMissMinutes)} before a meeting missed it (an hour allowed for its assessment)`;
    out.push(`      cutoff: ${durationText(wait.cutoffMinutes)}  # fitted: the roundest time (whole days, else hours) up to the shortest from opened_at to the meeting of any normal change (${hours(wait.shortestGapMinutes)}) and above the longest miss (${lower}); opened_at to cab_date: median ${wait.days.p50.toFixed(2)} days, p90 ${wait.days.p90.toFixed(2)} days (${wait.evidence.rows} normal changes)`);
  } else out.push(`      cutoff: ${d(`${p}cutoff`)}  # ${ASSUMED} (${noWaitSeen(cab)})`);
  out.push(
    cab === undefined
      ? `      capacity: ${d(`${p}capacity`)}  # ${ASSUMED}`
      : capped(cab)
        ? `      capacity: ${cab.mostPerMeeting}  # fitted: ${cab.meetingsAtMost} of ${cab.meetings} meetings decided exactly the most any decided, ${cab.mostPerMeeting}: taken as a cap`
        : `      capacity: unlimited  # fitted: no sign of a cap (${cab.meetingsAtMost} of ${cab.meetings} meetings decided the most any decided, ${cab.mostPerMeeting}; a cap shows as ${CAP_MEETINGS} or more meetings, ${Math.round(CAP_SHARE * 100)}% or more, deciding exactly that many)`,
  );
  out.push(`      attendees: ${d(`${p}attendees`)}  # ${ASSUMED}`, `      hourlyRate: ${d(`${p}hourlyRate`)}  # ${ASSUMED}`);
  return out;
}

/** Why no cutoff was fitted, as seen in the export. */
function noWaitSeen(cab: Calibration['cab']): string {
  if (cab === undefined) return 'no normal change has a cab_date';
  const t = cab.timed;
  if (t.rows === 0) return "no normal change's cab_date has a time of day";
  return `no normal change has its cab_date after opened_at: of the ${t.rows} with a time of day, ${t.atOpened} ${t.atOpened === 1 ? 'is' : 'are'} at opened_at and ${t.beforeOpened} before it`;
}

/** The emergency CAB's lines (with `emergencyCab:`), when the export has emergency changes. */
export function emergencyCabLines(cal: Calibration): string[] {
  const e = cal.emergency;
  if (e.share.count === 0) return [];
  const approval = e.approval === undefined
    ? `${flow(DEFAULTS['teams.changeManagement.emergencyCab.approval']!.value)}  # ${ASSUMED} (fewer than 5 implemented emergency changes)`
    : `${lognormalText(e.approval)}  # fitted from work_start - opened_at of the emergency changes that never failed (${ev(e.approval.evidence)}); sample median ${effortText(e.approval.sampleMedian)}, p90 ${effortText(e.approval.sampleP90)}; approximation: includes any wait for a free deployer`;
  return ['    emergencyCab:', `      approval: ${approval}`];
}

const yearly = (from: string, to: string): boolean => from.slice(0, 4) !== to.slice(0, 4) && !from.endsWith('02-29') && !to.endsWith('02-29') && from.slice(5) !== to.slice(5);

/** The top-level `freezes` and `noDeploy` lines. */
export function calendarLines(cal: Calibration, refused: Refused): string[] {
  const { freezes, noDeploy, evidence } = cal.calendar;
  const out: string[] = [];
  const seen = `in the deployments (work_start of ${evidence.rows} implemented changes that are not emergency changes, ${evidence.from} to ${evidence.to})`;
  if (freezes.length === 0) out.push(`freezes: []  # fitted: no gap ${seen} of 5 days or more, 2.5 times the 10th longest or more, in which 15 deployments were expected`);
  else {
    const why = refused.get('freezes');
    out.push(`${why === undefined ? '' : '# '}freezes:  # fitted: gaps ${seen} of 5 days or more, 2.5 times the 10th longest gap or more, in which 15 or more were expected at the rate of each half-hour of the week${why === undefined ? '' : `; refused: ${why}`}`);
    freezes.forEach((f, i) => {
      const name = yearly(f.from, f.to) ? 'Year end' : `Freeze ${i + 1}`;
      const entry = yearly(f.from, f.to) ? { every: 'year', from: f.from.slice(5), to: f.to.slice(5), name } : { from: f.from, to: f.to, name };
      const note = `no deployment from ${f.from} (the day after the last, ${new Date(f.before * 60_000).toISOString().slice(0, 16).replace('T', ' ')}) to ${f.to} (the day of the next), ${f.expected.toFixed(0)} expected${yearly(f.from, f.to) ? '; seen once, over the year end: written yearly, as year-end freezes are' : ''}`;
      out.push(`${why === undefined ? '' : '# '}  - ${flow(entry)}  # ${note}`);
    });
  }
  if (noDeploy.length > 0) {
    const why = refused.get('noDeploy');
    const detail = noDeploy.map((n) => `${n.period}: ${n.officeSlots} office half-hours without a start, ${n.expected.toFixed(0)} expected`).join('; ');
    out.push(`${why === undefined ? '' : '# '}noDeploy: ${weekList(noDeploy.map((n) => n.period))}  # fitted: no deployment started in these periods of the week ${seen} (${detail}); each runs from the half-hour after the last start seen before it to the first start seen after it${why === undefined ? '' : `; refused: ${why}`}`);
  }
  return out;
}

/** The most delivery teams a scenario may have: more assignment groups than this are written as this many teams. */
export const MAX_TEAMS = MAX_COUNT['teams.delivery.count'];

/**
 * The delivery groups deliveryLines writes, each with the name it is written under, in order; or
 * undefined when it writes one map (fewer than two groups fitted, more teams than a scenario may
 * have, or the groups refused in a draft).
 */
export function writtenGroups(cal: Calibration, refused: Refused): { name: string; fit: GroupFit }[] | undefined {
  const fits = cal.arrivals.deliveryGroups;
  const total = fits?.reduce((s, g) => s + g.members.length, 0) ?? 0;
  if (fits === undefined || total > MAX_TEAMS || refused.get('groups') !== undefined) return undefined;
  const names = new Set<string>();
  return fits.map((g) => {
    const first = visible(firstChars(g.members[0]!.name, 60));
    let name = g.members.length === 1 ? first : `${first} and ${g.members.length - 1} more`;
    while (names.has(name)) name = `${name}'`;
    names.add(name);
    return { name, fit: g };
  });
}

/** A group's fitted featuresPerWeek as written: its changes a week per team (3 decimals, within the field's limits). */
export function groupFeaturesPerWeek(g: GroupFit, weeks: number): number {
  return Math.min(100, Math.max(0.001, round(g.changes / weeks / g.members.length, 3)));
}

/** `teams.delivery` (with its `delivery:` line): one map, or a list of groups when the assignment groups differ. */
export function deliveryLines(cal: Calibration, d: (path: string) => string, refused: Refused): string[] {
  const a = cal.arrivals;
  const groups = a.groups?.length;
  const why = refused.get('groups');
  const written = writtenGroups(cal, refused);
  if (written !== undefined) {
    const out = [`  delivery:  # fitted: ${groups} assignment groups in ${written.length} groups alike in change rate (within 3 Poisson standard deviations of the group's mean per team) and class mix (chi-square test at 0.1%); approximation: one assignment group is one delivery team`];
    for (const { name, fit: g } of written) {
      const classes = cal.classes.map((c) => c.name).filter((c) => (g.byClass[c] ?? 0) > 0);
      const shares = classes.map((c) => round((g.byClass[c] ?? 0) / g.changes));
      shares[shares.length - 1] = round(1 - shares.slice(0, -1).reduce((s, x) => s + x, 0));
      const members = g.members.slice(0, 5).map((m) => `${visible(firstChars(m.name, 40))} ${m.changes}`).join(', ');
      out.push(
        `    - name: ${flow(name)}`,
        `      count: ${g.members.length}  # fitted: ${members}${g.members.length > 5 ? ', …' : ''}`,
        `      people: ${d('teams.delivery.people')}  # ${ASSUMED}`,
        `      featuresPerWeek: ${groupFeaturesPerWeek(g, a.weeks)}  # fitted: ${g.changes} changes over ${a.weeks.toFixed(1)} weeks / ${g.members.length} teams; approximation: one feature is one change`,
        `      classShares: ${flow(Object.fromEntries(classes.map((c, i) => [c, shares[i]])))}  # fitted: the group's changes by risk`,
      );
    }
    return out;
  }
  const teams = groups === undefined ? undefined : Math.min(groups, MAX_TEAMS);
  const perTeam = round(a.changesPerWeek / (teams ?? (DEFAULTS['teams.delivery.count']!.value as number)), 3);
  return [
    '  delivery:' + (why === undefined ? '' : `  # the fitted groups were refused (${why}): written as one map`),
    teams === undefined
      ? `    count: ${d('teams.delivery.count')}  # ${ASSUMED} (no assignment group column)`
      : `    count: ${teams}  # fitted: ${groups} assignment groups (${a.groups!.slice(0, 5).map((g) => `${visible(firstChars(g.name, 40))} ${g.changes}`).join(', ')}${groups! > 5 ? ', …' : ''})${groups! > MAX_TEAMS ? `, more than the ${MAX_TEAMS} teams a scenario may have: written as ${MAX_TEAMS} teams sharing their changes` : ''}; approximation: one group is one delivery team`,
    `    people: ${d('teams.delivery.people')}  # ${ASSUMED}`,
    `    hours: ${d('teams.delivery.hours')}  # ${ASSUMED}`,
    `    hourlyRate: ${d('teams.delivery.hourlyRate')}  # ${ASSUMED}`,
    `    featuresPerWeek: ${Math.max(0.001, perTeam)}  # fitted: ${a.changesPerWeek.toFixed(2)} changes a week in all (${ev(a.evidence)}) / ${teams ?? 'the assumed'} teams; approximation: one feature is one change`,
    `    pipelineSetupEffort: ${d('teams.delivery.pipelineSetupEffort')}  # ${ASSUMED}`,
  ];
}
