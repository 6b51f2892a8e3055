// changes.parquet (`--changes parquet`): the rows of changes.csv as a typed Parquet file, written
// with hyparquet-writer a row group at a time as replications finish, so memory does not grow
// with the number of replications. Types (read as they are by DuckDB, pandas/pyarrow and Polars):
//   ids and counts                INT32 (required)
//   class, variant, path          STRING (UTF-8 byte array, required; text as it is, see below)
//   counted, out_of_hours         BOOLEAN (required)
//   ready … validated             TIMESTAMP(MILLIS, isAdjustedToUTC=false), i.e. local time
//                                 without a zone, like the CSV's "YYYY-MM-DDTHH:MM"; null when
//                                 the step was not reached (the CSV's empty cell)
//   days, hours and money         DOUBLE, rounded to the CSV's decimals; null where the CSV is empty
// Text is stored as it is: the spreadsheet-formula neutralisation of the CSV (a leading ') is for
// spreadsheets, which do not open Parquet. Pages are compressed with Brotli (quality 5, Node's
// zlib): on the default scenario's rows it gives files a third smaller than Snappy (the
// writer's built-in) and 7% smaller than gzip; DuckDB, pyarrow and Polars all read Brotli.
// Row groups hold ROW_GROUP_ROWS rows (the last fewer): dictionaries pay off in big groups.
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { ParquetWriter, fileWriter, type ColumnSource } from 'hyparquet-writer';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import type { SchemaElement } from 'hyparquet';
import { CHANGE_COLUMN_KINDS, NUMBER_COLUMNS, TEXT_COLUMNS, internTexts, type ChangeBatch } from '../run/change-batch.js';

/** Rows per row group: big enough for dictionaries to pay and for fast scans, small enough to keep memory low. */
export const ROW_GROUP_ROWS = 65_536;
/** Brotli quality (0–11): 4 made files about 5% larger on these rows; higher qualities cost much more time for a few percent. */
const BROTLI_QUALITY = 5;

