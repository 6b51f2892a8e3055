// Two steps of the organisation around the normal path: the service introduction team's
// operational readiness assessment of a launch, and where a deployment bumped at short notice
// goes next (the next slot of application support's office hours).
import type { Calendar } from '../engine/calendar.js';
import type { ProcessBody } from '../engine/simulation.js';
import { MINUTES_PER_DAY } from '../engine/time.js';
import type { ChangeInFlight } from './change.js';

/**
 * Service introduction: the launch queues (first come, first served) for a person of the service
 * introduction team, who assesses its operational readiness (the feature's drawn effort, on the
 * team's hours, costed at its rate on the run-cost item `serviceIntroduction`). Queue and work
 * are the stage `serviceIntroduction`. Without a team (none in the scenario) it does nothing.
 */
export function* introduceService(ch: ChangeInFlight): ProcessBody {
  const { ctx, feature } = ch;
  const team = ctx.org.serviceIntroduction;
  if (team === null) return; // no team in this organisation: nothing to queue for
  ch.enter('serviceIntroduction');
  yield team.request();
  yield ch.work(team, feature.launchEffort ?? 0, 'Assess operational readiness', ctx.rates.serviceIntroduction, 'serviceIntroduction');
  team.release();
}

/**
 * Where an office-hours deployment bumped at `start` goes back to the queue: the next opening of
 * `hours` after the open period holding `start` closes (for hours open round the clock, a day later).
 */
export function nextSlot(hours: Calendar, start: number): number {
  const close = hours.nextClose(start);
  return close === Infinity ? start + MINUTES_PER_DAY : hours.nextOpen(close);
}
