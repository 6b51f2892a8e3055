// loadScenario: a scenario file (or scenario text) read, its `extends` bases resolved, `set`
// overrides applied and validated — the first step of every command. The result keeps the text and
// its SHA-256 (what summary.json and the output folders record) and the overrides, so that a sweep
// can make one scenario per value from the same reading.
import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { loadScenarioSource, diskFiles } from '../node/scenario-files.js';
import { parseWithBases } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';

/** A validated scenario with what it was read from. */
export interface LoadedScenario {
  /** The validated, fully defaulted scenario. */
  readonly scenario: Scenario;
  /** The file as outputs show it: relative to the working folder (as given for text). */
  readonly file: string;
  /** The text it was read from (the file's own, without its bases). */
  readonly text: string;
  /** SHA-256 of the text followed by each base's text in chain order (summary.json's `scenario.sha256`). */
  readonly sha256: string;
  /** The `set` overrides applied, in order. */
  readonly set: readonly string[];
}

export interface LoadScenarioOptions {
  /** Overrides, as the command line's `--set`: `teams.delivery.count=25`, applied in order. */
  set?: readonly string[] | undefined;
}

/** Scenario text given directly, with the file name it is told as (bases in `extends` are read relative to it). */
export interface ScenarioText {
  text: string;
  file: string;
}

/** A scenario file as outputs show it: relative to the working folder. */
export function shownFile(file: string): string {
  return relative(process.cwd(), resolve(file)) || file;
}

/**
 * Reads a scenario file (or takes its text), resolves its bases, applies `set` and validates it.
 * Throws ScenarioError listing every issue with its file, line and column.
 */
export function loadScenario(source: string | ScenarioText, options: LoadScenarioOptions = {}): LoadedScenario {
  const set = [...(options.set ?? [])];
  if (typeof source === 'string') {
    const { scenario, text, sha256 } = loadScenarioSource(source, { overrides: set });
    return { scenario, file: shownFile(source), text, sha256, set };
  }
  const { scenario, baseTexts } = parseWithBases(source.text, source.file, set, diskFiles);
  const hash = createHash('sha256').update(source.text);
  for (const base of baseTexts) hash.update(base);
  return { scenario, file: source.file, text: source.text, sha256: hash.digest('hex'), set };
}
