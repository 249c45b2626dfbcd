/**
 * The rows of the aggregation query (`aggregationQuery`), as an engine returns them or as a CSV or JSON results file
 * holds them, back into an {@link Aggregate} in the canonical order: the same object `aggregateEvents` gives for the
 * same events.
 */

import type { Aggregate } from '../aggregate-types.js';
import { capGoals, type GoalCapOptions } from '../cap-goals.js';
import { RESULT_FORMAT } from './aggregation-query.js';
import { addResultRow } from './add-result-row.js';
import { createRowAccumulator } from './row-accumulator.js';
import { readResultRow, RowError, type ResultRow } from './result-row.js';

export type { ResultRow } from './result-row.js';

/**
 * Builds the aggregate from the query's rows. Throws, naming the row, when they are not the output of
 * `candor report --sql` (another result format, a missing column, an unknown section).
 * @example const aggregate = aggregateFromRows((await connection.runAndReadAll(aggregationQuery({ dialect: 'duckdb' }))).getRowObjectsJS());
 */
export function aggregateFromRows(rows: Iterable<ResultRow>, options: GoalCapOptions = {}): Aggregate {
  const all = [...rows].map((r, i) => readResultRow(r, i));
  const meta = new Map(all.filter((r) => r.section === 'meta').map((r) => [r.name, r]));
  const format = meta.get('format')?.optionalNumber('n');
  if (format !== RESULT_FORMAT) {
    throw new Error(
      format === undefined || format === null
        ? 'These rows are not the output of "candor report --sql": there is no row with section "meta" and name "format". Run the query it prints and save all its rows.'
        : `These rows are in result format ${String(format)}; this version of Candor reads format ${String(RESULT_FORMAT)}. Print the query again with this version ("candor report --sql …") and re-run it.`,
    );
  }
  const windowDays = meta.get('window_days')?.number('x') ?? 7;

  // The goal cap, as the streaming reader applies it: rows of a goal left out are skipped.
  const listed = all.filter((r) => r.section === 'goal').map((r) => ({ goal: r.text('goal'), stored: r.optionalNumber('n') ?? 0 }));
  const { kept: goals, omitted } = capGoals(listed, options);
  const kept = new Set(goals);
  const omittedGoals = new Set(listed.map((l) => l.goal).filter((g) => !kept.has(g)));
  const acc = createRowAccumulator(goals, omitted, omittedGoals);
  try {
    for (const r of all) addResultRow(acc, r);
  } catch (error) {
    if (error instanceof RowError) throw new Error(`${error.message} Save every row of the query "candor report --sql" prints, with its column names.`, { cause: error });
    throw error;
  }
  return acc.finish(windowDays);
}
