// Reading the study sections of a scenario file: `levers:` (each a --set path or `variant`, with
// its candidate values: a list, or {from, to, step} in one unit), `objective:` ({ minimise: metric }
// or { maximise: metric }) and `constraints:` ("<metric> <= <value>"). Their shape and every lever
// path are checked here with located issues; metric names, constraint values and whether each
// lever value suits its field are checked by the study layer (study/goals.ts) and the loader
// (study-load.ts), which need more than the file. `readLevers` is the small typed reader others reuse.
import * as msg from './errors.js';
import { valueAt } from './extends.js';
import { parseOverrides } from './overrides.js';
import { isMap, type IssueList, type Location, type Locator } from './reader.js';
import { VARIANTS } from './types.js';
import { groupDigits } from './group-digits.js';

/** The most values one lever may have, and the most candidates (combinations) all levers may make. */
export const MAX_LEVER_VALUES = 1000;
export const MAX_CANDIDATES = 100_000;
/** The most values all levers may have together: each is checked by loading the scenario with it (a few milliseconds). */
export const MAX_LEVER_VALUES_IN_ALL = 2000;

/** Top-level keys a lever may not change: what identifies the file or the run, and the study sections. */
const NOT_LEVERS = ['extends', 'name', 'seed', 'replications', 'variants', 'levers', 'objective', 'constraints'];

export interface Lever {
  /** A --set path ("teams.applicationSupport.people") or "variant". */
  readonly path: string;
  /** The candidate values, as the file gives them (a range expanded: "1w", "2w", …). */
  readonly values: readonly unknown[];
  /** Where the lever's key is, and where each value is (a range's values: where the range is). */
  readonly key: Location;
  readonly at: readonly Location[];
  /** Whether the values came from a range { from, to, step } (issues then point at the range). */
  readonly range: boolean;
  /** The value the file gives the field (after extends and --set); undefined where its default applies. For variant: undefined (the first of variants). */
  readonly today: unknown;
}

export interface StudyObjective {
  readonly sense: 'minimise' | 'maximise';
  readonly metric: string;
  readonly at: Location;
}

export interface StudyConstraint {
  /** As written, e.g. "leadTimeP85Days <= 5d". */
  readonly text: string;
  readonly metric: string;
  readonly op: '<=' | '>=';
  /** The value as written after the operator ("5d", "0.02", "2%"). */
  readonly value: string;
  readonly at: Location;
}

export interface StudySections {
  readonly levers: readonly Lever[];
  readonly objective: StudyObjective | undefined;
  readonly constraints: readonly StudyConstraint[];
  /** Where the file starts: issues about a section that is missing point here. */
  readonly top: Location;
}

/** The --set argument that gives a lever one of its values: "path=value", the value as JSON (which YAML reads). */
export function leverArg(path: string, value: unknown): string {
  return `${path}=${JSON.stringify(value)}`;
}

/** How many candidates the levers make: the product of their numbers of values. */
export function candidateCount(levers: readonly Pick<Lever, 'values'>[]): number {
  return levers.reduce((n, l) => n * l.values.length, 1);
}

/** The levers only, as path and candidate values: for tools that offer the same choices (the workshop). */
export function readLevers(sections: StudySections): { path: string; values: readonly unknown[] }[] {
  return sections.levers.map((l) => ({ path: l.path, values: l.values }));
}

const UNIT_AMOUNT = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/;

