/**
 * What differs between the SQL engines the aggregation query is written for. Everything else in the query is the
 * common subset of DuckDB, PostgreSQL, BigQuery and Snowflake SQL (CTEs, CASE, window ROW_NUMBER, UNION ALL).
 * DuckDB and PostgreSQL run in Candor's tests; the BigQuery and Snowflake texts are tested as text only.
 */

/** The SQL engines `candor report --sql` writes for. */
export type DialectName = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake';

/** Every dialect name, for messages and argument checks. */
export const DIALECTS: readonly DialectName[] = ['duckdb', 'postgres', 'bigquery', 'snowflake'];

/** The pieces of SQL that differ by engine. */
export interface Dialect {
  name: DialectName;
  /** Type names for casts: text, 64-bit integer, double. */
  types: { text: string; int: string; double: string };
  /** `expr` compared by code point (binary), as the streaming reader compares strings. */
  binary: (expr: string) => string;
  /** An array of strings as one key: its elements sorted (binary), joined with U+0001. */
  setKey: (array: string) => string;
  /** 1 when the lowest bit of MD5(expr) (UTF-8) is set, else 0: the cross-fitting fold. */
  md5Fold: (expr: string) => string;
  /** True when the double `expr` is neither infinite nor NaN. */
  finite: (expr: string) => string;
  /** The keyword that makes a CTE be read again at each use instead of stored, where the engine has one. */
  notMaterialized: string;
  /** Statements to run before the query, with why. */
  preamble: string[];
}

const ODD_HEX = "('1', '3', '5', '7', '9', 'b', 'd', 'f')";

const duckdb: Dialect = {
  name: 'duckdb',
  types: { text: 'VARCHAR', int: 'BIGINT', double: 'DOUBLE' },
  binary: (e) => e,
  setKey: (a) => `array_to_string(list_sort(${a}), chr(1))`,
  md5Fold: (e) => `CASE WHEN substr(md5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `isfinite(${e})`,
  notMaterialized: 'NOT MATERIALIZED ',
  preamble: [],
};

const postgres: Dialect = {
  name: 'postgres',
  types: { text: 'TEXT', int: 'BIGINT', double: 'DOUBLE PRECISION' },
  binary: (e) => `(${e}) COLLATE "C"`,
  setKey: (a) => `array_to_string(ARRAY(SELECT x FROM unnest(${a}) AS x ORDER BY x COLLATE "C"), chr(1))`,
  md5Fold: (e) => `CASE WHEN substr(md5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `${e} NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)`,
  // PostgreSQL estimates a CTE filtered on ROW_NUMBER() at a few rows, then joins such CTEs with nested loops, which grow
  // with the square of the visitors: hash joins are far faster here (and with nested loops off, JIT would compile for
  // seconds because of the costs that setting adds).
  notMaterialized: 'NOT MATERIALIZED ',
  preamble: [
    '-- For this session: PostgreSQL misestimates the CTEs below and would join them with nested loops.',
    'SET enable_nestloop = off;',
    'SET jit = off;',
  ],
};

const bigquery: Dialect = {
  name: 'bigquery',
  types: { text: 'STRING', int: 'INT64', double: 'FLOAT64' },
  binary: (e) => e,
  setKey: (a) => `ARRAY_TO_STRING(ARRAY(SELECT x FROM UNNEST(${a}) AS x ORDER BY x), CODE_POINTS_TO_STRING([1]))`,
  md5Fold: (e) => `CASE WHEN SUBSTR(TO_HEX(MD5(${e})), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `NOT IS_INF(${e}) AND NOT IS_NAN(${e})`,
  notMaterialized: '',
  preamble: [],
};

const snowflake: Dialect = {
  name: 'snowflake',
  types: { text: 'VARCHAR', int: 'BIGINT', double: 'DOUBLE' },
  binary: (e) => e,
  setKey: (a) => `ARRAY_TO_STRING(ARRAY_SORT(${a}), CHR(1))`,
  md5Fold: (e) => `CASE WHEN SUBSTR(MD5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `${e} NOT IN ('inf'::DOUBLE, '-inf'::DOUBLE, 'nan'::DOUBLE)`,
  notMaterialized: '',
  preamble: [],
};

const BY_NAME: Record<DialectName, Dialect> = { duckdb, postgres, bigquery, snowflake };

/**
 * The dialect of an engine; throws with the list of names for anything else.
 * @example dialect('postgres').setKey('audiences')
 */
export function dialect(name: string): Dialect {
  if (!Object.hasOwn(BY_NAME, name)) throw new Error(`Unknown SQL dialect "${name}". Use one of: ${DIALECTS.join(', ')}.`);
  return BY_NAME[name as DialectName];
}
