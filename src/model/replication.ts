// Runs one replication of one variant: builds the organisation, releases the features at their
// ready times down the normal, pre-approved, emergency or You Build It You Run It path (or into a
// release train), adds application support's other work, runs the clock, and turns what happened
// into flat records (replication-records.ts).
import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/simulation.js';
import { MINUTES_PER_DAY, MINUTES_PER_WEEK } from '../engine/time.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { ChangeInFlight } from './change.js';
import { ReplicationContext } from './context.js';
import { emergencyPath } from './emergency-path.js';
import { buildClassModels, generateFeatures, type ClassModel, type Feature } from './features.js';
import { normalPath } from './normal-path.js';
import { buildOrganisation } from './organisation.js';
import { startOtherWork } from './other-work.js';
import { preApprovedPath } from './pre-approved-path.js';
import { STAGES, type ChangeRecord, type Path, type ReplicationOutput, type WipSample } from './records.js';
import { releaseTrains } from './release-path.js';
import { collect, measureUtilisation } from './replication-records.js';
import { newChangeRecord } from './stage-times.js';
import { youBuildItYouRunItPath } from './you-build-it-path.js';

/** After the horizon, the run goes on this long at most to let counted changes finish. */
export function drainLimit(scenario: Scenario): number {
  return Math.min(scenario.horizon, 26 * MINUTES_PER_WEEK);
}

export interface ReplicationOptions {
  /** Keep the event log (process-mining rows) of this replication. */
  readonly logEvents?: boolean;
  /** Sample work in progress daily (for the cumulative flow diagram). */
  readonly sampleWip?: boolean;
  /** Class models built once per scenario (built here when absent). */
  readonly classModels?: readonly ClassModel[];
  /** Replaces the random features (hand-computed tests). */
  readonly features?: (models: readonly ClassModel[]) => Feature[];
  /** Line-by-line trace of the engine (tests). */
  readonly trace?: (time: number, message: string) => void;
}

/** The variants in which an urgent fix takes the emergency path (in youBuildItYouRunIt the team deploys it through its own pipeline like any change). */
const EMERGENCY_PATH_VARIANTS: ReadonlySet<Variant> = new Set<Variant>(['normal', 'preApproved']);

/**
 * The path a feature takes in a variant: in youBuildItYouRunIt every change takes the team's own
 * pipeline; elsewhere an urgent fix takes the emergency path; in preApproved a standard change
 * (never a launch) the pipeline; every other change the normal path (CAB and application support).
 */
function pathOf(variant: Variant, f: Feature): Path {
  if (variant === 'youBuildItYouRunIt') return 'youBuildItYouRunIt';
  if (f.emergency !== undefined && EMERGENCY_PATH_VARIANTS.has(variant)) return 'emergency';
  // A launch is never a standard change: in the preApproved variant it takes the normal path.
  if (variant === 'preApproved' && f.standard && f.launch !== true) return 'preApproved';
  return 'normal';
}

/** Each path's process. */
const PATH_PROCESS: Readonly<Record<Path, (ch: ChangeInFlight) => ReturnType<typeof normalPath>>> = {
  normal: normalPath,
  preApproved: preApprovedPath,
  emergency: emergencyPath,
  youBuildItYouRunIt: youBuildItYouRunItPath,
};
export function runReplication(
  scenario: Scenario,
  variant: Variant,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationOutput {
  const sim = new Simulation(options.trace ? { trace: options.trace } : {});
  const streams = new RandomStreams(scenario.seed, replication);
  const org = buildOrganisation(sim, scenario);
  const models = options.classModels ?? buildClassModels(scenario);
  const features = options.features ? options.features(models) : generateFeatures(scenario, models, streams, org.groupCalendars);
  const ctx = new ReplicationContext(sim, scenario, org, variant, replication, streams, features.length, options.logEvents ?? false);
  const { horizon, warmup } = scenario;
  const end = horizon + drainLimit(scenario);

  const inFlight: ChangeInFlight[] = [];
  const changes: ChangeRecord[] = features.map((f) => {
    const path = pathOf(variant, f);
    const rec = newChangeRecord({
      replication, variant, id: f.id, team: f.team + 1, changeClass: f.cls.spec.name, path, warmup: f.readyAt < warmup, readyAt: f.readyAt,
    });
    rec.launch = f.launch === true;
    inFlight.push(new ChangeInFlight(ctx, f, rec));
    return rec;
  });
  // Features enter one after the other (they are in readiness order): one event at a time on
  // the list rather than one closure per feature up front.
  // Teams with a release policy other than perFeature hold their normal-path features in a release train.
  const trains = releaseTrains(ctx);
  let next = 0;
  const release = (): void => {
    const ch = inFlight[next++]!;
    const train = ch.rec.path === 'normal' ? trains.byTeam[ch.feature.team] : undefined;
    if (train !== undefined) train.add(ch);
    else sim.process(PATH_PROCESS[ch.rec.path](ch), `change-${ch.rec.id}`);
    if (next < inFlight.length) sim.at(inFlight[next]!.feature.readyAt, release);
  };
  if (inFlight.length > 0) sim.at(inFlight[0]!.feature.readyAt, release);

  // Application support's other operational work.
  if (scenario.teams.applicationSupport.otherWork.share > 0) startOtherWork(ctx, streams.stream('other-work'));

  // No CAB meets in You Build It You Run It: no change goes to one.
  if (variant !== 'youBuildItYouRunIt') org.cab.start();
  const resources = [...org.delivery, org.changeManagement, org.applicationSupport, org.outOfHours];
  if (org.serviceIntroduction !== null) resources.push(org.serviceIntroduction);
  if (warmup > 0) sim.at(warmup, () => resources.forEach((r) => r.resetStats()));
  const utilisation = { delivery: NaN, changeManagement: NaN, applicationSupport: NaN, outOfHours: NaN, serviceIntroduction: NaN };
  sim.at(horizon, () => measureUtilisation(org, utilisation));

  const wip: WipSample[] = [];
  if (options.sampleWip) {
    const sample = (day: number): void => {
      STAGES.forEach((stage, i) => wip.push({ replication, variant, day, stage, count: ctx.wip[i]! }));
      wip.push({ replication, variant, day, stage: 'live', count: ctx.live });
      if ((day + 1) * MINUTES_PER_DAY <= horizon) sim.at((day + 1) * MINUTES_PER_DAY, () => sample(day + 1));
    };
    sim.at(0, () => sample(0));
  }

  if (features.length === 0) sim.run({ until: horizon });
  else sim.run({ until: end });
  return collect({ scenario, variant, replication, sim, org, ctx, inFlight, changes, utilisation, wip, releases: trains.releases, drain: drainLimit(scenario) });
}

