// Cost of delay by urgency profile (Reinertsen, "The Principles of Product Development Flow";
// Black Swan Farming's urgency profiles): money lost while a ready feature is not live.
import type { CostOfDelay } from '../scenario/types.js';
import { MINUTES_PER_WEEK } from '../engine/time.js';

/** The cost of `delay` minutes between ready and live for one feature of a class. */
export function costOfDelay(cod: CostOfDelay, delay: number): number {
  if (!(delay >= 0)) return 0;
  const weeks = delay / MINUTES_PER_WEEK;
  switch (cod.profile) {
    case 'standard':
    case 'expedite':
      // Linear: a constant rate per week (expedite is the same shape with a high rate).
      return cod.perWeek * weeks;
    case 'fixedDate':
      // A rate (often zero) plus a one-off penalty once the deadline has passed.
      return cod.perWeek * weeks + (delay > cod.deadline ? cod.penalty : 0);
    case 'intangible': {
      // Low now, rising later: one rate up to `risesAfter`, a higher one beyond it.
      const early = Math.min(delay, cod.risesAfter) / MINUTES_PER_WEEK;
      const late = Math.max(0, delay - cod.risesAfter) / MINUTES_PER_WEEK;
      return cod.perWeek * early + cod.perWeekAfter * late;
    }
  }
}
