// Untyped file contents → validated, fully defaulted, immutable Scenario. Reads each section with
// the readers of reader.ts, fills in the documented defaults (defaults.ts), converts units to
// minutes, then checks what spans several fields (shares, warm-up, CAB cutoff).
import { localDateTimeProblem, TimeBase } from '../engine/time.js';
import { classDefaults, DEFAULT_CLASSES, DEFAULTS } from './defaults.js';
import * as msg from './errors.js';
import type { ScenarioIssue } from './errors.js';
import * as r from './reader.js';
import type { IssueList, Path } from './reader.js';
import * as s from './schema.js';
import { readCab } from './cab.js';
import { readFreezes, readHolidays, readNoDeploy } from './calendar-entries.js';
import { checkNoDeployLeavesRoom, checkTeamsOpenWithinHorizon } from './open-hours.js';
import { readDelivery, type DeliveryContext } from './resolve-delivery.js';
import { checkLaunchesHaveTeam, checkServiceIntroductionOpen, readRescheduling, readServiceIntroduction } from './resolve-service-intro.js';
import { MAX_COUNT, MAX_HORIZON_WEEKS, START_RANGE } from './limits.js';
import { SAFE_NAME_EXPECTED, showName, unsafeNameReason } from './safe-name.js';
import type {
  ApplicationSupport, ChangeClass, ChangeManagement, ClassEfforts, CostOfDelay, Costs, EmergencyCab,
  OtherWork, Scenario, SupportContract, Variant, YouBuildItYouRunIt,
} from './types.js';
import { fromSpec } from '../engine/distributions.js';
import { VARIANTS } from './types.js';

