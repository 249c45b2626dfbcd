-- Candor report aggregation (result format 1) for postgres: window 7 days, at most 16 conversions per visitor × goal.
-- Reads the flat event table (docs/events-table.md) candor_events; save the rows as CSV or JSON and run
--   candor report --aggregate results.csv --config config.json
-- For this session: PostgreSQL misestimates the CTEs below and would join them with nested loops.
SET enable_nestloop = off;
SET jit = off;
WITH
-- 1. Which rows are events: the type-specific fields are there and make sense. Every other row is invalid.
input_counts AS (
  SELECT COUNT(*) AS lines,
    COALESCE(SUM(CASE WHEN (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL) THEN 1 ELSE 0 END), 0) AS exposures,
    COALESCE(SUM(CASE WHEN (type = 'conversion' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND goal IS NOT NULL AND (value IS NULL OR (value NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)))) THEN 1 ELSE 0 END), 0) AS conversions,
    COALESCE(SUM(CASE WHEN (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8))
    AND (kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed') OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL))) THEN 1 ELSE 0 END), 0) AS trust
  FROM candor_events
),
-- 2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat).
exposures AS NOT MATERIALIZED (
  SELECT visitor_id, salt, slot, ts, config_version, arm, experience, counterfactual, propensity, audiences, eligible
  FROM candor_events WHERE (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL)
),
exposure_units AS (
  SELECT visitor_id, salt, slot, MIN(ts) AS t0, COUNT(*) AS events FROM exposures GROUP BY visitor_id, salt, slot
),
-- The exposures at the earliest time, each decision once with its number of copies.
first_candidates AS (
  SELECT visitor_id, salt, slot, t0, events, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key,
    COUNT(*) AS copies
  FROM (
    SELECT u.visitor_id, u.salt, u.slot, u.t0, u.events, e.arm, e.experience, e.counterfactual, e.config_version,
      e.propensity, array_to_string(ARRAY(SELECT x FROM unnest(e.audiences) AS x ORDER BY x COLLATE "C"), chr(1)) AS aud_key, array_to_string(ARRAY(SELECT x FROM unnest(e.eligible) AS x ORDER BY x COLLATE "C"), chr(1)) AS elig_key
    FROM exposures e
    JOIN exposure_units u ON e.visitor_id = u.visitor_id AND e.salt = u.salt AND e.slot = u.slot AND e.ts = u.t0) c
  GROUP BY visitor_id, salt, slot, t0, events, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
),
-- Two decisions at the same millisecond: the decision fields break the tie. Copies of the first are duplicates, every other exposure is a later one.
first_exposures AS (
  SELECT visitor_id, salt, slot, t0, events, copies, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
  FROM (
    SELECT f.*, ROW_NUMBER() OVER (PARTITION BY visitor_id, salt, slot
      ORDER BY (arm) COLLATE "C", (experience) COLLATE "C", (counterfactual) COLLATE "C", (config_version) COLLATE "C", propensity, (aud_key) COLLATE "C", (elig_key) COLLATE "C") AS pos
    FROM first_candidates f) r
  WHERE pos = 1
),
-- The trigger: the first exposure whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from it for Q1 and the off-policy rows.
trigger_units AS (
  SELECT visitor_id, salt, slot, MIN(ts) AS t0 FROM exposures WHERE counterfactual <> 'baseline' GROUP BY visitor_id, salt, slot
),
triggers AS (
  SELECT visitor_id, salt, slot, t0, copies, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key
  FROM (
    SELECT c.*, ROW_NUMBER() OVER (PARTITION BY visitor_id, salt, slot
      ORDER BY (arm) COLLATE "C", (experience) COLLATE "C", (counterfactual) COLLATE "C", (config_version) COLLATE "C", propensity, (aud_key) COLLATE "C", (elig_key) COLLATE "C") AS pos
    FROM (
      SELECT visitor_id, salt, slot, t0, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key, COUNT(*) AS copies
      FROM (
        SELECT u.visitor_id, u.salt, u.slot, u.t0, e.arm, e.experience, e.counterfactual, e.config_version, e.propensity,
          array_to_string(ARRAY(SELECT x FROM unnest(e.audiences) AS x ORDER BY x COLLATE "C"), chr(1)) AS aud_key, array_to_string(ARRAY(SELECT x FROM unnest(e.eligible) AS x ORDER BY x COLLATE "C"), chr(1)) AS elig_key
        FROM exposures e
        JOIN trigger_units u ON e.visitor_id = u.visitor_id AND e.salt = u.salt AND e.slot = u.slot AND e.ts = u.t0
        WHERE e.counterfactual <> 'baseline') k
      GROUP BY visitor_id, salt, slot, t0, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key) c) r
  WHERE pos = 1
),
-- Each first exposure with its decision record (the trigger, else the first exposure itself); redecided when they differ.
decision_units AS (
  SELECT f.visitor_id, f.salt, f.slot, f.copies, f.events,
    CASE WHEN t.visitor_id IS NOT NULL AND (t.t0 <> f.t0 OR t.arm <> f.arm OR t.experience <> f.experience
      OR t.counterfactual <> f.counterfactual OR t.config_version <> f.config_version OR t.propensity <> f.propensity
      OR t.aud_key <> f.aud_key OR t.elig_key <> f.elig_key) THEN 1 ELSE 0 END AS redecided,
    t.copies AS trigger_copies, COALESCE(t.t0, f.t0) AS d_ts, COALESCE(t.arm, f.arm) AS arm,
    COALESCE(t.experience, f.experience) AS experience, COALESCE(t.counterfactual, f.counterfactual) AS counterfactual,
    COALESCE(t.config_version, f.config_version) AS config_version, COALESCE(t.propensity, f.propensity) AS propensity,
    COALESCE(t.aud_key, f.aud_key) AS aud_key, COALESCE(t.elig_key, f.elig_key) AS elig_key
  FROM first_exposures f
  LEFT JOIN triggers t ON t.visitor_id = f.visitor_id AND t.salt = f.salt AND t.slot = f.slot
),
-- Copies of the first exposure or of the trigger are duplicates; every other exposure after the first is a later one.
exposure_counts AS (
  SELECT COALESCE(SUM(copies - 1 + CASE WHEN redecided = 1 THEN trigger_copies - 1 ELSE 0 END), 0) AS duplicates,
    COALESCE(SUM(events - copies - CASE WHEN redecided = 1 THEN trigger_copies - 1 ELSE 0 END), 0) AS later,
    COALESCE(SUM(redecided), 0) AS redecided
  FROM decision_units
),
-- 3. A re-sent conversion (same visitor, goal, time and value; no value counts 1) counts once.
conversions AS NOT MATERIALIZED (
  SELECT visitor_id, goal, ts, COALESCE(value, 1) AS val FROM candor_events WHERE (type = 'conversion' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND goal IS NOT NULL AND (value IS NULL OR (value NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8))))
),
distinct_conversions AS (
  SELECT visitor_id, goal, ts, val, COUNT(*) AS copies FROM conversions GROUP BY visitor_id, goal, ts, val
),
-- At most 16 per visitor × goal: the earliest (then the smallest value).
ranked_conversions AS (
  SELECT visitor_id, goal, ts, val, copies, ROW_NUMBER() OVER (PARTITION BY visitor_id, goal ORDER BY ts, val) AS pos
  FROM distinct_conversions
),
kept_conversions AS (
  SELECT visitor_id, goal, ts, val FROM ranked_conversions WHERE pos <= 16
),
conversion_counts AS (
  SELECT COALESCE(SUM(CASE WHEN pos <= 16 THEN copies - 1 ELSE 0 END), 0) AS duplicates,
    COALESCE(SUM(CASE WHEN pos > 16 THEN copies ELSE 0 END), 0) AS capped
  FROM ranked_conversions
),
goals AS (
  SELECT DISTINCT goal FROM distinct_conversions
),
-- 4. Trust events.
trust AS (
  SELECT visitor_id, ts, kind, slot, key, answer, forced FROM candor_events WHERE (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8))
    AND (kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed') OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL)))
),
-- Visitors with conversions or trust events but no exposure cannot be analysed.
unexposed AS (
  SELECT COUNT(*) AS visitors FROM (
    SELECT visitor_id, MAX(exposed) AS exposed FROM (
      SELECT visitor_id, 0 AS exposed FROM conversions
      UNION ALL SELECT visitor_id, 0 AS exposed FROM trust
      UNION ALL SELECT visitor_id, 1 AS exposed FROM exposure_units) a
    GROUP BY visitor_id) v
  WHERE exposed = 0
),
-- A visitor's declared answer: their earliest ask_answered (at the same millisecond, the smallest key=answer), leaving out answers to a prompt forced by ?candor-ask (not part of the random sample).
answers AS (
  SELECT visitor_id, answer FROM (
    SELECT visitor_id, key || '=' || answer AS answer,
      ROW_NUMBER() OVER (PARTITION BY visitor_id ORDER BY ts, (key || '=' || answer) COLLATE "C") AS pos
    FROM trust WHERE kind = 'ask_answered' AND COALESCE(forced, FALSE) = FALSE) a
  WHERE pos = 1
),
-- Trust actions are visitor flags per slot; one without a slot counts for every slot.
trust_flags AS (
  SELECT DISTINCT visitor_id, kind, slot FROM trust WHERE kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget')
),
-- 5. A visitor's period starts at their earliest first exposure in it; they are in the holdout when any slot logged it; the fold splits visitors in two for cross-fitting.
visitor_periods AS (
  SELECT visitor_id, salt, MIN(t0) AS first_ts, MAX(CASE WHEN arm = 'holdout' THEN 1 ELSE 0 END) AS holdout, CASE WHEN substr(md5(visitor_id), 32, 1) IN ('1', '3', '5', '7', '9', 'b', 'd', 'f') THEN 1 ELSE 0 END AS fold
  FROM first_exposures GROUP BY visitor_id, salt
),
-- Visitors who answered, with the audiences of their period's first exposure (same millisecond: the smallest slot name's).
answer_audiences AS (
  SELECT visitor_id, salt, answer, aud_key FROM (
    SELECT f.visitor_id, f.salt, a.answer, f.aud_key, ROW_NUMBER() OVER (PARTITION BY f.visitor_id, f.salt ORDER BY f.t0, (f.slot) COLLATE "C") AS pos
    FROM first_exposures f JOIN answers a ON a.visitor_id = f.visitor_id) x
  WHERE pos = 1
),
-- Conversions count within the window after the period's start; values add up per visitor × goal.
visitor_goals AS (
  SELECT p.visitor_id, p.salt, c.goal, SUM(c.val) AS x
  FROM visitor_periods p
  JOIN kept_conversions c ON c.visitor_id = p.visitor_id AND c.ts >= p.first_ts AND c.ts <= p.first_ts + 604800000
  GROUP BY p.visitor_id, p.salt, c.goal
),
-- Every visitor × period once with goal NULL (to count visitors), then once per goal converted on.
outcomes AS (
  SELECT visitor_id, salt, CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS x FROM visitor_periods
  UNION ALL
  SELECT visitor_id, salt, goal, x FROM visitor_goals
),
-- Outcomes by decision record: a redecided one counts conversions within the window after its trigger, the others the period's.
decision_outcomes AS (
  SELECT u.visitor_id, u.salt, u.slot, o.goal, o.x
  FROM decision_units u JOIN outcomes o ON o.visitor_id = u.visitor_id AND o.salt = u.salt
  WHERE u.redecided = 0
  UNION ALL
  SELECT visitor_id, salt, slot, CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS x FROM decision_units WHERE redecided = 1
  UNION ALL
  SELECT u.visitor_id, u.salt, u.slot, c.goal, SUM(c.val) AS x
  FROM decision_units u
  JOIN kept_conversions c ON c.visitor_id = u.visitor_id AND c.ts >= u.d_ts AND c.ts <= u.d_ts + 604800000
  WHERE u.redecided = 1
  GROUP BY u.visitor_id, u.salt, u.slot, c.goal
),
-- The trust flags of each first exposure: those for its slot, and those without a slot (two joins, so both are hash joins).
unit_flags AS (
  SELECT DISTINCT visitor_id, salt, slot, arm, experience, kind FROM (
    SELECT f.visitor_id, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.visitor_id = f.visitor_id AND tf.slot = f.slot
    UNION ALL
    SELECT f.visitor_id, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.visitor_id = f.visitor_id WHERE tf.slot IS NULL) u
)
SELECT CAST('meta' AS TEXT) AS section, CAST('format' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(1 AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
UNION ALL
SELECT CAST('meta' AS TEXT) AS section, CAST('window_days' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(7 AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
UNION ALL
SELECT CAST('meta' AS TEXT) AS section, CAST('max_conversions_per_goal' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(16 AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('lines' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.lines AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('exposure' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.exposures AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('conversion' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.conversions AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('trust' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.trust AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('invalid' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.lines - i.exposures - i.conversions - i.trust AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('duplicates' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(e.duplicates + c.duplicates AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('later_exposures' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(e.later AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('redecided' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(e.redecided AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('conversions_capped' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(c.capped AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS TEXT) AS section, CAST('visitors_without_exposure' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(u.visitors AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('goal' AS TEXT) AS section, CAST('goal' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(goal AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM goals
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('visitors' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM visitor_periods GROUP BY salt
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('first_ts' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MIN(t0) AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('last_ts' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MAX(t0) AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('group' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(p.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM visitor_periods p JOIN outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt GROUP BY p.salt, p.holdout, o.goal
UNION ALL
SELECT CAST('day' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(FLOOR(p.first_ts / 86400000.0) AS BIGINT) AS day, CAST(p.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM visitor_periods p JOIN outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt GROUP BY p.salt, FLOOR(p.first_ts / 86400000.0), p.holdout, o.goal
UNION ALL
SELECT CAST('answer' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(p.answer AS TEXT) AS answer, CAST(p.aud_key AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM answer_audiences p JOIN outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt GROUP BY p.salt, p.answer, p.aud_key, o.goal
UNION ALL
SELECT CAST('arm' AS TEXT) AS section, CAST(NULL AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt, slot, arm
UNION ALL
SELECT CAST('version' AS TEXT) AS section, CAST(NULL AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(config_version AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM first_exposures GROUP BY salt, slot, config_version
UNION ALL
SELECT CAST('cell' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(p.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(p.arm AS TEXT) AS arm, CAST(p.experience AS TEXT) AS experience, CAST(p.counterfactual AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM first_exposures p JOIN outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal
UNION ALL
SELECT CAST('decision' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(p.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(p.arm AS TEXT) AS arm, CAST(p.experience AS TEXT) AS experience, CAST(p.counterfactual AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM decision_units p JOIN decision_outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt AND o.slot = p.slot
  GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal
UNION ALL
SELECT CAST('ope' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(p.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(v.fold AS BIGINT) AS fold, CAST(a.answer AS TEXT) AS answer, CAST(p.aud_key AS TEXT) AS audiences, CAST(p.elig_key AS TEXT) AS eligible, CAST(p.arm AS TEXT) AS arm, CAST(p.experience AS TEXT) AS experience, CAST(p.counterfactual AS TEXT) AS counterfactual, CAST(p.config_version AS TEXT) AS config_version, CAST(p.propensity AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM decision_units p
  JOIN visitor_periods v ON v.visitor_id = p.visitor_id AND v.salt = p.salt
  LEFT JOIN answers a ON a.visitor_id = p.visitor_id
  JOIN decision_outcomes o ON o.visitor_id = p.visitor_id AND o.salt = p.salt AND o.slot = p.slot
  GROUP BY p.salt, p.slot, v.fold, a.answer, p.aud_key, p.elig_key, p.arm, p.experience, p.counterfactual, p.config_version, p.propensity, o.goal
UNION ALL
SELECT CAST('trust' AS TEXT) AS section, CAST('visitors' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(experience AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM first_exposures GROUP BY salt, slot, arm, experience
UNION ALL
SELECT CAST('trust' AS TEXT) AS section, CAST(kind AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(experience AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM unit_flags GROUP BY salt, slot, arm, experience, kind;