/** A range's values, or why there are none: numbers, or amounts of one time unit. */
function expandRange(range: Record<string, unknown>): { values: unknown[] } | { problem: string; expected: string } {
  const ends = ['from', 'to', 'step'].map((k) => range[k]);
  const expected = 'from, to and step as numbers, or as amounts of one unit such as 1w';
  let numbers: number[];
  let unit = '';
  if (ends.every((e) => typeof e === 'number' && Number.isFinite(e))) numbers = ends as number[];
  else {
    const parsed = ends.map((e) => (typeof e === 'string' ? UNIT_AMOUNT.exec(e) : null));
    if (parsed.some((p) => p === null) || new Set(parsed.map((p) => p![2])).size !== 1) {
      return { problem: `${msg.expectedGot(expected, ends.map((e) => msg.describeValue(e)).join(', '))}`, expected };
    }
    numbers = parsed.map((p) => Number(p![1]));
    unit = parsed[0]![2]!;
  }
  const [from, to, step] = numbers as [number, number, number];
  if (!(step > 0)) return { problem: msg.expectedGot('a step greater than 0', msg.describeValue(range.step)), expected: 'a step greater than 0' };
  if (to < from) return { problem: msg.expectedGot('"to" at least "from"', `from ${msg.describeValue(range.from)}, to ${msg.describeValue(range.to)}`), expected: '"to" at least "from"' };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_LEVER_VALUES) return { problem: msg.expectedGot(`at most ${MAX_LEVER_VALUES} values`, `${count}`), expected: `at most ${MAX_LEVER_VALUES} values` };
  const values = Array.from({ length: count }, (_x, i) => Number((from + i * step).toPrecision(12)));
  return { values: unit === '' ? values : values.map((v) => `${v}${unit}`) };
}

function readLever(list: IssueList, locate: Locator, key: string, value: unknown, root: Record<string, unknown>): Lever | undefined {
  const path = ['levers', key];
  const keyAt = locate(path, 'key');
  if (key !== 'variant') {
    const root = key.split('.')[0]!;
    const { issues } = parseOverrides([leverArg(key, 0)]);
    if (issues.length > 0) {
      const first = issues[0]!;
      list.add(path, 'key', `${msg.expectedGot('a scenario path (as --set takes it) or variant', msg.quoteText(key))}: ${first.path}: ${first.message}`, 'a scenario path or variant', msg.quoteText(key));
      return undefined;
    }
    if (NOT_LEVERS.includes(root)) {
      const hint = root === 'variants' ? '; to try variants, use the lever "variant"' : '';
      list.add(path, 'key', `${msg.expectedGot('a field a design may change', msg.quoteText(key))}: ${root} is not a lever${hint}`, 'a field a design may change', msg.quoteText(key));
      return undefined;
    }
  }
  let values: unknown[];
  let at: Location[];
  if (Array.isArray(value)) {
    if (value.length === 0) {
      list.add(path, 'value', msg.expectedGot('a list of candidate values', 'an empty list'), 'a list of candidate values', 'an empty list');
      return undefined;
    }
    if (value.length > MAX_LEVER_VALUES) {
      list.add(path, 'value', msg.expectedGot(`at most ${MAX_LEVER_VALUES} values`, `${value.length}`), `at most ${MAX_LEVER_VALUES} values`, `${value.length}`);
      return undefined;
    }
    values = value;
    at = value.map((_v, i) => locate([...path, i], 'value'));
    const seen = new Set<string>();
    for (const [i, v] of value.entries()) {
      const text = JSON.stringify(v);
      if (seen.has(text)) list.add([...path, i], 'value', msg.duplicate('value', msg.describeValue(v)), 'each value once', msg.describeValue(v));
      seen.add(text);
    }
  } else if (isMap(value)) {
    const expanded = expandRange(value);
    if ('problem' in expanded) {
      list.add(path, 'value', expanded.problem, expanded.expected, msg.EXPECT.map);
      return undefined;
    }
    values = expanded.values;
    const rangeAt = locate(path, 'value');
    at = values.map(() => rangeAt);
  } else {
    list.expected(path, 'a list of candidate values, or a range { from, to, step }', value);
    return undefined;
  }
  if (key === 'variant') {
    for (const [i, v] of values.entries()) {
      if (typeof v !== 'string' || !(VARIANTS as readonly string[]).includes(v)) {
        const found = msg.describeValue(v);
        const suggestion = typeof v === 'string' ? msg.suggest(v, VARIANTS) : undefined;
        list.add(Array.isArray(value) ? [...path, i] : path, 'value', msg.unknownVariant(found, suggestion), msg.EXPECT.variant, found);
      }
    }
  }
  const today = key === 'variant' ? undefined : valueAt(root, key.split('.'))?.value;
  return { path: key, values, key: keyAt, at, range: !Array.isArray(value), today };
}

