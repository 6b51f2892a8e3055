// Loading a scenario from its text: parse YAML (or JSON) keeping node positions → read the bases
// it extends (through a ScenarioFiles adapter; node/scenario-files.ts reads them from disk) →
// apply --set overrides → resolve (validate, fill defaults, convert units) → an immutable
// Scenario, or a ScenarioError listing every issue with its file, line and column.
import { isMap as isYamlMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import * as msg from './errors.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { deepMerge, MAX_EXTENDS_DEPTH, valueAt, withoutExtends } from './extends.js';
import { applyOverrides, overrideSource, parseOverrides } from './overrides.js';
import { IssueList, pathText, type Location, type Locator, type Path } from './reader.js';
import { readStudySections, type StudySections } from './levers.js';
import { resolveScenario } from './resolve.js';
import { readUncertain, type ResolveWith } from './uncertain.js';
import { keysOf, ScenarioFileSchema } from './schema.js';
import type { Scenario } from './types.js';
import { yamlErrorIssues, yamlStructureIssues, yamlToValues } from './yaml-checks.js';

export interface LoadOptions {
  /** "path=value" changes, as given to --set. */
  readonly overrides?: readonly string[];
}


/** How the loader reaches the bases a scenario extends (node/scenario-files.ts: the file system). */
export interface ScenarioFiles {
  /** The text of a scenario file, or a ScenarioError saying why it cannot be read. */
  read(file: string): string;
  /** The file `target` names in an `extends` of `from`: relative to the folder of `from`, or absolute. */
  base(from: string, target: string): string;
  /** What identifies a file whatever the path it is reached by (an absolute path): finds cycles of extends. */
  key(file: string): string;
}

export function fileIssue(file: string, message: string): ScenarioIssue {
  return { file, line: 0, column: 0, path: '', expected: '', found: '', message };
}

/** UTF-8 text of a file's bytes, or why it is not (UTF-16 and other encodings are refused). */
export function decodeText(file: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ScenarioError([fileIssue('', msg.notUtf8(file, 'it is UTF-16 text (it starts with a UTF-16 byte order mark)'))]);
  }
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) {
    throw new ScenarioError([fileIssue('', msg.notUtf8(file, 'it looks like UTF-16 text (every other byte is 0)'))]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a UTF-8 byte order mark
  } catch {
    throw new ScenarioError([fileIssue('', msg.notUtf8(file, 'it is not UTF-8 text'))]);
  }
}

/** A map's pairs by key text, built once per map: locating thousands of issues stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const p of map.items) {
      // The first pair wins, as the first match did (duplicate keys are reported by the parser).
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** Maps a scenario path to the position of its node in the YAML document. */
function yamlLocator(doc: Document, counter: LineCounter, file: string, overridden: ReadonlyMap<string, string>): Locator {
  const at = (offset: number): Location => {
    const { line, col } = counter.linePos(offset);
    return { file, line, column: col };
  };
  return (path: Path, target): Location => {
    const text = pathText(path);
    for (const [overridePath, arg] of overridden) {
      if (text === overridePath || text.startsWith(`${overridePath}.`) || text.startsWith(`${overridePath}[`)) {
        return { file: overrideSource(arg), line: 0, column: 0 };
      }
    }
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    let depth = 0;
    for (const key of path) {
      let next: unknown;
      if (isYamlMap(node)) {
        const found = pairsOf(node).get(String(key));
        if (found) {
          pair = found;
          next = found.value;
        }
      } else if (isSeq(node) && typeof key === 'number') {
        next = node.items[key];
      }
      if (next === undefined || next === null) break;
      node = next;
      depth++;
    }
    const complete = depth === path.length;
    if (complete && target === 'key' && pair && (pair.key as Node | null)?.range) return at((pair.key as Node).range![0]);
    if (complete && target === 'value') return at((node as Node).range?.[0] ?? 0);
    // A missing key, or a value that is not in the file: point at the deepest key that is.
    if (!complete && pair && (pair.key as Node | null)?.range) return at((pair.key as Node).range![0]);
    return at((node as Node | null)?.range?.[0] ?? 0);
  };
}

/** One file of a chain of `extends`: its values and where each of its paths is. */
interface Layer {
  readonly file: string;
  readonly text: string;
  readonly values: unknown;
  readonly locator: Locator;
}

/**
 * Parses one file's text (YAML or JSON) into plain values and a locator; throws ScenarioError. For
 * a base (`inBase`), the parser's messages and alias names, which may quote the file, are left out.
 */
