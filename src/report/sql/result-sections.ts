/**
 * Step 6 of the aggregation query: one SELECT per part of the aggregate (meta, input counts, goals, periods, groups,
 * days, answers, arms, versions, cells, decisions, off-policy rows, trust), joined with UNION ALL.
 */

import { DAY_MS, lit, num, type QueryContext } from './query-parts.js';
import { RESULT_FORMAT, resultRow } from './result-columns.js';

/** `visitors` rows (goal NULL: every visitor × period) and `converted` rows (one per goal converted on). */
const outcomeName = "CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END";
const outcomeValues = { name: outcomeName, goal: 'o.goal', n: 'COUNT(*)', x: 'SUM(o.x)', xx: 'SUM(o.x * o.x)' };

const INPUT_COUNTS = [
  ['lines', 'i.lines'],
  ['exposure', 'i.exposures'],
  ['conversion', 'i.conversions'],
  ['trust', 'i.trust'],
  ['invalid', 'i.lines - i.exposures - i.conversions - i.trust'],
  ['duplicates', 'e.duplicates + c.duplicates'],
  ['later_exposures', 'e.later'],
  ['redecided', 'e.redecided'],
  ['conversions_capped', 'c.capped'],
  ['visitors_without_exposure', 'u.visitors'],
  ['time_out_of_range', 'i.time_out_of_range'],
] as const;

/** The meta, input, goal and period rows: counts over the whole input. */
function inputSections({ d, windowDays, cap }: QueryContext): string[] {
  return [
    `SELECT ${resultRow(d, { section: "'meta'", name: "'format'", n: String(RESULT_FORMAT) })}`,
    `SELECT ${resultRow(d, { section: "'meta'", name: "'window_days'", x: num(windowDays) })}`,
    `SELECT ${resultRow(d, { section: "'meta'", name: "'max_conversions_per_goal'", n: String(cap) })}`,
    ...INPUT_COUNTS.map(
      ([name, value]) =>
        `SELECT ${resultRow(d, { section: "'input'", name: lit(name), n: value })} FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u`,
    ),
    `SELECT ${resultRow(d, { section: "'goal'", name: "'goal'", goal: 'goal', n: 'stored' })} FROM goals`,
    `SELECT ${resultRow(d, { section: "'period'", name: "'visitors'", salt: 'salt', n: 'COUNT(*)' })} FROM visitor_periods GROUP BY salt`,
    `SELECT ${resultRow(d, { section: "'period'", name: "'first_ts'", salt: 'salt', x: 'MIN(t0)' })} FROM first_exposures GROUP BY salt`,
    `SELECT ${resultRow(d, { section: "'period'", name: "'last_ts'", salt: 'salt', x: 'MAX(t0)' })} FROM first_exposures GROUP BY salt`,
  ];
}

/** The outcome rows: by group, day, answer, arm, version, cell and decision record. */
function outcomeSections({ d }: QueryContext): string[] {
  const joinOutcomes = 'JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt';
  return [
    `SELECT ${resultRow(d, { section: "'group'", salt: 'o.salt', holdout: 'o.holdout', ...outcomeValues })}
  FROM outcomes o GROUP BY o.salt, o.holdout, o.goal`,
    `SELECT ${resultRow(d, { section: "'day'", salt: 'o.salt', day: `FLOOR(o.first_ts / ${num(DAY_MS)}.0)`, holdout: 'o.holdout', ...outcomeValues })}
  FROM outcomes o GROUP BY o.salt, FLOOR(o.first_ts / ${num(DAY_MS)}.0), o.holdout, o.goal`,
    `SELECT ${resultRow(d, { section: "'answer'", salt: 'p.salt', answer: 'p.answer', audiences: 'p.aud_key', ...outcomeValues })}
  FROM answer_audiences p ${joinOutcomes} GROUP BY p.salt, p.answer, p.aud_key, o.goal`,
    `SELECT ${resultRow(d, { section: "'arm'", salt: 'salt', slot: 'slot', arm: 'arm', n: 'COUNT(*)' })} FROM first_exposures GROUP BY salt, slot, arm`,
    `SELECT ${resultRow(d, { section: "'version'", salt: 'salt', slot: 'slot', config_version: 'config_version', n: 'COUNT(*)' })}
  FROM first_exposures GROUP BY salt, slot, config_version`,
    `SELECT ${resultRow(d, { section: "'cell'", salt: 'p.salt', slot: 'p.slot', arm: 'p.arm', experience: 'p.experience', counterfactual: 'p.counterfactual', ...outcomeValues })}
  FROM first_exposures p ${joinOutcomes} GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal`,
    `SELECT ${resultRow(d, { section: "'decision'", salt: 'o.salt', slot: 'o.slot', arm: 'o.arm', experience: 'o.experience', counterfactual: 'o.counterfactual', ...outcomeValues })}
  FROM decision_outcomes o GROUP BY o.salt, o.slot, o.arm, o.experience, o.counterfactual, o.goal`,
  ];
}

/** The off-policy rows: every decision record's inputs (fold, answer, audiences, eligibility, propensity) and outcome. */
function opeSection({ d }: QueryContext): string {
  return `SELECT ${resultRow(d, {
    section: "'ope'",
    salt: 'o.salt',
    slot: 'o.slot',
    fold: 'v.fold',
    answer: 'a.answer',
    audiences: 'o.aud_key',
    eligible: 'o.elig_key',
    arm: 'o.arm',
    experience: 'o.experience',
    counterfactual: 'o.counterfactual',
    config_version: 'o.config_version',
    propensity: 'o.propensity',
    name: outcomeName,
    goal: 'o.goal',
    n: 'COUNT(*)',
  })}
  FROM decision_outcomes o
  JOIN visitor_periods v ON v.vk = o.vk AND v.salt = o.salt
  LEFT JOIN answers a ON a.vk = o.vk
  GROUP BY o.salt, o.slot, v.fold, a.answer, o.aud_key, o.elig_key, o.arm, o.experience, o.counterfactual, o.config_version, o.propensity, o.goal`;
}

/** The trust rows: first exposures per arm × experience, and those with each trust flag. */
function trustSections({ d }: QueryContext): string[] {
  return [
    `SELECT ${resultRow(d, { section: "'trust'", name: "'visitors'", salt: 'salt', slot: 'slot', arm: 'arm', experience: 'experience', n: 'COUNT(*)' })}
  FROM first_exposures GROUP BY salt, slot, arm, experience`,
    `SELECT ${resultRow(d, { section: "'trust'", name: 'kind', salt: 'salt', slot: 'slot', arm: 'arm', experience: 'experience', n: 'COUNT(*)' })}
  FROM unit_flags GROUP BY salt, slot, arm, experience, kind`,
  ];
}

/** Every result SELECT, in the order of the query. */
export function resultSections(context: QueryContext): string[] {
  return [...inputSections(context), ...outcomeSections(context), opeSection(context), ...trustSections(context)];
}
