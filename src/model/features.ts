// Features and their random draws, generated up front for a replication: arrival times per team
// (Poisson), class, pre-approval eligibility, downtime, first-pass efforts and first-attempt
// outcomes. Drawing everything in readiness order from named streams makes the normal and
// pre-approved variants see the same features with the same efforts (common random numbers).
import { fromSpec, type Distribution } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import type { Calendar } from '../engine/calendar.js';
import { deliveryGroups, hasEmergencyChanges, type ChangeClass, type ClassEfforts, type Scenario } from '../scenario/types.js';

export const EFFORT_STEPS = [
  'changeDocumentation',
  'assessment',
  'rework',
  'handover',
  'deployment',
  'rollback',
  'fix',
  'validation',
  'acceptance',
] as const satisfies readonly (keyof ClassEfforts)[];
export type EffortStep = (typeof EFFORT_STEPS)[number];

/** A class with its distributions built once. */
export interface ClassModel {
  readonly spec: ChangeClass;
  readonly efforts: Readonly<Record<EffortStep, Distribution>>;
  readonly pipelineDeployment: Distribution;
  readonly pipelineRollback: Distribution;
}

/** A class's distribution for one step (a switch over named fields: see stage-times.ts). */
export function effortDistribution(cls: ClassModel, step: EffortStep): Distribution {
  const e = cls.efforts;
  switch (step) {
    case 'changeDocumentation': return e.changeDocumentation;
    case 'assessment': return e.assessment;
    case 'rework': return e.rework;
    case 'handover': return e.handover;
    case 'deployment': return e.deployment;
    case 'rollback': return e.rollback;
    case 'fix': return e.fix;
    case 'validation': return e.validation;
    case 'acceptance': return e.acceptance;
  }
}

/** A feature's first-pass effort for one step. */
export function firstEffort(f: Feature, step: EffortStep): number {
  const e = f.efforts;
  switch (step) {
    case 'changeDocumentation': return e.changeDocumentation;
    case 'assessment': return e.assessment;
    case 'rework': return e.rework;
    case 'handover': return e.handover;
    case 'deployment': return e.deployment;
    case 'rollback': return e.rollback;
    case 'fix': return e.fix;
    case 'validation': return e.validation;
    case 'acceptance': return e.acceptance;
  }
}

/** A feature's first-pass efforts, drawn from `rng` one step after the other in EFFORT_STEPS order. */
function drawEfforts(cls: ClassModel, rng: Rng): Record<EffortStep, number> {
  const e = cls.efforts;
  const changeDocumentation = e.changeDocumentation.sample(rng);
  const assessment = e.assessment.sample(rng);
  const rework = e.rework.sample(rng);
  const handover = e.handover.sample(rng);
  const deployment = e.deployment.sample(rng);
  const rollback = e.rollback.sample(rng);
  const fix = e.fix.sample(rng);
  const validation = e.validation.sample(rng);
  const acceptance = e.acceptance.sample(rng);
  return { changeDocumentation, assessment, rework, handover, deployment, rollback, fix, validation, acceptance };
}

export function buildClassModels(scenario: Scenario): ClassModel[] {
  return scenario.classes.map((spec) => {
    const efforts = {} as Record<EffortStep, Distribution>;
    for (const step of EFFORT_STEPS) efforts[step] = fromSpec(spec.efforts[step]);
    return {
      spec,
      efforts,
      pipelineDeployment: fromSpec(spec.preApproved.deployment),
      pipelineRollback: fromSpec(spec.preApproved.rollback),
    };
  });
}

export interface Feature {
  /** 1-based, in order of readiness. */
  readonly id: number;
  /** 0-based delivery team. */
  readonly team: number;
  readonly readyAt: number;
  readonly cls: ClassModel;
  /** A standard change in the pre-approved variant. */
  readonly standard: boolean;
  readonly downtime: boolean;
  readonly efforts: Readonly<Record<EffortStep, number>>;
  readonly pipelineDeployment: number;
  readonly pipelineRollback: number;
  /** Uniform draws deciding the first CAB decision and the first deployment. */
  readonly uReject: number;
  readonly uFail: number;
  readonly uPipelineFail: number;
  /**
   * A launch (a service's first live launch), assessed by the service introduction team, and the
   * effort of that assessment. Drawn on each team's own `launches` stream, only with the team;
   * absent (hand-built features): not a launch.
   */
  readonly launch?: boolean;
  readonly launchEffort?: number;
  /** An urgent fix (the class's emergencyShare): its emergency path's own draws; absent for every other feature. */
  readonly emergency?: EmergencyDraws;
  /** Scripted outcomes (hand-computed tests): the first `rejections` CAB decisions reject, the first `failures` deployments fail. */
  readonly script?: { readonly rejections: number; readonly failures: number };
}

/** What an emergency feature draws for its own path (efforts in working minutes, approval in calendar minutes). */
export interface EmergencyDraws {
  readonly raise: number;
  readonly approval: number;
  /** Uniform deciding the first emergency deployment (fails if below the class's emergencyFailureRate). */
  readonly uFail: number;
  readonly reviewDelivery: number;
  readonly reviewChangeManagement: number;
}

/**
 * The emergency draws of one feature from its team's `emergency` stream: a fixed sequence per
 * feature (a uniform deciding whether it is an emergency, then the raise effort, the approval
 * time, the failure uniform and the two review efforts), drawn for every feature so that one
 * feature's class never shifts another's draws; the draws are kept only for an emergency.
 */
