// The state one replication of one variant shares between its change processes: the
// simulation, the organisation, rates, random streams for repeated steps, and the tallies
// (work in progress, deployments, CAB decisions, the event log) that become its records.
import { RandomStreams, type Rng } from '../engine/random.js';
import type { Resource } from '../engine/resource.js';
import type { Simulation } from '../engine/simulation.js';
import { deliveryGroups, type Scenario, type Variant } from '../scenario/types.js';
import { effortDistribution, type EffortStep, type Feature } from './features.js';
import type { Organisation } from './organisation.js';
import { STAGES, type ChangeRecord, type EventRecord, type RestoreRecord } from './records.js';

/**
 * What the context reads and writes of a change in flight (ChangeInFlight, change.ts): its record,
 * and when a deployment bumped at short notice was to begin. Tallies keep changes by this.
 */
export interface ChangeRef {
  readonly rec: ChangeRecord;
  bumpedFrom: number;
  /** Its run cost by who is paid for it (index as PAID_BY in records.ts): the cash cost's split. */
  readonly paid: number[];
}

export interface Rates {
  /** Money per minute of work. */
  readonly delivery: number;
  /** Money per minute of each delivery team's work (its group's rate), index as the team. */
  readonly deliveryByTeam: Float64Array;
  readonly changeManagement: number;
  readonly applicationSupport: number;
  readonly serviceIntroduction: number;
}

export interface CabTally {
  approved: number;
  rejected: number;
  changes: ChangeRef[];
}

export class ReplicationContext {
  readonly rates: Rates;
  /** Changes in each stage now (index as STAGES). */
  readonly wip = new Int32Array(STAGES.length);
  live = 0;
  remaining: number;
  readonly liveTimes: number[] = [];
  readonly cab = new Map<number, CabTally>();
  /** Failed deployment attempts and their restore times (one entry per failure, so few). */
  readonly restores: RestoreRecord[] = [];
  /** Application support's deployment attempts in start order (costed by contract-cost.ts). */
  /** Only kept when application support works under a contract (null otherwise: nothing to cost). */
  readonly deploymentAttempts: { ch: ChangeRef; at: number }[] | null;
  /** Out-of-hours call-outs of the youBuildItYouRunIt teams' on-call rota: the change's warm-up flag and the call-out's cost. */
  readonly callOuts: { warmup: boolean; cost: number }[] = [];
  readonly events: EventRecord[] | null;
  readonly #streams: RandomStreams;
  readonly #repeatStreams = new Map<string, Rng>();
  readonly #repeatEffortStreams = new Map<EffortStep, Rng>();
  /** Short-notice rescheduling: the bump probability, and its own stream (made only when above 0). */
  readonly #bumpProbability: number;
  #bumpStream: Rng | undefined;

  constructor(
    readonly sim: Simulation,
    readonly scenario: Scenario,
    readonly org: Organisation,
    readonly variant: Variant,
    readonly replication: number,
    streams: RandomStreams,
    featureCount: number,
    logEvents: boolean,
  ) {
    const { delivery, changeManagement, applicationSupport } = scenario.teams;
    this.rates = {
      delivery: delivery.hourlyRate / 60,
      deliveryByTeam: Float64Array.from(deliveryGroups(scenario).flatMap((g) => new Array<number>(g.count).fill(g.hourlyRate / 60))),
      changeManagement: changeManagement.hourlyRate / 60,
      applicationSupport: applicationSupport.hourlyRate / 60,
      serviceIntroduction: (scenario.teams.serviceIntroduction?.hourlyRate ?? 0) / 60,
    };
    this.#streams = streams;
    this.remaining = featureCount;
    this.events = logEvents ? [] : null;
    this.deploymentAttempts = scenario.teams.applicationSupport.contract === undefined ? null : [];
    this.#bumpProbability = scenario.teams.applicationSupport.rescheduling?.probability ?? 0;
  }

  /**
   * Whether application support's deployment of `ch`, about to begin at `start` on `res`, is bumped at short
   * notice: one draw on the `rescheduling` stream per attempt, none when rescheduling is off. A
   * bump is counted, and its start kept until the deployment does begin (deploymentStarted).
   */
  bumped(ch: ChangeRef, start: number, res: Resource): boolean {
    if (!(this.#bumpProbability > 0)) return false;
    this.#bumpStream ??= this.#streams.stream('rescheduling');
    if (!(this.#bumpStream.next() < this.#bumpProbability)) return false;
    ch.rec.bumps = (ch.rec.bumps ?? 0) + 1;
    if (Number.isNaN(ch.bumpedFrom)) ch.bumpedFrom = start;
    this.logEvent(ch, 'Deployment bumped at short notice', start, start, res.name);
    return true;
  }

  #repeatStream(name: string): Rng {
    let s = this.#repeatStreams.get(name);
    if (s === undefined) {
      s = this.#streams.stream(`repeat/${name}`);
      this.#repeatStreams.set(name, s);
    }
    return s;
  }

  /** A fresh effort for a repeated step (rework, second deployment, …). */
  repeatEffort(feature: Feature, step: EffortStep): number {
    // Looked up by the step itself: no stream name is built per draw.
    let s = this.#repeatEffortStreams.get(step);
    if (s === undefined) {
      s = this.#repeatStream(`effort/${step}`);
      this.#repeatEffortStreams.set(step, s);
    }
    return effortDistribution(feature.cls, step).sample(s);
  }

  repeatPipeline(feature: Feature, step: 'deployment' | 'rollback'): number {
    const dist = step === 'deployment' ? feature.cls.pipelineDeployment : feature.cls.pipelineRollback;
    return dist.sample(this.#repeatStream(step === 'deployment' ? 'effort/pipeline-deployment' : 'effort/pipeline-rollback'));
  }

  repeatUniform(name: string): number {
    return this.#repeatStream(name).next();
  }

  cabDecision(meetingIndex: number, ch: ChangeRef, rejected: boolean): void {
    let tally = this.cab.get(meetingIndex);
    if (tally === undefined) {
      tally = { approved: 0, rejected: 0, changes: [] };
      this.cab.set(meetingIndex, tally);
    }
    if (rejected) tally.rejected++;
    else tally.approved++;
    tally.changes.push(ch);
  }

  /** A failed deployment found now, whose rollback takes `delay` minutes of calendar time from now. */
  restoring(ch: ChangeRef, delay: number): void {
    const now = this.sim.now;
    this.restores.push({ id: ch.rec.id, path: ch.rec.path, warmup: ch.rec.warmup, failedAt: now, restoredAt: now + delay });
  }

  /** Application support starts a deployment attempt of `ch` at `at`. */
  deploymentStarted(ch: ChangeRef, at: number): void {
    this.deploymentAttempts?.push({ ch, at });
    if (!Number.isNaN(ch.bumpedFrom)) {
      ch.rec.bumpDelay = (ch.rec.bumpDelay ?? 0) + (at - ch.bumpedFrom);
      ch.bumpedFrom = NaN;
    }
  }

  changeLive(_ch: ChangeRef): void {
    this.live++;
    this.liveTimes.push(this.sim.now);
  }

  changeFinished(_ch: ChangeRef): void {
    this.remaining--;
    if (this.remaining === 0) this.sim.stop();
  }

  logEvent(ch: ChangeRef, activity: string, start: number, end: number, resource: string): void {
    if (this.events === null) return;
    this.events.push({
      replication: this.replication,
      variant: this.variant,
      caseId: `r${this.replication}-${this.variant}-${ch.rec.id}`,
      activity,
      start,
      end,
      resource,
    });
  }
}
