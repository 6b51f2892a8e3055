// The values of the command line's options, checked: whole-number options as typed (--replications
// five is refused with what was typed) and --by's breakdowns. command-table.ts reads with them.
import { suggest } from '../scenario/errors.js';
import { BREAKDOWN_KEYS, type BreakdownKey } from '../stats/breakdowns.js';
import { UsageError } from '../api/options.js';

/** A whole-number option as the user typed it: `--replications five` is refused with "got 'five'", never as NaN. */
export function integerOption(flag: string, raw: unknown, min: number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const typed = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const text = String(typed).trim();
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  const expected = min === 1 ? 'a positive integer' : 'an integer';
  if (!Number.isSafeInteger(n) || (min !== undefined && n < min)) throw new UsageError(`${flag}: expected ${expected}, got '${String(typed)}'`);
  return n;
}

/**
 * The breakdowns asked for, in the order first asked: `--by class`, `--by class,path` or
 * `--by class --by path`. Absent → [].
 */
export function byOption(raw: unknown): (BreakdownKey | 'group')[] {
  if (raw === undefined) return [];
  const typed = (Array.isArray(raw) ? raw : [raw]).map((x) => String(x));
  const out: (BreakdownKey | 'group')[] = [];
  // 'group' (teams.delivery as a list of groups) prints its own table (breakdown-table.ts).
  const choices: readonly (BreakdownKey | 'group')[] = [...BREAKDOWN_KEYS, 'group'];
  for (const t of typed) {
    for (const word of t.split(',')) {
      const value = word.trim();
      const key = choices.find((k) => k === value);
      if (key === undefined) {
        const near = suggest(value, choices);
        throw new UsageError(
          `--by: expected one of ${choices.join(', ')}, got '${t}'` + (near === undefined ? '' : `; did you mean '${near}'?`),
        );
      }
      if (!out.includes(key)) out.push(key);
    }
  }
  return out;
}
