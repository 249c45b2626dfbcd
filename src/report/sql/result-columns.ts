/**
 * The aggregation query's result: one table of rows, each a `section` of the aggregate with the columns that section
 * uses (NULL in the others). `aggregateFromRows` reads it back.
 */

import type { Dialect } from './dialects.js';

/** The result's version: `aggregateFromRows` refuses rows of another. */
export const RESULT_FORMAT = 1;

/** The columns of the result, in order, with their kind. */
export const RESULT_COLUMNS = {
  section: 'text',
  name: 'text',
  salt: 'text',
  slot: 'text',
  day: 'int',
  holdout: 'int',
  fold: 'int',
  answer: 'text',
  audiences: 'text',
  eligible: 'text',
  arm: 'text',
  experience: 'text',
  counterfactual: 'text',
  config_version: 'text',
  propensity: 'double',
  goal: 'text',
  n: 'int',
  x: 'double',
  xx: 'double',
} as const satisfies Record<string, 'text' | 'int' | 'double'>;

/** One result column's name. */
export type ResultColumn = keyof typeof RESULT_COLUMNS;

/**
 * One result row's select list: the given columns, typed NULL for the others.
 * @example resultRow(dialect('duckdb'), { section: "'meta'", name: "'format'", n: '1' })
 */
export function resultRow(d: Dialect, values: Partial<Record<ResultColumn, string>>): string {
  return (Object.keys(RESULT_COLUMNS) as ResultColumn[])
    .map((c) => {
      const type = d.types[RESULT_COLUMNS[c]];
      const v = values[c];
      return `CAST(${v ?? 'NULL'} AS ${type}) AS ${c}`;
    })
    .join(', ');
}
