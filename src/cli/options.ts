// The words of the command line that yargs cannot check alone: whole-number options as typed
// (--replications five is refused with what was typed), --by's breakdowns, a value that starts
// with a dash joined to its option (--shard -1/2), and yargs' "Unknown argument" turned into a
// suggestion for each mistyped command or flag. main.ts parses with them.
import { suggest } from '../scenario/errors.js';
import { BREAKDOWN_KEYS, type BreakdownKey } from '../stats/breakdowns.js';
import { UsageError } from '../api/options.js';

/**
 * A whole-number option as the user typed it: `--replications five` is refused with "got 'five'"
 * (yargs' own number type would turn it into NaN first).
 */
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
 * `--by class --by path` (yargs gives an array when the flag is repeated). Absent → [].
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

export const COMMANDS = ['run', 'compare', 'sweep', 'validate', 'schema', 'calibrate', 'backtest', 'merge', 'uncertainty', 'optimise', 'workshop'];
export const FLAGS = ['replications', 'seed', 'out', 'set', 'charts', 'no-charts', 'quiet', 'workers', 'force', 'param', 'values', 'baseline', 'slides', 'by', 'map', 'date-format', 'report', 'export', 'help', 'version', 'shard', 'changes', 'budget', 'delta', 'samples'];
// (single-letter aliases such as -r are left to yargs)

/** The options that take a value, long and short (the short ones as yargs aliases them). */
const VALUE_FLAGS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['replications', 'seed', 'out', 'set', 'workers', 'shard', 'param', 'values', 'baseline', 'by', 'export', 'changes', 'map', 'date-format', 'report', 'budget', 'delta'].map((f) => [`--${f}`, `--${f}`])),
  '-r': '--replications', '-s': '--seed', '-o': '--out', '-w': '--workers', '-p': '--param', '-b': '--baseline',
};

/**
 * The arguments with a value that starts with a dash and a digit joined to its option
 * (`--shard -1/2` → `--shard=-1/2`, `--values -1..3` → `--values=-1..3`): yargs would read
 * `-1/2` as the short options 1, / and 2 and say "unexpected argument '1'"; an option name never
 * starts with a digit, so such a word is always the value. Nothing after `--` is touched.
 */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const flag = VALUE_FLAGS[a];
    if (flag !== undefined && next !== undefined && /^-\d/.test(next)) {
      out.push(`${flag}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * yargs' "Unknown argument(s): x, y" with a suggestion for each mistyped command or flag
 * ("unknown command 'rn'; did you mean 'run'?").
 */
export function explainUnknown(msg: string, argv: readonly string[]): string {
  const m = /^Unknown arguments?: (.*)$/.exec(msg);
  if (m === null) return msg;
  const command = argv.find((a) => COMMANDS.includes(a));
  const first = argv.find((a) => !a.startsWith('-'));
  if (command === undefined && first !== undefined) {
    // No command: every option is "unknown" to yargs then, so name the mistyped command alone.
    const near = suggest(first, COMMANDS);
    return `unknown command '${first}'` + (near === undefined ? `; the commands are ${COMMANDS.join(', ')}` : `; did you mean '${near}'?`);
  }
  return m[1]!
    .split(', ')
    .map((word) => {
      const typedAsFlag = argv.find((a) => a === `--${word}` || a === `-${word}` || a.startsWith(`--${word}=`));
      if (typedAsFlag !== undefined) {
        const near = suggest(word, FLAGS);
        const shown = typedAsFlag.replace(/=.*$/, '');
        // A real option of another command (validate --set): say so instead of suggesting itself.
        if (near === word) return `option '${shown}' does not go with ${command ?? 'this command'}`;
        return `unknown option '${shown}'` + (near === undefined ? '' : `; did you mean '--${near}'?`);
      }
      return `unexpected argument '${word}'` + (command === undefined ? '' : ` for ${command}`);
    })
    .join('\n');
}
