/**
 * `candor report` on local files through DuckDB: the files become the flat event table, the aggregation query runs on
 * every core, and its rows become the {@link Aggregate} that the streaming reader would give for the same events.
 */

import { tmpdir, totalmem } from 'node:os';
import type { Aggregate } from '../aggregate-types.js';
import type { GoalCapOptions } from '../cap-goals.js';
import { aggregateFromRows } from '../sql/aggregate-from-rows.js';
import { aggregationQuery } from '../sql/aggregation-query.js';
import { mergePartRows } from '../sql/merge-part-rows.js';
import { AGGREGATION_COLUMNS, eventsSql, sqlString, type EventFileFormat } from './events-source.js';
import { loadDuckDB, type DuckDBConnection, type DuckDBModule } from './load-duckdb.js';
import { memoryLimitBytes, visitorPartSql, visitorParts } from './visitor-parts.js';

/** Options of {@link aggregateWithDuckDB}. */
export interface DuckDBAggregateOptions extends GoalCapOptions {
  /** "Now" for the valid `ts` window (ms since the epoch), as the streaming reader's option. Default `Date.now()`. */
  now?: number;
  /** Conversion window in days. Default 7. */
  windowDays?: number;
  /** At most this many conversions per visitor × goal (the earliest). Default 16. */
  maxConversionsPerGoal?: number;
  /** Threads DuckDB may use. Default: every core. */
  threads?: number;
  /**
   * DuckDB's memory limit (e.g. `'2GB'`, `'4GiB'`): beyond it, large joins and aggregations spill to the system's
   * temporary directory instead of growing. Default {@link defaultMemoryLimit}: a quarter of the RAM (DuckDB's own
   * default, 80 %, runs out of memory near 40 million events on a 23 GB machine). The process itself takes about
   * 1.5 GB more than the limit at 10 million events (Node, and buffers DuckDB does not count).
   */
  memoryLimit?: string;
  /**
   * Run the query on this many parts of the visitors, one after the other, and add up their rows. Default
   * {@link visitorParts}: one while the input fits in the memory limit, else as many as it takes for each part to fit.
   */
  parts?: number;
  /** The DuckDB module (tests pass their own). Default: `@duckdb/node-api`, loaded on first use. */
  duckdb?: DuckDBModule;
  /** Run on this open connection (left open) instead of a new in-memory database. */
  connection?: DuckDBConnection;
}

/**
 * The memory limit DuckDB gets unless told otherwise: a quarter of the machine's RAM, so that the memory
 * `candor report` takes does not grow with the events (DuckDB spills beyond it).
 * @example defaultMemoryLimit() // '5885MiB' on a 23 GB machine
 */
export function defaultMemoryLimit(): string {
  return `${String(Math.floor(totalmem() / 4 / 2 ** 20))}MiB`;
}

/** Opens an in-memory DuckDB, runs `use` with a connection, and closes it again. */
export async function withDuckDB<T>(options: Pick<DuckDBAggregateOptions, 'threads' | 'memoryLimit' | 'duckdb' | 'connection'>, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  if (options.connection) return use(options.connection);
  const module = options.duckdb ?? (await loadDuckDB()).duckdb;
  if (!module) throw new Error((await loadDuckDB()).problem ?? 'DuckDB is not available.');
  const settings: Record<string, string> = { temp_directory: tmpdir(), preserve_insertion_order: 'false' };
  if (options.threads !== undefined) settings.threads = String(options.threads);
  settings.memory_limit = options.memoryLimit ?? defaultMemoryLimit();
  const instance = await module.DuckDBInstance.create(':memory:', settings);
  try {
    const connection = await instance.connect();
    try {
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * Aggregates event files (NDJSON, plain or gzip, or Parquet with the flat table's columns; globs allowed) with DuckDB.
 * Rejects when DuckDB is not installed or a file cannot be read.
 * @example const aggregate = await aggregateWithDuckDB(['events/*.ndjson.gz'], 'ndjson', { windowDays: 7 });
 */
export async function aggregateWithDuckDB(files: readonly string[], format: EventFileFormat, options: DuckDBAggregateOptions = {}): Promise<Aggregate> {
  return withDuckDB(options, async (connection) => {
    // Parquet is read column by column by each part; NDJSON is parsed once into a temporary table (which DuckDB spills
    // to disk beyond its memory limit).
    const source = eventsSql(files, format, AGGREGATION_COLUMNS);
    const input = format === 'parquet' ? source : 'SELECT * FROM candor_input';
    if (format !== 'parquet') await connection.run(`CREATE OR REPLACE TEMP TABLE candor_input AS ${source}`);
    try {
      const parts = options.parts ?? visitorParts(await countRows(connection, input), await memoryLimit(connection));
      const query = aggregationQuery({ dialect: 'duckdb', table: 'candor_events', windowDays: options.windowDays, maxConversionsPerGoal: options.maxConversionsPerGoal, now: options.now ?? Date.now() });
      const rows = [];
      for (let part = 0; part < parts; part++) {
        await connection.run(`CREATE OR REPLACE TEMP VIEW candor_events AS ${visitorPartSql(input, part, parts)}`);
        rows.push((await connection.runAndReadAll(query)).getRowObjectsJS());
      }
      return aggregateFromRows(mergePartRows(rows), options);
    } finally {
      await connection.run('DROP VIEW IF EXISTS candor_events');
      await connection.run('DROP TABLE IF EXISTS candor_input');
    }
  });
}

/** The rows of a SELECT (for Parquet, DuckDB reads the count from the files' metadata). */
async function countRows(connection: DuckDBConnection, select: string): Promise<number> {
  const [row] = (await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM (${select})`)).getRowObjectsJS();
  return Number(row?.n ?? 0);
}

/** DuckDB's memory limit in bytes (Infinity when it has none it can say). */
async function memoryLimit(connection: DuckDBConnection): Promise<number> {
  const [row] = (await connection.runAndReadAll(`SELECT current_setting('memory_limit') AS m`)).getRowObjectsJS();
  return memoryLimitBytes(String(row?.m)) ?? Infinity;
}

/**
 * Writes event files as one Parquet file with the flat table's columns (zstd), which `candor report` reads several
 * times faster than NDJSON.
 * @example await writeEventsParquet(['events.ndjson.gz'], 'ndjson', 'events.parquet');
 */
export async function writeEventsParquet(files: readonly string[], format: EventFileFormat, out: string, options: Pick<DuckDBAggregateOptions, 'threads' | 'memoryLimit' | 'duckdb' | 'connection'> = {}): Promise<void> {
  await withDuckDB(options, async (connection) => {
    await connection.run(`COPY (${eventsSql(files, format)}) TO ${sqlString(out)} (FORMAT parquet, COMPRESSION zstd)`);
  });
}
