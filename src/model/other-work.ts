// Application support's other operational work (teams.applicationSupport.otherWork): jobs that
// arrive at random and queue with the changes for the same people, so that deployments wait behind
// the rest of the team's work as they do in life.
import { fromSpec } from '../engine/distributions.js';
import { NumberQueue } from '../engine/number-queue.js';
import type { Rng } from '../engine/random.js';
import type { Waiter } from '../engine/wait-queue.js';
import type { ReplicationContext } from './context.js';

/**
 * Application support's other operational work: Poisson arrivals of jobs (effort from the
 * scenario's jobEffort) queueing FIFO with the changes for the same people. The offered load is
 * the set share of their capacity in their working hours: `share × people / mean effort` jobs per
 * working minute, arriving in their working time (`workingHours`: the gaps are exponential in
 * working minutes, so no job arrives out of hours or on a holiday), or the same number spread
 * over every minute (`aroundTheClock`: jobs arriving out of hours wait for the next working minute).
 * Callbacks, not processes: thousands of these jobs run in a replication, and they need no state
 * of their own.
 */
export function startOtherWork(ctx: ReplicationContext, rng: Rng): void {
  const sim = ctx.sim;
  const as = ctx.org.applicationSupport;
  const calendar = ctx.org.applicationSupportCalendar;
  const { share, jobEffort, arrivals } = ctx.scenario.teams.applicationSupport.otherWork;
  const job = fromSpec(jobEffort);
  const perWorkingMinute = (share * ctx.scenario.teams.applicationSupport.people) / job.mean;
  const release = (): void => as.release();
  // The job's effort is drawn when it arrives, before the next gap: the stream then gives the same
  // jobs at the same times in both variants (common random numbers), whatever the queue. The jobs
  // waiting for a person are one waiter with their efforts in arrival order (they are granted in
  // that order), not an object per job.
  const efforts = new NumberQueue();
  const jobs: Waiter = {
    name: 'other work',
    resume: () => sim.schedule(as.workTime(efforts.shift()), release),
  };
  const start = (): void => {
    efforts.push(job.sample(rng));
    as.acquireFor(jobs);
  };
  if (arrivals === 'workingHours') {
    const arrive = (): void => {
      start();
      sim.at(calendar.addWorkingTime(sim.now, -Math.log(1 - rng.next()) / perWorkingMinute), arrive);
    };
    sim.at(calendar.addWorkingTime(0, -Math.log(1 - rng.next()) / perWorkingMinute), arrive);
  } else {
    const perMinute = (perWorkingMinute * calendar.workingTimeBetween(0, ctx.scenario.horizon)) / ctx.scenario.horizon;
    // Never open within the horizon (the loader refuses that; a hand-built scenario may not): no other work.
    if (!(perMinute > 0)) return;
    const arrive = (): void => {
      start();
      sim.schedule(-Math.log(1 - rng.next()) / perMinute, arrive);
    };
    sim.schedule(-Math.log(1 - rng.next()) / perMinute, arrive);
  }
}
