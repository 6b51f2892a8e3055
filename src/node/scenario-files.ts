// Scenario files from disk: the Node side of the scenario loader (scenario/load.ts reads the bases a
// file extends through a ScenarioFiles adapter, diskFiles here). A file must be a regular file of at
// most MAX_FILE_BYTES in UTF-8; paths in `extends` are relative to the extending file's folder.
// Also the SHA-256 of what was read, for summary.json.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as msg from '../scenario/errors.js';
import { ScenarioError, type ScenarioIssue } from '../scenario/errors.js';
import { MAX_FILE_BYTES } from '../scenario/limits.js';
import { decodeText, fileIssue, parseWithBases, type LoadOptions, type ScenarioFiles } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import type { StudySections } from '../scenario/levers.js';

/** What a file that is not a regular file is, for the message. */
function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * The text of a scenario file, or a ScenarioError saying why it cannot be read: missing, not a
 * regular file (directories, FIFOs, devices such as /dev/zero are refused before they are opened),
 * larger than MAX_FILE_BYTES (refused before it is parsed), or not UTF-8.
 */
export function readScenarioText(file: string): string {
  let bytes: Buffer;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new ScenarioError([fileIssue('', msg.fileIsDirectory(file))]);
    if (!stats.isFile()) throw new ScenarioError([fileIssue('', msg.notRegularFile(file, fileKind(stats)))]);
    if (stats.size > MAX_FILE_BYTES) throw new ScenarioError([fileIssue('', msg.fileTooLarge(file, stats.size, MAX_FILE_BYTES))]);
    bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES) throw new ScenarioError([fileIssue('', msg.fileTooLarge(file, bytes.length, MAX_FILE_BYTES))]);
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const text = code === 'ENOENT' ? msg.fileMissing(file) : msg.fileUnreadable(file, (err as Error).message);
    throw new ScenarioError([fileIssue('', text)]);
  }
  return decodeText(file, bytes);
}

/** Scenario files on disk, for the loader. */
export const diskFiles: ScenarioFiles = {
  read: readScenarioText,
  base: (from, target) => (isAbsolute(target) ? target : join(dirname(from), target)),
  key: (file) => resolve(file),
};

/** Parses scenario text (YAML or JSON) and resolves it; throws ScenarioError with every issue. */
export function parseScenarioText(text: string, fileName: string, overrides: readonly string[] = []): Scenario {
  return parseWithBases(text, fileName, overrides, diskFiles).scenario;
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
  /** Its levers, objective and constraints (for orisim optimise; empty when it has none). */
  readonly study: StudySections;
}

/** Reads the file once and resolves that text: the hash is of exactly what will be simulated. */
export function loadScenarioSource(file: string, options: LoadOptions = {}): ScenarioSource {
  const text = readScenarioText(file);
  const { scenario, baseTexts, study } = parseWithBases(text, file, options.overrides ?? [], diskFiles);
  // With bases, the hash covers the file's text followed by each base's text, in chain order.
  const hash = createHash('sha256').update(text);
  for (const base of baseTexts) hash.update(base);
  return { scenario, text, sha256: hash.digest('hex'), study };
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
