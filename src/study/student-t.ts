// The Student t distribution function, for the one-sided probabilities a selection reports (that a
// candidate meets a constraint, that another candidate is better by more than δ). Written here
// because no dependency of orisim has it: P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, with the
// regularised incomplete beta function I of input-distributions.ts (its continued fraction by the
// modified Lentz method, Press et al., Numerical Recipes, 3rd ed., §6.4).
import { betaCdf } from './input-distributions.js';

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom; ±Infinity give 0 and 1, NaN gives NaN. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * betaCdf(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}
