// The metrics of an uncertainty study's shard (`orisim uncertainty … --shard I/N`): metrics.bin holds,
// for each design and each metric (in study/metrics.ts's STUDY_METRICS order), one Float64Array of
// the shard's block of input sets × replications (set by set, replication by replication), as
// Node's structured-clone serialisation (node:v8 serialize): every number kept bit for bit (NaN, -0,
// infinities), so that merged metrics are the ones one machine holds. Read as hostile input: its
// size bounded by the shape the plan gives, checked against the manifest's SHA-256, then to be
// exactly that shape (a list of that many Float64Arrays of that length); any problem is a
// ShardError naming the shard folder and the file.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { STUDY_METRICS, type StudyMetric } from '../study/metrics.js';
import type { StudyMetrics } from '../study/runner.js';
import { checkSha256, STUDY_METRICS_FILE, type ShardManifest } from './shard-folder.js';
import { readShardFile, ShardError } from './shard-files.js';

/** Writes metrics.bin: the block's metrics[design][metric][set][replication] as one column per design and metric. */
export function writeStudyMetrics(dir: string, metrics: StudyMetrics, sets: number, replications: number): void {
  const columns = metrics.flatMap((byMetric) =>
    STUDY_METRICS.map((m) => {
      const column = new Float64Array(sets * replications);
      for (let i = 0; i < sets; i++) column.set(byMetric[m][i]!, i * replications);
      return column;
    }),
  );
  writeFileSync(join(dir, STUDY_METRICS_FILE), serialize(columns));
}

/** The shape a shard's metrics.bin must have: its designs (labels), its block's input sets, the study's replications. */
export interface StudyBlockShape {
  readonly designs: readonly string[];
  readonly sets: number;
  readonly replications: number;
}

/** A shard's metrics.bin, checked: metrics[design][metric][set of the block][replication]. */
export function readStudyMetrics(dir: string, manifest: ShardManifest, shape: StudyBlockShape): StudyMetrics {
  const { designs, sets, replications } = shape;
  const length = sets * replications;
  const count = designs.length * STUDY_METRICS.length;
  const bytes = readShardFile(dir, STUDY_METRICS_FILE, 64 + count * (64 + 8 * length), "a shard's metrics");
  checkSha256(dir, manifest, STUDY_METRICS_FILE, createHash('sha256').update(bytes).digest('hex'));
  const refuse = (why: string): ShardError => new ShardError(`merge: ${dir}: ${STUDY_METRICS_FILE}: ${why}; the shard folder was damaged or edited`);
  let columns: unknown;
  try {
    columns = deserialize(bytes);
  } catch {
    throw refuse('not a shard\'s metrics');
  }
  if (!Array.isArray(columns) || columns.length !== count) {
    throw refuse(`${Array.isArray(columns) ? `${columns.length} columns` : 'not a list of columns'}, not ${count} (${designs.length} designs × ${STUDY_METRICS.length} metrics)`);
  }
  const which = (j: number): string => `${designs[Math.floor(j / STUDY_METRICS.length)]} ${STUDY_METRICS[j % STUDY_METRICS.length]}`;
  columns.forEach((c: unknown, j) => {
    if (!(c instanceof Float64Array)) throw refuse(`column ${j + 1} (${which(j)}) is not a column of numbers (a Float64Array)`);
    if (c.length !== length) throw refuse(`column ${j + 1} (${which(j)}) holds ${c.length} numbers, not ${length} (${sets} input sets × ${replications} replications)`);
  });
  const cols = columns as Float64Array[];
  return designs.map((_d, k) =>
    Object.fromEntries(
      STUDY_METRICS.map((m, j) => {
        const column = cols[k * STUDY_METRICS.length + j]!;
        return [m, Array.from({ length: sets }, (_x, i) => Array.from(column.subarray(i * replications, (i + 1) * replications)))];
      }),
    ) as Record<StudyMetric, number[][]>,
  );
}
