// The command line's grammar: each command declared as data (its positionals, options and examples,
// CommandSpec), and argv read against those declarations with node:util's parseArgs (its tokens,
// so that every mistake is told in orisim's words: an unknown option with a suggestion, an option
// of another command, an unexpected argument, an option given twice). Written over parseArgs, not
// a parser library, because loading yargs alone took 0.1 s of a 0.2 s start (issue 21's fast start);
// the help text it printed is rendered by help.ts.
import { parseArgs } from 'node:util';
import { suggest } from '../scenario/errors.js';
import { UsageError } from '../api/options.js';

export interface OptionSpec {
  /** The long name, as typed after `--` (date-format). */
  readonly name: string;
  /** A one-letter alias, as typed after `-`. */
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  /** Repeatable: its values are collected in order (--set a=1 --set b=2). Otherwise giving it twice is refused. */
  readonly multiple?: boolean;
  /** A boolean's value when it is not given (a boolean that defaults to true is turned off by --no-NAME). */
  readonly default?: boolean;
  /** Refused when absent. */
  readonly required?: boolean;
  /** The value's name in the help (N, DIR…); string options only. */
  readonly arg?: string;
  readonly describe: string;
}

export interface PositionalSpec {
  readonly name: string;
  readonly describe: string;
  readonly required?: boolean;
  /** Takes every remaining argument (at least one when required). */
  readonly variadic?: boolean;
}

/** What a command was given: each positional and option by name; strings, lists of strings or booleans. */
export type ParsedArgs = Readonly<Record<string, string | readonly string[] | boolean | undefined>>;

export interface CommandSpec {
  readonly name: string;
  readonly describe: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly (readonly [command: string, meaning: string])[];
  readonly run: (args: ParsedArgs) => Promise<number>;
}

/** What argv asks for: a command with its arguments, or help, or the version. */
export type Parsed = { kind: 'command'; spec: CommandSpec; args: ParsedArgs } | { kind: 'help'; spec?: CommandSpec } | { kind: 'version' };

/** The options every command takes besides its own. */
const GLOBAL_FLAGS = ['help', 'version'];

/** The usage line of a command: `run [scenario]`, `compare <scenarios..>`. */
export function usageOf(spec: CommandSpec): string {
  const words = spec.positionals.map((p) => {
    const name = p.variadic === true ? `${p.name}..` : p.name;
    return p.required === true ? `<${name}>` : `[${name}]`;
  });
  return [spec.name, ...words].join(' ');
}

/** Every long option name of every command, for suggestions. */
function allFlags(specs: readonly CommandSpec[]): string[] {
  return [...new Set([...specs.flatMap((s) => s.options.flatMap((o) => (o.type === 'boolean' && o.default === true ? [o.name, `no-${o.name}`] : [o.name]))), ...GLOBAL_FLAGS])];
}

/**
 * The arguments with a value that starts with a dash and a digit joined to its option
 * (`--shard -1/2` → `--shard=-1/2`, `--values -1..3` → `--values=-1..3`): parseArgs would read
 * `-1/2` as options; an option name never starts with a digit, so such a word is always the
 * value. Nothing after `--` is touched.
 */
