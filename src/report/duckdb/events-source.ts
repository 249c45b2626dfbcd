/**
 * Local event files as the flat event table (docs/events-table.md), in DuckDB SQL: the source that
 * `aggregationQuery({ dialect: 'duckdb' })` reads when `candor report` runs on files.
 *
 * - NDJSON (plain or gzip): every non-blank line is one row. A field with the wrong JSON type reads as missing, so the
 *   row is invalid exactly when the streaming reader finds it invalid (a line that is not JSON has no fields at all).
 * - Parquet: the flat table's columns, as `candor report --events-out events.parquet` writes them.
 */

/** The file formats DuckDB reads for `candor report`. */
export type EventFileFormat = 'ndjson' | 'parquet';

/** The flat table's columns: name, the JSON field it comes from, and how it is read. */
export const EVENT_COLUMNS = [
  ['v', 'v', 'int'],
  ['type', 'type', 'text'],
  ['id', 'id', 'text'],
  ['visitor_id', 'visitorId', 'text'],
  ['ts', 'ts', 'double'],
  ['decision_id', 'decisionId', 'text'],
  ['slot', 'slot', 'text'],
  ['config_version', 'configVersion', 'text'],
  ['hash_version', 'hashVersion', 'int'],
  ['salt', 'salt', 'text'],
  ['arm', 'arm', 'text'],
  ['experience', 'experience', 'text'],
  ['counterfactual', 'counterfactual', 'text'],
  ['propensity', 'propensity', 'double'],
  ['eligible', 'eligible', 'list'],
  ['audiences', 'audiences', 'list'],
  ['tier', 'tier', 'text'],
  ['gpc', 'gpc', 'bool'],
  ['goal', 'goal', 'text'],
  ['value', 'value', 'double'],
  ['kind', 'kind', 'text'],
  ['key', 'key', 'text'],
  ['answer', 'answer', 'text'],
  ['forced', 'forced', 'bool'],
] as const;

/** The columns the aggregation query reads. */
export const AGGREGATION_COLUMNS = [
  'type',
  'visitor_id',
  'ts',
  'slot',
  'salt',
  'config_version',
  'arm',
  'experience',
  'counterfactual',
  'propensity',
  'audiences',
  'eligible',
  'goal',
  'value',
  'kind',
  'key',
  'answer',
  'forced',
] as const;

const NUMBER_TYPES = "('UBIGINT', 'BIGINT', 'DOUBLE')";

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const fileList = (files: readonly string[]): string => `[${files.map(sqlString).join(', ')}]`;

/** How one JSON value (`f[i]`, JSON text or NULL when the field is missing) becomes a column. */
function typed(kind: 'text' | 'int' | 'double' | 'list' | 'bool', f: string): string {
  switch (kind) {
    case 'text':
      return `CASE WHEN json_type(${f}) = 'VARCHAR' THEN json_extract_string(${f}, '$') END`;
    case 'double':
      return `CASE WHEN json_type(${f}) IN ${NUMBER_TYPES} THEN CAST(${f} AS DOUBLE) END`;
    case 'int':
      return `CASE WHEN json_type(${f}) IN ${NUMBER_TYPES} THEN TRY_CAST(${f} AS BIGINT) END`;
    case 'bool':
      return `CASE WHEN json_type(${f}) = 'BOOLEAN' THEN CAST(${f} AS BOOLEAN) END`;
    case 'list':
      return `CASE WHEN json_type(${f}) = 'ARRAY' AND len(list_filter(from_json(${f}, '["JSON"]'), e -> json_type(e) <> 'VARCHAR')) = 0 THEN from_json(${f}, '["VARCHAR"]') END`;
  }
}

/**
 * A SELECT that reads NDJSON files (plain or `.gz`; globs allowed) as the flat event table, with the given columns.
 * Each line is parsed once; fields come out with the JSON type the streaming reader requires, or NULL.
 */
export function ndjsonEventsSql(files: readonly string[], columns: readonly string[] = EVENT_COLUMNS.map((c) => c[0])): string {
  const wanted = EVENT_COLUMNS.filter(([name]) => columns.includes(name) || name === 'type');
  const paths = wanted.map(([, field]) => sqlString(`$.${field}`)).join(', ');
  const at = (field: string): string => `f[${String(wanted.findIndex(([, x]) => x === field) + 1)}]`;
  const select = wanted.map(([name, field, kind]) => {
    if (name !== 'type') return `${typed(kind, at(field))} AS ${name}`;
    // Present but mistyped optional fields make the event invalid, as in the streaming reader: a conversion's value
    // that is not a number, a trust event's slot that is not a string.
    const badValue = columns.includes('value') ? `(json_type(${at('type')}) = 'VARCHAR' AND json_extract_string(${at('type')}, '$') = 'conversion' AND ${at('value')} IS NOT NULL AND json_type(${at('value')}) NOT IN ${NUMBER_TYPES})` : 'false';
    const badSlot = columns.includes('slot') ? `(json_type(${at('type')}) = 'VARCHAR' AND json_extract_string(${at('type')}, '$') = 'trust' AND ${at('slot')} IS NOT NULL AND json_type(${at('slot')}) <> 'VARCHAR')` : 'false';
    return `CASE WHEN NOT (${badValue} OR ${badSlot}) THEN ${typed('text', at('type'))} END AS type`;
  });
  return `SELECT ${select.join(',\n  ')}
FROM (SELECT json_extract(json, [${paths}]) AS f
  FROM read_json_objects(${fileList(files)}, format = 'newline_delimited', ignore_errors = true, maximum_object_size = 16777216))`;
}

/** A SELECT that reads Parquet files (globs allowed) with the flat table's columns. */
export function parquetEventsSql(files: readonly string[], columns: readonly string[] = EVENT_COLUMNS.map((c) => c[0])): string {
  return `SELECT ${columns.join(', ')} FROM read_parquet(${fileList(files)}, union_by_name = true)`;
}

/** The flat event table from files of one format. */
export function eventsSql(files: readonly string[], format: EventFileFormat, columns?: readonly string[]): string {
  return format === 'parquet' ? parquetEventsSql(files, columns) : ndjsonEventsSql(files, columns);
}
