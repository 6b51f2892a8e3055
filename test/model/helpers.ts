// Hand-built scenarios for model tests: every field explicit, fixed efforts unless a test says otherwise;
// and the scripted changes of the hand-computed tests.
import { TimeBase } from '../../src/engine/time.js';
import { EFFORT_STEPS, type ClassModel, type Feature } from '../../src/model/features.js';
import type { ChangeClass, DistributionSpec, Scenario } from '../../src/scenario/types.js';

export const H = 60;
export const D = 1440;
export const W = 10080;

export const fixed = (value: number): DistributionSpec => ({ kind: 'fixed', value });

export function smallClass(over: Partial<ChangeClass> = {}): ChangeClass {
  return {
    name: 'small',
    share: 1,
    failureRate: 0,
    rejectionRate: 0,
    downtimeShare: 0,
    efforts: {
      changeDocumentation: fixed(2 * H),
      assessment: fixed(1 * H),
      rework: fixed(2 * H),
      handover: fixed(2 * H),
      deployment: fixed(1 * H),
      rollback: fixed(1 * H),
      fix: fixed(4 * H),
      validation: fixed(1 * H),
      acceptance: fixed(30),
    },
    preApproved: { share: 1, deployment: fixed(20), rollback: fixed(15), failureRate: 0 },
    costOfDelay: { profile: 'standard', perWeek: 1000, deadline: 0, penalty: 0, risesAfter: 0, perWeekAfter: 0 },
    emergencyShare: 0,
    emergencyFailureRate: 0,
    ...over,
  };
}

/** The emergency CAB of the hand-built scenarios (used only by classes with an emergencyShare above 0). */
export const EMERGENCY_CAB = {
  raiseEffort: fixed(30),
  approval: fixed(1 * H),
  approvalEffort: 30,
  review: { delivery: fixed(2 * H), changeManagement: fixed(1 * H) },
};

export function baseScenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    description: '',
    currency: 'GBP',
    start: '2027-01-04T00:00',
    horizon: 52 * W,
    warmup: 0,
    replications: 2,
    seed: 1,
    variants: ['normal', 'preApproved'],
    holidays: [],
    freezes: [],
    classes: [smallClass()],
    teams: {
      delivery: {
        count: 2,
        people: 5,
        hours: ['mon-fri 09:00-17:30'],
        hourlyRate: 75,
        featuresPerWeek: 1,
        pipelineSetupEffort: 100 * H,
      },
      changeManagement: {
        people: 2,
        hours: ['mon-fri 09:00-17:30'],
        hourlyRate: 60,
        setupEffort: 100 * H,
        cab: { days: [1], time: 10 * H, duration: 2 * H, cutoff: 20 * H, capacity: 15, attendees: 8, hourlyRate: 80 },
        emergencyCab: EMERGENCY_CAB,
      },
      applicationSupport: {
        people: 3,
        hours: ['mon-fri 09:00-17:30'],
        hourlyRate: 55,
        otherWork: { share: 0, jobEffort: fixed(2 * H), arrivals: 'workingHours' },
        outOfHoursWindows: ['sat 22:00-04:00'],
        outOfHoursPremium: 1.5,
        rollbackPremium: 1.25,
        setupEffort: 100 * H,
        onFailure: 'redeploy',
      },
    },
    costs: { licencesPerMonth: 0, licencePerChange: 0, pipelineSetup: 0, setupAmortisationYears: 3 },
    ...over,
  };
}

/** A feature of the first class with its mean efforts and a scripted outcome (rejections at CAB, failed deployments). */
export function scriptedFeature(
  models: readonly ClassModel[], id: number, readyAt: number, downtime: boolean, script: { rejections: number; failures: number }, standard = true,
): Feature {
  const cls = models[0]!;
  const efforts = Object.fromEntries(EFFORT_STEPS.map((s) => [s, cls.efforts[s].mean])) as Feature['efforts'];
  return {
    id, team: 0, readyAt, cls, standard, downtime, efforts,
    pipelineDeployment: cls.pipelineDeployment.mean, pipelineRollback: cls.pipelineRollback.mean,
    uReject: 1, uFail: 1, uPipelineFail: 1, script,
  };
}

/**
 * The three changes of the hand-computed tests, on a clock from Monday 4 January 2027: A, office
 * hours, ready Monday 13:00; B, needs downtime, ready Tuesday 09:00, its first deployment fails;
 * C, ready Monday 11 January 09:00, rejected once at CAB.
 */
export function threeScriptedChanges(standard: boolean): (models: readonly ClassModel[]) => Feature[] {
  const tb = new TimeBase('2027-01-04');
  return (models) => [
    scriptedFeature(models, 1, tb.fromIso('2027-01-04T13:00'), false, { rejections: 0, failures: 0 }, standard),
    scriptedFeature(models, 2, tb.fromIso('2027-01-05T09:00'), true, { rejections: 0, failures: 1 }, standard),
    scriptedFeature(models, 3, tb.fromIso('2027-01-11T09:00'), false, { rejections: 1, failures: 0 }, standard),
  ];
}
