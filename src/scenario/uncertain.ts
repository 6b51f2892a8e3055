// Reading a scenario's `uncertain:` section: each key a --set path to a number or a time, each value
// a range { low, likely?, high, distribution? } in the field's unit. Validated like --set: an unknown
// path, a value the field refuses (checked by resolving the scenario with it, so every limit of the
// field applies), low above high or likely outside them → a located issue. Times are converted to
// minutes of the field's kind (calendar or working time), found by resolving the scenario both ways.
import * as z from './zod.js';
import * as msg from './errors.js';
import { parseOverrides, fieldSchemas } from './overrides.js';
import { isMap, readMap, type IssueList } from './reader.js';
import type { RankCorrelation, UncertainInput } from './types.js';
import { CORRELATIONS_KEY, readCorrelations } from './uncertain-correlations.js';
import { UNCERTAIN_DISTRIBUTIONS, UncertainRangeSchema } from './uncertain-schema.js';
import { parseTime } from './units.js';
import { DeliveryGroupSchema } from './schema.js';
import { MAX_UNCERTAIN_INPUTS } from './limits.js';

/**
 * Resolves the scenario with one field set to a value: the message of the first issue it raises,
 * or a canonical text of the resolved scenario (equal texts: the same scenario).
 */
export type ResolveWith = (path: readonly string[], value: unknown, group: boolean) => { issue: string } | { resolved: string };

/** Paths an uncertain input may not name: they are not inputs of the model. */
const NOT_INPUTS = ['uncertain', 'extends', 'seed', 'replications'];

const EXPECT_NUMBER_OR_TIME = 'the path of a number or a time (such as classes.large.downtimeShare or teams.changeManagement.cab.cutoff)';

function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional) return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrap);
  return [schema];
}

/** What kind of value the field takes: a number (integer or not), a time, or neither. */
function fieldKind(path: readonly string[], root?: z.ZodType): 'number' | 'integer' | 'time' | undefined {
  const leaves = fieldSchemas(path, root).flatMap(unwrap);
  const number = leaves.find((s): s is z.ZodNumber => s instanceof z.ZodNumber);
  if (number !== undefined) return number.isInt ? 'integer' : 'number';
  if (leaves.some((s) => s instanceof z.ZodString)) return 'time';
  return undefined;
}

/**
 * What kind of value a delivery group's field takes (teams.delivery.<group>.<field>, as --set
 * addresses it): a group's name may hold dots, so each split is tried, the longest name first (as
 * group-overrides.ts matches names); whether the file has such a group is checked when resolving.
 */
