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
  /**
   * An array of strings as a value to group and join on: equal exactly when the arrays are (same elements, same
   * order). The array itself where the engine groups arrays (DuckDB, PostgreSQL), its JSON text elsewhere.
   */
  listKey: (array: string) => string;
  /** The array itself in a query grouped by {@link Dialect.listKey} of it. */
  groupedList: (array: string) => string;
  /** 1 when the lowest bit of MD5(expr) (UTF-8) is set, else 0: the cross-fitting fold. */
  md5Fold: (expr: string) => string;
  /** True when the double `expr` is neither infinite nor NaN. */
  finite: (expr: string) => string;
  /** The engine's current time in ms since the epoch (the upper end of the valid `ts` window). */
  nowMs: string;
  /**
   * A visitor id (text) as a 64-bit integer key, which joins and groups far faster than the text. Two ids with the same
   * key would count as one visitor: with n visitors the odds of any such collision are about n² / 2⁶⁵ (1 in 370,000 for
   * 10 million visitors).
   */
  visitorKey: (expr: string) => string;
  /**
   * Per group of `keys`, the row of `source` (a SELECT) that comes first by `order` (ascending, strings compared in
   * binary; the order columns must tell the rows of a group apart, and be non-NULL), with its `keys`, `order` and
   * `others` columns. With ROW_NUMBER(), which every engine has.
   */
  firstPerGroup: (source: string, keys: string[], order: OrderColumn[], others: string[]) => string;
  /**
   * Where the engine compares rows as values (DuckDB's structs, field by field, strings in binary): an aggregate over
   * a group giving its smallest row of `columns` (non-NULL), only among the rows where `filter` holds when given
   * (`of`), and a field of that value (`field`). The aggregation then picks first exposures in one GROUP BY instead of
   * a sort and a join.
   */
  minRow?: { of: (columns: string[], filter?: string) => string; field: (row: string, column: string) => string };
  /**
   * Where the engine hashes several values at once, lists included (DuckDB's `hash`): a 64-bit key of `columns`. The
   * aggregation then tells the few distinct decisions apart by this key instead of joining on their texts and lists;
   * two distinct decisions with the same key would count as one, with odds of about k² / 2⁶⁵ for k distinct decisions.
   * It also reads the table once, into keys and numbers (keyed-events.ts), instead of once per step.
   */
  rowKey?: (columns: string[]) => string;
  /** The keyword that makes a CTE be stored once, where the engine has one. */
  materialized: string;
  /** The keyword that makes a CTE be read again at each use instead of stored, where the engine has one. */
  notMaterialized: string;
  /** Statements to run before the query, with why. */
  preamble: string[];
}

/** A column to order by, ascending: its name, and whether it is text (compared in binary). */
export type OrderColumn = [name: string, text: boolean];

/** {@link Dialect.firstPerGroup} with ROW_NUMBER(), which every engine has. */
function firstByWindow(binary: (e: string) => string) {
  return (source: string, keys: string[], order: OrderColumn[], others: string[]): string =>
    `SELECT ${[...keys, ...order.map(([c]) => c), ...others].join(', ')}
  FROM (
    SELECT r.*, ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order.map(([c, text]) => (text ? binary(c) : c)).join(', ')}) AS pos
    FROM (
      ${source}) r) x
  WHERE pos = 1`;
}

/** {@link Dialect.minRow}'s aggregate as `min` over a struct (compared field by field): no sort. */
function minStruct(columns: string[], filter?: string): string {
  return `min(struct_pack(${columns.map((c) => `${c} := ${c}`).join(', ')}))${filter ? ` FILTER (WHERE ${filter})` : ''}`;
}

const ODD_HEX = "('1', '3', '5', '7', '9', 'b', 'd', 'f')";

const duckdb: Dialect = {
  name: 'duckdb',
  firstPerGroup: firstByWindow((e) => e),
  minRow: { of: minStruct, field: (row, column) => `${row}.${column}` },
  rowKey: (columns) => `hash(${columns.join(', ')})`,
  visitorKey: (e) => `hash(${e})`,
  materialized: 'MATERIALIZED ',
  types: { text: 'VARCHAR', int: 'BIGINT', double: 'DOUBLE' },
  binary: (e) => e,
  setKey: (a) => `array_to_string(list_sort(${a}), chr(1))`,
  listKey: (a) => a,
  groupedList: (a) => a,
  md5Fold: (e) => `CASE WHEN substr(md5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `isfinite(${e})`,
  nowMs: 'epoch_ms(current_timestamp)',
  notMaterialized: 'NOT MATERIALIZED ',
  preamble: [],
};

const postgres: Dialect = {
  name: 'postgres',
  firstPerGroup: firstByWindow((e) => `(${e}) COLLATE "C"`),
  visitorKey: (e) => `hashtextextended(${e}, 0)`,
  materialized: 'MATERIALIZED ',
  types: { text: 'TEXT', int: 'BIGINT', double: 'DOUBLE PRECISION' },
  binary: (e) => `(${e}) COLLATE "C"`,
  setKey: (a) => `array_to_string(ARRAY(SELECT x FROM unnest(${a}) AS x ORDER BY x COLLATE "C"), chr(1))`,
  listKey: (a) => a,
  groupedList: (a) => a,
  md5Fold: (e) => `CASE WHEN substr(md5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `${e} NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)`,
  nowMs: '(EXTRACT(EPOCH FROM now()) * 1000)',
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
  firstPerGroup: firstByWindow((e) => e),
  visitorKey: (e) => `FARM_FINGERPRINT(${e})`,
  materialized: '',
  types: { text: 'STRING', int: 'INT64', double: 'FLOAT64' },
  binary: (e) => e,
  setKey: (a) => `ARRAY_TO_STRING(ARRAY(SELECT x FROM UNNEST(${a}) AS x ORDER BY x), CODE_POINTS_TO_STRING([1]))`,
  // BigQuery neither groups nor compares arrays.
  listKey: (a) => `TO_JSON_STRING(${a})`,
  groupedList: (a) => `ANY_VALUE(${a})`,
  md5Fold: (e) => `CASE WHEN SUBSTR(TO_HEX(MD5(${e})), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `NOT IS_INF(${e}) AND NOT IS_NAN(${e})`,
  nowMs: 'UNIX_MILLIS(CURRENT_TIMESTAMP())',
  notMaterialized: '',
  preamble: [],
};

const snowflake: Dialect = {
  name: 'snowflake',
  firstPerGroup: firstByWindow((e) => e),
  visitorKey: (e) => `HASH(${e})`,
  materialized: '',
  types: { text: 'VARCHAR', int: 'BIGINT', double: 'DOUBLE' },
  binary: (e) => e,
  setKey: (a) => `ARRAY_TO_STRING(ARRAY_SORT(${a}), CHR(1))`,
  listKey: (a) => `TO_JSON(${a})`,
  groupedList: (a) => `ANY_VALUE(${a})`,
  md5Fold: (e) => `CASE WHEN SUBSTR(MD5(${e}), 32, 1) IN ${ODD_HEX} THEN 1 ELSE 0 END`,
  finite: (e) => `${e} NOT IN ('inf'::DOUBLE, '-inf'::DOUBLE, 'nan'::DOUBLE)`,
  nowMs: "DATE_PART(EPOCH_MILLISECOND, CURRENT_TIMESTAMP())",
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
