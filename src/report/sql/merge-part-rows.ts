/**
 * The rows of the aggregation query run on parts of the visitors (each part a set of whole visitors), as the rows one
 * run over every visitor gives. Every statistic of the aggregate is a sum over visitors, and a period's first and last
 * times a minimum and a maximum, so the parts' rows add up: the outcome, arm, version, cell, decision, off-policy and
 * trust rows already add up as {@link aggregateFromRows} reads them (it adds rows with the same key), and the rows it
 * reads as totals (`meta`, `input`, `goal`, `period`) are combined here.
 */

import type { ResultRow } from './result-row.js';

/** A row's columns with lower-case names (an engine may upper-case them). */
const lowerCased = (row: ResultRow): ResultRow => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));

/** `a + b` for counts as an engine (bigint) or a file (string, number) gives them; NULL when both are. */
function add(a: unknown, b: unknown): unknown {
  if (a === null || a === undefined || a === '') return b;
  if (b === null || b === undefined || b === '') return a;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  return Number(a) + Number(b);
}

/** The smaller (`pick` < 0) or larger (`pick` > 0) of two times. */
function extreme(a: unknown, b: unknown, pick: -1 | 1): unknown {
  if (a === null || a === undefined) return b;
  if (b === null || b === undefined) return a;
  return (Number(b) - Number(a)) * pick > 0 ? b : a;
}

/** The key of a row read as a total: rows with the same key, one per part, become one. */
function totalKey(row: ResultRow): string | undefined {
  const section = row.section;
  if (section === 'meta' || section === 'input') return `${section}\u0001${String(row.name)}`;
  if (section === 'goal') return `goal\u0001${String(row.goal)}`;
  if (section === 'period') return `period\u0001${String(row.name)}\u0001${String(row.salt)}`;
  return undefined;
}

/**
 * One list of rows from the rows of each part: `meta` rows once, `input` counts, `goal` stored conversions and period
 * visitors summed, a period's `first_ts` the smallest and `last_ts` the largest; every other row as it is.
 * @example aggregateFromRows(mergePartRows([rowsOfPart0, rowsOfPart1]))
 */
export function mergePartRows(parts: Iterable<Iterable<ResultRow>>): ResultRow[] {
  const totals = new Map<string, ResultRow>();
  const others: ResultRow[] = [];
  for (const part of parts) {
    for (const raw of part) {
      const row = lowerCased(raw);
      const key = totalKey(row);
      if (key === undefined) {
        others.push(row);
        continue;
      }
      const seen = totals.get(key);
      if (!seen) totals.set(key, row);
      else if (row.section === 'period' && row.name === 'first_ts') seen.x = extreme(seen.x, row.x, -1);
      else if (row.section === 'period' && row.name === 'last_ts') seen.x = extreme(seen.x, row.x, 1);
      else if (row.section !== 'meta') seen.n = add(seen.n, row.n);
    }
  }
  return [...totals.values(), ...others];
}
