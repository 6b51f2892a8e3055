// A shard's changes.parquet read as hostile input (`orisim merge`), row group by row group into the
// merged file's writer. Before hyparquet decodes anything, the file is held to what orisim writes:
// its columns and types, Brotli pages, row groups of at most ROW_GROUP_ROWS rows, and every page
// header of every column chunk (walked here first) no larger than a page can be and holding no
// more values than its row group has rows; pages are decompressed with a bounded output. So a
// crafted file (a page claiming two billion values, a decompression bomb, another codec) is
// refused instead of allocating without bound. Then every row is checked as changes.csv's are
// (shard-rows.ts): types, the class, variant and path among the scenario's, the task in the
// shard's block and order, and replication 1's rows exactly those merge simulated again.
import { closeSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { parquetMetadataAsync, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { Scenario, Variant } from '../scenario/types.js';
import { CHANGE_COLUMN_KINDS, NUMBER_COLUMNS, TEXT_COLUMNS, type ChangeBatch } from '../run/change-batch.js';
import { PATHS } from '../run/digest.js';
import { batchFromRows, changesParquetSchema, ROW_GROUP_ROWS, type ChangesParquetWriter } from './changes-parquet.js';
import { openShardFile, readAt, sha256Of, ShardError, type ShardFile } from './shard-files.js';
import type { RowShard } from './shard-rows.js';

/** The largest page (uncompressed) or column chunk (compressed) a shard's changes.parquet may hold: far above a row group's 65,536 rows of one column. */
const MAX_PAGE_BYTES = 64 << 20;

/** hyparquet's view of the file, read through the checked descriptor (never by path: a link is not followed). */
function bufferOf(f: ShardFile): AsyncBuffer {
  return {
    byteLength: f.size,
    slice: (start: number, end = f.size): ArrayBuffer => {
      const from = Math.max(0, Math.min(start, f.size));
      const to = Math.max(from, Math.min(end, f.size));
      const bytes = readAt(f.fd, to - from, from);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    },
  };
}

const DECOMPRESSORS = {
  BROTLI: (input: Uint8Array, outputLength: number): Uint8Array => {
    if (!(outputLength >= 0 && outputLength <= MAX_PAGE_BYTES)) throw new Error(`a page of ${outputLength} bytes`);
    return brotliDecompressSync(input, { maxOutputLength: Math.max(1, outputLength) });
  },
};

const int = (x: unknown): number => (typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : NaN);

/** Why the file's layout is not one orisim writes (see the file comment), or undefined. */
function layoutProblem(f: ShardFile, md: FileMetaData): string | undefined {
  const want = changesParquetSchema();
  if (md.schema.length !== want.length) return 'not the columns of a changes.parquet';
  for (const [i, w] of want.entries()) {
    const e = md.schema[i]!;
    if (e.name !== w.name || (i > 0 && (e.type !== w.type || e.repetition_type !== w.repetition_type || e.num_children !== undefined))) return `column ${JSON.stringify(String(e.name).slice(0, 40))} is not the one a changes.parquet has there`;
  }
  for (const [g, group] of md.row_groups.entries()) {
    const rows = int(group.num_rows);
    if (!(rows >= 0 && rows <= ROW_GROUP_ROWS)) return `row group ${g + 1} claims ${rows} rows`;
    if (group.columns.length !== want.length - 1) return `row group ${g + 1} has not the columns of a changes.parquet`;
    for (const chunk of group.columns) {
      const m = chunk.meta_data;
      if (m === undefined || chunk.file_path !== undefined || m.codec !== 'BROTLI') return `row group ${g + 1} is not Brotli-compressed pages in this file`;
      const start = int(m.dictionary_page_offset) || int(m.data_page_offset);
      const length = int(m.total_compressed_size);
      if (!(start >= 0 && length >= 0 && length <= MAX_PAGE_BYTES && start + length <= f.size)) return `row group ${g + 1} has a column outside the file`;
      const bytes = readAt(f.fd, length, start);
      const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length), offset: 0 };
      while (reader.offset < length - 1) {
        const h = parquetHeader(reader);
        const values = int(h.data_page_header?.num_values ?? h.data_page_header_v2?.num_values ?? h.dictionary_page_header?.num_values ?? 0);
        const v2rows = int(h.data_page_header_v2?.num_rows ?? 0);
        const size = int(h.uncompressed_page_size);
        const compressed = int(h.compressed_page_size);
        if (!(values >= 0 && values <= rows && v2rows >= 0 && v2rows <= rows && size >= 0 && size <= MAX_PAGE_BYTES && compressed >= 0 && compressed <= length - reader.offset)) {
          return `row group ${g + 1} has a page of ${values} values in ${size} bytes`;
        }
        reader.offset += compressed;
      }
    }
  }
  return undefined;
}

const COL = Object.fromEntries(CHANGE_COLUMN_KINDS.map((c, i) => [c.name, i])) as Record<string, number>;

