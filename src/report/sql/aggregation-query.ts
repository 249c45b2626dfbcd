/**
 * The aggregation as one SQL query: over the flat event table (docs/events-table.md) it returns, as rows, exactly the
 * sufficient statistics that the streaming reader (`aggregateEvents`) computes from the same events.
 * `aggregateFromRows` turns the rows into an `Aggregate`; `candor report --aggregate results.csv` does it for a
 * results file.
 *
 * Each rule of the aggregation is one named CTE below, in the order the streaming reader applies them:
 * 1. which rows are events (the others count as invalid): a condition each CTE that reads the table applies;
 * 2. `first_exposures`: the first exposure per visitor × slot × period, its copies and the later ones;
 * 3. `kept_conversions`: re-sent conversions once, at most N per visitor × goal, the earliest;
 * 4. `answers`, `trust_flags`: the declared answer (earliest) and the trust actions per visitor;
 * 5. `visitor_periods`, `outcomes`: each visitor's period start, holdout status, fold, and what they converted on
 *    within the window;
 * 6. the result rows, one `section` per part of the aggregate.
 */

import { dialect as dialectOf, type Dialect, type DialectName } from './dialects.js';
import { TS_FUTURE_MS, TS_MIN } from '../time-window.js';

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

/** The result's version: `aggregateFromRows` refuses rows of another. */
export const RESULT_FORMAT = 1;

/** The columns of the result, in order, with their kind. */
export const RESULT_COLUMNS = {
  section: 'text',
  name: 'text',
  salt: 'text',
  slot: 'text',
  day: 'int',
  holdout: 'int',
  fold: 'int',
  answer: 'text',
  audiences: 'text',
  eligible: 'text',
  arm: 'text',
  experience: 'text',
  counterfactual: 'text',
  config_version: 'text',
  propensity: 'double',
  goal: 'text',
  n: 'int',
  x: 'double',
  xx: 'double',
} as const satisfies Record<string, 'text' | 'int' | 'double'>;

/** One result column's name. */
export type ResultColumn = keyof typeof RESULT_COLUMNS;

const DAY_MS = 86_400_000;
const ARMS = "('holdout', 'control', 'explore', 'targeted')";
const FLAG_KINDS = ['explanation_opened', 'show_standard', 'personalize_again', 'forget'] as const;
const TRUST_KINDS = "('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed')";

/** One named step of the query. */
interface Cte {
  name: string;
  /** Read again at each use instead of stored (it scans the table, whose rows may not fit in memory). */
  inline?: boolean;
  /** Stored once where the engine lets the query say so (it is read several times). */
  materialized?: boolean;
  /** The rule it applies, printed as a comment above it. */
  note?: string;
  sql: string;
}