function joinDashValues(argv: readonly string[], specs: readonly CommandSpec[]): string[] {
  const valued = new Map<string, string>();
  for (const o of specs.flatMap((s) => s.options)) {
    if (o.type !== 'string') continue;
    valued.set(`--${o.name}`, `--${o.name}`);
    if (o.short !== undefined) valued.set(`-${o.short}`, `--${o.name}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return [...out, ...argv.slice(i)];
    const flag = valued.get(a);
    const next = argv[i + 1];
    if (flag !== undefined && next !== undefined && /^-\d/.test(next)) {
      out.push(`${flag}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function unknownCommand(word: string, specs: readonly CommandSpec[]): UsageError {
  const names = specs.map((s) => s.name);
  const near = suggest(word, names);
  return new UsageError(`unknown command '${word}'` + (near === undefined ? `; the commands are ${names.join(', ')}` : `; did you mean '${near}'?`));
}

/** Reads argv (without node and the script) against the commands. Mistakes are UsageErrors. */
export function parseCommandLine(typed: readonly string[], specs: readonly CommandSpec[]): Parsed {
  const argv = joinDashValues(typed, specs);
  const end = argv.indexOf('--');
  const before = end < 0 ? argv : argv.slice(0, end);
  const at = before.findIndex((a) => !a.startsWith('-') || a === '-');
  if (at < 0) {
    if (before.some((a) => a === '--help' || a === '-h') || argv.length === 0) return { kind: 'help' };
    if (before.includes('--version')) return { kind: 'version' };
    throw new UsageError(`name a command: ${specs.map((s) => s.name).join(', ')}`);
  }
  const spec = specs.find((s) => s.name === argv[at]);
  if (spec === undefined) throw unknownCommand(argv[at]!, specs);
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (rest.some((a, i) => (a === '--help' || a === '-h') && (end < 0 || i < end - 1))) return { kind: 'help', spec };
  if (rest.some((a, i) => a === '--version' && (end < 0 || i < end - 1))) return { kind: 'version' };
  return { kind: 'command', spec, args: readCommand(spec, rest, specs) };
}

function readCommand(spec: CommandSpec, args: readonly string[], specs: readonly CommandSpec[]): ParsedArgs {
  const options = Object.fromEntries(spec.options.map((o) => [o.name, { type: o.type, multiple: true, ...(o.short === undefined ? {} : { short: o.short }) }]));
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const values = new Map<string, (string | boolean)[]>();
  const positionals: string[] = [];
  const problems: string[] = [];
  /** Options the command does not take: told alone, since the word after one may be its value, not an argument. */
  const unknown: string[] = [];
  const flags = allFlags(specs);
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue;
    const negated = t.name.startsWith('no-') ? byName.get(t.name.slice(3)) : undefined;
    const o = byName.get(t.name) ?? (negated?.type === 'boolean' ? negated : undefined);
    if (o === undefined) {
      unknown.push(unknownOption(t.rawName, t.name, spec, flags));
      continue;
    }
    const list = values.get(o.name) ?? [];
    values.set(o.name, list);
    if (o.type === 'string') {
      // `--out --no-charts`: parseArgs would take the next option as the value.
      const another = t.inlineValue !== true && t.value !== undefined && /^-[^\d]/.test(t.value);
      if (t.value === undefined || another) problems.push(`option '--${o.name}' needs a value${o.arg === undefined ? '' : ` (${o.arg})`}`);
      else list.push(t.value);
    } else {
      const v = t.value === undefined ? true : t.value === 'true' ? true : t.value === 'false' ? false : undefined;
      if (v === undefined) problems.push(`option '--${t.name}' takes no value (got '${t.value}')`);
      else list.push(o === negated ? !v : v);
    }
  }
  if (unknown.length > 0) throw new UsageError(unknown.join('\n'));
  const out: Record<string, string | readonly string[] | boolean | undefined> = {};
  let next = 0;
  for (const p of spec.positionals) {
    if (p.variadic === true) {
      out[p.name] = positionals.slice(next);
      next = positionals.length;
    } else if (next < positionals.length) out[p.name] = positionals[next++]!;
  }
  for (const extra of positionals.slice(next)) problems.push(`unexpected argument '${extra}' for ${spec.name}`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  for (const p of spec.positionals) {
    const v = out[p.name];
    if (p.required === true && (v === undefined || (Array.isArray(v) && v.length === 0))) {
      throw new UsageError(`orisim ${usageOf(spec)}: missing <${p.name}>, ${p.describe}`);
    }
  }
  for (const o of spec.options) {
    const given = values.get(o.name);
    if (o.type === 'boolean') {
      out[o.name] = given === undefined || given.length === 0 ? (o.default ?? false) : given[given.length - 1]!;
    } else if (given === undefined || given.length === 0) {
      if (o.required === true) throw new UsageError(`${spec.name} needs --${o.name}: ${o.describe}`);
    } else if (o.multiple === true) out[o.name] = given as string[];
    else if (given.length > 1) throw new UsageError(`--${o.name} is given ${given.length} times: give it once`);
    else out[o.name] = given[0] as string;
  }
  return out;
}

/** An option the command does not take: a typo (with a suggestion), or another command's option. */
function unknownOption(raw: string, name: string, spec: CommandSpec, flags: readonly string[]): string {
  if (flags.includes(name)) return `option '${raw}' does not go with ${spec.name}`;
  const near = raw.startsWith('--') ? suggest(name, flags) : undefined;
  return `unknown option '${raw}'` + (near === undefined ? '' : `; did you mean '--${near}'?`);
}

/** A string option or positional's value (undefined when absent). */
export function text(args: ParsedArgs, name: string): string | undefined {
  const v = args[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option or variadic positional's values, in order ([] when absent). */
export function texts(args: ParsedArgs, name: string): readonly string[] {
  const v = args[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** A boolean option's value (its default when absent). */
export function flag(args: ParsedArgs, name: string): boolean {
  return args[name] === true;
}
