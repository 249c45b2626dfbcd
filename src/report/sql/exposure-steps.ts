/**
 * Rule 2 of the aggregation query: the first exposure per visitor × slot × period (salt), the trigger, the decision
 * record of each, and the exposures that are duplicates or later ones.
 */

import type { Cte, QueryContext } from './query-parts.js';

/** The exposure steps, in order: `exposures` … `exposure_counts`. */
export function exposureSteps({ d, table, rules }: QueryContext): Cte[] {
  return [
    {
      name: 'exposures',
      inline: true,
      note: `2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat). Visitors are joined on a 64-bit hash of their id (vk).`,
      sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, visitor_id, salt, slot, ts, config_version, arm, experience, counterfactual, propensity, audiences, eligible
  FROM ${table} WHERE ${rules.validExposure}`,
    },
    {
      name: 'exposure_units',
      note: `Per visitor × slot × period: the first exposure's time, and the trigger's: the first exposure whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from it for Q1 and the off-policy rows.`,
      sql: `SELECT vk, salt, slot, MIN(visitor_id) AS visitor_id, MIN(ts) AS t0, MIN(CASE WHEN counterfactual <> 'baseline' THEN ts END) AS trigger_t0,
    COUNT(*) AS events
  FROM exposures GROUP BY vk, salt, slot`,
    },
    {
      name: 'candidates',
      note: 'The exposures at the first or the trigger time, each decision once with its number of copies.',
      sql: `SELECT vk, salt, slot, is_first, is_trigger, ts, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key,
    COUNT(*) AS copies
  FROM (
    SELECT e.vk, e.salt, e.slot, CASE WHEN e.ts = u.t0 THEN 1 ELSE 0 END AS is_first,
      CASE WHEN e.ts = u.trigger_t0 AND e.counterfactual <> 'baseline' THEN 1 ELSE 0 END AS is_trigger, e.ts, e.arm, e.experience,
      e.counterfactual, e.config_version, e.propensity, ${d.setKey('e.audiences')} AS aud_key, ${d.setKey('e.eligible')} AS elig_key
    FROM exposures e
    JOIN exposure_units u ON e.vk = u.vk AND e.salt = u.salt AND e.slot = u.slot
    WHERE e.ts = u.t0 OR (e.ts = u.trigger_t0 AND e.counterfactual <> 'baseline')) c
  GROUP BY vk, salt, slot, is_first, is_trigger, ts, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key`,
    },
    {
      name: 'picked',
      note: 'Two decisions at the same millisecond: the decision fields break the tie, for the first exposure and for the trigger.',
      sql: d.firstPerGroup(
        `SELECT vk, salt, slot, 'first' AS role, ts, SUM(copies) AS copies, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
      FROM candidates WHERE is_first = 1
      GROUP BY vk, salt, slot, ts, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
      UNION ALL
      SELECT vk, salt, slot, 'trigger' AS role, ts, SUM(copies) AS copies, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
      FROM candidates WHERE is_trigger = 1
      GROUP BY vk, salt, slot, ts, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key`,
        ['vk', 'salt', 'slot', 'role'],
        [['arm', true], ['experience', true], ['counterfactual', true], ['config_version', true], ['propensity', false], ['aud_key', true], ['elig_key', true]],
        ['ts', 'copies'],
      ),
    },
    {
      name: 'first_exposures',
      note: 'Copies of the first are duplicates, every other exposure is a later one.',
      sql: `SELECT p.vk, u.visitor_id, p.salt, p.slot, p.ts AS t0, u.events, p.copies, p.arm, p.experience, p.counterfactual, p.config_version, p.propensity,
    p.aud_key, p.elig_key
  FROM picked p JOIN exposure_units u ON u.vk = p.vk AND u.salt = p.salt AND u.slot = p.slot
  WHERE p.role = 'first'`,
    },
    {
      name: 'triggers',
      sql: `SELECT vk, salt, slot, ts AS t0, copies, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
  FROM picked WHERE role = 'trigger'`,
    },
    {
      name: 'decision_units',
      note: `Each first exposure with its decision record (the trigger, else the first exposure itself); redecided when they differ.`,
      sql: `SELECT f.vk, f.salt, f.slot, f.copies, f.events,
    CASE WHEN t.vk IS NOT NULL AND (t.t0 <> f.t0 OR t.arm <> f.arm OR t.experience <> f.experience
      OR t.counterfactual <> f.counterfactual OR t.config_version <> f.config_version OR t.propensity <> f.propensity
      OR t.aud_key <> f.aud_key OR t.elig_key <> f.elig_key) THEN 1 ELSE 0 END AS redecided,
    t.copies AS trigger_copies, COALESCE(t.t0, f.t0) AS d_ts, COALESCE(t.arm, f.arm) AS arm,
    COALESCE(t.experience, f.experience) AS experience, COALESCE(t.counterfactual, f.counterfactual) AS counterfactual,
    COALESCE(t.config_version, f.config_version) AS config_version, COALESCE(t.propensity, f.propensity) AS propensity,
    COALESCE(t.aud_key, f.aud_key) AS aud_key, COALESCE(t.elig_key, f.elig_key) AS elig_key
  FROM first_exposures f
  LEFT JOIN triggers t ON t.vk = f.vk AND t.salt = f.salt AND t.slot = f.slot`,
    },
    {
      name: 'exposure_counts',
      note: 'Copies of the first exposure or of the trigger are duplicates; every other exposure after the first is a later one.',
      sql: `SELECT COALESCE(SUM(copies - 1 + CASE WHEN redecided = 1 THEN trigger_copies - 1 ELSE 0 END), 0) AS duplicates,
    COALESCE(SUM(events - copies - CASE WHEN redecided = 1 THEN trigger_copies - 1 ELSE 0 END), 0) AS later,
    COALESCE(SUM(redecided), 0) AS redecided
  FROM decision_units`,
    },
  ];
}
