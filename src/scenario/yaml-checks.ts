// What the YAML parser accepts but a scenario file cannot hold, found before the document is
// turned into plain values, each reported at its line and column: a second document, a map or
// list used as a key, an alias whose anchor is not defined before it, and more alias expansions
// than the loader allows (an "alias bomb" that would grow exponentially). In a base of `extends`
// (`inBase`), the parser's own message and an alias's name, which quote the file, are left out.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type LineCounter } from 'yaml';
import * as msg from './errors.js';
import type { ScenarioIssue } from './errors.js';

/** Alias expansions allowed when the document is turned into values (yaml's maxAliasCount). */
export const MAX_ALIAS_COUNT = 100;

function issueAt(file: string, counter: LineCounter, offset: number, message: string): ScenarioIssue {
  const { line, col } = counter.linePos(offset);
  return { file, line, column: col, path: '', expected: '', found: '', message };
}

/** The parser's own errors, in plain words where the parser's wording is meant for programmers. */
export function yamlErrorIssues(doc: Document, counter: LineCounter, file: string, inBase = false): ScenarioIssue[] {
  return doc.errors.map((e) => {
    if (e.code === 'MULTIPLE_DOCS') return issueAt(file, counter, e.pos[0], msg.multipleDocuments());
    if (inBase) return issueAt(file, counter, e.pos[0], msg.yamlSyntaxInBase());
    const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return issueAt(file, counter, e.pos[0], msg.yamlSyntax(detail));
  });
}

/** Complex keys and undefined aliases, in document order. */
export function yamlStructureIssues(doc: Document, counter: LineCounter, file: string, inBase = false): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const anchors = new Set<string>();
  if (doc.contents === null) return issues;
  visit(doc, (_key, node) => {
    if (isMap(node)) {
      // The parser's own duplicate-key check is quadratic in the number of keys; this one is linear.
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) issues.push(issueAt(file, counter, pair.key.range?.[0] ?? 0, msg.yamlSyntax('Map keys must be unique')));
        seen.add(pair.key.value);
      }
      return undefined;
    }
    if (isPair(node)) {
      if (isCollection(node.key)) issues.push(issueAt(file, counter, node.key.range?.[0] ?? 0, msg.complexKey(isSeq(node.key) ? 'a list' : 'a map')));
      return undefined;
    }
    if (isAlias(node)) {
      if (!anchors.has(node.source)) issues.push(issueAt(file, counter, node.range?.[0] ?? 0, inBase ? msg.undefinedAliasInBase() : msg.undefinedAlias(node.source)));
      return undefined;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor !== undefined) anchors.add(anchor);
    return undefined;
  });
  return issues;
}

/** The first alias of the document (where an alias bomb is reported). */
export function firstAliasOffset(doc: Document): number {
  let offset = 0;
  if (doc.contents === null) return offset;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    }
    return undefined;
  });
  return offset;
}

/** Plain values of a checked document; an alias bomb becomes a located issue, not an exception. */
export function yamlToValues(doc: Document, counter: LineCounter, file: string, inBase = false): { value: unknown } | { issue: ScenarioIssue } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/alias/i.test(text)) return { issue: issueAt(file, counter, firstAliasOffset(doc), msg.tooManyAliases(MAX_ALIAS_COUNT)) };
    return { issue: issueAt(file, counter, 0, inBase ? msg.yamlSyntaxInBase() : msg.yamlSyntax(text.split('\n')[0]!)) };
  }
}