/** The map's own value at `key` (never an inherited one), or undefined. */
function own(map: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The value at `key` of a map, or the documented default of `defaultPath`. */
function take(map: Record<string, unknown>, key: string, defaultPath: string): unknown {
  const value = own(map, key);
  return value !== undefined ? value : DEFAULTS[defaultPath]?.value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function resolveScenario(raw: unknown, list: IssueList): Scenario | undefined {
  if (raw === undefined || raw === null) {
    list.add([], 'parent', msg.emptyFile(), 'a map of scenario settings', 'an empty file');
    return undefined;
  }
  if (!r.isMap(raw)) {
    // The whole file is the value: its kind only, so that a file that is not a scenario is not quoted.
    const kind = msg.describeKind(raw);
    list.add([], 'value', msg.fileNotMap(kind), 'a map of scenario settings', kind);
    return undefined;
  }
  const root = r.readMap(list, raw, [], s.ScenarioFileSchema);
  // A file's `extends` is taken out by the loader before this; one still here came from --set.
  if (root.extends !== undefined) list.add(['extends'], 'value', 'expected extends only in a scenario file (it is read before --set applies), got it from --set', 'extends in the file', String(root.extends));
  let name = '';
  if (root.name === undefined) list.add(['name'], 'parent', msg.missingKey('name'), 'a name', 'nothing');
  else name = r.readText(list, root.name, ['name']);
  if (root.name !== undefined && name.trim() === '' && !list.hasIssues(['name'])) list.expected(['name'], 'a non-empty name', name);
  const unsafe = list.hasIssues(['name']) ? undefined : unsafeNameReason(name);
  if (unsafe !== undefined) list.add(['name'], 'value', `expected ${SAFE_NAME_EXPECTED}, got ${showName(name)}: ${unsafe}`, SAFE_NAME_EXPECTED, showName(name));

  const { base, start } = readStart(list, r.dateText(take(root, 'start', 'start')));

  const horizon = r.readTime(list, take(root, 'horizon', 'horizon'), ['horizon'], 'duration', MAX_HORIZON_WEEKS);
  const warmup = r.readTime(list, take(root, 'warmup', 'warmup'), ['warmup'], 'duration');
  if (!list.hasIssues(['horizon'], ['warmup'])) {
    if (horizon <= 0) list.expected(['horizon'], 'a horizon longer than 0', take(root, 'horizon', 'horizon'));
    else if (warmup >= horizon) {
      const found = String(take(root, 'warmup', 'warmup'));
      list.add(['warmup'], 'value', msg.warmupNotShorter(found, String(take(root, 'horizon', 'horizon'))), 'a warm-up shorter than the horizon', found);
    }
  }

  const holidays = readHolidays(list, take(root, 'holidays', 'holidays'), base, horizon);
  const classes = readClasses(list, root.classes === undefined ? DEFAULT_CLASSES.value : root.classes);
  const scenario: Scenario = {
    name,
    description: r.readText(list, take(root, 'description', 'description'), ['description']),
    currency: r.readText(list, take(root, 'currency', 'currency'), ['currency']),
    start,
    horizon,
    warmup,
    replications: r.readCount(list, take(root, 'replications', 'replications'), ['replications'], MAX_COUNT.replications),
    seed: r.readInteger(list, take(root, 'seed', 'seed'), ['seed']),
    variants: readVariants(list, take(root, 'variants', 'variants')),
    holidays,
    freezes: readFreezes(list, take(root, 'freezes', 'freezes'), base, horizon),
    ...noDeploy(list, root.noDeploy),
    classes,
    teams: readTeams(list, root.teams, base, horizon, { classes, holidays, readHolidays: (value, path) => readHolidays(list, value, base, horizon, path) }),
    costs: readCosts(list, root.costs),
    youBuildItYouRunIt: readYouBuildItYouRunIt(list, root.youBuildItYouRunIt),
  };
  if (list.issues.length === 0) checkTeamsOpenWithinHorizon(list, scenario);
  if (list.issues.length === 0) checkServiceIntroductionOpen(list, scenario);
  if (list.issues.length === 0) checkLaunchesHaveTeam(list, scenario);
  if (list.issues.length === 0) checkNoDeployLeavesRoom(list, scenario);
  return list.issues.length === 0 ? deepFreeze(scenario) : undefined;
}

/** The start (a date or date-time from START_RANGE.from to START_RANGE.to) and its time base. */
function readStart(list: IssueList, value: unknown): { base: TimeBase | undefined; start: string } {
  if (typeof value !== 'string') {
    list.expected(['start'], msg.EXPECT.dateTime, value);
    return { base: undefined, start: '' };
  }
  const problem = localDateTimeProblem(value.trim());
  if (problem !== undefined) {
    const found = msg.quoteText(value);
    list.add(['start'], 'value', `${msg.expectedGot(msg.EXPECT.dateTime, found)}: start ${msg.quoteText(value.trim())} ${problem}`, msg.EXPECT.dateTime, found);
    return { base: undefined, start: '' };
  }
  const base = new TimeBase(value.trim());
  // Normalised "YYYY-MM-DDTHH:MM" texts with four-digit years compare as their dates do.
  if (base.start < `${START_RANGE.from}T00:00` || base.start > `${START_RANGE.to}T23:59`) {
    const expected = `a start from ${START_RANGE.from} to ${START_RANGE.to}`;
    list.expected(['start'], expected, value);
    return { base: undefined, start: '' };
  }
  return { base, start: base.start };
}

/** `noDeploy` only when the file gives a non-empty list: a scenario without it resolves as before. */
function noDeploy(list: IssueList, value: unknown): Pick<Scenario, 'noDeploy'> {
  if (value === undefined) return {};
  const periods = readNoDeploy(list, value);
  return periods.length === 0 ? {} : { noDeploy: periods };
}

function readVariants(list: IssueList, value: unknown): Variant[] {
  const items = r.readList(list, value, ['variants']);
  if (Array.isArray(value) && items.length === 0) list.add(['variants'], 'value', msg.emptyVariants(), 'at least one variant', 'an empty list');
  const seen: Variant[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'string' && (VARIANTS as readonly string[]).includes(item)) {
      if (seen.includes(item as Variant)) list.add(['variants', i], 'value', msg.duplicate('variant', item), 'each variant once', item);
      else seen.push(item as Variant);
      return;
    }
    const found = msg.describeValue(item);
    const suggestion = typeof item === 'string' ? msg.suggest(item, VARIANTS) : undefined;
    list.add(['variants', i], 'value', msg.unknownVariant(found, suggestion), msg.EXPECT.variant, found);
  });
  return seen;
}

