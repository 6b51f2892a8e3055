// The release path: "fewer, larger deployments". A team whose release policy is not perFeature
// holds its ready normal-path features in a release train; when the release forms (every N
// features, or every period), the features travel as ONE change down the normal path — one
// change document, one assessment, one CAB decision, one handover, one deployment, one
// validation — and all go live together. What the release did is then given to each feature.
import type { Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { ProcessBody } from '../engine/simulation.js';
import { deliveryGroups, type ReleasePolicy } from '../scenario/types.js';
import { ChangeInFlight } from './change.js';
import { normalPath } from './normal-path.js';
import type { ReplicationContext } from './context.js';
import { EFFORT_STEPS, type ClassModel, type EffortStep, type Feature } from './features.js';
import { RUN_COST_ITEMS, STAGES, type ChangeRecord } from './records.js';
import { newChangeRecord } from './stage-times.js';

/** A formed release: its own change in flight, its features (members) and when it formed. */
export interface Release {
  readonly ch: ChangeInFlight;
  readonly members: readonly ChangeInFlight[];
  readonly formedAt: number;
}

/** The sum of the members' distributions for one step: a repeated step redoes the whole release. */
function summed(parts: readonly Distribution[]): Distribution {
  const mean = parts.reduce((a, d) => a + d.mean, 0);
  const variance = parts.reduce((a, d) => a + d.variance, 0);
  return {
    mean,
    variance,
    sample: (rng: Rng) => parts.reduce((a, d) => a + d.sample(rng), 0),
    describe: () => `sum of ${parts.length} efforts (mean ${mean})`,
  };
}

/**
 * The release as one change: each effort is the sum of its features' efforts (first-pass draws
 * summed; a repeat draws each feature's again), it fails with 1 − Π(1 − pᵢ) and is rejected with
 * 1 − Π(1 − rᵢ), it needs downtime if any feature does, and its first CAB decision and first
 * deployment use its first feature's uniform draws (common random numbers).
 */
export function releaseFeature(members: readonly Feature[], at: number): Feature {
  const first = members[0]!;
  const none = (rate: (f: Feature) => number): number => members.reduce((a, f) => a * (1 - rate(f)), 1);
  const efforts = {} as Record<EffortStep, number>;
  const dists = {} as Record<EffortStep, Distribution>;
  for (const step of EFFORT_STEPS) {
    efforts[step] = members.reduce((a, f) => a + f.efforts[step], 0);
    dists[step] = summed(members.map((f) => f.cls.efforts[step]));
  }
  const cls: ClassModel = {
    spec: {
      ...first.cls.spec,
      name: 'release',
      failureRate: 1 - none((f) => f.cls.spec.failureRate),
      rejectionRate: 1 - none((f) => f.cls.spec.rejectionRate),
    },
    efforts: dists,
    pipelineDeployment: first.cls.pipelineDeployment,
    pipelineRollback: first.cls.pipelineRollback,
  };
  return {
    ...first,
    readyAt: at,
    cls,
    standard: false,
    downtime: members.some((f) => f.downtime),
    efforts,
    // A release holding a launch is a launch: the team assesses every launch in it (efforts summed).
    launch: members.some((f) => f.launch === true),
    launchEffort: members.reduce((a, f) => a + (f.launch === true ? (f.launchEffort ?? 0) : 0), 0),
  };
}

function releaseRecord(ctx: ReplicationContext, feature: Feature, team: number): ChangeRecord {
  return newChangeRecord({
    replication: ctx.replication, variant: ctx.variant, id: feature.id, team: team + 1,
    changeClass: 'release', path: 'normal', warmup: false, readyAt: feature.readyAt,
  });
}

/** The release's own steps: its features waited for it to form; now it goes down the normal path as one change. */
export function* releasePath(release: Release): ProcessBody {
  yield* normalPath(release.ch);
}

/** One team's release train: holds ready features until its policy forms a release. */
export class ReleaseTrain {
  readonly #pending: ChangeInFlight[] = [];
  constructor(
    readonly ctx: ReplicationContext,
    readonly team: number,
    readonly policy: Exclude<ReleasePolicy, { kind: 'perFeature' }>,
    /** Every train's releases of the replication, in the order they formed. */
    readonly releases: Release[],
  ) {}

  /** A feature is ready: it joins the train (a batch that fills forms at once). */
  add(ch: ChangeInFlight): void {
    this.#pending.push(ch);
    if (this.policy.kind === 'batch' && this.#pending.length >= this.policy.size) this.form();
  }

  /** Forms a release of the waiting features (none waiting: nothing happens) and starts it. */
  form(): void {
    if (this.#pending.length === 0) return;
    const members = this.#pending.splice(0);
    const { ctx } = this;
    const now = ctx.sim.now;
    const feature = releaseFeature(members.map((m) => m.feature), now);
    const ch = new ChangeInFlight(ctx, feature, releaseRecord(ctx, feature, this.team));
    const release: Release = { ch, members, formedAt: now };
    this.releases.push(release);
    // n features now finish as one change.
    ctx.remaining -= members.length - 1;
    ctx.sim.process(releasePath(release), `release-${feature.id}`);
  }
}

/** A replication's release trains (index as the team; undefined for perFeature teams) and the releases they form. */
export interface ReleaseTrains {
  readonly byTeam: readonly (ReleaseTrain | undefined)[];
  readonly releases: readonly Release[];
}

/**
 * A release train per team whose group bundles features (undefined for perFeature teams). A
 * periodic train forms a release at every period from the start; every train forms one last
 * release at the horizon with what is waiting, so no feature waits for a batch that cannot fill.
 * Nothing is scheduled when every team releases per feature (the run is then exactly as before).
 */
export function releaseTrains(ctx: ReplicationContext): ReleaseTrains {
  const releases: Release[] = [];
  const trains: (ReleaseTrain | undefined)[] = [];
  for (const g of deliveryGroups(ctx.scenario)) {
    for (let i = 0; i < g.count; i++) trains.push(g.release.kind === 'perFeature' ? undefined : new ReleaseTrain(ctx, g.firstTeam + i, g.release, releases));
  }
  const active = trains.filter((t): t is ReleaseTrain => t !== undefined);
  if (active.length === 0) return { byTeam: trains, releases };
  const { sim, scenario } = ctx;
  for (const t of active) {
    if (t.policy.kind !== 'every') continue;
    const period = t.policy.period;
    const tick = (k: number): void => {
      t.form();
      if ((k + 1) * period < scenario.horizon) sim.at((k + 1) * period, () => tick(k + 1));
    };
    if (period < scenario.horizon) sim.at(period, () => tick(1));
  }
  sim.at(scenario.horizon, () => active.forEach((t) => t.form()));
  return { byTeam: trains, releases };
}

/**
 * Gives each feature what its release did: its timestamps, CAB decisions, failures and out-of-hours
 * flag; its waits (the release's, plus the wait for the release to form, counted in `request`);
 * an equal share of the release's active time. Run before the cost of delay is computed.
 */
export function settleReleaseTimes(releases: readonly Release[]): void {
  for (const { ch, members, formedAt } of releases) {
    if (Number.isNaN(ch.rec.validatedAt) && ch.stage !== null) ch.settle();
    const r = ch.rec;
    for (const m of members) {
      const rec = m.rec;
      rec.raisedAt = r.raisedAt;
      rec.approvedAt = r.approvedAt;
      rec.scheduledAt = r.scheduledAt;
      rec.deployStartAt = r.deployStartAt;
      rec.liveAt = r.liveAt;
      rec.validatedAt = r.validatedAt;
      rec.rejections = r.rejections;
      rec.failedDeployments = r.failedDeployments;
      rec.overtimeDeployments = r.overtimeDeployments;
      rec.cabMeetings = r.cabMeetings;
      rec.bumps = r.bumps ?? 0;
      rec.bumpDelay = r.bumpDelay ?? 0;
      rec.outOfHours = r.outOfHours;
      for (const s of STAGES) {
        rec.wait[s] = r.wait[s] + (s === 'request' ? formedAt - rec.readyAt : 0);
        rec.active[s] = r.active[s] / members.length;
      }
    }
  }
}

/** Shares each release's run cost (CAB share included) equally among its features. Run after the CAB costs are allocated. */
export function settleReleaseCosts(releases: readonly Release[]): void {
  for (const { ch, members } of releases) {
    for (const m of members) {
      for (const item of RUN_COST_ITEMS) m.rec.runCost[item] = ch.rec.runCost[item] / members.length;
      for (let k = 0; k < m.paid.length; k++) m.paid[k] = ch.paid[k]! / members.length;
    }
  }
}
