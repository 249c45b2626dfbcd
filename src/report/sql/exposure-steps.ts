/**
 * Rule 2 of the aggregation query: the first exposure per visitor × slot × period (salt), the trigger, the decision
 * record of each, and the exposures that are duplicates or later ones.
 */

import { DECISION, DECISION_COLUMNS } from './decision-fields.js';
import { EVENT_CODES, readsKeyedEvents } from './keyed-events.js';
import { keyedPickSteps } from './keyed-pick-steps.js';
import type { Cte, QueryContext } from './query-parts.js';

/** Each first exposure with its decision record, from `first_exposures` and `triggers` (joined on their texts). */
const DECISION_UNITS: Cte = {
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
};

/** The exposure steps, in order: `exposures` … `exposure_counts`. */
export function exposureSteps(context: QueryContext): Cte[] {
  const { d, table, rules } = context;
  const note = `2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat). Visitors are joined on a 64-bit hash of their id (vk).`;
  return [
    readsKeyedEvents(d)
      ? { name: 'exposures', inline: true, note, sql: `SELECT vk, fold, ts, dk FROM keyed_events WHERE code = ${String(EVENT_CODES.exposure)}` }
      : {
          name: 'exposures',
          inline: true,
          note,
          sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, visitor_id, salt, slot, ts, config_version, arm, experience, counterfactual, propensity, audiences, eligible
  FROM ${table} WHERE ${rules.validExposure}`,
        },
    ...pickSteps(context),
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

/**
 * `exposure_patterns` … `decision_units`: the distinct decisions (few) ranked in tie-break order, each visitor × slot ×
 * period's exposures as (time, decision rank) with their copies, then the first one and the first triggering one. The
 * large steps carry the rank, a number, instead of the decision's texts. In one GROUP BY where the engine has
 * {@link Dialect.minRow}, else with ROW_NUMBER().
 */
function pickSteps(context: QueryContext): Cte[] {
  const { d } = context;
  const fields = DECISION.slice(0, 5).map(([c]) => c);
  const patterns: Cte = {
    name: 'exposure_patterns',
    materialized: true,
    note: `Each distinct decision as logged (a few per configuration), with its audience and eligibility sets as keys and its rank (pid) in the order that breaks ties: the same rank for the same sets in another order.`,
    sql: `SELECT ${fields.join(', ')}, audiences_key, eligible_key, aud_key, elig_key, CASE WHEN counterfactual <> 'baseline' THEN 1 ELSE 0 END AS triggering,
    DENSE_RANK() OVER (ORDER BY ${DECISION.map(([c, text]) => (text ? d.binary(c) : c)).join(', ')}) AS pid
  FROM (
    SELECT ${fields.map((c) => `e.${c}`).join(', ')}, e.audiences_key, e.eligible_key, ${d.setKey('e.audiences')} AS aud_key, ${d.setKey('e.eligible')} AS elig_key
    FROM (
      SELECT ${fields.join(', ')}, ${d.listKey('audiences')} AS audiences_key, ${d.listKey('eligible')} AS eligible_key, ${d.groupedList('audiences')} AS audiences, ${d.groupedList('eligible')} AS eligible
      FROM exposures GROUP BY ${fields.join(', ')}, ${d.listKey('audiences')}, ${d.listKey('eligible')}) e) p`,
  };
  const decisions: Cte = {
    name: 'decisions',
    materialized: true,
    sql: `SELECT DISTINCT pid, ${DECISION_COLUMNS} FROM exposure_patterns`,
  };
  const exposureDecisions: Cte = {
    name: 'exposure_decisions',
    note: `Per visitor × slot × period, each exposure time and decision once with its number of copies.`,
    sql: `SELECT e.vk, e.salt, e.slot, e.ts, p.pid, p.triggering, MIN(e.visitor_id) AS visitor_id, COUNT(*) AS copies
  FROM exposures e
  JOIN exposure_patterns p ON ${fields.map((c) => `e.${c} = p.${c}`).join(' AND ')}
    AND ${d.listKey('e.audiences')} = p.audiences_key AND ${d.listKey('e.eligible')} = p.eligible_key
  GROUP BY e.vk, e.salt, e.slot, e.ts, p.pid, p.triggering`,
  };
  const unitsNote = `The first exposure is the earliest (at the same millisecond, the decision fields break the tie: the smallest pid); the trigger the earliest whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from the trigger for Q1 and the off-policy rows.`;
  const firstNote = 'Copies of the first are duplicates, every other exposure is a later one.';
  /** The picked rows of `source` (as u) with their decision's fields; `unit` adds the unit's visitor id and events. */
  const withDecision = (source: string, pick: { t0: string; copies: string; pid: string }, unit: string, rest = ''): string =>
    `SELECT u.vk, ${unit ? `${unit}.visitor_id, ${unit}.events, ` : ''}u.salt, u.slot, ${pick.t0} AS t0, ${DECISION.map(([c]) => `x.${c}`).join(', ')}, ${pick.copies} AS copies
  FROM ${source} u JOIN decisions x ON x.pid = ${pick.pid}${rest}`;
  if (d.minRow && readsKeyedEvents(d)) return keyedPickSteps(context, d.minRow);
  if (d.minRow) {
    const { of, field } = d.minRow;
    const pick = (row: string, filter?: string): string => `${of(['ts', 'pid', 'copies'], filter)} AS ${row}`;
    const picked = (row: string) => ({ t0: field(row, 'ts'), copies: field(row, 'copies'), pid: field(row, 'pid') });
    return [
      patterns,
      decisions,
      exposureDecisions,
      {
        name: 'exposure_units',
        note: unitsNote,
        sql: `SELECT vk, salt, slot, MIN(visitor_id) AS visitor_id, SUM(copies) AS events, ${pick('first_pick')}, ${pick('trigger_pick', 'triggering = 1')}
  FROM exposure_decisions GROUP BY vk, salt, slot`,
      },
      {
        name: 'first_exposures',
        note: firstNote,
        sql: withDecision('exposure_units', picked('u.first_pick'), 'u'),
      },
      { name: 'triggers', sql: withDecision('exposure_units', picked('u.trigger_pick'), '', '\n  WHERE u.trigger_pick IS NOT NULL') },
      DECISION_UNITS,
    ];
  }
  const byColumn = { t0: 'u.ts', copies: 'u.copies', pid: 'u.pid' };
  const first = (filter: string): string =>
    `(\n    ${d.firstPerGroup(`SELECT vk, salt, slot, ts, pid, copies FROM exposure_decisions${filter}`, ['vk', 'salt', 'slot'], [['ts', false], ['pid', false]], ['copies'])})`;
  return [
    patterns,
    decisions,
    exposureDecisions,
    { name: 'exposure_units', note: unitsNote, sql: `SELECT vk, salt, slot, MIN(visitor_id) AS visitor_id, SUM(copies) AS events\n  FROM exposure_decisions GROUP BY vk, salt, slot` },
    {
      name: 'first_exposures',
      note: firstNote,
      sql: withDecision(first(''), byColumn, 'w', '\n  JOIN exposure_units w ON w.vk = u.vk AND w.salt = u.salt AND w.slot = u.slot'),
    },
    { name: 'triggers', sql: withDecision(first(' WHERE triggering = 1'), byColumn, '') },
    DECISION_UNITS,
  ];
}
