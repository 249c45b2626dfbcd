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
    COALESCE(SUM(CASE WHEN (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000 AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL) THEN 1 ELSE 0 END), 0) AS exposures,
    COALESCE(SUM(CASE WHEN (type = 'conversion' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000 AND goal IS NOT NULL AND (value IS NULL OR (value NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)))) THEN 1 ELSE 0 END), 0) AS conversions,
    COALESCE(SUM(CASE WHEN (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000
    AND (kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed') OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL))) THEN 1 ELSE 0 END), 0) AS trust,
    COALESCE(SUM(CASE WHEN ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND NOT (ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000) THEN 1 ELSE 0 END), 0) AS time_out_of_range
  FROM candor_events
),
-- 2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat). Visitors are joined on a 64-bit hash of their id (vk).
exposures AS NOT MATERIALIZED (
  SELECT hashtextextended(visitor_id, 0) AS vk, visitor_id, salt, slot, ts, config_version, arm, experience, counterfactual, propensity, audiences, eligible
  FROM candor_events WHERE (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000 AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL)
),
-- Each distinct decision as logged (a few per configuration), with its audience and eligibility sets as keys and its rank (pid) in the order that breaks ties: the same rank for the same sets in another order.
exposure_patterns AS MATERIALIZED (
  SELECT arm, experience, counterfactual, config_version, propensity, audiences_key, eligible_key, aud_key, elig_key, CASE WHEN counterfactual <> 'baseline' THEN 1 ELSE 0 END AS triggering,
    DENSE_RANK() OVER (ORDER BY (arm) COLLATE "C", (experience) COLLATE "C", (counterfactual) COLLATE "C", (config_version) COLLATE "C", propensity, (aud_key) COLLATE "C", (elig_key) COLLATE "C") AS pid
  FROM (
    SELECT e.arm, e.experience, e.counterfactual, e.config_version, e.propensity, e.audiences_key, e.eligible_key, array_to_string(ARRAY(SELECT x FROM unnest(e.audiences) AS x ORDER BY x COLLATE "C"), chr(1)) AS aud_key, array_to_string(ARRAY(SELECT x FROM unnest(e.eligible) AS x ORDER BY x COLLATE "C"), chr(1)) AS elig_key
    FROM (
      SELECT arm, experience, counterfactual, config_version, propensity, audiences AS audiences_key, eligible AS eligible_key, audiences AS audiences, eligible AS eligible
      FROM exposures GROUP BY arm, experience, counterfactual, config_version, propensity, audiences, eligible) e) p
),
decisions AS MATERIALIZED (
  SELECT DISTINCT pid, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key FROM exposure_patterns
),
-- Per visitor × slot × period, each exposure time and decision once with its number of copies.
exposure_decisions AS (
  SELECT e.vk, e.salt, e.slot, e.ts, p.pid, p.triggering, MIN(e.visitor_id) AS visitor_id, COUNT(*) AS copies
  FROM exposures e
  JOIN exposure_patterns p ON e.arm = p.arm AND e.experience = p.experience AND e.counterfactual = p.counterfactual AND e.config_version = p.config_version AND e.propensity = p.propensity
    AND e.audiences = p.audiences_key AND e.eligible = p.eligible_key
  GROUP BY e.vk, e.salt, e.slot, e.ts, p.pid, p.triggering
),
-- The first exposure is the earliest (at the same millisecond, the decision fields break the tie: the smallest pid); the trigger the earliest whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from the trigger for Q1 and the off-policy rows.
exposure_units AS (
  SELECT vk, salt, slot, MIN(visitor_id) AS visitor_id, SUM(copies) AS events
  FROM exposure_decisions GROUP BY vk, salt, slot
),
-- Copies of the first are duplicates, every other exposure is a later one.
first_exposures AS (
  SELECT u.vk, w.visitor_id, w.events, u.salt, u.slot, u.ts AS t0, x.arm, x.experience, x.counterfactual, x.config_version, x.propensity, x.aud_key, x.elig_key, u.copies AS copies
  FROM (
    SELECT vk, salt, slot, ts, pid, copies
  FROM (
    SELECT r.*, ROW_NUMBER() OVER (PARTITION BY vk, salt, slot ORDER BY ts, pid) AS pos
    FROM (
      SELECT vk, salt, slot, ts, pid, copies FROM exposure_decisions) r) x
  WHERE pos = 1) u JOIN decisions x ON x.pid = u.pid
  JOIN exposure_units w ON w.vk = u.vk AND w.salt = u.salt AND w.slot = u.slot
),
triggers AS (
  SELECT u.vk, u.salt, u.slot, u.ts AS t0, x.arm, x.experience, x.counterfactual, x.config_version, x.propensity, x.aud_key, x.elig_key, u.copies AS copies
  FROM (
    SELECT vk, salt, slot, ts, pid, copies
  FROM (
    SELECT r.*, ROW_NUMBER() OVER (PARTITION BY vk, salt, slot ORDER BY ts, pid) AS pos
    FROM (
      SELECT vk, salt, slot, ts, pid, copies FROM exposure_decisions WHERE triggering = 1) r) x
  WHERE pos = 1) u JOIN decisions x ON x.pid = u.pid
),
-- Each first exposure with its decision record (the trigger, else the first exposure itself); redecided when they differ.
decision_units AS (
  SELECT f.vk, f.salt, f.slot, f.copies, f.events,
    CASE WHEN t.vk IS NOT NULL AND (t.t0 <> f.t0 OR t.arm <> f.arm OR t.experience <> f.experience
      OR t.counterfactual <> f.counterfactual OR t.config_version <> f.config_version OR t.propensity <> f.propensity
      OR t.aud_key <> f.aud_key OR t.elig_key <> f.elig_key) THEN 1 ELSE 0 END AS redecided,
    t.copies AS trigger_copies, COALESCE(t.t0, f.t0) AS d_ts, COALESCE(t.arm, f.arm) AS arm,
    COALESCE(t.experience, f.experience) AS experience, COALESCE(t.counterfactual, f.counterfactual) AS counterfactual,
    COALESCE(t.config_version, f.config_version) AS config_version, COALESCE(t.propensity, f.propensity) AS propensity,
    COALESCE(t.aud_key, f.aud_key) AS aud_key, COALESCE(t.elig_key, f.elig_key) AS elig_key
  FROM first_exposures f
  LEFT JOIN triggers t ON t.vk = f.vk AND t.salt = f.salt AND t.slot = f.slot
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
  SELECT hashtextextended(visitor_id, 0) AS vk, goal, ts, COALESCE(value, 1) AS val FROM candor_events WHERE (type = 'conversion' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000 AND goal IS NOT NULL AND (value IS NULL OR (value NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8))))
),
distinct_conversions AS (
  SELECT vk, goal, ts, val, COUNT(*) AS copies FROM conversions GROUP BY vk, goal, ts, val
),
-- At most 16 per visitor × goal: the earliest (then the smallest value).
ranked_conversions AS (
  SELECT vk, goal, ts, val, copies, ROW_NUMBER() OVER (PARTITION BY vk, goal ORDER BY ts, val) AS pos
  FROM distinct_conversions
),
kept_conversions AS (
  SELECT vk, goal, ts, val FROM ranked_conversions WHERE pos <= 16
),
conversion_counts AS (
  SELECT COALESCE(SUM(CASE WHEN pos <= 16 THEN copies - 1 ELSE 0 END), 0) AS duplicates,
    COALESCE(SUM(CASE WHEN pos > 16 THEN copies ELSE 0 END), 0) AS capped
  FROM ranked_conversions
),
-- Every goal with its stored conversions: the report keeps the 100 goals with most (and the config's), as the streaming reader does.
goals AS (
  SELECT goal, COUNT(*) AS stored FROM kept_conversions GROUP BY goal
),
-- 4. Trust events.
trust AS MATERIALIZED (
  SELECT hashtextextended(visitor_id, 0) AS vk, ts, kind, slot, key, answer, forced FROM candor_events WHERE (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (ts NOT IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)) AND ts >= 1577836800000 AND ts <= (EXTRACT(EPOCH FROM now()) * 1000) + 86400000
    AND (kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed') OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL)))
),
-- Visitors with conversions or trust events but no exposure cannot be analysed.
unexposed AS (
  SELECT COUNT(*) AS visitors FROM (
    SELECT DISTINCT vk FROM (SELECT vk FROM conversions UNION ALL SELECT vk FROM trust) a) v
  WHERE NOT EXISTS (SELECT 1 FROM exposure_units u WHERE u.vk = v.vk)
),
-- A visitor's declared answer: their earliest ask_answered (at the same millisecond, the smallest key=answer), leaving out answers to a prompt forced by ?candor-ask (not part of the random sample).
answers AS (
  SELECT vk, answer FROM (
    SELECT vk, key || '=' || answer AS answer,
      ROW_NUMBER() OVER (PARTITION BY vk ORDER BY ts, (key || '=' || answer) COLLATE "C") AS pos
    FROM trust WHERE kind = 'ask_answered' AND COALESCE(forced, FALSE) = FALSE) a
  WHERE pos = 1
),
-- Trust actions are visitor flags per slot; one without a slot counts for every slot.
trust_flags AS (
  SELECT DISTINCT vk, kind, slot FROM trust WHERE kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget')
),
-- 5. A visitor's period starts at their earliest first exposure in it; they are in the holdout when any slot logged it; the fold splits visitors in two for cross-fitting.
visitor_periods AS (
  SELECT vk, salt, MIN(t0) AS first_ts, MAX(CASE WHEN arm = 'holdout' THEN 1 ELSE 0 END) AS holdout, CASE WHEN substr(md5(MIN(visitor_id)), 32, 1) IN ('1', '3', '5', '7', '9', 'b', 'd', 'f') THEN 1 ELSE 0 END AS fold
  FROM first_exposures GROUP BY vk, salt
),
-- Visitors who answered, with the audiences of their period's first exposure (same millisecond: the smallest slot name's).
answer_audiences AS (
  SELECT vk, salt, answer, aud_key FROM (
    SELECT f.vk, f.salt, a.answer, f.aud_key, ROW_NUMBER() OVER (PARTITION BY f.vk, f.salt ORDER BY f.t0, (f.slot) COLLATE "C") AS pos
    FROM first_exposures f JOIN answers a ON a.vk = f.vk) x
  WHERE pos = 1
),
-- Conversions count within the window after the period's start; values add up per visitor × goal. Every visitor × period once with goal NULL (to count visitors), then once per goal converted on.
outcomes AS (
  SELECT vk, salt, holdout, first_ts, CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS x FROM visitor_periods
  UNION ALL
  SELECT p.vk, p.salt, p.holdout, p.first_ts, c.goal, SUM(c.val) AS x
  FROM visitor_periods p
  JOIN kept_conversions c ON c.vk = p.vk AND c.ts >= p.first_ts AND c.ts <= p.first_ts + 604800000
  GROUP BY p.vk, p.salt, p.holdout, p.first_ts, c.goal
),
-- Outcomes by decision record, with the record's fields (the decision and off-policy rows read them here, without joining back): a redecided one counts conversions within the window after its trigger, the others the period's.
decision_outcomes AS (
  SELECT u.vk, u.salt, u.slot, u.arm, u.experience, u.counterfactual, u.config_version, u.propensity, u.aud_key, u.elig_key, o.goal, o.x
  FROM decision_units u JOIN outcomes o ON o.vk = u.vk AND o.salt = u.salt
  WHERE u.redecided = 0
  UNION ALL
  SELECT u.vk, u.salt, u.slot, u.arm, u.experience, u.counterfactual, u.config_version, u.propensity, u.aud_key, u.elig_key, CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS x FROM decision_units u WHERE u.redecided = 1
  UNION ALL
  SELECT u.vk, u.salt, u.slot, u.arm, u.experience, u.counterfactual, u.config_version, u.propensity, u.aud_key, u.elig_key, c.goal, SUM(c.val) AS x
  FROM decision_units u
  JOIN kept_conversions c ON c.vk = u.vk AND c.ts >= u.d_ts AND c.ts <= u.d_ts + 604800000
  WHERE u.redecided = 1
  GROUP BY u.vk, u.salt, u.slot, u.arm, u.experience, u.counterfactual, u.config_version, u.propensity, u.aud_key, u.elig_key, c.goal
),
-- The trust flags of each first exposure: those for its slot, and those without a slot (two joins, so both are hash joins).
unit_flags AS (
  SELECT DISTINCT vk, salt, slot, arm, experience, kind FROM (
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk AND tf.slot = f.slot
    UNION ALL
    SELECT f.vk, f.salt, f.slot, f.arm, f.experience, tf.kind
    FROM first_exposures f JOIN trust_flags tf ON tf.vk = f.vk WHERE tf.slot IS NULL) u
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
SELECT CAST('input' AS TEXT) AS section, CAST('time_out_of_range' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(i.time_out_of_range AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('goal' AS TEXT) AS section, CAST('goal' AS TEXT) AS name, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(goal AS TEXT) AS goal, CAST(stored AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM goals
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('visitors' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM visitor_periods GROUP BY salt
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('first_ts' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MIN(t0) AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('period' AS TEXT) AS section, CAST('last_ts' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MAX(t0) AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('group' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(o.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(o.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM outcomes o GROUP BY o.salt, o.holdout, o.goal
UNION ALL
SELECT CAST('day' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(o.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(FLOOR(o.first_ts / 86400000.0) AS BIGINT) AS day, CAST(o.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM outcomes o GROUP BY o.salt, FLOOR(o.first_ts / 86400000.0), o.holdout, o.goal
UNION ALL
SELECT CAST('answer' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(NULL AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(p.answer AS TEXT) AS answer, CAST(p.aud_key AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM answer_audiences p JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt GROUP BY p.salt, p.answer, p.aud_key, o.goal
UNION ALL
SELECT CAST('arm' AS TEXT) AS section, CAST(NULL AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx FROM first_exposures GROUP BY salt, slot, arm
UNION ALL
SELECT CAST('version' AS TEXT) AS section, CAST(NULL AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(config_version AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM first_exposures GROUP BY salt, slot, config_version
UNION ALL
SELECT CAST('cell' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(p.salt AS TEXT) AS salt, CAST(p.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(p.arm AS TEXT) AS arm, CAST(p.experience AS TEXT) AS experience, CAST(p.counterfactual AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM first_exposures p JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal
UNION ALL
SELECT CAST('decision' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(o.salt AS TEXT) AS salt, CAST(o.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(o.arm AS TEXT) AS arm, CAST(o.experience AS TEXT) AS experience, CAST(o.counterfactual AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE PRECISION) AS x, CAST(SUM(o.x * o.x) AS DOUBLE PRECISION) AS xx
  FROM decision_outcomes o GROUP BY o.salt, o.slot, o.arm, o.experience, o.counterfactual, o.goal
UNION ALL
SELECT CAST('ope' AS TEXT) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS TEXT) AS name, CAST(o.salt AS TEXT) AS salt, CAST(o.slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(v.fold AS BIGINT) AS fold, CAST(a.answer AS TEXT) AS answer, CAST(o.aud_key AS TEXT) AS audiences, CAST(o.elig_key AS TEXT) AS eligible, CAST(o.arm AS TEXT) AS arm, CAST(o.experience AS TEXT) AS experience, CAST(o.counterfactual AS TEXT) AS counterfactual, CAST(o.config_version AS TEXT) AS config_version, CAST(o.propensity AS DOUBLE PRECISION) AS propensity, CAST(o.goal AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM decision_outcomes o
  JOIN visitor_periods v ON v.vk = o.vk AND v.salt = o.salt
  LEFT JOIN answers a ON a.vk = o.vk
  GROUP BY o.salt, o.slot, v.fold, a.answer, o.aud_key, o.elig_key, o.arm, o.experience, o.counterfactual, o.config_version, o.propensity, o.goal
UNION ALL
SELECT CAST('trust' AS TEXT) AS section, CAST('visitors' AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(experience AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM first_exposures GROUP BY salt, slot, arm, experience
UNION ALL
SELECT CAST('trust' AS TEXT) AS section, CAST(kind AS TEXT) AS name, CAST(salt AS TEXT) AS salt, CAST(slot AS TEXT) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS TEXT) AS answer, CAST(NULL AS TEXT) AS audiences, CAST(NULL AS TEXT) AS eligible, CAST(arm AS TEXT) AS arm, CAST(experience AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS TEXT) AS config_version, CAST(NULL AS DOUBLE PRECISION) AS propensity, CAST(NULL AS TEXT) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE PRECISION) AS x, CAST(NULL AS DOUBLE PRECISION) AS xx
  FROM unit_flags GROUP BY salt, slot, arm, experience, kind;
