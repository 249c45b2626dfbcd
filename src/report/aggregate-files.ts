/**
 * `candor report`'s choice of engine for local files: the streaming reader for NDJSON (one core; on these files it
 * takes about a quarter of DuckDB's CPU and a fraction of its memory, docs/report.md "Speed and memory"), DuckDB for
 * Parquet (which only it reads). Both give the same aggregate (test/node/report/engines.test.ts).
 */

import type { Aggregate } from './aggregate-types.js';
import type { GoalCapOptions } from './cap-goals.js';
import { aggregateEvents } from './aggregate-events.js';
import { aggregateWithDuckDB } from './duckdb/aggregate-with-duckdb.js';
import { loadDuckDB, type DuckDBModule, type LoadedDuckDB } from './duckdb/load-duckdb.js';
import { resolveEventFiles } from './event-files.js';

/** Which engine aggregates: `auto` is the streaming reader for NDJSON and DuckDB for Parquet. */
export type Engine = 'auto' | 'duckdb' | 'stream';

/** Options of {@link aggregateFiles}. */
export interface AggregateFilesOptions extends GoalCapOptions {
  /** Default `auto`. */
  engine?: Engine;
  /** Conversion window in days. Default 7. */
  windowDays?: number;
  /** At most this many conversions per visitor × goal (the earliest). Default 16. */
  maxConversionsPerGoal?: number;
  /** Streaming reader only: called every million lines with the lines read. */
  onProgress?: (lines: number) => void;
  /** DuckDB only: the memory it may use before it spills to the temp directory (e.g. `'2GB'`). Default a quarter of the RAM. */
  memoryLimit?: string;
  /** The DuckDB module (tests pass their own, or `null` for "not installed"). Default: `@duckdb/node-api` if installed. */
  duckdb?: DuckDBModule | null;
}

/** An aggregate and how it was made. */
export interface FilesAggregate {
  aggregate: Aggregate;
  engine: 'duckdb' | 'stream';
}

/**
 * Aggregates event files, directories or globs (or `-` for stdin, streaming only).
 * Rejects when the inputs cannot be read, or need DuckDB (Parquet, `engine: 'duckdb'`) and it is not installed.
 * @example const { aggregate, engine } = await aggregateFiles(['events/'], { windowDays: 7 });
 */
export async function aggregateFiles(inputs: readonly string[], options: AggregateFilesOptions = {}): Promise<FilesAggregate> {
  const engine = options.engine ?? 'auto';
  const settings = { windowDays: options.windowDays, maxConversionsPerGoal: options.maxConversionsPerGoal, maxGoals: options.maxGoals, keepGoals: options.keepGoals };
  if (inputs.length === 1 && inputs[0] === '-') {
    if (engine === 'duckdb') throw new Error('DuckDB reads files, not stdin: give the file, or use --engine stream.');
    return { aggregate: await aggregateEvents('-', { ...settings, onProgress: options.onProgress }), engine: 'stream' };
  }
  const { files, format } = await resolveEventFiles(inputs);
  if (engine === 'duckdb' || (engine === 'auto' && format === 'parquet')) {
    const loaded: LoadedDuckDB = options.duckdb === undefined ? await loadDuckDB() : options.duckdb ? { duckdb: options.duckdb } : { problem: '@duckdb/node-api is not installed' };
    if (loaded.duckdb) return { aggregate: await aggregateWithDuckDB(files, format, { ...settings, memoryLimit: options.memoryLimit, duckdb: loaded.duckdb }), engine: 'duckdb' };
    const { problem } = loaded;
    if (engine === 'duckdb') throw new Error(`${problem}. Install it, or use --engine stream.`);
    throw new Error(`reading Parquet needs DuckDB: ${problem}.`);
  }
  if (format === 'parquet') throw new Error('the streaming reader reads NDJSON only: Parquet needs DuckDB (--engine auto or duckdb).');
  return { aggregate: await aggregateEvents(files, { ...settings, onProgress: options.onProgress }), engine: 'stream' };
}