/** Why a row of the file is not one orisim writes, or undefined. */
function rowProblem(row: unknown[], scenario: Scenario, classes: ReadonlySet<string>): string | undefined {
  if (!Array.isArray(row) || row.length !== CHANGE_COLUMN_KINDS.length) return 'not a row of a changes.parquet';
  for (const [k, { name, kind }] of CHANGE_COLUMN_KINDS.entries()) {
    const x = row[k];
    const ok =
      kind === 'int' ? typeof x === 'number' && Number.isInteger(x)
      : kind === 'text' ? typeof x === 'string'
      : kind === 'bool' ? typeof x === 'boolean'
      : kind === 'timestamp' ? x === null || (x instanceof Date && Number.isFinite(x.getTime()))
      : x === null || typeof x === 'number';
    if (!ok) return `${name} ${JSON.stringify(String(x).slice(0, 40))} is not a value orisim writes there`;
  }
  if (!classes.has(row[COL.class!] as string)) return `class ${JSON.stringify(String(row[COL.class!]).slice(0, 40))} is not a class of the scenario`;
  if (!(PATHS as readonly string[]).includes(row[COL.path!] as string)) return `path ${JSON.stringify(String(row[COL.path!]).slice(0, 40))} is not a path`;
  const team = row[COL.team!] as number;
  if (team < 1 || team > scenario.teams.delivery.count) return `team ${team} is not one of the ${scenario.teams.delivery.count} delivery teams`;
  return undefined;
}

/** Whether row i of `got` is row j of `want` (numbers as stored, NaN for null; texts). */
function sameRow(got: ChangeBatch, i: number, want: ChangeBatch, j: number): boolean {
  for (let k = 0; k < NUMBER_COLUMNS.length; k++) if (!Object.is(got.values[k * got.rows + i], want.values[k * want.rows + j])) return false;
  for (let k = 0; k < TEXT_COLUMNS.length; k++) if (got.texts[got.textIndex[k * got.rows + i]!] !== want.texts[want.textIndex[k * want.rows + j]!]) return false;
  return true;
}

/**
 * Appends one shard's changes.parquet to `writer`, each row checked. Returns the counted live
 * changes per task of the shard. `first` holds replication 1's rows of each variant.
 */
export async function appendShardParquet(
  writer: ChangesParquetWriter, s: RowShard, scenario: Scenario, first: Partial<Record<Variant, ChangeBatch>>,
): Promise<Int32Array> {
  const part = join(s.dir, 'changes.parquet');
  const f = openShardFile(s.dir, 'changes.parquet', Number.MAX_SAFE_INTEGER);
  const live = new Int32Array(s.tasks.length);
  let rowNumber = 0;
  const refuse = (why: string): ShardError => new ShardError(`merge: ${part}: ${rowNumber === 0 ? '' : `row ${rowNumber}: `}${why}; the shard folder was damaged or edited`);
  try {
    s.checkSha256('changes.parquet', sha256Of(f));
    const file = bufferOf(f);
    let md: FileMetaData;
    try {
      md = await parquetMetadataAsync(file);
      const why = layoutProblem(f, md);
      if (why !== undefined) throw refuse(why);
    } catch (err) {
      if (err instanceof ShardError) throw err;
      throw refuse(`cannot be read as a changes.parquet (${err instanceof Error ? err.message : String(err)})`);
    }
    const classes = new Set(scenario.classes.map((c) => c.name));
    const taskIndex = new Map(s.tasks.map((t, i) => [`${t.variant} ${t.replication}`, i]));
    const firstAt = new Map<Variant, number>();
    let task = 0;
    let rowStart = 0;
    for (const group of md.row_groups) {
      const rowEnd = rowStart + int(group.num_rows);
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file, metadata: md, rowStart, rowEnd, columns: CHANGE_COLUMN_KINDS.map((c) => c.name), rowFormat: 'array', compressors: DECOMPRESSORS,
          onComplete: (r) => (rows = r as unknown[][]),
        });
      } catch (err) {
        throw refuse(`cannot be read as a changes.parquet (${err instanceof Error ? err.message : String(err)})`);
      }
      if (rows.length !== rowEnd - rowStart) throw refuse(`a row group of ${rows.length} rows, not ${rowEnd - rowStart}`);
      for (const row of rows) {
        rowNumber++;
        const why = rowProblem(row, scenario, classes);
        if (why !== undefined) throw refuse(why);
      }
      const batch = batchFromRows(rows);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        rowNumber = rowStart + i + 1;
        const [variant, replication] = [row[COL.variant!] as Variant, row[COL.replication!] as number];
        const t = taskIndex.get(`${variant} ${replication}`);
        if (t === undefined || t < task) throw refuse(`${JSON.stringify(String(variant).slice(0, 40))} replication ${replication} is not ${t === undefined ? 'one this shard ran' : 'in replication order'}`);
        task = t;
        if (row[COL.counted!] === true && row[COL.live!] !== null) live[t]!++;
        if (replication === 1) {
          const want = first[variant];
          const at = firstAt.get(variant) ?? 0;
          if (want === undefined || at >= want.rows || !sameRow(batch, i, want, at)) throw refuse(`not the row ${variant} replication 1 makes there (merge simulates replication 1 again)`);
          firstAt.set(variant, at + 1);
        }
      }
      writer.append(batch);
      rowStart = rowEnd;
      await yieldToEvents();
    }
    rowNumber = 0;
    for (const t of s.tasks) {
      if (t.replication === 1 && (firstAt.get(t.variant) ?? 0) !== (first[t.variant]?.rows ?? 0)) throw refuse(`the rows of ${t.variant} replication 1 are not those the replication makes`);
    }
  } finally {
    closeSync(f.fd);
  }
  return live;
}
