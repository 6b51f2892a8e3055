// The input sets of an uncertainty study: Saltelli's design (design.ts) — or, with rank
// correlations between inputs, its A and B reordered by Iman–Conover (rank-correlation.ts) — mapped
// through each input's range (input-distributions.ts), then the tornado's sets — every input at its
// likely value, and each input in turn at its low and its high with the others likely — and each
// set's values as --set overrides (times in minutes, counts rounded to whole numbers).
import type { RankCorrelation, UncertainInput } from '../scenario/types.js';
import { designRows, saltelliDesign } from './design.js';
import { correlatedDesignRows } from './rank-correlation.js';
import { likelyValue, rangeQuantile, type NumericRange } from './input-distributions.js';

export interface InputSet {
  /** What the set is for: a row of the design, the tornado's base, or one input at its low or high. */
  readonly role: 'design' | 'base' | 'low' | 'high';
  /** For low and high: the input's index. */
  readonly input?: number;
  /** The uniforms of a design row (empty for the tornado's sets). */
  readonly u: readonly number[];
  /** Each input's value, in its unit (minutes for a time). */
  readonly values: readonly number[];
}

function rangeOf(input: UncertainInput): NumericRange {
  return { low: input.low, likely: input.likely, high: input.high, distribution: input.distribution };
}

/** A drawn value as the field takes it: counts rounded to whole numbers. */
function asField(input: UncertainInput, value: number): number {
  return input.kind === 'integer' ? Math.round(value) : value;
}

/**
 * The N·(D + 2) design sets (A, B, AB_0 …) then the 2D + 1 tornado sets (base, then each input's
 * low and high). With rank correlations between inputs, the design sets are A and B alone, each
 * reordered by Iman–Conover (rank-correlation.ts): 2N sets, each a draw of the correlated inputs
 * (the AB_i, which mix A's and B's rows, would not be).
 */
export function studyInputSets(inputs: readonly UncertainInput[], samples: number, seed: number | string, correlations: readonly RankCorrelation[] = []): InputSet[] {
  const d = inputs.length;
  const rows = correlations.length === 0 ? designRows(saltelliDesign(samples, d, seed)) : correlatedDesignRows(inputs.map((i) => i.path), correlations, samples, seed);
  const sets: InputSet[] = rows.map((u) => ({ role: 'design', u, values: u.map((v, i) => asField(inputs[i]!, rangeQuantile(rangeOf(inputs[i]!), v))) }));
  const likely = inputs.map((input) => asField(input, likelyValue(rangeOf(input))));
  sets.push({ role: 'base', u: [], values: likely });
  inputs.forEach((input, i) => {
    for (const role of ['low', 'high'] as const) {
      sets.push({ role, input: i, u: [], values: likely.map((v, k) => (k === i ? asField(input, input[role]) : v)) });
    }
  });
  return sets;
}

/** Minutes as a time text: fixed-point to a millionth of a minute (a time text has no exponent). */
function minutesText(minutes: number): string {
  const fixed = minutes.toFixed(6).replace(/\.?0+$/, '');
  return `${fixed === '' || fixed === '-0' ? '0' : fixed}m`;
}

/** A set's values as "path=value" overrides, the form --set takes. */
export function overridesOf(inputs: readonly UncertainInput[], values: readonly number[]): string[] {
  return inputs.map((input, i) => {
    const v = values[i]!;
    const text = input.kind === 'duration' || input.kind === 'effort' ? minutesText(v) : String(v);
    return `${input.path}=${text}`;
  });
}