function brotli(bytes: Uint8Array): Uint8Array {
  return brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/** Decompressors a Parquet reader (hyparquet) needs for this file: Brotli, from Node's zlib. */
export const PARQUET_DECOMPRESSORS = {
  BROTLI: (input: Uint8Array, _outputLength: number): Uint8Array => brotliDecompressSync(input),
};
const MS_PER_MINUTE = 60_000;

/** The Parquet schema of changes.parquet. */
export function changesParquetSchema(): SchemaElement[] {
  const leaves = CHANGE_COLUMN_KINDS.map(({ name, kind }): SchemaElement => {
    switch (kind) {
      case 'int':
        return { name, type: 'INT32', repetition_type: 'REQUIRED' };
      case 'text':
        return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };
      case 'bool':
        return { name, type: 'BOOLEAN', repetition_type: 'REQUIRED' };
      case 'timestamp':
        return { name, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' }, repetition_type: 'OPTIONAL' };
      case 'double':
        return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
    }
  });
  return [{ name: 'root', num_children: leaves.length }, ...leaves];
}

/**
 * Writes changes.parquet: append replications' batches (or another file's rows, for a merge of
 * shards) in order; close() writes what is left and the footer. Rows are kept in one reusable
 * set of typed arrays until a row group is full, so memory stays at about one row group.
 */
export class ChangesParquetWriter {
  readonly #writer: ParquetWriter;
  readonly #capacity: number;
  /** Pending number columns (as in ChangeBatch.values, NaN = null) and text columns. */
  readonly #numbers: Float64Array[];
  readonly #texts: string[][];
  #rows = 0;
  #closed = false;

  constructor(path: string, options: { rowGroupRows?: number } = {}) {
    this.#capacity = Math.max(1, options.rowGroupRows ?? ROW_GROUP_ROWS);
    this.#writer = new ParquetWriter({
      writer: fileWriter(path),
      schema: changesParquetSchema(),
      codec: 'BROTLI',
      compressors: { BROTLI: brotli },
      createdBy: 'orisim',
    });
    this.#numbers = NUMBER_COLUMNS.map(() => new Float64Array(this.#capacity));
    this.#texts = TEXT_COLUMNS.map(() => []);
  }

  /** Appends one replication's changes. */
  append(batch: ChangeBatch): void {
    let from = 0;
    while (from < batch.rows) {
      const take = Math.min(batch.rows - from, this.#capacity - this.#rows);
      for (let k = 0; k < this.#numbers.length; k++) {
        this.#numbers[k]!.set(batch.values.subarray(k * batch.rows + from, k * batch.rows + from + take), this.#rows);
      }
      for (let k = 0; k < this.#texts.length; k++) {
        const out = this.#texts[k]!;
        for (let i = 0; i < take; i++) out.push(batch.texts[batch.textIndex[k * batch.rows + from + i]!]!);
      }
      this.#rows += take;
      from += take;
      if (this.#rows === this.#capacity) this.#flush();
    }
  }

  /**
   * Appends every row of another changes.parquet (e.g. a shard's), a row group at a time, so
   * merging shards streams rather than loading whole files.
   */
  async appendFile(path: string): Promise<void> {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const names = CHANGE_COLUMN_KINDS.map((c) => c.name);
    const found = metadata.schema.slice(1).map((e) => e.name);
    if (found.join(',') !== names.join(',')) throw new Error(`${path}: not a changes.parquet of this version (columns ${found.slice(0, 5).join(', ')}…)`);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: unknown[][] = [];
      await parquetRead({
        file, metadata, rowStart, rowEnd, columns: names, rowFormat: 'array', compressors: PARQUET_DECOMPRESSORS,
        onComplete: (r) => (rows = r as unknown[][]),
      });
      this.append(batchFromRows(rows));
      rowStart = rowEnd;
    }
  }

  /** Writes the pending rows and the footer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#rows > 0) this.#flush();
    void this.#writer.finish();
  }

  #flush(): void {
    const n = this.#rows;
    const columnData: ColumnSource[] = new Array<ColumnSource>(CHANGE_COLUMN_KINDS.length);
    NUMBER_COLUMNS.forEach((col, k) => {
      const { name, kind } = CHANGE_COLUMN_KINDS[col]!;
      // Min/max statistics only where a reader filters on them (ids, counts, timestamps): on the
      // doubles they cost a tenth of the writing time.
      columnData[col] = { name, data: lazyColumn(kind, this.#numbers[k]!.subarray(0, n)), statistics: kind !== 'double' };
    });
    TEXT_COLUMNS.forEach((col, k) => {
      columnData[col] = { name: CHANGE_COLUMN_KINDS[col]!.name, data: this.#texts[k]! };
      this.#texts[k] = [];
    });
    void this.#writer.write({ columnData, rowGroupSize: n });
    this.#rows = 0;
  }
}

/**
 * A number column that hyparquet-writer converts only when it reaches it: ParquetWriter.write
 * reads a column's `length` and takes its rows with `slice`, one column after the other, so only
 * one column's converted values (bigints, nulls) are alive at a time instead of the whole row
 * group's (about 80 MB less at the moment a 65,536-row group is written). The tests write and
 * read back files through this path, so a writer that used the data otherwise would fail them.
 */
function lazyColumn(kind: string, v: Float64Array): ColumnSource['data'] {
  const lazy = { length: v.length, slice: (start: number, end: number) => numberColumn(kind, v.subarray(start, end)) };
  return lazy as unknown as ColumnSource['data'];
}

/** A number column as hyparquet-writer takes it: typed arrays where no value is missing, else nulls in a plain array. */
function numberColumn(kind: string, v: Float64Array): ColumnSource['data'] {
  switch (kind) {
    case 'int':
      return Int32Array.from(v);
    case 'bool':
      return Array.from(v, (x) => x === 1);
    case 'timestamp':
      return Array.from(v, (x) => (Number.isNaN(x) ? null : BigInt(x * MS_PER_MINUTE)));
    default:
      return v.includes(NaN) ? Array.from(v, (x) => (Number.isNaN(x) ? null : x)) : v.slice();
  }
}

/** Rows as hyparquet reads them (arrays in column order) as a batch (Dates as minutes, booleans as 0/1, nulls as NaN). */
export function batchFromRows(rows: readonly unknown[][]): ChangeBatch {
  const n = rows.length;
  const values = new Float64Array(NUMBER_COLUMNS.length * n);
  NUMBER_COLUMNS.forEach((col, k) => {
    const kind = CHANGE_COLUMN_KINDS[col]!.kind;
    for (let i = 0; i < n; i++) {
      const x = rows[i]![col];
      values[k * n + i] =
        x === null || x === undefined ? NaN
        : x instanceof Date ? x.getTime() / MS_PER_MINUTE
        : typeof x === 'boolean' ? (x ? 1 : 0)
        : kind === 'timestamp' ? Number(x) / MS_PER_MINUTE
        : Number(x);
    }
  });
  const { textIndex, texts } = internTexts(n, (k, i) => String(rows[i]![TEXT_COLUMNS[k]!]));
  return { rows: n, values, textIndex, texts };
}