function parseLayer(text: string, fileName: string, overridden: ReadonlyMap<string, string>, inBase = false): Layer {
  const counter = new LineCounter();
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const col = nul - before.lastIndexOf('\n');
    throw new ScenarioError([{ file: fileName, line, column: col, path: '', expected: 'text', found: 'a NUL character', message: msg.nulCharacter() }]);
  }
  // logLevel 'error': no Node warnings on stderr (complex keys are reported as issues instead).
  // uniqueKeys false: duplicate keys are found by yamlStructureIssues, in linear time.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, logLevel: 'error', uniqueKeys: false });
  if (doc.errors.length > 0) throw new ScenarioError(yamlErrorIssues(doc, counter, fileName, inBase));
  const structure = yamlStructureIssues(doc, counter, fileName, inBase);
  if (structure.length > 0) throw new ScenarioError(structure);
  const values = yamlToValues(doc, counter, fileName, inBase);
  if ('issue' in values) throw new ScenarioError([values.issue]);
  return { file: fileName, text, values: values.value, locator: yamlLocator(doc, counter, fileName, overridden) };
}

/** Top-level keys of a scenario file. */
const SCENARIO_KEYS = keysOf(ScenarioFileSchema);

/**
 * Why a base is not a scenario file — not a map (an empty file, a text, a list, a number), an
 * empty map, or a map with keys that are not scenario settings (a password file, a private key,
 * another tool's configuration) — told by kind and position only; undefined when it is one.
 */
function notAScenario(layer: Layer): string | undefined {
  const values = layer.values;
  if (values === undefined || values === null) return 'an empty file';
  if (typeof values !== 'object' || Array.isArray(values) || values instanceof Date || Object.keys(values).length === 0) return msg.describeKind(values);
  const others = Object.keys(values).filter((key) => !SCENARIO_KEYS.includes(key));
  if (others.length === 0) return undefined;
  const { line, column } = layer.locator([others[0]!], 'key');
  return msg.otherKeys(others.length, line, column, msg.suggest(others[0]!, SCENARIO_KEYS));
}

/**
 * The file and the chain of bases it extends, the file first. A base is read like any scenario
 * file (the same size, encoding and regular-file checks) and must be a scenario file (a map of
 * scenario settings only); a missing, unreadable or non-scenario base, a cycle and a chain longer
 * than MAX_EXTENDS_DEPTH are reported at the `extends` line that names it. A value of a base
 * (an `extends` that is not a path) is told by its kind only.
 */
function readLayers(text: string, fileName: string, overridden: ReadonlyMap<string, string>, files: ScenarioFiles): Layer[] {
  const layers: Layer[] = [parseLayer(text, fileName, overridden)];
  const seen = [files.key(fileName)];
  for (;;) {
    const layer = layers[layers.length - 1]!;
    const values = layer.values;
    if (typeof values !== 'object' || values === null || Array.isArray(values) || !Object.hasOwn(values, 'extends')) return layers;
    const target = (values as Record<string, unknown>).extends;
    const fail = (message: string, expected: string): never => {
      const { inBase: _kind, ...at } = layer.locator(['extends'], 'value');
      throw new ScenarioError([{ ...at, path: 'extends', expected, found: '', message }]);
    };
    if (typeof target !== 'string' || target.trim() === '') {
      const found = layers.length > 1 ? msg.hiddenValue(msg.describeKind(target)) : msg.describeValue(target);
      return fail(msg.expectedGot(msg.EXPECT.baseFile, found), msg.EXPECT.baseFile);
    }
    const baseFile = files.base(layer.file, target.trim());
    if (seen.includes(files.key(baseFile))) {
      const chain = [...layers.map((l) => l.file), baseFile].join(' → ');
      return fail(`expected a base that does not lead back to this file, got a cycle of extends: ${chain}`, 'a base outside the chain');
    }
    if (layers.length >= MAX_EXTENDS_DEPTH) {
      return fail(`expected at most ${MAX_EXTENDS_DEPTH} files in a chain of extends, got more (${layers.map((l) => l.file).join(' → ')} → …)`, `at most ${MAX_EXTENDS_DEPTH} files`);
    }
    let baseText: string;
    try {
      baseText = files.read(baseFile);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      return fail(`base of extends: ${err.issues[0]?.message ?? 'cannot be read'}`, msg.EXPECT.baseFile);
    }
    seen.push(files.key(baseFile));
    const base = parseLayer(baseText, baseFile, overridden, true);
    const problem = notAScenario(base);
    if (problem !== undefined) return fail(msg.notAScenario(baseFile, problem), 'a map of scenario settings');
    layers.push(base);
  }
}

/**
 * Locates a path in the first file of the chain that gives it (the extending file before its
 * bases); in a base, the location carries the kind of value there, so that messages do not quote it.
 */
function layeredLocator(layers: readonly Layer[]): Locator {
  if (layers.length === 1) return layers[0]!.locator;
  return (path, target) => {
    for (let i = 0; i < layers.length; i++) {
      const found = valueAt(layers[i]!.values, path);
      if (found === undefined) continue;
      const at = layers[i]!.locator(path, target);
      // A --set argument is named instead of a line: its value is the user's own, not the base's.
      return i === 0 || at.line === 0 ? at : { ...at, inBase: msg.describeKind(found.value) };
    }
    return layers[0]!.locator(path, target);
  };
}