function readClasses(list: IssueList, value: unknown): ChangeClass[] {
  if (!r.isMap(value)) {
    list.expected(['classes'], 'a map of class names to classes', value);
    return [];
  }
  const names = Object.keys(value);
  if (names.length === 0) list.add(['classes'], 'value', msg.noClasses(), 'at least one class', 'an empty map');
  const classes = names.map((name) => readClass(list, own(value, name), name));
  const shareIssues = names.some((n) => list.hasIssues(['classes', n, 'share']));
  if (classes.length > 0 && !shareIssues) {
    const sum = classes.reduce((total, c) => total + c.share, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      const shares = classes.map((c) => [c.name, c.share] as const);
      list.add(['classes'], 'value', msg.sharesDoNotSum(shares, sum), 'class shares that sum to 1', String(sum));
    }
  }
  return classes;
}

function readClass(list: IssueList, value: unknown, name: string): ChangeClass {
  const path: Path = ['classes', name];
  const c = r.readMap(list, value === null ? {} : value, path, s.ClassSchema);
  const defaults = classDefaults(name);
  const get = (map: Record<string, unknown>, field: string, key: string): unknown =>
    own(map, key) !== undefined ? map[key] : defaults[field]?.value;
  let share = 0;
  if (c.share === undefined) list.add([...path, 'share'], 'parent', msg.missingKey('share'), 'a share between 0 and 1', 'nothing');
  else share = r.readProbability(list, c.share, [...path, 'share']);

  const e = r.readMap(list, c.efforts, [...path, 'efforts'], s.EffortsSchema);
  const effort = (key: keyof ClassEfforts) => r.readDistribution(list, get(e, `efforts.${key}`, key), [...path, 'efforts', key]);
  const efforts: ClassEfforts = {
    changeDocumentation: effort('changeDocumentation'),
    assessment: effort('assessment'),
    rework: effort('rework'),
    handover: effort('handover'),
    deployment: effort('deployment'),
    rollback: effort('rollback'),
    fix: effort('fix'),
    validation: effort('validation'),
    acceptance: effort('acceptance'),
  };

  const p = r.readMap(list, c.preApproved, [...path, 'preApproved'], s.PreApprovedSchema);
  const pPath = [...path, 'preApproved'];
  const preApproved = {
    share: r.readProbability(list, get(p, 'preApproved.share', 'share'), [...pPath, 'share']),
    // Below 1: a deployment that always failed would be rolled back and redeployed for ever (with zero efforts, at one instant).
    failureRate: r.readProbabilityBelowOne(list, get(p, 'preApproved.failureRate', 'failureRate'), [...pPath, 'failureRate'], msg.EXPECT.failureRate),
    deployment: r.readDistribution(list, get(p, 'preApproved.deployment', 'deployment'), [...pPath, 'deployment']),
    rollback: r.readDistribution(list, get(p, 'preApproved.rollback', 'rollback'), [...pPath, 'rollback']),
  };

  const d = r.readMap(list, c.costOfDelay, [...path, 'costOfDelay'], s.CostOfDelaySchema);
  const dPath = [...path, 'costOfDelay'];
  const perWeek = r.readNonNegative(list, get(d, 'costOfDelay.perWeek', 'perWeek'), [...dPath, 'perWeek']);
  const costOfDelay: CostOfDelay = {
    profile: r.readChoice(list, get(d, 'costOfDelay.profile', 'profile'), [...dPath, 'profile'], ['standard', 'fixedDate', 'expedite', 'intangible'], msg.EXPECT.profile),
    perWeek,
    deadline: r.readTime(list, get(d, 'costOfDelay.deadline', 'deadline'), [...dPath, 'deadline'], 'duration'),
    penalty: r.readNonNegative(list, get(d, 'costOfDelay.penalty', 'penalty'), [...dPath, 'penalty']),
    risesAfter: r.readTime(list, get(d, 'costOfDelay.risesAfter', 'risesAfter'), [...dPath, 'risesAfter'], 'duration'),
    perWeekAfter: d.perWeekAfter === undefined ? perWeek : r.readNonNegative(list, d.perWeekAfter, [...dPath, 'perWeekAfter']),
  };

  return {
    name,
    share,
    efforts,
    failureRate: r.readProbabilityBelowOne(list, get(c, 'failureRate', 'failureRate'), [...path, 'failureRate'], msg.EXPECT.failureRate),
    rejectionRate: r.readProbability(list, get(c, 'rejectionRate', 'rejectionRate'), [...path, 'rejectionRate']),
    downtimeShare: r.readProbability(list, get(c, 'downtimeShare', 'downtimeShare'), [...path, 'downtimeShare']),
    preApproved,
    costOfDelay,
    ...(c.launchShare === undefined ? {} : { launchShare: r.readProbability(list, c.launchShare, [...path, 'launchShare']) }),
    emergencyShare: r.readProbability(list, get(c, 'emergencyShare', 'emergencyShare'), [...path, 'emergencyShare']),
    // Below 1: an emergency change that always fails would be redeployed at once for ever (no meeting or window to wait for).
    emergencyFailureRate: r.readProbabilityBelowOne(list, get(c, 'emergencyFailureRate', 'emergencyFailureRate'), [...path, 'emergencyFailureRate'], msg.EXPECT.emergencyFailureRate),
  };
}

