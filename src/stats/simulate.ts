// The core in one call, for any caller (a browser page, a bundle, the API): scenario text → the
// summary that summary.json holds. Parses the text with the core's loader (no file system: a
// scenario that extends a base needs `files`), runs every replication on this thread (the serial
// executor) and summarises them (stats/run-summary.ts). Imports nothing from Node.
import { fileIssue, parseWithBases, type ScenarioFiles } from '../scenario/load.js';
import { ScenarioError } from '../scenario/errors.js';
import { runReplications, type Executor } from '../run/replications.js';
import { buildSummary } from './run-summary.js';
import type { Summary } from './summary-types.js';

export interface SimulateOptions {
  /** Replications of each variant (default: the scenario's). */
  readonly replications?: number;
  /** The seed (default: the scenario's). */
  readonly seed?: number;
  /** The file name the text is reported under, in error messages and summary.json (default "scenario.yaml"). */
  readonly file?: string;
  /** "path=value" changes, as --set gives them. */
  readonly overrides?: readonly string[];
  /** How the bases the scenario extends are read (default: none can be; an `extends` is an error). */
  readonly files?: ScenarioFiles;
  /** The package version written in the summary (default ""; the CLI writes its own). */
  readonly version?: string;
  /** Runs the replications (default: one after the other on this thread). */
  readonly executor?: Executor;
}

/** No files: the loader reports an `extends` as a base that cannot be read. */
export const NO_FILES: ScenarioFiles = {
  read: (file) => {
    throw new ScenarioError([fileIssue('', `cannot read ${file}: no scenario files here (give the scenario with its bases merged)`)]);
  },
  base: (_from, target) => target,
  key: (file) => file,
};

/** SHA-256 of text as UTF-8, in hex (Web Crypto: the same in Node and in a browser). */
async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Simulates scenario text and returns its summary: the object summary.json holds for the same
 * text, replications and seed (its `sha256` hashes the text itself, as `orisim run` does). Throws ScenarioError when the text is not a valid scenario.
 */
export async function simulate(text: string, options: SimulateOptions = {}): Promise<Summary> {
  const file = options.file ?? 'scenario.yaml';
  const { scenario: parsed } = parseWithBases(text, file, options.overrides ?? [], options.files ?? NO_FILES);
  const scenario = {
    ...parsed,
    ...(options.replications !== undefined ? { replications: options.replications } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  if (!Number.isInteger(scenario.replications) || scenario.replications < 1) {
    throw new RangeError(`replications: expected a positive integer, got ${scenario.replications}`);
  }
  if (!Number.isSafeInteger(scenario.seed)) throw new RangeError(`seed: expected an integer, got ${scenario.seed}`);
  const result = await runReplications(scenario, options.executor ? { executor: options.executor } : {});
  return buildSummary(result, { file, sha256: await sha256Hex(text), version: options.version ?? '' });
}
