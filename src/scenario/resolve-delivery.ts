// teams.delivery: one map (all teams alike, today's form) or a list of groups, each with a name,
// its own size, hours, rate, demand, class mix and holidays. Both become DeliveryTeams with a
// list of groups (the single map keeps its fields alone; deliveryGroups() reads it as one group
// named "delivery").
import { DEFAULTS } from './defaults.js';
import * as msg from './errors.js';
import { MAX_COUNT, MAX_FEATURES_PER_WEEK } from './limits.js';
import * as r from './reader.js';
import type { IssueList, Path } from './reader.js';
import * as s from './schema.js';
import { PER_FEATURE, type ChangeClass, type DeliveryGroup, type DeliveryTeams, type Period, type ReleasePolicy } from './types.js';
import { groupDigits } from './group-digits.js';

/** What a group needs from the rest of the scenario. */
export interface DeliveryContext {
  readonly classes: readonly ChangeClass[];
  readonly holidays: readonly Period[];
  /** Reads a holidays list at a path (the scenario's own reader). */
  readonly readHolidays: (value: unknown, path: Path) => Period[];
}

function own(map: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function take(map: Record<string, unknown>, key: string): unknown {
  const value = own(map, key);
  return value !== undefined ? value : DEFAULTS[`teams.delivery.${key}`]?.value;
}

/** The fields the single form and a group share. */
function readCommon(list: IssueList, dl: Record<string, unknown>, path: Path) {
  return {
    count: r.readCount(list, take(dl, 'count'), [...path, 'count'], MAX_COUNT['teams.delivery.count']),
    people: r.readCount(list, take(dl, 'people'), [...path, 'people'], MAX_COUNT.people),
    hours: r.readWeeklyHours(list, take(dl, 'hours'), [...path, 'hours']),
    hourlyRate: r.readNonNegative(list, take(dl, 'hourlyRate'), [...path, 'hourlyRate']),
    featuresPerWeek: r.readBoundedNonNegative(list, take(dl, 'featuresPerWeek'), [...path, 'featuresPerWeek'], MAX_FEATURES_PER_WEEK),
    pipelineSetupEffort: r.readTime(list, take(dl, 'pipelineSetupEffort'), [...path, 'pipelineSetupEffort'], 'effort'),
  };
}

/** The release policy: perFeature (default), { batch: N } or { every: PERIOD } (at least a day). */
function readRelease(list: IssueList, value: unknown, path: Path): ReleasePolicy {
  if (value === undefined || value === 'perFeature') return PER_FEATURE;
  const expected = 'perFeature, { batch: N } or { every: 2w }';
  if (!r.isMap(value)) {
    list.expected(path, expected, value);
    return PER_FEATURE;
  }
  const m = r.readMap(list, value, path, ['batch', 'every']);
  const keys = Object.keys(m);
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'an empty map' : keys.map(msg.excerpt).join(' and ');
    list.add(path, 'value', msg.expectedGot(`one of ${expected}`, found), expected, found);
    return PER_FEATURE;
  }
  if (m.batch !== undefined) return { kind: 'batch', size: r.readCount(list, m.batch, [...path, 'batch'], 1000) };
  const period = r.readTime(list, m.every, [...path, 'every'], 'duration');
  if (!list.hasIssues([...path, 'every']) && period < 1440) list.expected([...path, 'every'], 'a release period of at least 1d', m.every);
  return { kind: 'every', period };
}

/** A group's class mix by class name; classes left out have share 0; the shares sum to 1. */
function readClassShares(list: IssueList, value: unknown, path: Path, classes: readonly ChangeClass[]): number[] {
  if (value === undefined) return classes.map((c) => c.share);
  const names = classes.map((c) => c.name);
  const map = r.readMap(list, value, path, names);
  const shares = names.map((name) => {
    const v = own(map, name);
    return v === undefined ? 0 : r.readProbability(list, v, [...path, name]);
  });
  if (r.isMap(value) && !list.hasIssues(path)) {
    const sum = shares.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      const given = names.flatMap((n, k) => (own(map, n) === undefined ? [] : [[n, shares[k]!] as const]));
      list.add(path, 'value', msg.sharesDoNotSum(given, sum), 'class shares that sum to 1', String(sum));
    }
  }
  return shares;
}

export function readDelivery(list: IssueList, value: unknown, ctx: DeliveryContext): DeliveryTeams {
  const path: Path = ['teams', 'delivery'];
  if (!Array.isArray(value)) {
    const dl = r.readMap(list, value, path, s.DeliverySchema);
    // Exactly the fields it always had (and `release` when given): deliveryGroups() derives its one group from them.
    const common = readCommon(list, dl, path);
    return own(dl, 'release') === undefined ? common : { ...common, release: readRelease(list, own(dl, 'release'), [...path, 'release']) };
  }
  if (value.length === 0) list.expected(path, 'at least one group such as { name: web, count: 8 }', value);
  const groups: DeliveryGroup[] = [];
  let firstTeam = 0;
  value.forEach((item, i) => {
    const at: Path = [...path, i];
    if (!r.isMap(item)) {
      list.expected(at, 'a group: a map with a name, such as { name: web, count: 8 }', item);
      return;
    }
    const g = r.readMap(list, item, at, s.DeliveryGroupSchema);
    let name = '';
    if (g.name === undefined) list.add([...at, 'name'], 'parent', msg.missingKey('name'), 'a group name', 'nothing');
    else name = r.readText(list, g.name, [...at, 'name']);
    if (g.name !== undefined && !list.hasIssues([...at, 'name'])) {
      if (name.trim() === '' || name.length > 100) list.expected([...at, 'name'], 'a group name of 1 to 100 characters', g.name);
      else if (groups.some((other) => other.name === name)) list.add([...at, 'name'], 'value', msg.duplicate('group name', msg.quoteText(name)), 'each group name once', msg.quoteText(name));
    }
    const common = readCommon(list, g, at);
    groups.push({
      name,
      ...common,
      release: readRelease(list, own(g, 'release'), [...at, 'release']),
      classShares: readClassShares(list, own(g, 'classShares'), [...at, 'classShares'], ctx.classes),
      holidays: own(g, 'holidays') === undefined ? ctx.holidays : ctx.readHolidays(own(g, 'holidays'), [...at, 'holidays']),
      firstTeam,
    });
    firstTeam += common.count;
  });
  const max = MAX_COUNT['teams.delivery.count'];
  if (firstTeam > max) {
    const expected = `at most ${groupDigits(max)} delivery teams over all groups`;
    list.add(path, 'value', msg.expectedGot(expected, `${firstTeam} teams`), expected, `${firstTeam} teams`);
  }
  const first = groups[0];
  return {
    count: firstTeam,
    people: first?.people ?? 1,
    hours: first?.hours ?? [],
    hourlyRate: first?.hourlyRate ?? 0,
    featuresPerWeek: first?.featuresPerWeek ?? 0,
    pipelineSetupEffort: first?.pipelineSetupEffort ?? 0,
    groups,
    listed: true,
  };
}