function readTeams(list: IssueList, value: unknown, base: TimeBase | undefined, horizon: number, deliveryContext: DeliveryContext): Scenario['teams'] {
  const t = r.readMap(list, value, ['teams'], s.TeamsSchema);
  const at = (section: string, key: string): Path => [...section.split('.'), key];
  const delivery = readDelivery(list, t.delivery, deliveryContext);

  const C = 'teams.changeManagement';
  const cm = r.readMap(list, t.changeManagement, ['teams', 'changeManagement'], s.ChangeManagementSchema);
  const changeManagement: ChangeManagement = {
    people: r.readCount(list, take(cm, 'people', `${C}.people`), at(C, 'people'), MAX_COUNT.people),
    hours: r.readWeeklyHours(list, take(cm, 'hours', `${C}.hours`), at(C, 'hours')),
    hourlyRate: r.readNonNegative(list, take(cm, 'hourlyRate', `${C}.hourlyRate`), at(C, 'hourlyRate')),
    setupEffort: r.readTime(list, take(cm, 'setupEffort', `${C}.setupEffort`), at(C, 'setupEffort'), 'effort'),
    cab: readCab(list, cm.cab, base, horizon),
    emergencyCab: readEmergencyCab(list, cm.emergencyCab),
  };

  const A = 'teams.applicationSupport';
  const as = r.readMap(list, t.applicationSupport, ['teams', 'applicationSupport'], s.ApplicationSupportSchema);
  const applicationSupport: ApplicationSupport = {
    people: r.readCount(list, take(as, 'people', `${A}.people`), at(A, 'people'), MAX_COUNT.people),
    hours: r.readWeeklyHours(list, take(as, 'hours', `${A}.hours`), at(A, 'hours')),
    hourlyRate: r.readNonNegative(list, take(as, 'hourlyRate', `${A}.hourlyRate`), at(A, 'hourlyRate')),
    otherWork: readOtherWork(list, as),
    outOfHoursWindows: r.readWeeklyHours(list, take(as, 'outOfHoursWindows', `${A}.outOfHoursWindows`), at(A, 'outOfHoursWindows')),
    outOfHoursPremium: r.readPremium(list, take(as, 'outOfHoursPremium', `${A}.outOfHoursPremium`), at(A, 'outOfHoursPremium')),
    rollbackPremium: r.readPremium(list, take(as, 'rollbackPremium', `${A}.rollbackPremium`), at(A, 'rollbackPremium')),
    setupEffort: r.readTime(list, take(as, 'setupEffort', `${A}.setupEffort`), at(A, 'setupEffort'), 'effort'),
    onFailure: r.readChoice(list, take(as, 'onFailure', `${A}.onFailure`), at(A, 'onFailure'), ['redeploy', 'reraise'], msg.EXPECT.onFailure),
    ...(as.contract === undefined ? {} : { contract: readContract(list, as.contract) }),
    ...readRescheduling(list, as.rescheduling),
  };
  return { delivery, changeManagement, applicationSupport, ...readServiceIntroduction(list, t.serviceIntroduction) };
}

