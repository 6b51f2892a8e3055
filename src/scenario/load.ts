// Loading a scenario: read the file → parse YAML (or JSON) keeping node positions → apply --set
// overrides → resolve (validate, fill defaults, convert units) → an immutable Scenario, or a
// ScenarioError listing every issue with its file, line and column.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isMap as isYamlMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import * as msg from './errors.js';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import { applyOverrides, overrideSource, parseOverrides } from './overrides.js';
import { IssueList, pathText, type Location, type Locator, type Path } from './reader.js';
import { resolveScenario } from './resolve.js';
import type { Scenario } from './types.js';

export interface LoadOptions {
  /** "path=value" changes, as given to --set. */
  readonly overrides?: readonly string[];
}

function fileIssue(file: string, message: string): ScenarioIssue {
  return { file, line: 0, column: 0, path: '', expected: '', found: '', message };
}

/** The text of a scenario file, or a ScenarioError saying why it cannot be read. */
function readScenarioText(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new ScenarioError([fileIssue('', msg.fileIsDirectory(file))]);
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const text = code === 'ENOENT' ? msg.fileMissing(file) : msg.fileUnreadable(file, (err as Error).message);
    throw new ScenarioError([fileIssue('', text)]);
  }
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
        const found = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
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

/** Parses scenario text (YAML or JSON) and resolves it; throws ScenarioError with every issue. */
export function parseScenarioText(text: string, fileName: string, overrides: readonly string[] = []): Scenario {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const { line, col } = counter.linePos(e.pos[0]);
        const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return { file: fileName, line, column: col, path: '', expected: '', found: '', message: msg.yamlSyntax(detail) };
      }),
    );
  }
  const parsed = parseOverrides(overrides);
  const overridden = new Map(parsed.overrides.map((o) => [o.path.join('.'), o.arg] as const));
  const list = new IssueList(yamlLocator(doc, counter, fileName, overridden));
  list.issues.push(...parsed.issues);
  const raw = applyOverrides(doc.toJS({ maxAliasCount: 100 }) as unknown, parsed.overrides);
  const scenario = resolveScenario(raw, list);
  if (scenario === undefined || list.issues.length > 0) throw new ScenarioError(list.issues);
  return scenario;
}

/** Reads and resolves a scenario file; throws ScenarioError (file, line, column of every issue). */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return parseScenarioText(readScenarioText(file), file, options.overrides ?? []);
}

/** A scenario with the exact text it was read from (and that text's SHA-256, for summary.json). */
export interface ScenarioSource {
  readonly scenario: Scenario;
  readonly text: string;
  readonly sha256: string;
}

/** Reads the file once and resolves that text: the hash is of exactly what will be simulated. */
export function loadScenarioSource(file: string, options: LoadOptions = {}): ScenarioSource {
  const text = readScenarioText(file);
  const scenario = parseScenarioText(text, file, options.overrides ?? []);
  return { scenario, text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** The issues of a scenario file, sorted by line; empty when it is valid. */
export function validateScenarioFile(file: string, options: LoadOptions = {}): readonly ScenarioIssue[] {
  try {
    loadScenario(file, options);
    return [];
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues;
    throw err;
  }
}
