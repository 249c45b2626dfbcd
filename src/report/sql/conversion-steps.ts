/**
 * Rule 3 of the aggregation query: conversions once each (re-sent copies are duplicates), at most N per visitor × goal
 * (the earliest), and the goals with their stored conversions.
 */

import { EVENT_CODES, readsKeyedEvents } from './keyed-events.js';
import type { Cte, QueryContext } from './query-parts.js';

/** The conversion steps, in order: `conversions` … `goals`. */
export function conversionSteps({ d, table, rules, cap }: QueryContext): Cte[] {
  return [
    {
      name: 'conversions',
      inline: true,
      note: '3. A re-sent conversion (same visitor, goal, time and value; no value counts 1) counts once.',
      sql: readsKeyedEvents(d)
        ? `SELECT vk, goal, ts, val FROM keyed_events WHERE code = ${String(EVENT_CODES.conversion)}`
        : `SELECT ${d.visitorKey('visitor_id')} AS vk, goal, ts, COALESCE(value, 1) AS val FROM ${table} WHERE ${rules.validConversion}`,
    },
    {
      name: 'distinct_conversions',
      sql: `SELECT vk, goal, ts, val, COUNT(*) AS copies FROM conversions GROUP BY vk, goal, ts, val`,
    },
    {
      name: 'ranked_conversions',
      note: `At most ${String(cap)} per visitor × goal: the earliest (then the smallest value).`,
      sql: `SELECT vk, goal, ts, val, copies, ROW_NUMBER() OVER (PARTITION BY vk, goal ORDER BY ts, val) AS pos
  FROM distinct_conversions`,
    },
    {
      name: 'kept_conversions',
      sql: `SELECT vk, goal, ts, val FROM ranked_conversions WHERE pos <= ${String(cap)}`,
    },
    {
      name: 'conversion_counts',
      sql: `SELECT COALESCE(SUM(CASE WHEN pos <= ${String(cap)} THEN copies - 1 ELSE 0 END), 0) AS duplicates,
    COALESCE(SUM(CASE WHEN pos > ${String(cap)} THEN copies ELSE 0 END), 0) AS capped
  FROM ranked_conversions`,
    },
    {
      name: 'goals',
      note: 'Every goal with its stored conversions: the report keeps the 100 goals with most (and the config\'s), as the streaming reader does.',
      sql: `SELECT goal, COUNT(*) AS stored FROM kept_conversions GROUP BY goal`,
    },
  ];
}