/** teams.changeManagement.emergencyCab: each field defaults separately; `approval` is calendar time. */
function readEmergencyCab(list: IssueList, value: unknown): EmergencyCab {
  const E = 'teams.changeManagement.emergencyCab';
  const path: Path = ['teams', 'changeManagement', 'emergencyCab'];
  const e = r.readMap(list, value, path, s.EmergencyCabSchema);
  const rv = r.readMap(list, e.review, [...path, 'review'], ['delivery', 'changeManagement']);
  return {
    raiseEffort: r.readDistribution(list, take(e, 'raiseEffort', `${E}.raiseEffort`), [...path, 'raiseEffort']),
    approval: r.readDistribution(list, take(e, 'approval', `${E}.approval`), [...path, 'approval'], 'duration'),
    approvalEffort: r.readTime(list, take(e, 'approvalEffort', `${E}.approvalEffort`), [...path, 'approvalEffort'], 'effort'),
    review: {
      delivery: r.readDistribution(list, take(rv, 'delivery', `${E}.review.delivery`), [...path, 'review', 'delivery']),
      changeManagement: r.readDistribution(list, take(rv, 'changeManagement', `${E}.review.changeManagement`), [...path, 'review', 'changeManagement']),
    },
  };
}

/** teams.applicationSupport.contract: every field required. */
function readContract(list: IssueList, value: unknown): SupportContract {
  const path: Path = ['teams', 'applicationSupport', 'contract'];
  const c = r.readMap(list, value, path, ['includedDeploymentsPerMonth', 'ratePerDeployment', 'extraDeploymentRate', 'rollbackRate']);
  const need = (key: string, read: (v: unknown, p: Path) => number): number => {
    if (c[key] === undefined) {
      if (r.isMap(value)) list.add([...path, key], 'parent', msg.missingKey(key));
      return 0;
    }
    return read(c[key], [...path, key]);
  };
  return {
    includedDeploymentsPerMonth: need('includedDeploymentsPerMonth', (v, p) => (v === 0 ? 0 : r.readCount(list, v, p, 100_000))),
    ratePerDeployment: need('ratePerDeployment', (v, p) => r.readNonNegative(list, v, p)),
    extraDeploymentRate: need('extraDeploymentRate', (v, p) => r.readNonNegative(list, v, p)),
    rollbackRate: need('rollbackRate', (v, p) => r.readNonNegative(list, v, p)),
  };
}

