-- Candor's flat event table (docs/events-table.md) over a GA4 BigQuery export.
-- The GA4 tag in Google Tag Manager sends each Candor dataLayer push (candor_exposure, candor_conversion,
-- candor_trust) with the event parameters listed in docs/events-table.md ("GA4"); lists are joined with commas.
-- Replace PROJECT, DATASET and analytics_PROPERTY. BigQuery is not run in Candor's tests: the same mapping for DuckDB
-- (ga4-duckdb.sql) is, on sample rows in the export's schema.
CREATE OR REPLACE VIEW `PROJECT.DATASET.candor_events` AS
SELECT
  1 AS v,
  SUBSTR(event_name, 8) AS type,  -- candor_exposure → exposure
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_id') AS id,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_visitor_id') AS visitor_id,
  COALESCE(
    (SELECT COALESCE(value.int_value, CAST(value.double_value AS INT64)) FROM UNNEST(event_params) WHERE key = 'candor_ts'),
    DIV(event_timestamp, 1000)) AS ts,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_decision_id') AS decision_id,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_slot') AS slot,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_config_version') AS config_version,
  (SELECT value.int_value FROM UNNEST(event_params) WHERE key = 'candor_hash_version') AS hash_version,
  -- An empty salt is a valid salt; GA4 drops empty parameters, so a missing salt on an exposure reads as ''.
  IF(event_name = 'candor_exposure',
    COALESCE((SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_salt'), ''), NULL) AS salt,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_arm') AS arm,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_experience') AS experience,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_counterfactual') AS counterfactual,
  (SELECT COALESCE(value.double_value, value.float_value, CAST(value.int_value AS FLOAT64)) FROM UNNEST(event_params) WHERE key = 'candor_propensity') AS propensity,
  -- Lists arrive joined with commas (an empty list as a missing parameter).
  IF(event_name = 'candor_exposure', ARRAY(
    SELECT x FROM UNNEST(SPLIT((SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_eligible'), ',')) AS x
    WHERE x != ''), NULL) AS eligible,
  IF(event_name = 'candor_exposure', ARRAY(
    SELECT x FROM UNNEST(SPLIT((SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_audiences'), ',')) AS x
    WHERE x != ''), NULL) AS audiences,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_tier') AS tier,
  (SELECT value.string_value = 'true' OR value.int_value = 1 FROM UNNEST(event_params) WHERE key = 'candor_gpc') AS gpc,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_goal') AS goal,
  (SELECT COALESCE(value.double_value, value.float_value, CAST(value.int_value AS FLOAT64)) FROM UNNEST(event_params) WHERE key = 'candor_value') AS value,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_kind') AS kind,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_key') AS key,
  (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'candor_answer') AS answer,
  (SELECT value.string_value = 'true' OR value.int_value = 1 FROM UNNEST(event_params) WHERE key = 'candor_forced') AS forced
FROM `PROJECT.analytics_PROPERTY.events_*`
WHERE event_name IN ('candor_exposure', 'candor_conversion', 'candor_trust');
