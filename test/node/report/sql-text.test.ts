/**
 * The aggregation query as text, for the two engines Candor cannot run here (BigQuery, Snowflake), and the copies of
 * every dialect's query kept in docs/sql/ for people who want to read or run it without installing Candor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { aggregationQuery, RESULT_COLUMNS } from '../../../src/report/sql/aggregation-query.js';
import { DIALECTS } from '../../../src/report/sql/dialects.js';

const docs = (name: string): string => readFileSync(new URL(`../../../docs/sql/${name}`, import.meta.url), 'utf8');
/** The query without comments and string literals, where syntax checks look. */
const code = (sql: string): string => sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
/** The CTE names in order of definition. */
const ctes = (sql: string): string[] => [...code(sql).matchAll(/^([a-z_]+) AS (?:(?:NOT )?MATERIALIZED )?\($/gm)].map((m) => m[1] ?? '');

describe('the aggregation query as text', () => {
  test('docs/sql/aggregation.<dialect>.sql is what `candor report --sql <dialect>` prints', () => {
    for (const dialect of DIALECTS) {
      expect(docs(`aggregation.${dialect}.sql`), `regenerate: node dist/cli.js report --sql ${dialect} > docs/sql/aggregation.${dialect}.sql`).toBe(aggregationQuery({ dialect }));
    }
  });

  test('every dialect: balanced parentheses, CTEs defined before use, the same steps and result columns', () => {
    // DuckDB reads the table once, into its first step; the other engines read it in each step that needs it.
    const steps = ctes(aggregationQuery({ dialect: 'postgres' }));
    expect(ctes(aggregationQuery({ dialect: 'duckdb' }))).toEqual(['keyed_events', ...steps]);
    expect(steps.length).toBeGreaterThan(15);
    for (const dialect of DIALECTS) {
      const sql = code(aggregationQuery({ dialect, table: 'events', windowDays: 3 }));
      let depth = 0;
      for (const c of sql) {
        depth += c === '(' ? 1 : c === ')' ? -1 : 0;
        expect(depth, dialect).toBeGreaterThanOrEqual(0);
      }
      expect(depth, dialect).toBe(0);
      expect(ctes(sql), dialect).toEqual(dialect === 'duckdb' ? ['keyed_events', ...steps] : steps);
      steps.forEach((name, i) => {
        for (const later of steps.slice(i + 1)) expect(new RegExp(`(FROM|JOIN) ${later}\\b`).test(sql.split(new RegExp(`^${name} AS (?:(?:NOT )?MATERIALIZED )?\\($`, 'm'))[1]?.split(/\n\),?\n/)[0] ?? ''), `${dialect}: ${name} reads ${later}, defined later`).toBe(false);
      });
      for (const column of Object.keys(RESULT_COLUMNS)) expect(sql, dialect).toContain(` AS ${column}`);
      expect(sql).toContain('FROM events');
      expect(sql).toContain(String(3 * 86_400_000));
    }
  });

  test('BigQuery: its own types and functions, no DuckDB or PostgreSQL syntax', () => {
    const sql = code(aggregationQuery({ dialect: 'bigquery' }));
    for (const bigQuery of ['CAST(NULL AS STRING)', 'AS INT64)', 'AS FLOAT64)', 'TO_HEX(MD5(MIN(visitor_id)))', 'FARM_FINGERPRINT(visitor_id)', 'CODE_POINTS_TO_STRING([1])', 'ARRAY(SELECT x FROM UNNEST(e.audiences) AS x ORDER BY x)', 'IS_INF(ts)', 'IS_NAN(value)'])
      expect(sql).toContain(bigQuery);
    // BigQuery has no :: casts, no COLLATE "C", no double-quoted identifiers, no list functions, no bare UNION.
    for (const foreign of ['::', 'COLLATE', '"', 'list_sort', 'isfinite', 'chr(', 'NOT MATERIALIZED', 'SET '])
      expect(sql.includes(foreign), `BigQuery query contains ${foreign}`).toBe(false);
    expect(sql.match(/\bUNION\b(?! ALL)/g)).toBeNull();
  });

  test('Snowflake: its own functions, no DuckDB, PostgreSQL or BigQuery syntax', () => {
    const sql = code(aggregationQuery({ dialect: 'snowflake' }));
    for (const snowflake of ['ARRAY_TO_STRING(ARRAY_SORT(e.audiences), CHR(1))', 'SUBSTR(MD5(MIN(visitor_id)), 32, 1)', 'HASH(visitor_id)', "ts NOT IN (''::DOUBLE, ''::DOUBLE, ''::DOUBLE)", 'CAST(NULL AS VARCHAR)'])
      expect(sql).toContain(snowflake);
    for (const foreign of ['COLLATE', '"', 'list_sort', 'isfinite', 'UNNEST', 'INT64', 'FLOAT64', 'NOT MATERIALIZED', 'SET '])
      expect(sql.includes(foreign), `Snowflake query contains ${foreign}`).toBe(false);
  });

  test('PostgreSQL compares strings in binary (COLLATE "C") and plans with hash joins; DuckDB needs neither', () => {
    const pg = aggregationQuery({ dialect: 'postgres' });
    expect(pg).toContain('ORDER BY x COLLATE "C"');
    expect(pg).toContain('(arm) COLLATE "C"');
    expect(pg.indexOf('SET enable_nestloop = off;')).toBeLessThan(pg.indexOf('WITH'));
    const duck = aggregationQuery({ dialect: 'duckdb' });
    expect(duck).not.toContain('COLLATE');
    expect(duck).not.toContain('SET ');
  });

  test('options: a window of a fraction of a day, a cap, and a refusal of nonsense', () => {
    const sql = aggregationQuery({ dialect: 'duckdb', windowDays: 0.5, maxConversionsPerGoal: 3 });
    expect(sql).toContain('c.ts <= p.first_ts + 43200000');
    expect(sql).toContain('WHERE pos <= 3');
    expect(() => aggregationQuery({ dialect: 'duckdb', windowDays: -1 })).toThrow('positive');
    expect(() => aggregationQuery({ dialect: 'oracle' as 'duckdb' })).toThrow('Use one of: duckdb, postgres, bigquery, snowflake');
  });
});
