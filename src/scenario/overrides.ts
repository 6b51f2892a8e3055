// --set path=value: a change to one field of a scenario file, given on the command line. The
// path is checked against the file schema (unknown keys get a suggestion); the value is read as a
// YAML scalar or flow collection ("25", "2d", "[tue, thu]") and then validated like the file.
import { parse as parseYaml } from 'yaml';
import * as z from './zod.js';
import * as msg from './errors.js';
import type { ScenarioIssue } from './errors.js';
import { groupTarget } from './group-overrides.js';
import { isMap, pathText } from './reader.js';
import { DeliveryGroupSchema, DeliverySchema, ScenarioFileSchema } from './schema.js';

export interface Override {
  /** The argument as given, e.g. "teams.delivery.count=25"; issues name it as their file. */
  readonly arg: string;
  readonly path: readonly string[];
  readonly value: unknown;
  /** The path names a delivery group (teams.delivery.<group>.…): checked against the file when applied (group-overrides.ts). */
  readonly group?: true;
}

/**
 * Path segments that name JavaScript object internals: setting them would change the prototype of
 * every object (`classes.__proto__.failureRate=1`) or of the scenario (`__proto__={seed: 7}`),
 * so they are refused as unknown keys wherever they appear in a path.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Where issues about an override point: the argument itself, as "--set <arg>". */
export function overrideSource(arg: string): string {
  return `--set ${arg}`;
}

function issue(arg: string, path: string, message: string, expected = '', found = ''): ScenarioIssue {
  return { file: overrideSource(arg), line: 0, column: 0, path, expected, found, message };
}

/** The schemas a key may lead to from here (several for a union such as a distribution). */
function children(schema: z.ZodType, key: string): { next: z.ZodType[]; known: string[] } {
  if (schema instanceof z.ZodOptional) return children(schema.unwrap() as z.ZodType, key);
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return { next: Object.hasOwn(shape, key) ? [shape[key]!] : [], known: Object.keys(shape) };
  }
  if (schema instanceof z.ZodRecord) return { next: [schema.valueType as z.ZodType], known: [] };
  if (schema instanceof z.ZodUnion) {
    const found = (schema.options as z.ZodType[]).map((o) => children(o, key));
    return { next: found.flatMap((f) => f.next), known: [...new Set(found.flatMap((f) => f.known))] };
  }
  return { next: [], known: [] };
}

/**
 * The issue of the first key of `path` that `schema` does not have (keys before `from` are
 * already checked and only shown), with the nearest known key; undefined when every key is known.
 */
function unknownPathIssue(arg: string, schema: z.ZodType, path: readonly string[], from = 0): ScenarioIssue | undefined {
  let schemas: z.ZodType[] = [schema];
  for (let i = from; i < path.length; i++) {
    const step = schemas.map((s) => children(s, path[i]!));
    const next = step.flatMap((s) => s.next);
    if (next.length === 0) {
      const known = [...new Set(step.flatMap((s) => s.known))];
      return issue(arg, path.slice(0, i + 1).join('.'), msg.overrideUnknownPath(msg.suggest(path[i]!, known), known), `one of ${known.join(', ')}`, JSON.stringify(path[i]));
    }
    schemas = next;
  }
  return undefined;
}

/** The keys of the single form of teams.delivery (count, people, hours, …). */
const DELIVERY_KEYS: readonly string[] = Object.keys(DeliverySchema.shape);

/** teams.delivery.<name>…, where <name> is no key of the single form: a delivery group named in the path. */
function isGroupAddress(path: readonly string[]): boolean {
  return path.length >= 3 && path[0] === 'teams' && path[1] === 'delivery' && !DELIVERY_KEYS.includes(path[2]!);
}

/** The schemas of the field a valid path names (several for a union); none for a path the file schema (or `root`, e.g. a delivery group's) does not have. */
export function fieldSchemas(path: readonly string[], root: z.ZodType = ScenarioFileSchema): z.ZodType[] {
  let schemas: z.ZodType[] = [root];
  for (const key of path) schemas = schemas.flatMap((s) => children(s, key).next);
  return schemas;
}