function drawEmergency(rng: Rng, dists: EmergencyDistributions, cls: ChangeClass): EmergencyDraws | undefined {
  const u = rng.next();
  const draws: EmergencyDraws = {
    raise: dists.raise.sample(rng),
    approval: dists.approval.sample(rng),
    uFail: rng.next(),
    reviewDelivery: dists.reviewDelivery.sample(rng),
    reviewChangeManagement: dists.reviewChangeManagement.sample(rng),
  };
  return u < cls.emergencyShare ? draws : undefined;
}

interface EmergencyDistributions {
  readonly raise: Distribution;
  readonly approval: Distribution;
  readonly reviewDelivery: Distribution;
  readonly reviewChangeManagement: Distribution;
}

function emergencyDistributions(scenario: Scenario): EmergencyDistributions | undefined {
  if (!hasEmergencyChanges(scenario)) return undefined;
  const e = scenario.teams.changeManagement.emergencyCab;
  return {
    raise: fromSpec(e.raiseEffort),
    approval: fromSpec(e.approval),
    reviewDelivery: fromSpec(e.review.delivery),
    reviewChangeManagement: fromSpec(e.review.changeManagement),
  };
}

function exponentialGap(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

function pickClass(models: readonly ClassModel[], shares: readonly number[], u: number): ClassModel {
  let acc = 0;
  for (let k = 0; k < models.length; k++) {
    acc += shares[k]!;
    if (u < acc) return models[k]!;
  }
  return models[models.length - 1]!;
}

/**
 * All features that become ready in [0, horizon), in readiness order. Features become ready while
 * their team works: a Poisson process in the team's working time (its group's holidays closed),
 * at its group's `featuresPerWeek` per week of the group's regular hours, with the group's class
 * mix. `calendars` holds one calendar per group (or one for all).
 *
 * Each team draws from its own three streams — arrivals, attributes (a fixed six uniforms per
 * feature: class, standard change, downtime, first CAB decision, first deployment, first pipeline
 * deployment) and efforts — so adding a team, or changing one team's demand, leaves every other
 * team's features exactly as they were, and changing an effort distribution never moves a class
 * or an outcome. With emergency changes (a class's emergencyShare above 0), a fourth stream per team,
 * `emergency`, decides which features are urgent fixes and draws their emergency path's own
 * numbers; without them it is never created, so the other draws are exactly as before.
 */
export function generateFeatures(
  scenario: Scenario,
  models: readonly ClassModel[],
  streams: RandomStreams,
  calendars: Calendar | readonly Calendar[],
): Feature[] {
  const groups = deliveryGroups(scenario);
  const listed = scenario.teams.delivery.listed === true;
  const drafts: { -readonly [K in keyof Feature]: Feature[K] }[] = [];
  const intro = scenario.teams.serviceIntroduction;
  const launchEffort = intro === undefined ? undefined : fromSpec(intro.effort);
  const emergencyDists = emergencyDistributions(scenario);
  groups.forEach((group, k) => {
    const teamCalendar = Array.isArray(calendars) ? (calendars as readonly Calendar[])[k]! : (calendars as Calendar);
    const { count, featuresPerWeek, classShares } = group;
    if (!(featuresPerWeek > 0)) return;
    const meanGap = teamCalendar.weeklyOpenMinutes / featuresPerWeek;
    for (let i = 0; i < count; i++) {
      const team = group.firstTeam + i;
      // The single form keeps its stream names (team-N); a group's teams draw from streams named
      // by the group, so resizing one group leaves every other group's features as they were.
      const prefix = listed ? `group/${group.name}/team-${i + 1}` : `team-${team + 1}`;
      const arrivals = streams.stream(`${prefix}/arrivals`);
      const attributes = streams.stream(`${prefix}/attributes`);
      const effortRng = streams.stream(`${prefix}/efforts`);
      // Launches: a stream of their own, made only with a service introduction team (one uniform
      // per feature, and the assessment's effort for a launch), so nothing else moves.
      const launchRng = launchEffort === undefined ? undefined : streams.stream(`${prefix}/launches`);
      const emergencyRng = emergencyDists === undefined ? undefined : streams.stream(`${prefix}/emergency`);
      for (let w = exponentialGap(arrivals, meanGap); ; w += exponentialGap(arrivals, meanGap)) {
        const t = teamCalendar.addWorkingTime(0, w);
        if (!(t < scenario.horizon)) break;
        const cls = pickClass(models, classShares, attributes.next());
        const standard = attributes.next() < cls.spec.preApproved.share;
        const downtime = attributes.next() < cls.spec.downtimeShare;
        const uReject = attributes.next();
        const uFail = attributes.next();
        const uPipelineFail = attributes.next();
        const efforts = drawEfforts(cls, effortRng);
        const launch = launchRng !== undefined && launchRng.next() < (cls.spec.launchShare ?? 0);
        const emergency = emergencyRng === undefined ? undefined : drawEmergency(emergencyRng, emergencyDists!, cls.spec);
        drafts.push({
          id: 0,
          team,
          readyAt: t,
          cls,
          standard,
          downtime,
          efforts,
          pipelineDeployment: cls.pipelineDeployment.sample(effortRng),
          pipelineRollback: cls.pipelineRollback.sample(effortRng),
          uReject,
          uFail,
          uPipelineFail,
          launch,
          launchEffort: launch ? launchEffort!.sample(launchRng!) : 0,
          ...(emergency === undefined ? {} : { emergency }),
        });
      }
    }
  });
  drafts.sort((a, b) => a.readyAt - b.readyAt || a.team - b.team);
  drafts.forEach((d, i) => (d.id = i + 1));
  return drafts;
}
