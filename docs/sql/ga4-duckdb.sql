-- Candor's flat event table (docs/events-table.md) over a GA4 export read into DuckDB, e.g. from the Parquet files of
-- an EXPORT DATA of the BigQuery export:  CREATE TABLE ga4_events AS SELECT * FROM read_parquet('ga4/*.parquet');
-- The same mapping as ga4-bigquery.sql; test/node/report/mappings.test.ts runs it on sample rows.
CREATE OR REPLACE MACRO candor_ga4_param(params, name) AS list_filter(params, p -> p.key = name)[1].value;

CREATE OR REPLACE VIEW candor_events AS
SELECT
  1 AS v,
  substr(event_name, 8) AS type,  -- candor_exposure → exposure
  candor_ga4_param(event_params, 'candor_id').string_value AS id,
  candor_ga4_param(event_params, 'candor_visitor_id').string_value AS visitor_id,
  COALESCE(
    candor_ga4_param(event_params, 'candor_ts').int_value,
    CAST(candor_ga4_param(event_params, 'candor_ts').double_value AS BIGINT),
    event_timestamp // 1000) AS ts,
  candor_ga4_param(event_params, 'candor_decision_id').string_value AS decision_id,
  candor_ga4_param(event_params, 'candor_slot').string_value AS slot,
  candor_ga4_param(event_params, 'candor_config_version').string_value AS config_version,
  candor_ga4_param(event_params, 'candor_hash_version').int_value AS hash_version,
  -- An empty salt is a valid salt; GA4 drops empty parameters, so a missing salt on an exposure reads as ''.
  CASE WHEN event_name = 'candor_exposure'
    THEN COALESCE(candor_ga4_param(event_params, 'candor_salt').string_value, '') END AS salt,
  candor_ga4_param(event_params, 'candor_arm').string_value AS arm,
  candor_ga4_param(event_params, 'candor_experience').string_value AS experience,
  candor_ga4_param(event_params, 'candor_counterfactual').string_value AS counterfactual,
  COALESCE(
    candor_ga4_param(event_params, 'candor_propensity').double_value,
    candor_ga4_param(event_params, 'candor_propensity').float_value,
    candor_ga4_param(event_params, 'candor_propensity').int_value) AS propensity,
  -- Lists arrive joined with commas (an empty list as a missing parameter).
  CASE WHEN event_name = 'candor_exposure' THEN list_filter(
    string_split(COALESCE(candor_ga4_param(event_params, 'candor_eligible').string_value, ''), ','), x -> x <> '') END AS eligible,
  CASE WHEN event_name = 'candor_exposure' THEN list_filter(
    string_split(COALESCE(candor_ga4_param(event_params, 'candor_audiences').string_value, ''), ','), x -> x <> '') END AS audiences,
  candor_ga4_param(event_params, 'candor_tier').string_value AS tier,
  COALESCE(candor_ga4_param(event_params, 'candor_gpc').string_value = 'true', candor_ga4_param(event_params, 'candor_gpc').int_value = 1) AS gpc,
  candor_ga4_param(event_params, 'candor_goal').string_value AS goal,
  COALESCE(
    candor_ga4_param(event_params, 'candor_value').double_value,
    candor_ga4_param(event_params, 'candor_value').float_value,
    candor_ga4_param(event_params, 'candor_value').int_value) AS value,
  candor_ga4_param(event_params, 'candor_kind').string_value AS kind,
  candor_ga4_param(event_params, 'candor_key').string_value AS key,
  candor_ga4_param(event_params, 'candor_answer').string_value AS answer,
  COALESCE(candor_ga4_param(event_params, 'candor_forced').string_value = 'true', candor_ga4_param(event_params, 'candor_forced').int_value = 1) AS forced
FROM ga4_events
WHERE event_name IN ('candor_exposure', 'candor_conversion', 'candor_trust');