/** Parses "path=value" arguments; returns the overrides and the issues of the bad ones. */
export function parseOverrides(args: readonly string[]): { overrides: Override[]; issues: ScenarioIssue[] } {
  const overrides: Override[] = [];
  const issues: ScenarioIssue[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const pathText = eq < 0 ? '' : arg.slice(0, eq).trim();
    const path = pathText.split('.');
    if (eq < 0 || pathText === '' || path.some((p) => p === '')) {
      issues.push(issue(arg, '', msg.overrideMalformed(arg), 'path=value', JSON.stringify(arg)));
      continue;
    }
    const reserved = path.findIndex((p) => RESERVED_KEYS.includes(p));
    if (reserved >= 0) {
      const key = path[reserved]!;
      issues.push(issue(arg, path.slice(0, reserved + 1).join('.'), msg.overrideReservedKey(key), 'a scenario key', JSON.stringify(key)));
      continue;
    }
    const group = isGroupAddress(path);
    const unknown = group ? undefined : unknownPathIssue(arg, ScenarioFileSchema, path);
    if (unknown !== undefined) {
      issues.push(unknown);
      continue;
    }
    try {
      overrides.push({ arg, path, value: parseYaml(arg.slice(eq + 1)) as unknown, ...(group ? { group: true as const } : {}) });
    } catch (err) {
      issues.push(issue(arg, pathText, msg.yamlSyntax((err as Error).message.split('\n')[0]!)));
    }
  }
  return { overrides, issues };
}

/** Sets an own property, even for a key such as "__proto__" (plain assignment would set the prototype). */
function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The file's contents with the overrides applied, the issues of those that cannot be, and where group overrides landed. */
export interface Applied {
  readonly raw: unknown;
  readonly issues: ScenarioIssue[];
  /** For each override into a delivery group: its path as the resolver names it ("teams.delivery[0].count") and the argument. */
  readonly located: { readonly path: string; readonly arg: string }[];
}

/**
 * A copy of the file's contents with the overrides applied in order (the input is not changed).
 * Only own properties are followed, and every key is written as an own property, so no path can
 * reach or change a prototype (and parseOverrides refuses RESERVED_KEYS before this). Sections it
 * creates are plain objects, like the parsed file's, so messages can quote them. When
 * teams.delivery is a list of groups, a path names one group (group-overrides.ts); a field of the
 * single form is refused, not applied.
 */
export function applyOverrides(raw: unknown, overrides: readonly Override[]): Applied {
  const issues: ScenarioIssue[] = [];
  const located: Applied['located'] = [];
  if (overrides.length === 0) return { raw, issues, located };
  const root: Record<string, unknown> = isMap(raw) ? structuredClone(raw) : {};
  for (const o of overrides) {
    const teams = Object.hasOwn(root, 'teams') ? root.teams : undefined;
    const delivery = isMap(teams) && Object.hasOwn(teams, 'delivery') ? teams.delivery : undefined;
    let path: readonly (string | number)[] = o.path;
    if (Array.isArray(delivery)) {
      const target = groupTarget(delivery, o.path, o.group === true);
      if (target?.kind === 'issue') {
        issues.push(issue(o.arg, target.at, target.message, target.expected, target.found));
        continue;
      }
      if (target !== undefined) {
        const unknown = unknownPathIssue(o.arg, DeliveryGroupSchema, o.path, target.named);
        if (unknown !== undefined) {
          issues.push(unknown);
          continue;
        }
        path = ['teams', 'delivery', target.index, ...target.rest];
        located.push({ path: pathText(path), arg: o.arg });
      }
    } else if (o.group === true) {
      // No groups to name: the path is an unknown key of the single form, told as any other.
      issues.push(unknownPathIssue(o.arg, ScenarioFileSchema, o.path) ?? issue(o.arg, o.path.join('.'), msg.overrideUnknownPath(undefined, [])));
      continue;
    }
    setPath(root, path, o.value);
  }
  return { raw: root, issues, located };
}

/** Sets `value` at `path`, creating plain maps on the way (an item of a list is reached by its index). */
function setPath(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let map: Record<string, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = String(path[i]!);
    const child: unknown = Object.hasOwn(map, key) ? map[key] : undefined;
    // A list is followed only to an item named by its index (a delivery group found by name).
    if (isMap(child) || (Array.isArray(child) && typeof path[i + 1] === 'number')) {
      map = child as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      setOwn(map, key, created);
      map = created;
    }
  }
  setOwn(map, String(path[path.length - 1]!), value);
}
