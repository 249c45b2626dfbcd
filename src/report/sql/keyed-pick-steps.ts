/**
 * Rule 2's picks on DuckDB: the first exposure and the trigger of each visitor × slot × period from numbers only.
 */

import { DECISION, DECISION_COLUMNS, RAW_DECISION } from './decision-fields.js';
import type { Dialect } from './dialects.js';
import type { Cte, QueryContext } from './query-parts.js';

/**
 * The exposure steps' picks (`exposure_patterns` … `decision_units`, as `pickSteps` in exposure-steps.ts) where the engine has {@link Dialect.rowKey} and {@link Dialect.minRow}: DuckDB, whose list and
 * struct syntax this uses. Each exposure row carries a key of its salt, slot and decision (`dk`), which the few
 * distinct ones map to a rank (`pid`, in tie-break order within a slot) and a scope (`sid`, the salt × slot). The large
 * steps then group on numbers only; the first exposure and the trigger of each visitor × slot × period come out of one
 * GROUP BY (`exposure_units`, the only large step stored), and their texts are looked up by pid in a list of the
 * decisions each time a step reads them, instead of being joined and stored. The exposures come from `keyed_events`
 * (keyed-events.ts) with their visitor's fold instead of the id; the decisions' texts are read from the table.
 */
export function keyedPickSteps({ d, table, rules }: QueryContext, minRow: NonNullable<Dialect['minRow']>): Cte[] {
  if (!d.rowKey) throw new Error(`${d.name} has no row key.`);
  const fields = DECISION.slice(0, 5).map(([c]) => c);
  const order = [...DECISION.map(([c, text]) => (text ? d.binary(c) : c)), d.binary('salt'), d.binary('slot')].join(', ');
  const pick = (row: string, filter?: string): string => `${minRow.of(['ts', 'pid', 'copies'], filter)} AS ${row}`;
  const first = (column: string): string => minRow.field('first_pick', column);
  const trigger = (column: string): string => minRow.field('trigger_pick', column);
  /** The texts of decision `pid` (salt, slot and the decision's fields) from the list in `decisions` (as d). */
  const texts = (pid: string, columns: string[]): string => columns.map((c) => `d.x[${pid}].${c} AS ${c}`).join(', ');
  return [
    {
      name: 'exposure_patterns',
      materialized: true,
      note: `Each distinct decision as logged in each salt × slot (a few per configuration), by its key (dk), with its audience and eligibility sets as keys, its rank (pid) in the order that breaks ties (the same rank for the same sets in another order) and its scope (sid).`,
      sql: `SELECT dk, salt, slot, ${fields.join(', ')}, aud_key, elig_key, CASE WHEN counterfactual <> 'baseline' THEN 1 ELSE 0 END AS triggering,
    DENSE_RANK() OVER (ORDER BY ${order}) AS pid, DENSE_RANK() OVER (ORDER BY ${d.binary('salt')}, ${d.binary('slot')}) AS sid
  FROM (
    SELECT dk, salt, slot, ${fields.join(', ')}, ${d.setKey('audiences')} AS aud_key, ${d.setKey('eligible')} AS elig_key
    FROM (
      SELECT dk, ${['salt', 'slot', ...RAW_DECISION].map((c) => `ANY_VALUE(${c}) AS ${c}`).join(', ')}
      FROM (SELECT ${d.rowKey(['salt', 'slot', ...RAW_DECISION])} AS dk, ${['salt', 'slot', ...RAW_DECISION].join(', ')} FROM ${table} WHERE ${rules.validExposure}) x
      GROUP BY dk) e) p`,
    },
    {
      name: 'decisions',
      materialized: true,
      note: 'Every decision in one list, at its pid (1, 2, …): looked up by position instead of joined.',
      sql: `SELECT list(struct_pack(${['salt', 'slot', ...DECISION.map(([c]) => c)].map((c) => `${c} := ${c}`).join(', ')}) ORDER BY pid) AS x
  FROM (SELECT DISTINCT pid, salt, slot, ${DECISION_COLUMNS} FROM exposure_patterns) p`,
    },
    {
      name: 'exposure_decisions',
      note: `Per visitor × slot × period, each exposure time and decision once with its number of copies.`,
      sql: `SELECT e.vk, p.sid, e.ts, p.pid, p.triggering, MIN(e.fold) AS fold, COUNT(*) AS copies
  FROM exposures e JOIN exposure_patterns p ON p.dk = e.dk
  GROUP BY e.vk, p.sid, e.ts, p.pid, p.triggering`,
    },
    {
      name: 'exposure_units',
      note: `The first exposure is the earliest (at the same millisecond, the decision fields break the tie: the smallest pid); the trigger the earliest whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from the trigger for Q1 and the off-policy rows.`,
      sql: `SELECT vk, sid, MIN(fold) AS fold, SUM(copies) AS events, ${pick('first_pick')}, ${pick('trigger_pick', 'triggering = 1')}
  FROM exposure_decisions GROUP BY vk, sid`,
    },
    {
      name: 'first_exposures',
      inline: true,
      note: 'Copies of the first are duplicates, every other exposure is a later one.',
      sql: `SELECT u.vk, u.fold, u.events, ${texts(first('pid'), ['salt', 'slot'])}, ${first('ts')} AS t0, ${texts(first('pid'), DECISION.map(([c]) => c))}, ${first('copies')} AS copies
  FROM exposure_units u CROSS JOIN decisions d`,
    },
    {
      name: 'triggers',
      note: 'Each unit\'s decision record as numbers: the trigger, else the first exposure; redecided when they differ (in a unit, the same pid is the same decision).',
      sql: `SELECT vk, ${first('copies')} AS copies, events, ${trigger('copies')} AS trigger_copies,
    CASE WHEN trigger_pick IS NOT NULL AND (${trigger('ts')} <> ${first('ts')} OR ${trigger('pid')} <> ${first('pid')}) THEN 1 ELSE 0 END AS redecided,
    COALESCE(${trigger('ts')}, ${first('ts')}) AS d_ts, COALESCE(${trigger('pid')}, ${first('pid')}) AS d_pid
  FROM exposure_units`,
    },
    {
      name: 'decision_units',
      inline: true,
      note: `Each first exposure with its decision record (the trigger, else the first exposure itself).`,
      sql: `SELECT t.vk, ${texts('t.d_pid', ['salt', 'slot'])}, t.copies, t.events, t.redecided, t.trigger_copies, t.d_ts, ${texts('t.d_pid', DECISION.map(([c]) => c))}
  FROM triggers t CROSS JOIN decisions d`,
    },
  ];
}