/**
 * Resolves scenario text and the bases it extends (read through `files`); throws ScenarioError with
 * every issue. Returns the texts of the bases too, in chain order, for the hash.
 */
export function parseWithBases(text: string, fileName: string, overrides: readonly string[], files: ScenarioFiles): { scenario: Scenario; baseTexts: string[]; study: StudySections } {
  const parsed = parseOverrides(overrides);
  // Paths an override set, to locate the resolver's issues there; overrides into a delivery group
  // are added once applied (the resolver names them by index: teams.delivery[1].count).
  const overridden = new Map(parsed.overrides.filter((o) => o.group !== true).map((o) => [o.path.join('.'), o.arg] as const));
  const layers = readLayers(text, fileName, overridden, files);
  let merged: unknown = withoutExtends(layers[layers.length - 1]!.values);
  for (let i = layers.length - 2; i >= 0; i--) merged = deepMerge(merged, withoutExtends(layers[i]!.values));
  const locator = layeredLocator(layers);
  const list = new IssueList(locator);
  list.issues.push(...parsed.issues);
  const applied = applyOverrides(merged, parsed.overrides);
  list.issues.push(...applied.issues);
  for (const { path, arg } of applied.located) overridden.set(path, arg);
  const { uncertain, raw } = withoutUncertain(applied.raw);
  const scenario = resolveScenario(raw, list);
  const study = readStudySections(list, raw, locator);
  if (scenario === undefined || list.issues.length > 0) throw new ScenarioError(list.issues);
  const baseTexts = layers.slice(1).map((l) => l.text);
  if (uncertain === undefined) return { scenario, baseTexts, study };
  const { inputs, correlations } = readUncertain(list, uncertain, resolverWith(raw));
  if (list.issues.length > 0) throw new ScenarioError(list.issues);
  if (inputs.length === 0) return { scenario, baseTexts, study };
  const withCorrelations = correlations.length > 0 ? { uncertainCorrelations: Object.freeze(correlations) } : {};
  return { scenario: Object.freeze({ ...scenario, uncertain: Object.freeze(inputs), ...withCorrelations }), baseTexts, study };
}

/**
 * A loader of one file's scenario with any overrides, for the hundreds of input sets of a study:
 * the file and its bases are read and parsed once; each call applies its overrides (told as
 * --set arguments in issues) and resolves. `uncertain:` is left out. Throws ScenarioError.
 */
export function scenarioWithOverrides(text: string, fileName: string, files: ScenarioFiles): (overrides: readonly string[]) => Scenario {
  const layers = readLayers(text, fileName, new Map(), files);
  let merged: unknown = withoutExtends(layers[layers.length - 1]!.values);
  for (let i = layers.length - 2; i >= 0; i--) merged = deepMerge(merged, withoutExtends(layers[i]!.values));
  const { raw: base } = withoutUncertain(merged);
  const locator = layeredLocator(layers);
  return (overrides) => {
    const parsed = parseOverrides(overrides);
    const applied = applyOverrides(base, parsed.overrides);
    const overridden = [...applied.located.map((l) => [l.path, l.arg] as const), ...parsed.overrides.map((o) => [o.path.join('.'), o.arg] as const)];
    const list = new IssueList((path, target) => {
      const text = pathText(path);
      const hit = overridden.find(([p]) => text === p || text.startsWith(`${p}.`) || text.startsWith(`${p}[`));
      return hit === undefined ? locator(path, target) : { file: overrideSource(hit[1]), line: 0, column: 0 };
    });
    list.issues.push(...parsed.issues, ...applied.issues);
    const scenario = resolveScenario(applied.raw, list);
    if (scenario === undefined || list.issues.length > 0) throw new ScenarioError(list.issues);
    return scenario;
  };
}

/** The file's values without `uncertain:` (which only `orisim uncertainty` reads), and that section. */
function withoutUncertain(raw: unknown): { uncertain: unknown; raw: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.hasOwn(raw, 'uncertain')) return { uncertain: undefined, raw };
  const { uncertain, ...rest } = raw as Record<string, unknown>;
  return { uncertain, raw: rest };
}

/** Resolves the values with one more field set: the first issue's message, or the resolved scenario as JSON. */
function resolverWith(raw: unknown): ResolveWith {
  return (path, value, group) => {
    const list = new IssueList(() => ({ file: '', line: 0, column: 0 }));
    const applied = applyOverrides(raw, [{ arg: '', path, value, ...(group ? { group: true as const } : {}) }]);
    list.issues.push(...applied.issues);
    const scenario = list.issues.length > 0 ? undefined : resolveScenario(applied.raw, list);
    return scenario === undefined || list.issues.length > 0 ? { issue: list.issues[0]?.message ?? 'not a valid value' } : { resolved: JSON.stringify(scenario) };
  };
}
