// The service introduction team (teams.serviceIntroduction), the classes' launch shares that need
// it, and application support's short-notice rescheduling (teams.applicationSupport.rescheduling).
// Each is absent from the resolved scenario when the file does not give it, so a scenario without
// them resolves exactly as before.
import { Calendar } from '../engine/calendar.js';
import { TimeBase } from '../engine/time.js';
import { DEFAULTS } from './defaults.js';
import * as msg from './errors.js';
import { MAX_COUNT } from './limits.js';
import * as r from './reader.js';
import type { IssueList, Path } from './reader.js';
import * as s from './schema.js';
import type { Rescheduling, Scenario, ServiceIntroduction } from './types.js';

const S = 'teams.serviceIntroduction';
const PATH: Path = ['teams', 'serviceIntroduction'];

function take(map: Record<string, unknown>, key: string, defaultPath: string): unknown {
  const value = Object.hasOwn(map, key) ? map[key] : undefined;
  return value !== undefined ? value : DEFAULTS[defaultPath]?.value;
}

/** teams.serviceIntroduction, when given (null or a map; each field defaults separately). */
export function readServiceIntroduction(list: IssueList, value: unknown): { serviceIntroduction?: ServiceIntroduction } {
  if (value === undefined) return {};
  const t = r.readMap(list, value === null ? {} : value, PATH, s.ServiceIntroductionSchema);
  return {
    serviceIntroduction: {
      people: r.readCount(list, take(t, 'people', `${S}.people`), [...PATH, 'people'], MAX_COUNT.people),
      hours: r.readWeeklyHours(list, take(t, 'hours', `${S}.hours`), [...PATH, 'hours']),
      hourlyRate: r.readNonNegative(list, take(t, 'hourlyRate', `${S}.hourlyRate`), [...PATH, 'hourlyRate']),
      effort: r.readDistribution(list, take(t, 'effort', `${S}.effort`), [...PATH, 'effort']),
      setupEffort: r.readTime(list, take(t, 'setupEffort', `${S}.setupEffort`), [...PATH, 'setupEffort'], 'effort'),
    },
  };
}

/** teams.applicationSupport.rescheduling, when given. */
export function readRescheduling(list: IssueList, value: unknown): { rescheduling?: Rescheduling } {
  if (value === undefined) return {};
  const path: Path = ['teams', 'applicationSupport', 'rescheduling'];
  const m = r.readMap(list, value === null ? {} : value, path, ['probability']);
  const at: Path = [...path, 'probability'];
  const given = take(m, 'probability', 'teams.applicationSupport.rescheduling.probability');
  const probability = r.readProbability(list, given, at);
  if (!list.hasIssues(at) && probability >= 1) {
    const expected = 'a probability ≥ 0 and < 1';
    list.add(at, 'value', `expected ${expected} (a deployment bumped every time would never deploy), got ${probability}`, expected, String(probability));
  }
  return { rescheduling: { probability } };
}

/** A class with launches needs the team that assesses them. */
export function checkLaunchesHaveTeam(list: IssueList, scenario: Scenario): void {
  if (scenario.teams.serviceIntroduction !== undefined) return;
  for (const c of scenario.classes) {
    if (!((c.launchShare ?? 0) > 0)) continue;
    list.add(
      ['classes', c.name, 'launchShare'], 'value',
      `expected teams.serviceIntroduction (the team that assesses launches) when a class has a launchShare above 0, got launchShare ${c.launchShare} and no teams.serviceIntroduction`,
      'teams.serviceIntroduction', 'none',
    );
  }
}

/** The service introduction team's hours must open within the horizon, like every other team's. */
export function checkServiceIntroductionOpen(list: IssueList, scenario: Scenario): void {
  const team = scenario.teams.serviceIntroduction;
  if (team === undefined) return;
  const base = new TimeBase(scenario.start);
  const calendar = new Calendar(base, { open: team.hours, closures: scenario.holidays });
  if (calendar.workingTimeBetween(0, scenario.horizon) > 0) return;
  const message = msg.neverOpenWithinHorizon('the service introduction team', base.toIso(0), base.toIso(scenario.horizon));
  list.add([...PATH, 'hours'], 'value', message, 'hours open at least once within the horizon', 'none');
}
