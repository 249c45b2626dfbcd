-- Candor's flat event table (docs/events-table.md) over Segment's warehouse tables for `track` calls, for Snowflake.
-- Candor's Segment sink calls analytics.track('Candor exposure' | 'Candor conversion' | 'Candor trust', event);
-- Segment stores each in its own table (candor_exposure, candor_conversion, candor_trust) with the event's fields as
-- snake_case columns, and lists as JSON text. Candor's own `id` collides with Segment's reserved `id` column (the
-- message id, which Segment de-duplicates on) and is not kept. Segment creates a column only once some event had a
-- value for it: if a column below does not exist yet (say `forced`, `value` or `answer`), write NULL in its place.
-- Replace SOURCE. Not run in Candor's tests (the DuckDB and PostgreSQL versions are).
CREATE OR REPLACE VIEW candor_events AS
SELECT v, 'exposure' AS type, CAST(NULL AS VARCHAR) AS id, visitor_id, ts, decision_id, slot, config_version, hash_version, salt, arm,
  experience, counterfactual, propensity, TRY_PARSE_JSON(eligible)::ARRAY AS eligible, TRY_PARSE_JSON(audiences)::ARRAY AS audiences, tier, gpc,
  CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS VARCHAR) AS key, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS BOOLEAN) AS forced
FROM SOURCE.candor_exposure
UNION ALL
SELECT v, 'conversion' AS type, CAST(NULL AS VARCHAR) AS id, visitor_id, ts, CAST(NULL AS VARCHAR) AS decision_id, CAST(NULL AS VARCHAR) AS slot, CAST(NULL AS VARCHAR) AS config_version,
  CAST(NULL AS INTEGER) AS hash_version, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS DOUBLE) AS propensity,
  CAST(NULL AS ARRAY) AS eligible, CAST(NULL AS ARRAY) AS audiences, CAST(NULL AS VARCHAR) AS tier, CAST(NULL AS BOOLEAN) AS gpc,
  goal, value, CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS VARCHAR) AS key, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS BOOLEAN) AS forced
FROM SOURCE.candor_conversion
UNION ALL
SELECT v, 'trust' AS type, CAST(NULL AS VARCHAR) AS id, visitor_id, ts, CAST(NULL AS VARCHAR) AS decision_id, slot, config_version,
  CAST(NULL AS INTEGER) AS hash_version, CAST(NULL AS VARCHAR) AS salt, CAST(NULL AS VARCHAR) AS arm, CAST(NULL AS VARCHAR) AS experience, CAST(NULL AS VARCHAR) AS counterfactual, CAST(NULL AS DOUBLE) AS propensity,
  CAST(NULL AS ARRAY) AS eligible, CAST(NULL AS ARRAY) AS audiences, CAST(NULL AS VARCHAR) AS tier, CAST(NULL AS BOOLEAN) AS gpc,
  CAST(NULL AS VARCHAR) AS goal, CAST(NULL AS DOUBLE) AS value, kind, key, answer, forced
FROM SOURCE.candor_trust;
