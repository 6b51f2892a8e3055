// --set path=value: a change to one field of a scenario file, given on the command line. The
// path is checked against the file schema (unknown keys get a suggestion); the value is read as a
// YAML scalar or flow collection ("25", "2d", "[tue, thu]") and then validated like the file.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import * as msg from './errors.js';
import type { ScenarioIssue } from './errors.js';
import { isMap } from './reader.js';
import { ScenarioFileSchema } from './schema.js';

export interface Override {
  /** The argument as given, e.g. "teams.delivery.count=25"; issues name it as their file. */
  readonly arg: string;
  readonly path: readonly string[];
  readonly value: unknown;
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

/** The schemas of the field a valid path names (several for a union); none for a path the file schema does not have. */
export function fieldSchemas(path: readonly string[]): z.ZodType[] {
  let schemas: z.ZodType[] = [ScenarioFileSchema];
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
    let schemas: z.ZodType[] = [ScenarioFileSchema];
    let unknown = false;
    for (let i = 0; i < path.length && !unknown; i++) {
      const step = schemas.map((s) => children(s, path[i]!));
      const next = step.flatMap((s) => s.next);
      if (next.length === 0) {
        const known = [...new Set(step.flatMap((s) => s.known))];
        issues.push(issue(arg, path.slice(0, i + 1).join('.'), msg.overrideUnknownPath(msg.suggest(path[i]!, known), known), `one of ${known.join(', ')}`, JSON.stringify(path[i])));
        unknown = true;
      }
      schemas = next;
    }
    if (unknown) continue;
    try {
      overrides.push({ arg, path, value: parseYaml(arg.slice(eq + 1)) as unknown });
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

/**
 * A copy of the file's contents with the overrides applied (the input is not changed). Only own
 * properties are followed, and every key is written as an own property, so no path can reach or
 * change a prototype (and parseOverrides refuses RESERVED_KEYS before this). Sections it creates
 * are plain objects, like the parsed file's, so messages can quote them.
 */
export function applyOverrides(raw: unknown, overrides: readonly Override[]): unknown {
  if (overrides.length === 0) return raw;
  const root: Record<string, unknown> = isMap(raw) ? structuredClone(raw) : {};
  for (const { path, value } of overrides) {
    let map = root;
    for (const key of path.slice(0, -1)) {
      const child = Object.hasOwn(map, key) ? map[key] : undefined;
      if (isMap(child)) {
        map = child;
      } else {
        const created: Record<string, unknown> = {};
        setOwn(map, key, created);
        map = created;
      }
    }
    setOwn(map, path[path.length - 1]!, value);
  }
  return root;
}
