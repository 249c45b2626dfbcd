/**
 * Rule 5 of the aggregation query: each visitor's period (start, holdout status, fold), the audiences of those who
 * answered, and what each visitor × period and each decision record converted on within the window.
 */

import { DECISION } from './decision-fields.js';
import { readsKeyedEvents } from './keyed-events.js';
import type { Cte, QueryContext } from './query-parts.js';

/** The outcome steps, in order: `visitor_periods` … `decision_outcomes`. */
export function outcomeSteps({ d, windowMs }: QueryContext): Cte[] {
  const t = d.types;
  /** A decision record's fields: one record per visitor × salt × slot, so grouping by them too changes nothing. */
  const units = ['salt', 'slot', ...DECISION.map(([c]) => c)].map((c) => `u.${c}`).join(', ');
  return [
    {
      name: 'visitor_periods',
      note: `5. A visitor's period starts at their earliest first exposure in it; they are in the holdout when any slot logged it; the fold splits visitors in two for cross-fitting.`,
      sql: `SELECT vk, salt, MIN(t0) AS first_ts, MAX(CASE WHEN arm = 'holdout' THEN 1 ELSE 0 END) AS holdout, ${readsKeyedEvents(d) ? 'MIN(fold)' : d.md5Fold('MIN(visitor_id)')} AS fold
  FROM first_exposures GROUP BY vk, salt`,
    },
    {
      name: 'answer_audiences',
      note: `Visitors who answered, with the audiences of their period's first exposure (same millisecond: the smallest slot name's).`,
      sql: `SELECT vk, salt, answer, aud_key FROM (
    SELECT f.vk, f.salt, a.answer, f.aud_key, ROW_NUMBER() OVER (PARTITION BY f.vk, f.salt ORDER BY f.t0, ${d.binary('f.slot')}) AS pos
    FROM first_exposures f JOIN answers a ON a.vk = f.vk) x
  WHERE pos = 1`,
    },
    {
      name: 'outcomes',
      note: `Conversions count within the window after the period's start; values add up per visitor × goal. Every visitor × period once with goal NULL (to count visitors), then once per goal converted on.`,
      sql: `SELECT vk, salt, holdout, first_ts, CAST(NULL AS ${t.text}) AS goal, CAST(NULL AS ${t.double}) AS x FROM visitor_periods
  UNION ALL
  SELECT p.vk, p.salt, p.holdout, p.first_ts, c.goal, SUM(c.val) AS x
  FROM visitor_periods p
  JOIN kept_conversions c ON c.vk = p.vk AND c.ts >= p.first_ts AND c.ts <= p.first_ts + ${windowMs}
  GROUP BY p.vk, p.salt, p.holdout, p.first_ts, c.goal`,
    },
    {
      name: 'decision_outcomes',
      note: `Outcomes by decision record, with the record's fields (the decision and off-policy rows read them here, without joining back): a redecided one counts conversions within the window after its trigger, the others the period's.`,
      sql: `SELECT u.vk, ${units}, o.goal, o.x
  FROM decision_units u JOIN outcomes o ON o.vk = u.vk AND o.salt = u.salt
  WHERE u.redecided = 0
  UNION ALL
  SELECT u.vk, ${units}, CAST(NULL AS ${t.text}) AS goal, CAST(NULL AS ${t.double}) AS x FROM decision_units u WHERE u.redecided = 1
  UNION ALL
  SELECT u.vk, ${units}, c.goal, SUM(c.val) AS x
  FROM decision_units u
  JOIN kept_conversions c ON c.vk = u.vk AND c.ts >= u.d_ts AND c.ts <= u.d_ts + ${windowMs}
  WHERE u.redecided = 1
  GROUP BY u.vk, ${units}, c.goal`,
    },
  ];
}
