-- Candor report aggregation (result format 1) for duckdb: window 7 days, at most 16 conversions per visitor × goal.
-- Reads the flat event table (docs/events-table.md) candor_events; save the rows as CSV or JSON and run
--   candor report --aggregate results.csv --config config.json
WITH
-- 1. Which rows are events: the type-specific fields are there and make sense (code 1 an exposure, 2 a conversion, 3 a trust event); every other row is invalid (code 4 when its time is out of the window, else 0). The table is read once: each row as its visitor key (vk) and time; an exposure with its decision key (dk) and its visitor's fold (the lowest bit of MD5 of the id, read per row instead of per visitor), a conversion with its goal and value.
keyed_events AS MATERIALIZED (
  SELECT vk, code, ts, CASE WHEN code = 1 THEN dk END AS dk, CAST(CASE WHEN code = 1 THEN fold END AS UTINYINT) AS fold,
    CASE WHEN code = 2 THEN goal END AS goal, CASE WHEN code = 2 THEN val END AS val
  FROM (
    SELECT hash(visitor_id) AS vk, ts, hash(salt, slot, arm, experience, counterfactual, config_version, propensity, audiences, eligible) AS dk, CASE WHEN substr(md5(visitor_id), 32, 1) IN ('1', '3', '5', '7', '9', 'b', 'd', 'f') THEN 1 ELSE 0 END AS fold, goal, COALESCE(value, 1) AS val,
      CASE WHEN (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (isfinite(ts)) AND ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000 AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL) THEN 1 WHEN (type = 'conversion' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (isfinite(ts)) AND ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000 AND goal IS NOT NULL AND (value IS NULL OR (isfinite(value)))) THEN 2 WHEN (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (isfinite(ts)) AND ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000
    AND (kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed') OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL))) THEN 3
        WHEN ts IS NOT NULL AND (isfinite(ts)) AND NOT (ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000) THEN 4 ELSE 0 END AS code
    FROM candor_events) e
),
input_counts AS (
  SELECT COUNT(*) AS lines, COALESCE(SUM(CASE WHEN code = 1 THEN 1 ELSE 0 END), 0) AS exposures, COALESCE(SUM(CASE WHEN code = 2 THEN 1 ELSE 0 END), 0) AS conversions, COALESCE(SUM(CASE WHEN code = 3 THEN 1 ELSE 0 END), 0) AS trust, COALESCE(SUM(CASE WHEN code = 4 THEN 1 ELSE 0 END), 0) AS time_out_of_range
  FROM keyed_events
),
-- 2. The first exposure per visitor × slot × period (salt) is the visitor's arm (intention-to-treat). Visitors are joined on a 64-bit hash of their id (vk).
exposures AS NOT MATERIALIZED (
  SELECT vk, fold, ts, dk FROM keyed_events WHERE code = 1
),
-- Each distinct decision as logged in each salt × slot (a few per configuration), by its key (dk), with its audience and eligibility sets as keys, its rank (pid) in the order that breaks ties (the same rank for the same sets in another order) and its scope (sid).
exposure_patterns AS MATERIALIZED (
  SELECT dk, salt, slot, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key, CASE WHEN counterfactual <> 'baseline' THEN 1 ELSE 0 END AS triggering,
    DENSE_RANK() OVER (ORDER BY arm, experience, counterfactual, config_version, propensity, aud_key, elig_key, salt, slot) AS pid, DENSE_RANK() OVER (ORDER BY salt, slot) AS sid
  FROM (
    SELECT dk, salt, slot, arm, experience, counterfactual, config_version, propensity, array_to_string(list_sort(audiences), chr(1)) AS aud_key, array_to_string(list_sort(eligible), chr(1)) AS elig_key
    FROM (
      SELECT dk, ANY_VALUE(salt) AS salt, ANY_VALUE(slot) AS slot, ANY_VALUE(arm) AS arm, ANY_VALUE(experience) AS experience, ANY_VALUE(counterfactual) AS counterfactual, ANY_VALUE(config_version) AS config_version, ANY_VALUE(propensity) AS propensity, ANY_VALUE(audiences) AS audiences, ANY_VALUE(eligible) AS eligible
      FROM (SELECT hash(salt, slot, arm, experience, counterfactual, config_version, propensity, audiences, eligible) AS dk, salt, slot, arm, experience, counterfactual, config_version, propensity, audiences, eligible FROM candor_events WHERE (type = 'exposure' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (isfinite(ts)) AND ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000 AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ('holdout', 'control', 'explore', 'targeted') AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL)) x
      GROUP BY dk) e) p
),
-- Every decision in one list, at its pid (1, 2, …): looked up by position instead of joined.
decisions AS MATERIALIZED (
  SELECT list(struct_pack(salt := salt, slot := slot, arm := arm, experience := experience, counterfactual := counterfactual, config_version := config_version, propensity := propensity, aud_key := aud_key, elig_key := elig_key) ORDER BY pid) AS x
  FROM (SELECT DISTINCT pid, salt, slot, arm, experience, counterfactual, config_version, propensity, aud_key, elig_key FROM exposure_patterns) p
),
-- Per visitor × slot × period, each exposure time and decision once with its number of copies.
exposure_decisions AS (
  SELECT e.vk, p.sid, e.ts, p.pid, p.triggering, MIN(e.fold) AS fold, COUNT(*) AS copies
  FROM exposures e JOIN exposure_patterns p ON p.dk = e.dk
  GROUP BY e.vk, p.sid, e.ts, p.pid, p.triggering
),
-- The first exposure is the earliest (at the same millisecond, the decision fields break the tie: the smallest pid); the trigger the earliest whose counterfactual is an experience (targeting had something to show). A visitor who came to match an audience is read from the trigger for Q1 and the off-policy rows.
exposure_units AS (
  SELECT vk, sid, MIN(fold) AS fold, SUM(copies) AS events, min(struct_pack(ts := ts, pid := pid, copies := copies)) AS first_pick, min(struct_pack(ts := ts, pid := pid, copies := copies)) FILTER (WHERE triggering = 1) AS trigger_pick
  FROM exposure_decisions GROUP BY vk, sid
),
-- Copies of the first are duplicates, every other exposure is a later one.
first_exposures AS NOT MATERIALIZED (
  SELECT u.vk, u.fold, u.events, d.x[first_pick.pid].salt AS salt, d.x[first_pick.pid].slot AS slot, first_pick.ts AS t0, d.x[first_pick.pid].arm AS arm, d.x[first_pick.pid].experience AS experience, d.x[first_pick.pid].counterfactual AS counterfactual, d.x[first_pick.pid].config_version AS config_version, d.x[first_pick.pid].propensity AS propensity, d.x[first_pick.pid].aud_key AS aud_key, d.x[first_pick.pid].elig_key AS elig_key, first_pick.copies AS copies
  FROM exposure_units u CROSS JOIN decisions d
),
-- Each unit's decision record as numbers: the trigger, else the first exposure; redecided when they differ (in a unit, the same pid is the same decision).
triggers AS (
  SELECT vk, first_pick.copies AS copies, events, trigger_pick.copies AS trigger_copies,
    CASE WHEN trigger_pick IS NOT NULL AND (trigger_pick.ts <> first_pick.ts OR trigger_pick.pid <> first_pick.pid) THEN 1 ELSE 0 END AS redecided,
    COALESCE(trigger_pick.ts, first_pick.ts) AS d_ts, COALESCE(trigger_pick.pid, first_pick.pid) AS d_pid
  FROM exposure_units
),
-- Each first exposure with its decision record (the trigger, else the first exposure itself).
decision_units AS NOT MATERIALIZED (
  SELECT t.vk, d.x[t.d_pid].salt AS salt, d.x[t.d_pid].slot AS slot, t.copies, t.events, t.redecided, t.trigger_copies, t.d_ts, d.x[t.d_pid].arm AS arm, d.x[t.d_pid].experience AS experience, d.x[t.d_pid].counterfactual AS counterfactual, d.x[t.d_pid].config_version AS config_version, d.x[t.d_pid].propensity AS propensity, d.x[t.d_pid].aud_key AS aud_key, d.x[t.d_pid].elig_key AS elig_key
  FROM triggers t CROSS JOIN decisions d
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
  SELECT vk, goal, ts, val FROM keyed_events WHERE code = 2
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
  SELECT hash(visitor_id) AS vk, ts, kind, slot, key, answer, forced FROM candor_events WHERE (type = 'trust' AND visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (isfinite(ts)) AND ts >= 1577836800000 AND ts <= epoch_ms(current_timestamp) + 86400000
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
      ROW_NUMBER() OVER (PARTITION BY vk ORDER BY ts, key || '=' || answer) AS pos
    FROM trust WHERE kind = 'ask_answered' AND COALESCE(forced, FALSE) = FALSE) a
  WHERE pos = 1
),
-- Trust actions are visitor flags per slot; one without a slot counts for every slot.
trust_flags AS (
  SELECT DISTINCT vk, kind, slot FROM trust WHERE kind IN ('explanation_opened', 'show_standard', 'personalize_again', 'forget')
),
-- 5. A visitor's period starts at their earliest first exposure in it; they are in the holdout when any slot logged it; the fold splits visitors in two for cross-fitting.
visitor_periods AS (
  SELECT vk, salt, MIN(t0) AS first_ts, MAX(CASE WHEN arm = 'holdout' THEN 1 ELSE 0 END) AS holdout, MIN(fold) AS fold
  FROM first_exposures GROUP BY vk, salt
),
-- Visitors who answered, with the audiences of their period's first exposure (same millisecond: the smallest slot name's).
answer_audiences AS (
  SELECT vk, salt, answer, aud_key FROM (
    SELECT f.vk, f.salt, a.answer, f.aud_key, ROW_NUMBER() OVER (PARTITION BY f.vk, f.salt ORDER BY f.t0, f.slot) AS pos
    FROM first_exposures f JOIN answers a ON a.vk = f.vk) x
  WHERE pos = 1
),
-- Conversions count within the window after the period's start; values add up per visitor × goal. Every visitor × period once with goal NULL (to count visitors), then once per goal converted on.
outcomes AS (
  SELECT vk, salt, holdout, first_ts, CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS DOUBLE) AS x FROM visitor_periods
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
  SELECT u.vk, u.salt, u.slot, u.arm, u.experience, u.counterfactual, u.config_version, u.propensity, u.aud_key, u.elig_key, CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS DOUBLE) AS x FROM decision_units u WHERE u.redecided = 1
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
SELECT CAST('meta' AS VARCHAR) AS section, CAST('format' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(1 AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
UNION ALL
SELECT CAST('meta' AS VARCHAR) AS section, CAST('window_days' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS BIGINT) AS n, CAST(7 AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
UNION ALL
SELECT CAST('meta' AS VARCHAR) AS section, CAST('max_conversions_per_goal' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(16 AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('lines' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.lines AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('exposure' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.exposures AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('conversion' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.conversions AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('trust' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.trust AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('invalid' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.lines - i.exposures - i.conversions - i.trust AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('duplicates' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(e.duplicates + c.duplicates AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('later_exposures' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(e.later AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('redecided' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(e.redecided AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('conversions_capped' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(c.capped AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('visitors_without_exposure' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(u.visitors AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('input' AS VARCHAR) AS section, CAST('time_out_of_range' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(i.time_out_of_range AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM input_counts i CROSS JOIN exposure_counts e CROSS JOIN conversion_counts c CROSS JOIN unexposed u
UNION ALL
SELECT CAST('goal' AS VARCHAR) AS section, CAST('goal' AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(goal AS VARCHAR) AS goal, CAST(stored AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM goals
UNION ALL
SELECT CAST('period' AS VARCHAR) AS section, CAST('visitors' AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM visitor_periods GROUP BY salt
UNION ALL
SELECT CAST('period' AS VARCHAR) AS section, CAST('first_ts' AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MIN(t0) AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('period' AS VARCHAR) AS section, CAST('last_ts' AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS BIGINT) AS n, CAST(MAX(t0) AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM first_exposures GROUP BY salt
UNION ALL
SELECT CAST('group' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(o.salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(o.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE) AS x, CAST(SUM(o.x * o.x) AS DOUBLE) AS xx
  FROM outcomes o GROUP BY o.salt, o.holdout, o.goal
UNION ALL
SELECT CAST('day' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(o.salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(FLOOR(o.first_ts / 86400000.0) AS BIGINT) AS day, CAST(o.holdout AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE) AS x, CAST(SUM(o.x * o.x) AS DOUBLE) AS xx
  FROM outcomes o GROUP BY o.salt, FLOOR(o.first_ts / 86400000.0), o.holdout, o.goal
UNION ALL
SELECT CAST('answer' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(p.salt AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(p.answer AS VARCHAR) AS answer, CAST(p.aud_key AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE) AS x, CAST(SUM(o.x * o.x) AS DOUBLE) AS xx
  FROM answer_audiences p JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt GROUP BY p.salt, p.answer, p.aud_key, o.goal
UNION ALL
SELECT CAST('arm' AS VARCHAR) AS section, CAST(NULL AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(arm AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx FROM first_exposures GROUP BY salt, slot, arm
UNION ALL
SELECT CAST('version' AS VARCHAR) AS section, CAST(NULL AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(config_version AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
  FROM first_exposures GROUP BY salt, slot, config_version
UNION ALL
SELECT CAST('cell' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(p.salt AS VARCHAR) AS salt, CAST(p.slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(p.arm AS VARCHAR) AS arm, CAST(p.experience AS VARCHAR) AS experience, CAST(p.counterfactual AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE) AS x, CAST(SUM(o.x * o.x) AS DOUBLE) AS xx
  FROM first_exposures p JOIN outcomes o ON o.vk = p.vk AND o.salt = p.salt GROUP BY p.salt, p.slot, p.arm, p.experience, p.counterfactual, o.goal
UNION ALL
SELECT CAST('decision' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(o.salt AS VARCHAR) AS salt, CAST(o.slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(o.arm AS VARCHAR) AS arm, CAST(o.experience AS VARCHAR) AS experience, CAST(o.counterfactual AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(o.x) AS DOUBLE) AS x, CAST(SUM(o.x * o.x) AS DOUBLE) AS xx
  FROM decision_outcomes o GROUP BY o.salt, o.slot, o.arm, o.experience, o.counterfactual, o.goal
UNION ALL
SELECT CAST('ope' AS VARCHAR) AS section, CAST(CASE WHEN o.goal IS NULL THEN 'visitors' ELSE 'converted' END AS VARCHAR) AS name, CAST(o.salt AS VARCHAR) AS salt, CAST(o.slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(v.fold AS BIGINT) AS fold, CAST(a.answer AS VARCHAR) AS answer, CAST(o.aud_key AS VARCHAR) AS audiences, CAST(o.elig_key AS VARCHAR) AS eligible, CAST(o.arm AS VARCHAR) AS arm, CAST(o.experience AS VARCHAR) AS experience, CAST(o.counterfactual AS VARCHAR) AS counterfactual, CAST(o.config_version AS VARCHAR) AS config_version, CAST(o.propensity AS DOUBLE) AS propensity, CAST(o.goal AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
  FROM decision_outcomes o
  JOIN visitor_periods v ON v.vk = o.vk AND v.salt = o.salt
  LEFT JOIN answers a ON a.vk = o.vk
  GROUP BY o.salt, o.slot, v.fold, a.answer, o.aud_key, o.elig_key, o.arm, o.experience, o.counterfactual, o.config_version, o.propensity, o.goal
UNION ALL
SELECT CAST('trust' AS VARCHAR) AS section, CAST('visitors' AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(arm AS VARCHAR) AS arm, CAST(experience AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
  FROM first_exposures GROUP BY salt, slot, arm, experience
UNION ALL
SELECT CAST('trust' AS VARCHAR) AS section, CAST(kind AS VARCHAR) AS name, CAST(salt AS VARCHAR) AS salt, CAST(slot AS VARCHAR) AS slot, CAST(NULL AS BIGINT) AS day, CAST(NULL AS BIGINT) AS holdout, CAST(NULL AS BIGINT) AS fold, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS VARCHAR) AS audiences, CAST(NULL AS VARCHAR) AS eligible, CAST(arm AS VARCHAR) AS arm, CAST(experience AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS VARCHAR) AS config_version, CAST(NULL AS DOUBLE) AS propensity, CAST(NULL AS VARCHAR) AS goal, CAST(COUNT(*) AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS xx
  FROM unit_flags GROUP BY salt, slot, arm, experience, kind;
