/**
 * Rule 4 of the aggregation query: trust events, the declared answer of each visitor, their trust flags, the visitors
 * who never saw an exposure, and the flags of each first exposure.
 */

import { lit, type Cte, type QueryContext } from './query-parts.js';

const FLAG_KINDS = ['explanation_opened', 'show_standard', 'personalize_again', 'forget'] as const;

/** The trust steps read before the outcomes, in order: `trust` … `trust_flags`. */
export function trustSteps({ d, table, rules }: QueryContext): Cte[] {
  return [
    {
      name: 'trust',
      materialized: true,
      note: '4. Trust events.',
      sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, ts, kind, slot, key, answer, forced FROM ${table} WHERE ${rules.validTrust}`,
    },
    {
      name: 'unexposed',
      note: 'Visitors with conversions or trust events but no exposure cannot be analysed.',
      sql: `SELECT COUNT(*) AS visitors FROM (
    SELECT DISTINCT vk FROM (SELECT vk FROM conversions UNION ALL SELECT vk FROM trust) a) v
  WHERE NOT EXISTS (SELECT 1 FROM exposure_units u WHERE u.vk = v.vk)`,
    },
    {
      name: 'answers',
      note: `A visitor's declared answer: their earliest ask_answered (at the same millisecond, the smallest key=answer), leaving out answers to a prompt forced by ?candor-ask (not part of the random sample).`,
      sql: `SELECT vk, answer FROM (
    SELECT vk, key || '=' || answer AS answer,
      ROW_NUMBER() OVER (PARTITION BY vk ORDER BY ts, ${d.binary(`key || '=' || answer`)}) AS pos
    FROM trust WHERE kind = 'ask_answered' AND COALESCE(forced, FALSE) = FALSE) a
  WHERE pos = 1`,
    },
    {
      name: 'trust_flags',
      note: 'Trust actions are visitor flags per slot; one without a slot counts for every slot.',
      sql: `SELECT DISTINCT vk, kind, slot FROM trust WHERE kind IN (${FLAG_KINDS.map(lit).join(', ')})`,
    },
  ];
}

/** The trust flags of each first exposure (the last step, read only by the `trust` result rows). */
export function unitFlagsStep(): Cte {
  return {
    name: 'unit_flags',
    note: 'The trust flags of each first exposure: those for its slot, and those without a slot (two joins, so both are hash joins).',
    sql: `SELECT DISTINCT vk, salt, slot, arm, experience, kind FROM (
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk AND tf.slot = f.slot
    UNION ALL
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk WHERE tf.slot IS NULL) u`,
  };
}
