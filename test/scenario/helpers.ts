// Test helpers: load scenario text and return the formatted errors.
import { readFileSync } from 'node:fs';
import { formatScenarioError } from '../../src/scenario/index.js';
import { parseScenarioText } from '../../src/node/scenario-files.js';

export const DEFAULT_FILE = 'scenarios/ops-run-it.yaml';
export const DEFAULT_TEXT = readFileSync(DEFAULT_FILE, 'utf8');

/** The formatted errors of a scenario text, or "" when it loads. */
export function errorsOf(text: string, file = 'scenarios/acme.yaml', overrides: string[] = []): string {
  try {
    parseScenarioText(text, file, overrides);
    return '';
  } catch (err) {
    return formatScenarioError(err);
  }
}

/** The default scenario with one line replaced (the first line containing `from`). */
export function edit(from: string, to: string): string {
  if (!DEFAULT_TEXT.includes(from)) throw new Error(`default scenario has no "${from}"`);
  return DEFAULT_TEXT.replace(from, to);
}

/** 1-based line number of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