function groupFieldKind(path: readonly string[]): 'number' | 'integer' | 'time' | undefined {
  for (let end = path.length - 1; end >= 3; end--) {
    const kind = fieldKind(path.slice(end), DeliveryGroupSchema);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** Which kind of time the field is: the scenario resolved with the text equals the one resolved with its calendar or working minutes. */
function timeKind(path: readonly string[], group: boolean, texts: readonly string[], resolveWith: ResolveWith): 'duration' | 'effort' {
  for (const text of texts) {
    const calendar = parseTime(text, 'duration')!;
    const working = parseTime(text, 'effort')!;
    if (calendar === working) continue; // minutes and hours only: the same either way
    const asText = resolveWith(path, text, group);
    if (!('resolved' in asText)) continue;
    const asCalendar = resolveWith(path, `${calendar}m`, group);
    if ('resolved' in asCalendar && asCalendar.resolved === asText.resolved) return 'duration';
    return 'effort';
  }
  return 'duration';
}

const FIELDS = ['low', 'likely', 'high'] as const;

/**
 * The uncertain inputs of a file's section (validated into `list`), in the file's order, and the
 * rank correlations between them (`correlations:`, uncertain-correlations.ts).
 */
export function readUncertain(list: IssueList, value: unknown, resolveWith: ResolveWith): { inputs: UncertainInput[]; correlations: RankCorrelation[] } {
  const inputs: UncertainInput[] = [];
  if (value === undefined) return { inputs, correlations: [] };
  if (!isMap(value)) {
    list.expected(['uncertain'], msg.EXPECT.map, value);
    return { inputs, correlations: [] };
  }
  const section = value;
  const keys = Object.keys(section).filter((k) => k !== CORRELATIONS_KEY);
  const count = keys.length;
  if (count > MAX_UNCERTAIN_INPUTS) {
    list.add(['uncertain'], 'key', msg.expectedGot(`at most ${MAX_UNCERTAIN_INPUTS} uncertain inputs`, String(count)), `at most ${MAX_UNCERTAIN_INPUTS} inputs`, String(count));
    return { inputs, correlations: [] };
  }
  /** Each key read as an input, and its input's path. */
  const paths = new Map<string, string>();
  for (const key of keys) {
    const at = ['uncertain', key];
    const range = readMap(list, section[key], at, UncertainRangeSchema);
    if (range.distribution !== undefined && !(UNCERTAIN_DISTRIBUTIONS as readonly unknown[]).includes(range.distribution)) {
      list.expected([...at, 'distribution'], `one of ${UNCERTAIN_DISTRIBUTIONS.join(', ')}`, range.distribution);
    }
    if (list.hasIssues(at)) continue;
    const parsed = parseOverrides([`${key}=0`]);
    if (parsed.issues.length > 0) {
      const first = parsed.issues[0]!;
      list.add(at, 'key', first.message, first.expected, first.found);
      continue;
    }
    const { path, group = false } = parsed.overrides[0]!;
    const kind = NOT_INPUTS.includes(path[0]!) ? undefined : group ? groupFieldKind(path) : fieldKind(path);
    if (kind === undefined) {
      list.add(at, 'key', msg.expectedGot(EXPECT_NUMBER_OR_TIME, msg.quoteText(key)), EXPECT_NUMBER_OR_TIME, msg.quoteText(key));
      continue;
    }
    for (const field of ['low', 'high'] as const) if (range[field] === undefined) list.add([...at, field], 'parent', msg.missingKey(field), `a ${field} value`, 'nothing');
    const values: Partial<Record<(typeof FIELDS)[number], number>> = {};
    for (const field of FIELDS) {
      const given = range[field];
      if (given === undefined) continue;
      const number = kind === 'time' ? (typeof given === 'string' ? parseTime(given, 'duration') : undefined) : typeof given === 'number' && Number.isFinite(given) ? given : undefined;
      if (number === undefined) {
        list.expected([...at, field], kind === 'time' ? `${msg.EXPECT.duration} (the field is a time)` : 'a number', given);
        continue;
      }
      const checked = resolveWith(path, given, group);
      if ('issue' in checked) list.add([...at, field], 'value', checked.issue, '', msg.describeValue(given));
      else values[field] = number;
    }
    if (list.hasIssues(at)) continue;
    const texts = FIELDS.flatMap((f) => (range[f] === undefined ? [] : [String(range[f])]));
    const timeOf = kind === 'time' ? timeKind(path, group, texts, resolveWith) : undefined;
    const toNumber = (field: (typeof FIELDS)[number]) => (timeOf === undefined ? values[field]! : parseTime(String(range[field]), timeOf)!);
    const low = toNumber('low');
    const high = toNumber('high');
    const likely = range.likely === undefined ? undefined : toNumber('likely');
    const show = (field: (typeof FIELDS)[number] | 'distribution') => msg.describeValue(range[field]);
    if (low > high) {
      list.add([...at, 'high'], 'value', msg.expectedGot(`a high at least the low (${show('low')})`, show('high')), 'high ≥ low', show('high'));
      continue;
    }
    if (likely !== undefined && (likely < low || likely > high)) {
      list.add([...at, 'likely'], 'value', msg.expectedGot(`a likely value from the low to the high (${show('low')} to ${show('high')})`, show('likely')), 'low ≤ likely ≤ high', show('likely'));
      continue;
    }
    const distribution = (range.distribution as UncertainInput['distribution'] | undefined) ?? (likely === undefined ? 'uniform' : 'pert');
    if (likely === undefined && distribution !== 'uniform') {
      list.add([...at, 'distribution'], 'value', msg.expectedGot(`uniform for a range without a likely value (or give likely for ${distribution})`, show('distribution')), 'uniform', show('distribution'));
      continue;
    }
    inputs.push({
      path: path.join('.'),
      kind: timeOf ?? (kind as 'number' | 'integer'),
      low,
      ...(likely === undefined ? {} : { likely }),
      high,
      distribution,
      text: { low: String(range.low), ...(range.likely === undefined ? {} : { likely: String(range.likely) }), high: String(range.high) },
    });
    paths.set(key, path.join('.'));
  }
  if (!Object.hasOwn(section, CORRELATIONS_KEY)) return { inputs, correlations: [] };
  const correlations = readCorrelations(list, section[CORRELATIONS_KEY], paths, keys, !list.hasIssues(['uncertain']));
  return { inputs, correlations };
}