const CONSTRAINT = /^\s*([A-Za-z][\w.]*)\s*(<=|>=|≤|≥)\s*(\S(?:.*\S)?)\s*$/;
const CONSTRAINT_EXPECTED = 'a condition such as "leadTimeP85Days <= 5d" (a metric, <= or >=, a value)';

function readObjective(list: IssueList, locate: Locator, value: unknown): StudyObjective | undefined {
  if (value === undefined) return undefined;
  if (!isMap(value)) {
    list.expected(['objective'], 'a map such as { minimise: cashCostPerYear }', value);
    return undefined;
  }
  const senses = (['minimise', 'maximise'] as const).filter((s) => Object.hasOwn(value, s));
  if (senses.length !== 1) {
    const found = senses.length === 0 ? 'neither' : 'both';
    list.add(['objective'], 'value', msg.expectedGot('one of minimise or maximise', found), 'one of minimise or maximise', found);
    return undefined;
  }
  const sense = senses[0]!;
  const metric = value[sense];
  if (typeof metric !== 'string' || metric.trim() === '') {
    list.expected(['objective', sense], 'a metric name such as cashCostPerYear', metric);
    return undefined;
  }
  return { sense, metric: metric.trim(), at: locate(['objective', sense], 'value') };
}

function readConstraints(list: IssueList, locate: Locator, value: unknown): StudyConstraint[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    list.expected(['constraints'], 'a list of conditions such as ["leadTimeP85Days <= 5d"]', value);
    return [];
  }
  const out: StudyConstraint[] = [];
  for (const [i, item] of value.entries()) {
    const m = typeof item === 'string' ? CONSTRAINT.exec(item) : null;
    if (m === null) {
      list.expected(['constraints', i], CONSTRAINT_EXPECTED, item);
      continue;
    }
    const op = m[2] === '>=' || m[2] === '≥' ? '>=' : '<=';
    out.push({ text: (item as string).trim(), metric: m[1]!, op, value: m[3]!, at: locate(['constraints', i], 'value') });
  }
  return out;
}

/** The study sections of a file's merged values (after --set), their issues added to `list`. */
export function readStudySections(list: IssueList, raw: unknown, locate: Locator): StudySections {
  const root = isMap(raw) ? raw : {};
  const top = locate([], 'parent');
  const levers: Lever[] = [];
  const given = Object.hasOwn(root, 'levers') ? root.levers : undefined;
  if (given !== undefined && given !== null) {
    if (!isMap(given)) list.expected(['levers'], 'a map of --set paths to candidate values', given);
    else {
      for (const key of Object.keys(given)) {
        const lever = readLever(list, locate, key, given[key], root);
        if (lever !== undefined) levers.push(lever);
      }
      const count = candidateCount(levers);
      const values = levers.reduce((n, l) => n + l.values.length, 0);
      if (values > MAX_LEVER_VALUES_IN_ALL) {
        list.add(['levers'], 'key', msg.expectedGot(`at most ${groupDigits(MAX_LEVER_VALUES_IN_ALL)} lever values in all`, groupDigits(values)), `at most ${MAX_LEVER_VALUES_IN_ALL} lever values`, `${values}`);
      } else if (count > MAX_CANDIDATES) {
        list.add(['levers'], 'key', msg.expectedGot(`at most ${groupDigits(MAX_CANDIDATES)} combinations of lever values`, groupDigits(count)), `at most ${MAX_CANDIDATES} combinations`, `${count}`);
      }
    }
  }
  return {
    levers,
    objective: readObjective(list, locate, Object.hasOwn(root, 'objective') ? root.objective : undefined),
    constraints: readConstraints(list, locate, Object.hasOwn(root, 'constraints') ? root.constraints : undefined),
    top,
  };
}
