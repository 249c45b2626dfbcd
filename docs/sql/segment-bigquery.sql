-- Candor's flat event table (docs/events-table.md) over Segment's warehouse tables for `track` calls, for BigQuery.
-- Candor's Segment sink calls analytics.track('Candor exposure' | 'Candor conversion' | 'Candor trust', event);
-- Segment stores each in its own table (candor_exposure, candor_conversion, candor_trust) with the event's fields as
-- snake_case columns, and lists as JSON text. Candor's own `id` collides with Segment's reserved `id` column (the
-- message id, which Segment de-duplicates on) and is not kept. Segment creates a column only once some event had a
-- value for it: if a column below does not exist yet (say `forced`, `value` or `answer`), write NULL in its place.
-- Replace PROJECT and SOURCE. Not run in Candor's tests (the DuckDB and PostgreSQL versions are).
CREATE OR REPLACE VIEW `PROJECT.SOURCE.candor_events` AS
SELECT v, 'exposure' AS type, CAST(NULL AS STRING) AS id, visitor_id, ts, decision_id, slot, config_version, hash_version, salt, arm,
  experience, counterfactual, propensity, JSON_VALUE_ARRAY(eligible) AS eligible, JSON_VALUE_ARRAY(audiences) AS audiences, tier, gpc,
  CAST(NULL AS STRING) AS goal, CAST(NULL AS FLOAT64) AS value, CAST(NULL AS STRING) AS kind, CAST(NULL AS STRING) AS key, CAST(NULL AS STRING) AS answer, CAST(NULL AS BOOL) AS forced
FROM `PROJECT.SOURCE`.candor_exposure
UNION ALL
SELECT v, 'conversion' AS type, CAST(NULL AS STRING) AS id, visitor_id, ts, CAST(NULL AS STRING) AS decision_id, CAST(NULL AS STRING) AS slot, CAST(NULL AS STRING) AS config_version,
  CAST(NULL AS INT64) AS hash_version, CAST(NULL AS STRING) AS salt, CAST(NULL AS STRING) AS arm, CAST(NULL AS STRING) AS experience, CAST(NULL AS STRING) AS counterfactual, CAST(NULL AS FLOAT64) AS propensity,
  CAST(NULL AS ARRAY<STRING>) AS eligible, CAST(NULL AS ARRAY<STRING>) AS audiences, CAST(NULL AS STRING) AS tier, CAST(NULL AS BOOL) AS gpc,
  goal, value, CAST(NULL AS STRING) AS kind, CAST(NULL AS STRING) AS key, CAST(NULL AS STRING) AS answer, CAST(NULL AS BOOL) AS forced
FROM `PROJECT.SOURCE`.candor_conversion
UNION ALL
SELECT v, 'trust' AS type, CAST(NULL AS STRING) AS id, visitor_id, ts, CAST(NULL AS STRING) AS decision_id, slot, config_version,
  CAST(NULL AS INT64) AS hash_version, CAST(NULL AS STRING) AS salt, CAST(NULL AS STRING) AS arm, CAST(NULL AS STRING) AS experience, CAST(NULL AS STRING) AS counterfactual, CAST(NULL AS FLOAT64) AS propensity,
  CAST(NULL AS ARRAY<STRING>) AS eligible, CAST(NULL AS ARRAY<STRING>) AS audiences, CAST(NULL AS STRING) AS tier, CAST(NULL AS BOOL) AS gpc,
  CAST(NULL AS STRING) AS goal, CAST(NULL AS FLOAT64) AS value, kind, key, answer, forced
FROM `PROJECT.SOURCE`.candor_trust;