/** A SQL string literal. */
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A number as a SQL literal (no exponent, so every engine reads it). */
function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${String(n)}`);
  return Number.isInteger(n) ? n.toFixed(0) : n.toFixed(20).replace(/0+$/, '');
}

/** One result row: the given columns, typed NULL for the others. */
function row(d: Dialect, values: Partial<Record<ResultColumn, string>>): string {
  return (Object.keys(RESULT_COLUMNS) as ResultColumn[])
    .map((c) => {
      const type = d.types[RESULT_COLUMNS[c]];
      const v = values[c];
      return `CAST(${v ?? 'NULL'} AS ${type}) AS ${c}`;
    })
    .join(', ');
}

/** `visitors` rows (goal NULL: every visitor × period) and `converted` rows (one per goal converted on). */
const outcomeName = "CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END";
const outcomeValues = { name: outcomeName, goal: 'o.goal', n: 'COUNT(*)', x: 'SUM(o.x)', xx: 'SUM(o.x * o.x)' };

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
  const windowMs = num(windowDays * DAY_MS);
  const b = d.binary;
  const t = d.types;
  // Rule 1, as the conditions every CTE that reads the table applies: a visitor, and a time in the valid window.
  const saneTs = `ts >= ${num(TS_MIN)} AND ts <= ${options.now === undefined ? d.nowMs : num(options.now)} + ${num(TS_FUTURE_MS)}`;
  const common = `visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (${d.finite('ts')}) AND ${saneTs}`;
  const validExposure = `(type = 'exposure' AND ${common} AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ${ARMS} AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL)`;
  const validConversion = `(type = 'conversion' AND ${common} AND goal IS NOT NULL AND (value IS NULL OR (${d.finite('value')})))`;
  const validTrust = `(type = 'trust' AND ${common}
    AND (kind IN ${TRUST_KINDS} OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL)))`;

  const ctes: Cte[] = [
    {
      name: 'input_counts',
      note: '1. Which rows are events: the type-specific fields are there and make sense. Every other row is invalid.',
      sql: `SELECT COUNT(*) AS lines,
    COALESCE(SUM(CASE WHEN ${validExposure} THEN 1 ELSE 0 END), 0) AS exposures,
    COALESCE(SUM(CASE WHEN ${validConversion} THEN 1 ELSE 0 END), 0) AS conversions,
    COALESCE(SUM(CASE WHEN ${validTrust} THEN 1 ELSE 0 END), 0) AS trust,
    COALESCE(SUM(CASE WHEN ts IS NOT NULL AND (${d.finite('ts')}) AND NOT (${saneTs}) THEN 1 ELSE 0 END), 0) AS time_out_of_range
  FROM ${table}`,
    },
    {
      name: 'exposures',
      inline: true,
      note: `2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat). Visitors are joined on a 64-bit hash of their id (vk).`,
      sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, visitor_id, salt, slot, ts, config_version, arm, experience, counterfactual, propensity, audiences, eligible
  FROM ${table} WHERE ${validExposure}`,
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
    {
      name: 'conversions',
      inline: true,
      note: '3. A re-sent conversion (same visitor, goal, time and value; no value counts 1) counts once.',
      sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, goal, ts, COALESCE(value, 1) AS val FROM ${table} WHERE ${validConversion}`,
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
    {
      name: 'trust',
      materialized: true,
      note: '4. Trust events.',
      sql: `SELECT ${d.visitorKey('visitor_id')} AS vk, ts, kind, slot, key, answer, forced FROM ${table} WHERE ${validTrust}`,
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
      ROW_NUMBER() OVER (PARTITION BY vk ORDER BY ts, ${b(`key || '=' || answer`)}) AS pos
    FROM trust WHERE kind = 'ask_answered' AND COALESCE(forced, FALSE) = FALSE) a
  WHERE pos = 1`,
    },
    {
      name: 'trust_flags',
      note: 'Trust actions are visitor flags per slot; one without a slot counts for every slot.',
      sql: `SELECT DISTINCT vk, kind, slot FROM trust WHERE kind IN (${FLAG_KINDS.map(lit).join(', ')})`,
    },
    {
      name: 'visitor_periods',
      note: `5. A visitor's period starts at their earliest first exposure in it; they are in the holdout when any slot logged it; the fold splits visitors in two for cross-fitting.`,
      sql: `SELECT vk, salt, MIN(t0) AS first_ts, MAX(CASE WHEN arm = 'holdout' THEN 1 ELSE 0 END) AS holdout, ${d.md5Fold('MIN(visitor_id)')} AS fold
  FROM first_exposures GROUP BY vk, salt`,
    },
    {
      name: 'answer_audiences',
      note: `Visitors who answered, with the audiences of their period's first exposure (same millisecond: the smallest slot name's).`,
      sql: `SELECT vk, salt, answer, aud_key FROM (
    SELECT f.vk, f.salt, a.answer, f.aud_key, ROW_NUMBER() OVER (PARTITION BY f.vk, f.salt ORDER BY f.t0, ${b('f.slot')}) AS pos
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
      note: `Outcomes by decision record: a redecided one counts conversions within the window after its trigger, the others the period's.`,
      sql: `SELECT u.vk, u.salt, u.slot, o.goal, o.x
  FROM decision_units u JOIN outcomes o ON o.vk = u.vk AND o.salt = u.salt
  WHERE u.redecided = 0
  UNION ALL
  SELECT vk, salt, slot, CAST(NULL AS ${t.text}) AS goal, CAST(NULL AS ${t.double}) AS x FROM decision_units WHERE redecided = 1
  UNION ALL
  SELECT u.vk, u.salt, u.slot, c.goal, SUM(c.val) AS x
  FROM decision_units u
  JOIN kept_conversions c ON c.vk = u.vk AND c.ts >= u.d_ts AND c.ts <= u.d_ts + ${windowMs}
  WHERE u.redecided = 1
  GROUP BY u.vk, u.salt, u.slot, c.goal`,
    },
    {
      name: 'unit_flags',
      note: 'The trust flags of each first exposure: those for its slot, and those without a slot (two joins, so both are hash joins).',
      sql: `SELECT DISTINCT vk, salt, slot, arm, experience, kind FROM (
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk AND tf.slot = f.slot
    UNION ALL
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk WHERE tf.slot IS NULL) u`,
    },
  ];

  // 6. The rows: one SELECT per part of the aggregate.
  const joinOutcomes = 'JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt';
  const sections: string[] = [
    `SELECT ${row(d, { section: "'meta'", name: "'format'", n: String(RESULT_FORMAT) })}`,
    `SELECT ${row(d, { section: "'meta'", name: "'window_days'", x: num(windowDays) })}`,
    `SELECT ${row(d, { section: "'meta'", name: "'max_conversions_per_goal'", n: String(cap) })}`,
    ...(
      [
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
      ] as const
    ).map(
      ([name, value]) =>
        `SELECT ${row(d, { section: "'input'", name: lit(name), n: value })} FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u`,
    ),
    `SELECT ${row(d, { section: "'goal'", name: "'goal'", goal: 'goal', n: 'stored' })} FROM goals`,
    `SELECT ${row(d, { section: "'period'", name: "'visitors'", salt: 'salt', n: 'COUNT(*)' })} FROM visitor_periods GROUP BY salt`,
    `SELECT ${row(d, { section: "'period'", name: "'first_ts'", salt: 'salt', x: 'MIN(t0)' })} FROM first_exposures GROUP BY salt`,
    `SELECT ${row(d, { section: "'period'", name: "'last_ts'", salt: 'salt', x: 'MAX(t0)' })} FROM first_exposures GROUP BY salt`,
    `SELECT ${row(d, { section: "'group'", salt: 'o.salt', holdout: 'o.holdout', ...outcomeValues })}
  FROM outcomes o GROUP BY o.salt, o.holdout, o.goal`,
    `SELECT ${row(d, { section: "'day'", salt: 'o.salt', day: `FLOOR(o.first_ts / ${num(DAY_MS)}.0)`, holdout: 'o.holdout', ...outcomeValues })}
  FROM outcomes o GROUP BY o.salt, FLOOR(o.first_ts / ${num(DAY_MS)}.0), o.holdout, o.goal`,
    `SELECT ${row(d, { section: "'answer'", salt: 'p.salt', answer: 'p.answer', audiences: 'p.aud_key', ...outcomeValues })}
  FROM answer_audiences p ${joinOutcomes} GROUP BY p.salt, p.answer, p.aud_key, o.goal`,
    `SELECT ${row(d, { section: "'arm'", salt: 'salt', slot: 'slot', arm: 'arm', n: 'COUNT(*)' })} FROM first_exposures GROUP BY salt, slot, arm`,
    `SELECT ${row(d, { section: "'version'", salt: 'salt', slot: 'slot', config_version: 'config_version', n: 'COUNT(*)' })}
  FROM first_exposures GROUP BY salt, slot, config_version`,
    `SELECT ${row(d, { section: "'cell'", salt: 'p.salt', slot: 'p.slot', arm: 'p.arm', experience: 'p.experience', counterfactual: 'p.counterfactual', ...outcomeValues })}
  FROM first_exposures p ${joinOutcomes} GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal`,
    `SELECT ${row(d, { section: "'decision'", salt: 'p.salt', slot: 'p.slot', arm: 'p.arm', experience: 'p.experience', counterfactual: 'p.counterfactual', ...outcomeValues })}
  FROM decision_units p JOIN decision_outcomes o ON o.vk = p.vk AND o.salt = p.salt AND o.slot = p.slot
  GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal`,
    `SELECT ${row(d, {
      section: "'ope'",
      salt: 'p.salt',
      slot: 'p.slot',
      fold: 'v.fold',
      answer: 'a.answer',
      audiences: 'p.aud_key',
      eligible: 'p.elig_key',
      arm: 'p.arm',
      experience: 'p.experience',
      counterfactual: 'p.counterfactual',
      config_version: 'p.config_version',
      propensity: 'p.propensity',
      name: outcomeName,
      goal: 'o.goal',
      n: 'COUNT(*)',
    })}
  FROM decision_units p
  JOIN visitor_periods v ON v.vk = p.vk AND v.salt = p.salt
  LEFT JOIN answers a ON a.vk = p.vk
  JOIN decision_outcomes o ON o.vk = p.vk AND o.salt = p.salt AND o.slot = p.slot
  GROUP BY p.salt, p.slot, v.fold, a.answer, p.aud_key, p.elig_key, p.arm, p.experience, p.counterfactual, p.config_version, p.propensity, o.goal`,
    `SELECT ${row(d, { section: "'trust'", name: "'visitors'", salt: 'salt', slot: 'slot', arm: 'arm', experience: 'experience', n: 'COUNT(*)' })}
  FROM first_exposures GROUP BY salt, slot, arm, experience`,
    `SELECT ${row(d, { section: "'trust'", name: 'kind', salt: 'salt', slot: 'slot', arm: 'arm', experience: 'experience', n: 'COUNT(*)' })}
  FROM unit_flags GROUP BY salt, slot, arm, experience, kind`,
  ];

  const header = [
    `-- Candor report aggregation (result format ${String(RESULT_FORMAT)}) for ${d.name}: window ${num(windowDays)} days, at most ${String(cap)} conversions per visitor × goal.`,
    `-- Reads the flat event table (docs/events-table.md) ${table}; save the rows as CSV or JSON and run`,
    `--   candor report --aggregate results.csv --config config.json`,
  ];
  const withs = ctes.map((c) => `${c.note ? `-- ${c.note}\n` : ''}${c.name} AS ${c.inline ? d.notMaterialized : c.materialized ? d.materialized : ''}(\n  ${c.sql}\n)`);
  return `${[...header, ...d.preamble].join('\n')}\nWITH\n${withs.join(',\n')}\n${sections.join('\nUNION ALL\n')};\n`;
}
