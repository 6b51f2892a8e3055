// The options every command shares, checked: a mistake in them (UsageError: the command line's exit
// 2, "orisim: <message>" and a pointer to --help), an option that takes one value, and the
// replications and seed that override a scenario's own. The API and the command line both use them.
import type { Scenario } from '../scenario/types.js';
import { MAX_COUNT } from '../scenario/limits.js';
import { groupDigits } from '../scenario/group-digits.js';

/** A mistake in the command line: an unknown or repeated option, a value out of range (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An option that takes one value, given once (the parser makes a list of an option given twice). */
export function single(option: string, value: unknown): string {
  if (Array.isArray(value)) throw new UsageError(`${option} is given ${value.length} times: give it once`);
  return String(value);
}

/** The replications and seed a command may set over a scenario's own. */
export interface RunOverrides {
  /** Replications (default: the scenario's). */
  replications?: number | undefined;
  /** Random seed (default: the scenario's). */
  seed?: number | undefined;
}

/** The scenario with `replications` and `seed` set when given, each checked (UsageError). */
export function applyRunOverrides(scenario: Scenario, args: RunOverrides): Scenario {
  let s = scenario;
  if (args.replications !== undefined) {
    if (!Number.isInteger(args.replications) || args.replications < 1) {
      throw new UsageError(`--replications: expected a positive integer, got ${args.replications}`);
    }
    if (args.replications > MAX_COUNT.replications) {
      throw new UsageError(`--replications: expected a positive integer no greater than ${groupDigits(MAX_COUNT.replications)}, got ${args.replications}`);
    }
    s = { ...s, replications: args.replications };
  }
  if (args.seed !== undefined) {
    if (!Number.isSafeInteger(args.seed)) throw new UsageError(`--seed: expected an integer, got ${args.seed}`);
    s = { ...s, seed: args.seed };
  }
  return s;
}
