/**
 * DuckDB (`@duckdb/node-api`), Candor's optional embedded SQL engine, loaded only when `candor report` or
 * `candor/report` asks for it. It is an optional dependency: when it is not installed (a platform without a prebuilt
 * binding, `npm install --omit=optional`), the streaming reader does the work instead.
 *
 * Only the few calls Candor makes are typed here, so nothing else in Candor depends on the package being installed.
 */

/** A result as Candor reads it: rows as plain JS objects (BIGINT as bigint). */
export interface DuckDBReader {
  getRowObjectsJS(): Record<string, unknown>[];
}

/** An open connection. */
export interface DuckDBConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<DuckDBReader>;
  closeSync(): void;
}

/** A database. */
export interface DuckDBInstance {
  connect(): Promise<DuckDBConnection>;
  closeSync(): void;
}

/** What Candor uses of `@duckdb/node-api`. */
export interface DuckDBModule {
  DuckDBInstance: { create(path?: string, options?: Record<string, string>): Promise<DuckDBInstance> };
}

/** The package name, in a variable so that bundlers and the type checker leave the optional import alone. */
const PACKAGE = '@duckdb/node-api';

/** The version Candor is tested with (package.json pins the same). */
export const DUCKDB_VERSION = '1.5.6-r.1';

/** DuckDB, or why it cannot be used. */
export type LoadedDuckDB = { duckdb: DuckDBModule; problem?: undefined } | { duckdb?: undefined; problem: string };

let cached: Promise<LoadedDuckDB> | undefined;

/**
 * Loads `@duckdb/node-api` once. Never rejects: when it is not installed, or its native binding does not load on this
 * platform, the answer says so in `problem`.
 * @example const { duckdb, problem } = await loadDuckDB(); if (!duckdb) console.error(problem);
 */
export function loadDuckDB(): Promise<LoadedDuckDB> {
  cached ??= (import(PACKAGE) as Promise<Partial<DuckDBModule>>).then(
    (m): LoadedDuckDB =>
      typeof m.DuckDBInstance?.create === 'function' ? { duckdb: m as DuckDBModule } : { problem: `${PACKAGE} does not export DuckDBInstance` },
    (error: unknown): LoadedDuckDB => {
      const code = (error as { code?: unknown }).code;
      return {
        problem:
          code === 'ERR_MODULE_NOT_FOUND'
            ? `${PACKAGE} is not installed (npm install ${PACKAGE}@${DUCKDB_VERSION})`
            : `${PACKAGE} does not load here: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`,
      };
    },
  );
  return cached;
}
