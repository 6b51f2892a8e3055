// Where a deployment waits before it begins: outside any freeze (and, for application support,
// for the next slot of their office hours when bumped at short notice), or for an out-of-hours
// window with room for its planned effort. The normal, pre-approved, emergency and You Build It
// You Run It paths queue for their deployers through these.
import type { Calendar } from '../engine/calendar.js';
import type { Resource } from '../engine/resource.js';
import type { ProcessBody, Yieldable } from '../engine/simulation.js';
import type { ChangeInFlight } from './change.js';
import { nextSlot } from './service-introduction.js';

/**
 * Queues for `res` so that the work begins outside any freeze: waits for the freeze (if any) to
 * end (stage `window`), queues for a person (stage `deploymentQueue`) and holds them. Work begins
 * at the person's next working minute (res.workStart()); if that falls in a freeze, it lets the
 * person go, waits for that freeze to end and queues again. Whatever the performers' hours, the
 * deployment never starts inside a freeze. With `officeHours` (application support's, whose
 * deployments may be bumped at short notice), a bumped deployment lets the person go and waits
 * (stage `window`) for the next slot of those hours, then queues again.
 */
export function* queueOutsideFreeze(ch: ChangeInFlight, res: Resource, officeHours?: Calendar): ProcessBody {
  const noFreeze = ch.ctx.org.noFreeze;
  let from = ch.ctx.sim.now;
  for (;;) {
    ch.enter('window');
    const resume = noFreeze.nextOpen(from);
    if (resume === Infinity) yield FOREVER;
    if (resume > ch.ctx.sim.now) yield resume - ch.ctx.sim.now;
    ch.enter('deploymentQueue');
    yield res.request();
    const start = res.workStart();
    if (!noFreeze.isOpen(start)) from = start; // in a freeze: wait for it to end
    else if (officeHours !== undefined && ch.ctx.bumped(ch, start, res)) from = nextSlot(officeHours, start);
    else return;
    res.release();
  }
}

/** Never resumes: for a wait with no end (a calendar that never opens again). */
export const FOREVER = { wait: (): void => undefined };

/**
 * The first time from `t` at which `windows` is open with at least `need` minutes left before it
 * closes (a window's own end, or a freeze); Infinity if there is none.
 */
export function nextFittingWindow(windows: Calendar, t: number, need: number): number {
  let start = windows.nextOpen(t);
  while (start !== Infinity && windows.nextClose(start) - start < need) start = windows.nextOpen(windows.nextClose(start));
  return start;
}

/**
 * Queues for a person in a window of `windows` with room for the deployment's planned effort:
 * waits (stage `window`) for the first moment a window is open with `effort` minutes left — or,
 * for a deployment longer than any window, for the start of a window of the longest length —,
 * then queues for a person (stage `deploymentQueue`). If a person comes free only when the effort
 * no longer fits, it lets them go and waits for the next window with room. Application support's
 * out-of-hours windows (and a team's downtime slot) are closed during freezes, so the deployment
 * never starts in one. With `bumpable` (application support's deployments), a deployment bumped at
 * short notice lets the person go and waits for the next window with room after this one closes.
 * Returns the end of the window it starts in.
 */
export function* queueForWindow(ch: ChangeInFlight, res: Resource, windows: Calendar, effort: number, bumpable: boolean): Generator<Yieldable, number, unknown> {
  const need = Math.min(effort, windows.longestOpenSpan);
  let from = ch.ctx.sim.now;
  for (;;) {
    ch.enter('window');
    const start = nextFittingWindow(windows, from, need);
    if (start === Infinity) yield FOREVER;
    const wait = start - ch.ctx.sim.now;
    if (wait > 0) yield wait;
    ch.enter('deploymentQueue');
    yield res.request();
    const now = ch.ctx.sim.now;
    const close = windows.nextClose(now);
    const fits = windows.isOpen(now) && close - now >= need;
    if (fits && !(bumpable && ch.ctx.bumped(ch, now, res))) return close;
    res.release();
    from = fits ? close : now; // bumped: the next window after this one
  }
}
