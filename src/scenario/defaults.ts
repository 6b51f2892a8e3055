// Documented defaults of scenario files, written in the file format itself (so "52w", not
// 524160), each with its source: a public source from SOURCES.md, or "assumption". The resolver
// (resolve.ts) uses a default exactly as if the user had written it; the schema and
// scenarios/README.md quote the same table, so the three cannot disagree.

export const SOURCES = {
  equalExperts: 'Equal Experts, "You Build It You Run It" playbook (Ops Run It chapters)',
  youBuildItYouRunIt: 'Equal Experts playbook cost table: You Build It You Run It setup High, opportunity Low, run Low; the amounts are assumptions',
  equalExpertsCase: 'Equal Experts playbook: a case growing from 6 to 25 delivery teams',
  normalChange: 'Equal Experts playbook: a normal change has a 3-5 day response time',
  cabPractice: 'CAB practice (university and hospital IT change policies): weekly CAB, cutoff the working day before',
  doraMedium: 'DORA State of DevOps 2019: medium performers fail 0-15% of changes',
  doraLow: 'between DORA State of DevOps 2019 medium (0-15%) and low (46-60%) performers; assumption',
  emergencyCab: 'CAB practice: emergency changes are approved by an emergency CAB, often after the fact; the times are an assumption',
  emergencyReview: 'ServiceNow change_request: every change passes a review state before it is closed; the efforts are an assumption',
  emergencyFailure: 'assumption: an urgent fix has less time for testing, so it fails more often than the class\'s normal changes (about twice as often)',
  assumption: 'assumption',
} as const;

export interface Documented {
  /** The default, written as in a scenario file. */
  readonly value: unknown;
  readonly source: string;
}

const A = SOURCES.assumption;
const def = (value: unknown, source: string = A): Documented => ({ value, source });
const OFFICE_HOURS = ['mon-fri 09:00-17:30'];
const lognormal = (median: string, p90: string): unknown => ({ lognormal: { median, p90 } });

/** Defaults of every scenario path except `classes` (see CLASS_DEFAULTS); `name` has none. */
export const DEFAULTS: Readonly<Record<string, Documented>> = {
  description: def(''),
  currency: def('GBP'),
  start: def('2027-01-04'),
  horizon: def('52w'),
  warmup: def('8w'),
  replications: def(20),
  seed: def(42),
  variants: def(['normal', 'preApproved']),
  holidays: def([]),
  freezes: def([]),
  'teams.delivery.count': def(6, SOURCES.equalExpertsCase),
  'teams.delivery.people': def(7),
  'teams.delivery.hours': def(OFFICE_HOURS),
  'teams.delivery.hourlyRate': def(75),
  'teams.delivery.featuresPerWeek': def(1),
  'teams.delivery.pipelineSetupEffort': def('120h'),
  'teams.changeManagement.people': def(2),
  'teams.changeManagement.hours': def(OFFICE_HOURS),
  'teams.changeManagement.hourlyRate': def(60),
  'teams.changeManagement.setupEffort': def('150h'),
  'teams.changeManagement.cab.days': def(['tue'], SOURCES.cabPractice),
  'teams.changeManagement.cab.time': def('10:00'),
  'teams.changeManagement.cab.duration': def('2h'),
  'teams.changeManagement.cab.cutoff': def('20h', SOURCES.cabPractice),
  'teams.changeManagement.cab.capacity': def(15),
  'teams.changeManagement.cab.attendees': def(8),
  'teams.changeManagement.cab.hourlyRate': def(80),
  'teams.changeManagement.emergencyCab.raiseEffort': def(lognormal('30m', '1h30m')),
  'teams.changeManagement.emergencyCab.approval': def(lognormal('30m', '2h'), SOURCES.emergencyCab),
  'teams.changeManagement.emergencyCab.approvalEffort': def('30m'),
  'teams.changeManagement.emergencyCab.review.delivery': def('2h', SOURCES.emergencyReview),
  'teams.changeManagement.emergencyCab.review.changeManagement': def('1h', SOURCES.emergencyReview),
  'teams.applicationSupport.people': def(3),
  'teams.applicationSupport.hours': def(OFFICE_HOURS),
  'teams.applicationSupport.hourlyRate': def(55),
  'teams.applicationSupport.otherWork.share': def(0.5, 'Equal Experts playbook: one queue shared by all their work; the share is an assumption'),
  'teams.applicationSupport.otherWork.jobEffort': def(
    { exponential: { mean: '2h' } },
    'assumption: short operational jobs (incidents, requests) of about two hours, most shorter, a few much longer',
  ),
  'teams.applicationSupport.otherWork.arrivals': def(
    'workingHours',
    'assumption: operational work is raised and taken on during the working day, so it does not pile up out of hours',
  ),
  'teams.applicationSupport.outOfHoursWindows': def(['sat 22:00-04:00']),
  'teams.applicationSupport.outOfHoursPremium': def(1.5),
  'teams.applicationSupport.rollbackPremium': def(1.25, 'Equal Experts playbook: a higher rate for rollbacks; the multiplier is an assumption'),
  'teams.applicationSupport.setupEffort': def('150h'),
  'teams.applicationSupport.onFailure': def('redeploy'),
  'teams.applicationSupport.rescheduling.probability': def(0, 'Equal Experts playbook: a scheduled deployment may be cancelled at short notice; the probability is an assumption (0: off)'),
  'teams.serviceIntroduction.people': def(2),
  'teams.serviceIntroduction.hours': def(OFFICE_HOURS),
  'teams.serviceIntroduction.hourlyRate': def(65),
  'teams.serviceIntroduction.effort': def({ lognormal: { median: '1d', p90: '3d' } }, 'Equal Experts playbook: a service introduction team assesses operational readiness prior to live launch; the effort is an assumption'),
  'teams.serviceIntroduction.setupEffort': def('80h'),
  'costs.licencesPerMonth': def(1200),
  'costs.licencePerChange': def(10),
  'costs.pipelineSetup': def(20000),
  'costs.setupAmortisationYears': def(3),
  'youBuildItYouRunIt.setup.pipeline': def('160h', 'assumption: a pipeline to production for every class of change, more than the pre-approved pipeline (120h)'),
  'youBuildItYouRunIt.setup.telemetry': def('80h'),
  'youBuildItYouRunIt.setup.onCallReadiness': def('40h'),
  'youBuildItYouRunIt.onCall.standbyPayPerWeek': def(200),
  'youBuildItYouRunIt.onCall.responseTime': def('30m'),
  'youBuildItYouRunIt.onCall.callOutEffort': def('2h', 'assumption: a minimum call-out payment of two hours'),
  'youBuildItYouRunIt.onCall.callOutPremium': def(1.5),
  'youBuildItYouRunIt.downtimeSlot': def([], 'assumption: zero-downtime deployment (no change needs downtime)'),
};

