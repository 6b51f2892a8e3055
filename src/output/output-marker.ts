// The marker file that makes a folder recognisably orisim's own: `.orisim-output`, written last into
// every output folder, names the run (command, scenarios, seed, version) and lists every file the
// run wrote. A later run replaces a folder only while it holds nothing but files its marker lists;
// anything else in it (a user's notes, a symbolic link, a stray folder) makes orisim refuse.
// A shard folder (--shard I/N) is replaced only by another shard run, and no folder that holds
// another output folder (a marker or a shard.json below its top) is ever replaced, whatever its
// marker lists: replacing it would delete a run the user may still need to merge.
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VERSION } from './version.js';

export const MARKER_FILE = '.orisim-output';
/** The manifest of a shard folder (shard-folder.ts): a folder holding one is a shard folder, marker or not. */
export const SHARD_MANIFEST = 'shard.json';
/** The value of the marker's `orisim` key; a JSON file without it is not a marker. */
const MARKER_KIND = 'output folder';
/** A marker larger than this is not one orisim wrote (a run writes a few kilobytes). */
const MAX_MARKER_BYTES = 1024 * 1024;
/** Folders with more entries than this are refused without looking further. */
const MAX_ENTRIES = 10_000;

/** What a run says about itself in its marker (besides the version and the file list). */
export interface OutputIdentity {
  command: 'run' | 'compare' | 'sweep' | 'calibrate' | 'backtest' | 'uncertainty' | 'optimise' | 'workshop';
  scenarios: readonly { name: string; sha256: string }[];
  seed: number;
  replications: number;
  /** sweep only: the parameter and its values. */
  param?: string;
  values?: readonly string[];
  /** A shard folder (`--shard I/N`): "I/N". */
  shard?: string;
}

/** Every file below `dir` (relative paths with `/`, sorted), or a problem: a link or special file. */
function listFiles(dir: string): { files: string[]; dirs: string[] } | { problem: string } {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (abs: string, rel: string): string | undefined => {
    const entries = readdirSync(abs).sort();
    if (files.length + dirs.length + entries.length > MAX_ENTRIES) return `more than ${MAX_ENTRIES} entries`;
    for (const e of entries) {
      const r = rel === '' ? e : `${rel}/${e}`;
      const st = lstatSync(join(abs, e));
      if (st.isDirectory()) {
        dirs.push(r);
        const p = walk(join(abs, e), r);
        if (p !== undefined) return p;
      } else if (st.isFile()) files.push(r);
      else return `${r} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}`;
    }
    return undefined;
  };
  const problem = walk(dir, '');
  return problem === undefined ? { files, dirs } : { problem };
}

/** Writes the marker into a finished folder: the identity, the version and every file in it. */
export function writeMarker(dir: string, identity: OutputIdentity): void {
  const listed = listFiles(dir);
  if ('problem' in listed) throw new Error(`output folder ${dir}: ${listed.problem}`);
  const marker = { orisim: MARKER_KIND, version: VERSION, ...identity, files: listed.files.filter((f) => f !== MARKER_FILE) };
  writeFileSync(join(dir, MARKER_FILE), JSON.stringify(marker, null, 2) + '\n');
}

/** The files a marker lists (and the shard it names, if any), or undefined when the file is not a marker orisim wrote. */
function readMarker(dir: string): { files: Set<string>; shard: string | undefined } | undefined {
  const path = join(dir, MARKER_FILE);
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size > MAX_MARKER_BYTES) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as { orisim?: unknown; files?: unknown; shard?: unknown };
    if (m.orisim !== MARKER_KIND || !Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) return undefined;
    return { files: new Set(m.files as string[]), shard: typeof m.shard === 'string' ? m.shard : undefined };
  } catch {
    return undefined;
  }
}

/**
 * "I/N" when the folder `dir` is a shard folder: its marker names a shard, or it holds a shard.json
 * (a marker can be deleted or edited; "?/?" when only shard.json says so). Undefined otherwise.
 */
export function shardFolderMark(dir: string): string | undefined {
  const marked = readMarker(dir)?.shard;
  if (marked !== undefined) return marked;
  return lstatSync(join(dir, SHARD_MANIFEST), { throwIfNoEntry: false }) === undefined ? undefined : '?/?';
}

/** Top-level files of output folders written before the marker existed (orisim 0.1.0). */
const UNMARKED_FILES = new Set([
  'summary.json', 'changes.csv', 'events.csv', 'stages.csv', 'replications.csv', 'costs.csv', 'wip.csv',
  'comparison.json', 'comparison.csv', 'sweep.json', 'sweep.csv', 'report.html',
]);
const UNMARKED_RESULTS = ['summary.json', 'comparison.json', 'sweep.json'];
const UNMARKED_CHART = /^charts\/[A-Za-z0-9-]+\.(vl\.json|svg|png)$/;

/** Up to three names, quoted, then "and N more". */
function some(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => JSON.stringify(n)).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * Why the existing folder `dir` may not be replaced, or undefined if it may: it is empty, or it
 * holds nothing but the files its marker lists (and the marker), or it has no marker but holds
 * only the files an earlier orisim (before the marker) wrote, one of them its results file.
 */
export function replaceRefusal(dir: string): string | undefined {
  const listed = listFiles(dir);
  if ('problem' in listed) return `it holds something orisim never writes (${listed.problem})`;
  const { files, dirs } = listed;
  if (files.length === 0 && dirs.length === 0) return undefined;
  // Another output folder inside this one (orisim never writes one there): never replaced.
  const inner = files.find((f) => f.includes('/') && (f.endsWith(`/${MARKER_FILE}`) || f.endsWith(`/${SHARD_MANIFEST}`)));
  if (inner !== undefined) {
    const folder = dirname(inner);
    const kind = shardFolderMark(join(dir, folder)) === undefined ? 'another orisim output folder' : 'the shard folder';
    return `it holds ${kind} ${JSON.stringify(folder)}`;
  }
  const marked = readMarker(dir)?.files;
  if (marked !== undefined) {
    const known = new Set([...marked, MARKER_FILE]);
    const folders = new Set([...marked].flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const foreign = [...files.filter((f) => !known.has(f)), ...dirs.filter((d) => !folders.has(d))];
    return foreign.length === 0 ? undefined : `it holds files orisim did not write: ${some(foreign)}`;
  }
  const foreign = [
    ...files.filter((f) => !UNMARKED_FILES.has(f) && !UNMARKED_CHART.test(f)),
    ...dirs.filter((d) => d !== 'charts'),
  ];
  if (foreign.length === 0 && files.some((f) => UNMARKED_RESULTS.includes(f))) return undefined;
  return foreign.length > 0
    ? `it is not an orisim output folder (no valid ${MARKER_FILE} marker) and holds ${some(foreign)}`
    : `it is not an orisim output folder (no valid ${MARKER_FILE} marker, no ${UNMARKED_RESULTS.join(', ')})`;
}