/** teams.applicationSupport.otherWork, with `otherWorkShare` read as the older name of its share. */
function readOtherWork(list: IssueList, as: Record<string, unknown>): OtherWork {
  const O = 'teams.applicationSupport.otherWork';
  const path: Path = ['teams', 'applicationSupport', 'otherWork'];
  const o = r.readMap(list, as.otherWork, path, s.OtherWorkSchema);
  let share: number;
  if (as.otherWorkShare !== undefined) {
    share = r.readWorkShare(list, as.otherWorkShare, ['teams', 'applicationSupport', 'otherWorkShare']);
    if (o.share !== undefined) list.add([...path, 'share'], 'key', msg.otherWorkShareTwice(), 'one share', 'otherWork.share and otherWorkShare');
  } else {
    share = r.readWorkShare(list, take(o, 'share', `${O}.share`), [...path, 'share']);
  }
  const effortValue = take(o, 'jobEffort', `${O}.jobEffort`);
  const jobEffort = r.readDistribution(list, effortValue, [...path, 'jobEffort']);
  if (!list.hasIssues([...path, 'jobEffort']) && !(fromSpec(jobEffort).mean > 0)) list.expected([...path, 'jobEffort'], msg.EXPECT.jobEffort, effortValue);
  return {
    share,
    jobEffort,
    arrivals: r.readChoice(list, take(o, 'arrivals', `${O}.arrivals`), [...path, 'arrivals'], ['workingHours', 'aroundTheClock'], msg.EXPECT.otherWorkArrivals),
  };
}

function readCosts(list: IssueList, value: unknown): Costs {
  const c = r.readMap(list, value, ['costs'], s.CostsSchema);
  const read = (key: string) => r.readNonNegative(list, take(c, key, `costs.${key}`), ['costs', key]);
  return {
    licencesPerMonth: read('licencesPerMonth'),
    licencePerChange: read('licencePerChange'),
    pipelineSetup: read('pipelineSetup'),
    setupAmortisationYears: r.readPositive(list, take(c, 'setupAmortisationYears', 'costs.setupAmortisationYears'), ['costs', 'setupAmortisationYears']),
  };
}

/** youBuildItYouRunIt: setup efforts, the on-call rota, and the team's downtime slot (an empty list: none needed). */
function readYouBuildItYouRunIt(list: IssueList, value: unknown): YouBuildItYouRunIt {
  const Y = 'youBuildItYouRunIt';
  const y = r.readMap(list, value, [Y], s.YouBuildItYouRunItSchema);
  const st = r.readMap(list, y.setup, [Y, 'setup'], s.YouBuildItYouRunItSchema.shape.setup.unwrap());
  const oc = r.readMap(list, y.onCall, [Y, 'onCall'], s.YouBuildItYouRunItSchema.shape.onCall.unwrap());
  const effort = (key: string) => r.readTime(list, take(st, key, `${Y}.setup.${key}`), [Y, 'setup', key], 'effort');
  const slot = take(y, 'downtimeSlot', `${Y}.downtimeSlot`);
  return {
    setup: { pipeline: effort('pipeline'), telemetry: effort('telemetry'), onCallReadiness: effort('onCallReadiness') },
    onCall: {
      standbyPayPerWeek: r.readNonNegative(list, take(oc, 'standbyPayPerWeek', `${Y}.onCall.standbyPayPerWeek`), [Y, 'onCall', 'standbyPayPerWeek']),
      responseTime: r.readTime(list, take(oc, 'responseTime', `${Y}.onCall.responseTime`), [Y, 'onCall', 'responseTime'], 'duration'),
      callOutEffort: r.readTime(list, take(oc, 'callOutEffort', `${Y}.onCall.callOutEffort`), [Y, 'onCall', 'callOutEffort'], 'effort'),
      callOutPremium: r.readPremium(list, take(oc, 'callOutPremium', `${Y}.onCall.callOutPremium`), [Y, 'onCall', 'callOutPremium']),
    },
    // An empty list is allowed here (no slot: zero-downtime deployment); any entry is checked as weekly hours.
    downtimeSlot: Array.isArray(slot) && slot.length === 0 ? [] : r.readWeeklyHours(list, slot, [Y, 'downtimeSlot']),
  };
}

export type { ScenarioIssue };