/** Defaults of a class's fields (everything except `share`), keyed by field path in the class. */
export type ClassDefaults = Readonly<Record<string, Documented>>;

const HOURS = 'Equal Experts playbook: deployments and handovers take hours or days; the distribution is an assumption';

const SMALL: ClassDefaults = {
  failureRate: def(0.15, SOURCES.doraMedium),
  rejectionRate: def(0.05),
  downtimeShare: def(0.1),
  'efforts.changeDocumentation': def(lognormal('2h', '5h')),
  'efforts.assessment': def(lognormal('30m', '1h30m')),
  'efforts.rework': def(lognormal('2h', '6h')),
  'efforts.handover': def(lognormal('2h', '6h'), HOURS),
  'efforts.deployment': def(lognormal('1h', '3h'), HOURS),
  'efforts.rollback': def(lognormal('1h', '3h')),
  'efforts.fix': def(lognormal('4h', '2d')),
  'efforts.validation': def(lognormal('1h', '3h')),
  'efforts.acceptance': def('30m'),
  'preApproved.share': def(1),
  'preApproved.failureRate': def(0.1, SOURCES.doraMedium),
  'preApproved.deployment': def({ triangular: { min: '10m', mode: '20m', max: '1h' } }),
  'preApproved.rollback': def('15m'),
  'costOfDelay.profile': def('standard'),
  'costOfDelay.perWeek': def(1500),
  'costOfDelay.deadline': def('4w'),
  'costOfDelay.penalty': def(0),
  'costOfDelay.risesAfter': def('12w'),
  launchShare: def(0),
  emergencyShare: def(0),
  emergencyFailureRate: def(0.3, SOURCES.emergencyFailure),
};

const LARGE: ClassDefaults = {
  ...SMALL,
  failureRate: def(0.3, SOURCES.doraLow),
  rejectionRate: def(0.15),
  downtimeShare: def(0.6),
  'efforts.changeDocumentation': def(lognormal('6h', '2d')),
  'efforts.assessment': def(lognormal('2h', '6h')),
  'efforts.rework': def(lognormal('6h', '2d')),
  'efforts.handover': def(lognormal('1d', '3d'), HOURS),
  'efforts.deployment': def(lognormal('4h', '1d'), HOURS),
  'efforts.rollback': def(lognormal('2h', '6h')),
  'efforts.fix': def(lognormal('1d', '4d')),
  'efforts.validation': def(lognormal('3h', '1d')),
  'efforts.acceptance': def('1h'),
  'preApproved.share': def(0),
  'costOfDelay.perWeek': def(4000),
  emergencyFailureRate: def(0.5, SOURCES.emergencyFailure),
};

/** Per-class defaults: `small` and `large`; any other class name takes the `small` defaults. */
export const CLASS_DEFAULTS: Readonly<Record<string, ClassDefaults>> = { small: SMALL, large: LARGE };

/** An own-property lookup, so a class named "constructor" or "toString" takes the `small` defaults too. */
export function classDefaults(name: string): ClassDefaults {
  return Object.hasOwn(CLASS_DEFAULTS, name) ? CLASS_DEFAULTS[name]! : SMALL;
}

/** The classes used when a scenario has no `classes` section at all. */
export const DEFAULT_CLASSES: Documented = def({ small: { share: 0.7 }, large: { share: 0.3 } });
