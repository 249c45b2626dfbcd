/**
 * Rule 1 on DuckDB: the table read once. Where the engine has {@link Dialect.rowKey} (DuckDB), the first step reads
 * every row of the flat event table once into a stored table of keys and numbers (`keyed_events`): each row's kind of
 * event (`code`), its visitor key, time and, for an exposure, the key of its salt, slot and decision (`dk`). The input
 * counts, exposures and conversions are then read from it instead of from the table, which the other engines read once
 * per step; only the distinct decisions' texts and the (few) trust events are read from the table again.
 */

import type { Dialect } from './dialects.js';
import { RAW_DECISION } from './decision-fields.js';
import type { Cte, QueryContext } from './query-parts.js';

/** `code` of a valid exposure, conversion and trust event, and of an invalid row whose time is out of the window. */
export const EVENT_CODES = { exposure: 1, conversion: 2, trust: 3, timeOutOfRange: 4 } as const;

/** True when the steps read the events from {@link keyedEventsStep} instead of the table. */
export const readsKeyedEvents = (d: Dialect): d is Dialect & { rowKey: NonNullable<Dialect['rowKey']> } => d.rowKey !== undefined;

/** The `keyed_events` step: every row of the table once, as the steps after it read rows. */
export function keyedEventsStep({ d, table, rules }: QueryContext): Cte {
  if (!d.rowKey) throw new Error(`${d.name} has no row key: its steps read the table.`);
  const c = EVENT_CODES;
  return {
    name: 'keyed_events',
    materialized: true,
    note: `1. Which rows are events: the type-specific fields are there and make sense (code ${String(c.exposure)} an exposure, ${String(c.conversion)} a conversion, ${String(c.trust)} a trust event); every other row is invalid (code ${String(c.timeOutOfRange)} when its time is out of the window, else 0). The table is read once: each row as its visitor key (vk) and time; an exposure with its decision key (dk) and its visitor's fold (the lowest bit of MD5 of the id, read per row instead of per visitor), a conversion with its goal and value.`,
    sql: `SELECT vk, code, ts, CASE WHEN code = ${String(c.exposure)} THEN dk END AS dk, CAST(CASE WHEN code = ${String(c.exposure)} THEN fold END AS UTINYINT) AS fold,
    CASE WHEN code = ${String(c.conversion)} THEN goal END AS goal, CASE WHEN code = ${String(c.conversion)} THEN val END AS val
  FROM (
    SELECT ${d.visitorKey('visitor_id')} AS vk, ts, ${d.rowKey(['salt', 'slot', ...RAW_DECISION])} AS dk, ${d.md5Fold('visitor_id')} AS fold, goal, COALESCE(value, 1) AS val,
      CASE WHEN ${rules.validExposure} THEN ${String(c.exposure)} WHEN ${rules.validConversion} THEN ${String(c.conversion)} WHEN ${rules.validTrust} THEN ${String(c.trust)}
        WHEN ts IS NOT NULL AND (${d.finite('ts')}) AND NOT (${rules.saneTs}) THEN ${String(c.timeOutOfRange)} ELSE 0 END AS code
    FROM ${table}) e`,
  };
}

/** The input counts from `keyed_events`: rows, events of each kind, and rows whose time is out of the window. */
export function keyedInputCounts(): string {
  const c = EVENT_CODES;
  const count = (code: number): string => `COALESCE(SUM(CASE WHEN code = ${String(code)} THEN 1 ELSE 0 END), 0)`;
  return `SELECT COUNT(*) AS lines, ${count(c.exposure)} AS exposures, ${count(c.conversion)} AS conversions, ${count(c.trust)} AS trust, ${count(c.timeOutOfRange)} AS time_out_of_range
  FROM keyed_events`;
}
