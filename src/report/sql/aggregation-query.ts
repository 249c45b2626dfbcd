/**
 * The aggregation as one SQL query: over the flat event table (docs/events-table.md) it returns, as rows, exactly the
 * sufficient statistics that the streaming reader (`aggregateEvents`) computes from the same events.
 * `aggregateFromRows` turns the rows into an `Aggregate`; `candor report --aggregate results.csv` does it for a
 * results file.
 *
 * Each rule of the aggregation is one named CTE below, in the order the streaming reader applies them:
 * 1. which rows are events (the others count as invalid): a condition each CTE that reads the table applies (on
 *    DuckDB, `keyed_events` reads the table once and marks each row with what it is);
 * 2. `first_exposures`: the first exposure per visitor × slot × period, its copies and the later ones;
 * 3. `kept_conversions`: re-sent conversions once, at most N per visitor × goal, the earliest;
 * 4. `answers`, `trust_flags`: the declared answer (earliest) and the trust actions per visitor;
 * 5. `visitor_periods`, `outcomes`: each visitor's period start, holdout status, fold, and what they converted on
 *    within the window;
 * 6. the result rows, one `section` per part of the aggregate.
 *
 * Each rule's steps are built in their own file (event-rules, exposure-steps, conversion-steps, trust-steps,
 * outcome-steps, result-sections); this one puts them in order.
 */

import { conversionSteps } from './conversion-steps.js';
import { dialect as dialectOf, type DialectName } from './dialects.js';
import { eventRules, inputCountsStep } from './event-rules.js';
import { exposureSteps } from './exposure-steps.js';
import { keyedEventsStep, readsKeyedEvents } from './keyed-events.js';
import { outcomeSteps } from './outcome-steps.js';
import { num, renderCte, DAY_MS, type QueryContext } from './query-parts.js';
import { RESULT_FORMAT } from './result-columns.js';
import { resultSections } from './result-sections.js';
import { trustSteps, unitFlagsStep } from './trust-steps.js';

export { RESULT_COLUMNS, RESULT_FORMAT, type ResultColumn } from './result-columns.js';

/** Options of {@link aggregationQuery}. */
export interface AggregationQueryOptions {
  /** The engine the query is for. */
  dialect: DialectName;
  /** The flat event table or view, inserted as written (quote it as the engine needs). Default `candor_events`. */
  table?: string;
  /** Conversion window after a visitor's first exposure in the period, in days. Default 7. */
  windowDays?: number;
  /** At most this many conversions per visitor × goal (the earliest). Default 16. */
  maxConversionsPerGoal?: number;
  /**
   * "Now" for the valid `ts` window [2020-01-01, now + 1 day], in ms since the epoch. Default: the engine's clock when
   * the query runs.
   */
  now?: number;
}

/**
 * The aggregation query for one engine. Run it on the flat event table; save the rows as CSV or JSON; pass the file to
 * `candor report --aggregate`.
 * @example aggregationQuery({ dialect: 'bigquery', table: '`proj.analytics.candor_events`' })
 */
export function aggregationQuery(options: AggregationQueryOptions): string {
  const d = dialectOf(options.dialect);
  const table = options.table ?? 'candor_events';
  const windowDays = options.windowDays ?? 7;
  if (!(windowDays > 0) || !Number.isFinite(windowDays)) throw new Error(`windowDays must be a positive number, not ${String(windowDays)}.`);
  const cap = Math.max(1, Math.floor(options.maxConversionsPerGoal ?? 16));
  const context: QueryContext = { d, table, windowDays, windowMs: num(windowDays * DAY_MS), cap, rules: eventRules(d, options.now) };
  const ctes = [...(readsKeyedEvents(d) ? [keyedEventsStep(context)] : []), inputCountsStep(context), ...exposureSteps(context), ...conversionSteps(context), ...trustSteps(context), ...outcomeSteps(context), unitFlagsStep()];
  const header = [
    `-- Candor report aggregation (result format ${String(RESULT_FORMAT)}) for ${d.name}: window ${num(windowDays)} days, at most ${String(cap)} conversions per visitor × goal.`,
    `-- Reads the flat event table (docs/events-table.md) ${table}; save the rows as CSV or JSON and run`,
    `--   candor report --aggregate results.csv --config config.json`,
  ];
  const withs = ctes.map((c) => renderCte(d, c));
  return `${[...header, ...d.preamble].join('\n')}\nWITH\n${withs.join(',\n')}\n${resultSections(context).join('\nUNION ALL\n')};\n`;
}
