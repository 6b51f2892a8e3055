// The zod 4 schema of a scenario *file* (before units are converted and defaults filled in).
// It is the single list of known keys: the resolver reads key names from it to spot unknown keys,
// --set checks override paths against it, and `orisim schema` exports it as JSON Schema. Every
// field is described: what it is, its unit, its default and the default's source.
import * as z from './zod.js';
import { CLASS_DEFAULTS, DEFAULTS, DEFAULT_CLASSES, type Documented } from './defaults.js';
import { MAX_COUNT, MAX_FEATURES_PER_WEEK, MIN_WEIBULL_SHAPE } from './limits.js';
import { TIME_PATTERN } from './units.js';
import { UncertainSchema } from './uncertain-schema.js';
import { STUDY_SECTIONS } from './study-schema.js';

function show(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

/** "What it is. Unit: …. Default: …. Source: …." for a field with a DEFAULTS entry. */
function doc(path: string, description: string, unit?: string): string {
  const found: Documented | undefined = DEFAULTS[path];
  const parts = [description];
  if (unit !== undefined) parts.push(`Unit: ${unit}.`);
  if (found) parts.push(`Default: ${show(found.value)}.`, `Source: ${found.source}.`);
  return parts.join(' ');
}

/** Same for a class field: the defaults of `small` and `large` (other names take small's). */
function classDoc(field: string, description: string, unit?: string): string {
  const small = CLASS_DEFAULTS.small![field]!;
  const large = CLASS_DEFAULTS.large![field]!;
  const parts = [description];
  if (unit !== undefined) parts.push(`Unit: ${unit}.`);
  parts.push(
    `Default: small ${show(small.value)}, large ${show(large.value)} (other class names take small's).`,
    small.source === large.source ? `Source: ${small.source}.` : `Source: small — ${small.source}; large — ${large.source}.`,
  );
  return parts.join(' ');
}

const DURATION_UNIT = 'calendar time: m = minute, h = hour, d = 24 hours, w = 7 days; combine as 1d12h; at most 5200w';
const EFFORT_UNIT = 'working time: m = minute, h = hour, d = one 8-hour working day, w = 40 hours; at most 5200w';

const duration = () => z.string().regex(new RegExp(TIME_PATTERN));
const effort = () => z.string().regex(new RegExp(TIME_PATTERN));
const positiveInt = () => z.number().int().positive();
const nonNegative = () => z.number().min(0);
const probability = () => z.number().min(0).max(1);
const clock = () => z.string().regex(/^\d{1,2}:\d{2}$/);
const weekday = () => z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const weeklyHours = () =>
  z.array(z.string().regex(/^\s*\S+\s+\d{1,2}:\d{2}-\d{1,2}:\d{2}\s*$/)).min(1);
const date = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An effort: fixed ("4h") or one of the distributions, with efforts in working time. */
export const DistributionSchema = z
  .union([
    effort().describe('A fixed effort.'),
    z.strictObject({
      lognormal: z.union([
        z.strictObject({
          median: effort().describe('Median (half the changes take less).'),
          p90: effort().describe('90th percentile (nine in ten take less); greater than the median.'),
        }),
        z.strictObject({
          mean: effort().describe('Mean.'),
          sd: effort().describe('Standard deviation.'),
        }),
      ]).describe('Lognormal, by median and p90 (the way people estimate) or by mean and sd.'),
    }),
    z.strictObject({
      uniform: z.strictObject({
        min: effort().describe('Smallest value.'),
        max: effort().describe('Largest value; at least min.'),
      }).describe('Uniform between min and max.'),
    }),
    z.strictObject({
      triangular: z.strictObject({
        min: effort().describe('Smallest value.'),
        mode: effort().describe('Most likely value; min ≤ mode ≤ max.'),
        max: effort().describe('Largest value.'),
      }).describe('Triangular.'),
    }),
    z.strictObject({
      exponential: z.strictObject({ mean: effort().describe('Mean (> 0).') }).describe('Exponential.'),
    }),
    z.strictObject({
      gamma: z.strictObject({
        mean: effort().describe('Mean (> 0).'),
        sd: effort().describe('Standard deviation (> 0).'),
      }).describe('Gamma, by mean and standard deviation.'),
    }),
    z.strictObject({
      weibull: z.strictObject({
        shape: z.number().min(MIN_WEIBULL_SHAPE).describe('Shape k (a plain number ≥ 0.01).'),
        scale: effort().describe('Scale λ (> 0).'),
      }).describe('Weibull.'),
    }),
    z.strictObject({
      empirical: z.array(effort()).min(1).describe('Resample these observed efforts with equal weight.'),
    }),
  ])
  .describe(`An effort (${EFFORT_UNIT}) as a fixed value such as 4h, or a distribution.`);

const classEffort = (field: string, description: string) =>
  DistributionSchema.optional().describe(classDoc(`efforts.${field}`, description, EFFORT_UNIT));

export const EffortsSchema = z.strictObject({
  changeDocumentation: classEffort('changeDocumentation', 'Delivery team writes the change documentation and raises the ticket.'),
  assessment: classEffort('assessment', 'Change management assesses the ticket before CAB.'),
  rework: classEffort('rework', 'Delivery team reworks a rejected change before raising it again.'),
  handover: classEffort('handover', 'Delivery team writes handover documentation for application support.'),
  deployment: classEffort('deployment', 'Application support deploys the change.'),
  rollback: classEffort('rollback', 'Application support rolls back a failed deployment.'),
  fix: classEffort('fix', 'Delivery team fixes the cause of a failed deployment.'),
  validation: classEffort('validation', 'Delivery team smoke-tests the live change.'),
  acceptance: classEffort('acceptance', 'Application support accepts the live change into service.'),
});

export const PreApprovedSchema = z.strictObject({
  share: probability().optional().describe(classDoc('preApproved.share', "Share (0–1) of this class's changes that are standard (pre-approved) changes in the preApproved variant.", 'share 0–1')),
  failureRate: z.number().min(0).lt(1).optional().describe(classDoc('preApproved.failureRate', 'Probability that a pipeline deployment fails (automated rollback); below 1.', 'probability ≥ 0 and < 1')),
  deployment: DistributionSchema.optional().describe(classDoc('preApproved.deployment', "Delivery team's effort to deploy through the automated pipeline.", EFFORT_UNIT)),
  rollback: DistributionSchema.optional().describe(classDoc('preApproved.rollback', 'Effort of the automated rollback after a failed pipeline deployment.', EFFORT_UNIT)),
});

export const CostOfDelaySchema = z.strictObject({
  profile: z.enum(['standard', 'fixedDate', 'expedite', 'intangible']).optional().describe(classDoc('costOfDelay.profile', 'Urgency profile: standard (linear), fixedDate (a penalty after a deadline), expedite (a high rate), intangible (low now, rising later).')),
  perWeek: nonNegative().optional().describe(classDoc('costOfDelay.perWeek', 'Money lost per week between ready and live (standard, expedite; intangible before risesAfter).', 'currency per week')),
  deadline: duration().optional().describe(classDoc('costOfDelay.deadline', 'fixedDate: the deadline after the feature is ready.', DURATION_UNIT)),
  penalty: nonNegative().optional().describe(classDoc('costOfDelay.penalty', 'fixedDate: paid once if the change goes live after the deadline.', 'currency')),
  risesAfter: duration().optional().describe(classDoc('costOfDelay.risesAfter', 'intangible: the delay after which the rate becomes perWeekAfter.', DURATION_UNIT)),
  perWeekAfter: nonNegative().optional().describe('intangible: money lost per week after risesAfter. Unit: currency per week. Default: the class\'s perWeek. Source: assumption.'),
});

export const ClassSchema = z.strictObject({
  share: probability().optional().describe('Share (0–1) of features of this class; the shares of all classes sum to 1. Unit: share 0–1. Default: none (required), except in the default classes (small 0.7, large 0.3). Source: assumption.'),
  failureRate: z.number().min(0).lt(1).optional().describe(classDoc('failureRate', 'Probability that a normal-path deployment fails and is rolled back; below 1.', 'probability ≥ 0 and < 1')),
  rejectionRate: probability().optional().describe(classDoc('rejectionRate', 'Probability that CAB rejects the change at a meeting.', 'probability 0–1')),
  downtimeShare: probability().optional().describe(classDoc('downtimeShare', "Share (0–1) of this class's changes that need downtime, so are deployed in an out-of-hours window.", 'share 0–1')),
  efforts: EffortsSchema.optional().describe('Effort of each step of a change of this class; each field defaults separately.'),
  preApproved: PreApprovedSchema.optional().describe('The pre-approved (standard change) path of this class in the preApproved variant.'),
  costOfDelay: CostOfDelaySchema.optional().describe('Cost of delay of a feature of this class, from ready to live.'),
  launchShare: probability().optional().describe(classDoc('launchShare', "Share (0–1) of this class's changes that are launches (a service's first live launch): after CAB approval they queue for the service introduction team (teams.serviceIntroduction, required when a share is above 0), which assesses operational readiness before the handover; 1 makes every change of the class a launch. Drawn on its own random stream, identical in every variant.", 'share 0–1')),
  emergencyShare: probability().optional().describe(classDoc('emergencyShare', "Share (0–1) of this class's features that are urgent fixes: they take the emergency path (emergency CAB, deployed at once, even in a freeze) in the normal and preApproved variants.", 'share 0–1')),
  emergencyFailureRate: z.number().min(0).lt(1).optional().describe(classDoc('emergencyFailureRate', 'Probability that an emergency deployment fails and is rolled back; below 1.', 'probability ≥ 0 and < 1')),
});

export const DeliverySchema = z.strictObject({
  count: positiveInt().max(MAX_COUNT['teams.delivery.count']).optional().describe(doc('teams.delivery.count', 'Number of delivery teams (at most 1,000).', 'teams')),
  people: positiveInt().max(MAX_COUNT.people).optional().describe(doc('teams.delivery.people', 'People per delivery team (at most 1,000).', 'people')),
  hours: weeklyHours().optional().describe(doc('teams.delivery.hours', 'Weekly working hours of the delivery teams.', 'weekly intervals "<days> HH:MM-HH:MM"')),
  hourlyRate: nonNegative().optional().describe(doc('teams.delivery.hourlyRate', 'Cost of one person-hour.', 'currency per hour')),
  featuresPerWeek: nonNegative().max(MAX_FEATURES_PER_WEEK).optional().describe(doc('teams.delivery.featuresPerWeek', 'Features becoming ready per team per week: a Poisson process in the working hours of the team (holidays closed); at most 100.', 'features per team per week')),
  pipelineSetupEffort: effort().optional().describe(doc('teams.delivery.pipelineSetupEffort', 'One-off effort per team to build the automated pipeline (preApproved setup).', EFFORT_UNIT)),
  release: z.union([
    z.literal('perFeature').describe('One change per feature (the default).'),
    z.strictObject({ batch: z.number().int().min(1).max(1000).describe('Features per release (1–1,000).') }).describe('A release of every N ready features.'),
    z.strictObject({ every: duration().describe(`The release period (${DURATION_UNIT}); at least 1d.`) }).describe('A release every period, bundling the features ready since the last one.'),
  ]).optional().describe("Each team's release policy for its normal changes: perFeature, { batch: N } or { every: 2w }. A release is one change: its efforts are the sum of its features' efforts, it fails with 1 − Π(1 − pᵢ), and each feature's lead time and cost of delay run until the release is live. Default: perFeature. Source: assumption (the playbook: one change category for every deployment pushes teams to fewer, larger deployments)."),
});

const monthDay = () => z.string().regex(/^\d{2}-\d{2}$/);

export const HolidaySchema = z.union([
  date().describe('A public holiday (the whole day).'),
  z.strictObject({
    date: z.union([date(), monthDay()]).describe('The date (YYYY-MM-DD), or with every: year the day of the year (MM-DD, not 02-29).'),
    name: z.string().optional().describe('Its name. Default: the date.'),
    every: z.literal('year').optional().describe('A holiday on the same day every year ("year"), such as { date: 12-25, every: year }. Default: none (the one dated day). Source: assumption.'),
  }),
]);


const groupName = () => z.string().min(1).max(100);

/** One group of `teams.delivery` as a list: the single form's fields, plus a name, a class mix and holidays. */
export const DeliveryGroupSchema = z.strictObject({
  name: groupName().describe('Name of the group (unique among the groups; names its row in the results, e.g. "web London"). Required. Unit: text up to 100 characters.'),
  ...DeliverySchema.shape,
  classShares: z.record(z.string(), probability()).optional().describe("This group's class mix: the share (0–1) of each class among its features, by class name; classes left out have share 0; the shares sum to 1. Unit: share 0–1 per class. Default: the classes' own shares. Source: assumption."),
  holidays: z.array(HolidaySchema).optional().describe("This group's public holidays (its regional calendar), instead of the scenario's holidays; [] for none. Unit: dates. Default: the scenario's holidays. Source: assumption."),
});

export const CabSchema = z.strictObject({
  days: z.array(weekday()).min(1).optional().describe(doc('teams.changeManagement.cab.days', 'Days of the week the CAB meets.', 'weekday names')),
  time: clock().optional().describe(doc('teams.changeManagement.cab.time', 'Time of day the meeting starts; quote it ("10:00"). Monthly meetings without their own time use it.', 'HH:MM local time')),
  meetings: z.array(z.string()).min(1).optional().describe('Several meetings a week at their own times, instead of days and time, such as [tue 10:00, thu 15:00]. Unit: "<day> HH:MM" local time. Default: none (days at time). Source: assumption.'),
  every: z.string().regex(/^\s*\d+\s*w\s*$/).optional().describe('The CAB meets only every N-th week (Monday to Sunday), counted from the week of "from", such as 2w for a fortnightly CAB; on "days" (or "meetings"), or on the weekday of "from" when neither is given. Unit: whole weeks, 1w to 52w. Default: none (every week). Source: assumption.'),
  from: date().optional().describe('With "every": the date of a meeting (any date in a meeting week), such as 2027-01-07. Unit: YYYY-MM-DD. Default: none (required with every). Source: assumption.'),
  monthly: z.array(z.string()).min(1).optional().describe('A monthly CAB by ordinal weekday, instead of days, such as [first thu, third thu]; each may give its own time ("last fri 15:00"), else "time". Unit: "<first|second|third|fourth|last> <day> [HH:MM]". Default: none (weekly). Source: assumption.'),
  duration: duration().optional().describe(doc('teams.changeManagement.cab.duration', 'Length of the meeting.', DURATION_UNIT)),
  cutoff: duration().optional().describe(doc('teams.changeManagement.cab.cutoff', 'Submissions close this long before the meeting starts (20h before Tuesday 10:00 is Monday 14:00); no longer than the shortest gap between two meetings.', DURATION_UNIT)),
  capacity: z.union([positiveInt(), z.literal('unlimited')]).optional().describe(doc('teams.changeManagement.cab.capacity', 'Changes decided per meeting at most; the rest wait for the next meeting.', 'changes per meeting, or "unlimited"')),
  attendees: positiveInt().max(MAX_COUNT['teams.changeManagement.cab.attendees']).optional().describe(doc('teams.changeManagement.cab.attendees', 'People in the meeting (at most 1,000).', 'people')),
  hourlyRate: nonNegative().optional().describe(doc('teams.changeManagement.cab.hourlyRate', "Cost of one attendee's hour.", 'currency per hour')),
});

const CALENDAR_DISTRIBUTION = `A duration (${DURATION_UNIT}) as a fixed value such as 1h, or a distribution of durations (the same forms as an effort, in calendar time).`;

export const EmergencyCabSchema = z.strictObject({
  raiseEffort: DistributionSchema.optional().describe(doc('teams.changeManagement.emergencyCab.raiseEffort', 'Delivery team writes the short emergency change request (instead of the change documentation).', EFFORT_UNIT)),
  approval: DistributionSchema.optional().describe(doc('teams.changeManagement.emergencyCab.approval', `Time from raising an emergency change to the on-call approver's approval, at any hour (no meeting, no cutoff). ${CALENDAR_DISTRIBUTION}`, DURATION_UNIT)),
  approvalEffort: effort().optional().describe(doc('teams.changeManagement.emergencyCab.approvalEffort', "The on-call approver's effort per emergency change, costed at change management's hourly rate (run cost item cab).", EFFORT_UNIT)),
  review: z.strictObject({
    delivery: DistributionSchema.optional().describe(doc('teams.changeManagement.emergencyCab.review.delivery', "The delivery team's effort in the post-implementation review (run cost item validation).", EFFORT_UNIT)),
    changeManagement: DistributionSchema.optional().describe(doc('teams.changeManagement.emergencyCab.review.changeManagement', "Change management's effort in the post-implementation review (run cost item assessment).", EFFORT_UNIT)),
  }).optional().describe('The post-implementation review after each emergency change is validated: first the delivery team, then change management, each on its own hours.'),
});

export const ChangeManagementSchema = z.strictObject({
  people: positiveInt().max(MAX_COUNT.people).optional().describe(doc('teams.changeManagement.people', 'People in the change management team (at most 1,000).', 'people')),
  hours: weeklyHours().optional().describe(doc('teams.changeManagement.hours', 'Weekly working hours.', 'weekly intervals')),
  hourlyRate: nonNegative().optional().describe(doc('teams.changeManagement.hourlyRate', 'Cost of one person-hour.', 'currency per hour')),
  setupEffort: effort().optional().describe(doc('teams.changeManagement.setupEffort', 'One-off effort to set up the change management process.', EFFORT_UNIT)),
  cab: CabSchema.optional().describe('The Change Advisory Board.'),
  emergencyCab: EmergencyCabSchema.optional().describe('The emergency CAB (an approver on call at any hour) and the review after each emergency change; used only when a class has an emergencyShare above 0.'),
});

export const OtherWorkSchema = z.strictObject({
  share: z.number().min(0).lt(1).optional().describe(doc('teams.applicationSupport.otherWork.share', 'Share (0 ≤ s < 1) of their office-hours capacity taken by other operational work.', 'share')),
  jobEffort: DistributionSchema.optional().describe(doc('teams.applicationSupport.otherWork.jobEffort', 'Effort of one job of other work (a distribution; its mean sets how many jobs arrive).', EFFORT_UNIT)),
  arrivals: z.enum(['workingHours', 'aroundTheClock']).optional().describe(doc('teams.applicationSupport.otherWork.arrivals', 'When jobs arrive (a Poisson process): in their working hours (holidays closed), or at any hour (jobs arriving out of hours wait for the next working minute).')),
});

export const ApplicationSupportSchema = z.strictObject({
  people: positiveInt().max(MAX_COUNT.people).optional().describe(doc('teams.applicationSupport.people', 'People in the application support team (at most 1,000).', 'people')),
  hours: weeklyHours().optional().describe(doc('teams.applicationSupport.hours', 'Weekly office hours (deployments without downtime).', 'weekly intervals')),
  hourlyRate: nonNegative().optional().describe(doc('teams.applicationSupport.hourlyRate', 'Cost of one person-hour in office hours.', 'currency per hour')),
  otherWork: OtherWorkSchema.optional().describe("Application support's other operational work, which queues first come, first served with the changes for the same people."),
  otherWorkShare: z.number().min(0).lt(1).optional().describe('The older name of otherWork.share (still read; give one or the other). Unit: share.'),
  outOfHoursWindows: weeklyHours().optional().describe(doc('teams.applicationSupport.outOfHoursWindows', 'Weekly windows for deployments that need downtime; may cross midnight.', 'weekly intervals')),
  outOfHoursPremium: z.number().min(1).optional().describe(doc('teams.applicationSupport.outOfHoursPremium', 'Multiplier on the hourly rate for out-of-hours work.', 'multiplier ≥ 1')),
  rollbackPremium: z.number().min(1).optional().describe(doc('teams.applicationSupport.rollbackPremium', 'Multiplier on the hourly rate for rollbacks.', 'multiplier ≥ 1')),
  setupEffort: effort().optional().describe(doc('teams.applicationSupport.setupEffort', 'One-off effort to set up the deployment process.', EFFORT_UNIT)),
  contract: z.strictObject({
    includedDeploymentsPerMonth: z.number().int().min(0).describe('Deployment attempts a calendar month at ratePerDeployment. Unit: deployments a month. Required. Source: the playbook (a lower rate for two or three deployments a month).'),
    ratePerDeployment: nonNegative().describe('Price of each included deployment attempt. Unit: currency per deployment. Required. Source: assumption.'),
    extraDeploymentRate: nonNegative().describe('Price of each deployment attempt beyond the included number in its month. Unit: currency per deployment. Required. Source: assumption (the playbook: a much higher rate for more frequent deployments).'),
    rollbackRate: nonNegative().describe('Price of each rollback. Unit: currency per rollback. Required. Source: assumption (the playbook: a higher rate for rollbacks).'),
  }).optional().describe('An outsourced application support contract: normal-path deployments and rollbacks are paid per deployment instead of by the hour (acceptance and other work stay hourly). Default: none (hourly). Source: the Equal Experts playbook.'),
  onFailure: z.enum(['redeploy', 'reraise']).optional().describe(doc('teams.applicationSupport.onFailure', 'After a failed deployment and its fix: deploy again, or raise a new change through CAB.')),
  rescheduling: z.strictObject({
    probability: z.number().min(0).lt(1).optional().describe(doc('teams.applicationSupport.rescheduling.probability', 'Probability (0 ≤ p < 1) that a deployment attempt by application support (office hours or an out-of-hours window) is bumped at short notice when it is about to begin: the person is let go and the deployment returns to the queue for the next slot (the next opening of their office hours after the current one closes) or the next out-of-hours window with room. Drawn on its own random stream, only when above 0.', 'probability 0 ≤ p < 1')),
  }).optional().describe('Short-notice rescheduling of application support\'s deployments (the playbook\'s drawbacks of Ops Run It). Default: none (never bumped). Source: Equal Experts playbook; the probability is an assumption.'),
});

export const ServiceIntroductionSchema = z.strictObject({
  people: positiveInt().max(MAX_COUNT.people).optional().describe(doc('teams.serviceIntroduction.people', 'People in the service introduction team (at most 1,000).', 'people')),
  hours: weeklyHours().optional().describe(doc('teams.serviceIntroduction.hours', 'Weekly working hours.', 'weekly intervals')),
  hourlyRate: nonNegative().optional().describe(doc('teams.serviceIntroduction.hourlyRate', 'Cost of one person-hour (the run-cost item serviceIntroduction).', 'currency per hour')),
  effort: DistributionSchema.optional().describe(doc('teams.serviceIntroduction.effort', "Effort to assess one launch's operational readiness.", EFFORT_UNIT)),
  setupEffort: effort().optional().describe(doc('teams.serviceIntroduction.setupEffort', 'One-off effort to set the team and its readiness checks up (the setup item serviceIntroduction).', EFFORT_UNIT)),
});

export const TeamsSchema = z.strictObject({
  delivery: z.union([
    DeliverySchema,
    z.array(DeliveryGroupSchema).min(1).describe('Groups of delivery teams, each alike within itself (e.g. 8 web teams in London and 4 data teams in Pune); results are broken down by group.'),
  ]).optional().describe('The delivery teams: one map (all alike), or a list of groups each with a name.'),
  changeManagement: ChangeManagementSchema.optional().describe('The change management team, which runs the CAB.'),
  applicationSupport: ApplicationSupportSchema.optional().describe('The application support team, which deploys normal changes.'),
  serviceIntroduction: ServiceIntroductionSchema.optional().describe("An optional service introduction team, which assesses a launch's operational readiness between CAB approval and handover (the changes a class's launchShare makes launches). Default: none (no launches). Source: Equal Experts playbook (Ops Run It: a service introduction team may augment change management and application support)."),
});

export const CostsSchema = z.strictObject({
  licencesPerMonth: nonNegative().optional().describe(doc('costs.licencesPerMonth', 'Change-reporting licences for the organisation.', 'currency per month')),
  licencePerChange: nonNegative().optional().describe(doc('costs.licencePerChange', 'Licence cost per change raised (normal and standard).', 'currency per change')),
  pipelineSetup: nonNegative().optional().describe(doc('costs.pipelineSetup', 'One-off pipeline and automation setup for the preApproved variant, beyond team effort.', 'currency')),
  setupAmortisationYears: z.number().positive().optional().describe(doc('costs.setupAmortisationYears', 'Years over which the one-off setup cost is spread in the annual cost figures and the shares of the total cost of ownership (straight line: setup ÷ years per year).', 'years')),
});

export const YouBuildItYouRunItSchema = z.strictObject({
  setup: z.strictObject({
    pipeline: effort().optional().describe(doc('youBuildItYouRunIt.setup.pipeline', 'One-off effort per delivery team to build a deployment pipeline to production for every class of change.', EFFORT_UNIT)),
    telemetry: effort().optional().describe(doc('youBuildItYouRunIt.setup.telemetry', 'One-off effort per delivery team for telemetry: logging, metrics, dashboards and alerts.', EFFORT_UNIT)),
    onCallReadiness: effort().optional().describe(doc('youBuildItYouRunIt.setup.onCallReadiness', 'One-off effort per delivery team to get ready for on-call: runbooks, training, the rota and its tooling.', EFFORT_UNIT)),
  }).optional().describe('One-off setup per delivery team in the youBuildItYouRunIt variant, at the team\'s hourly rate (capex).'),
  onCall: z.strictObject({
    standbyPayPerWeek: nonNegative().optional().describe(doc('youBuildItYouRunIt.onCall.standbyPayPerWeek', 'Standby pay of the one person on call in each delivery team, per team per week.', 'currency per team per week')),
    responseTime: duration().optional().describe(doc('youBuildItYouRunIt.onCall.responseTime', 'From a failure found out of the team\'s hours until the person on call starts the rollback.', DURATION_UNIT)),
    callOutEffort: effort().optional().describe(doc('youBuildItYouRunIt.onCall.callOutEffort', 'Effort paid per out-of-hours call-out (incident), at the team\'s hourly rate × callOutPremium.', EFFORT_UNIT)),
    callOutPremium: z.number().min(1).optional().describe(doc('youBuildItYouRunIt.onCall.callOutPremium', 'Multiplier on the team\'s hourly rate for call-out effort.', 'multiplier ≥ 1')),
  }).optional().describe('Each delivery team\'s own on-call rota in the youBuildItYouRunIt variant.'),
  downtimeSlot: z.array(z.string()).optional().describe(doc('youBuildItYouRunIt.downtimeSlot', 'The delivery team\'s own weekly slot for changes that need downtime (such as [tue 07:00-08:00]); an empty list: no change needs downtime.', 'weekly intervals')),
});

export const FreezeSchema = z.strictObject({
  from: z.union([date(), monthDay()]).describe('First day of the freeze (from 00:00): YYYY-MM-DD, or MM-DD with every: year.'),
  to: z.union([date(), monthDay()]).describe('The day the freeze ends (at 00:00, not included): YYYY-MM-DD, or MM-DD with every: year (a "to" not after "from" is in the next year, so 12-15 to 01-02 crosses the year end).'),
  name: z.string().optional().describe('Its name. Default: "freeze".'),
  every: z.literal('year').optional().describe('A freeze on the same days every year ("year"); each year that overlaps the simulated period gets one. Default: none (the one dated period). Source: assumption.'),
});

export const ScenarioFileSchema = z.strictObject({
  extends: z.string().optional().describe('A base scenario file this one starts from, relative to this file\'s folder, such as ../ops-run-it.yaml. Deep merge: maps merge key by key (this file wins), a list replaces the base\'s list, null removes a key (its default applies). A base may extend another (at most 16 files in a chain; no cycles). Default: none. Source: assumption.'),
  name: z.string().min(1).describe('Name of the scenario; names the output folder, so it is one safe folder name: letters, digits, spaces, ".", "-" and "_", starting with a letter or digit, not ending with "." or a space, at most 100 bytes. Required.'),
  description: z.string().optional().describe(doc('description', 'What the scenario describes.')),
  currency: z.string().optional().describe(doc('currency', 'Currency of every amount of money (ISO 4217 code).')),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/).optional().describe(doc('start', 'Local date (or date-time) the clock starts at.', 'YYYY-MM-DD or YYYY-MM-DDTHH:MM')),
  horizon: duration().optional().describe(doc('horizon', 'Simulated length of each replication; at most 520w (10 years), and every team must be open at least once within it.', DURATION_UNIT)),
  warmup: duration().optional().describe(doc('warmup', 'Features ready during the warm-up are simulated but not counted; shorter than the horizon.', DURATION_UNIT)),
  replications: positiveInt().max(MAX_COUNT.replications).optional().describe(doc('replications', 'Independent runs, for confidence intervals (at most 10,000).', 'runs')),
  seed: z.number().int().optional().describe(doc('seed', 'Seed of the random streams; same seed, same results.', 'integer')),
  variants: z.array(z.enum(['normal', 'preApproved', 'youBuildItYouRunIt'])).min(1).optional().describe(doc('variants', 'Variants to simulate side by side with common random numbers.', 'list of normal, preApproved, youBuildItYouRunIt')),
  holidays: z.array(HolidaySchema).optional().describe(doc('holidays', 'Public holidays: every team is closed the whole day.', 'dates')),
  freezes: z.array(FreezeSchema).optional().describe(doc('freezes', 'Change freezes: no production deployments from "from" 00:00 to "to" 00:00, except emergency changes.', 'date ranges')),
  noDeploy: z.array(z.string()).optional().describe('Weekly periods in which no deployment starts, on any path (office hours, out-of-hours windows, the pre-approved pipeline; emergency changes excepted), like a freeze every week, such as [fri 12:00-mon 00:00]. Unit: "<day> HH:MM-<day> HH:MM" local time (an end at or before the start is in the next week). Default: [] (none). Source: assumption (a common change policy).'),
  classes: z.record(z.string(), ClassSchema).optional().describe(`Change classes by name. Default: ${show(DEFAULT_CLASSES.value)}. Source: assumption.`),
  teams: TeamsSchema.optional().describe('The three teams of the process.'),
  costs: CostsSchema.optional().describe('Costs not tied to a team.'),
  youBuildItYouRunIt: YouBuildItYouRunItSchema.optional().describe('The youBuildItYouRunIt variant: every change deployed by its own delivery team through its pipeline, run by the team with its own on-call rota.'),
  uncertain: UncertainSchema.optional(),
  ...STUDY_SECTIONS,
});


/** The keys of an object schema, for unknown-key checks and suggestions. */
export function keysOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}
