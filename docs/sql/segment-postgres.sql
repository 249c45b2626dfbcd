-- Candor's flat event table (docs/events-table.md) over Segment's warehouse tables for `track` calls, for PostgreSQL (and the Segment PostgreSQL warehouse).
-- Candor's Segment sink calls analytics.track('Candor exposure' | 'Candor conversion' | 'Candor trust', event);
-- Segment stores each in its own table (candor_exposure, candor_conversion, candor_trust) with the event's fields as
-- snake_case columns, and lists as JSON text. Candor's own `id` collides with Segment's reserved `id` column (the
-- message id, which Segment de-duplicates on) and is not kept. Segment creates a column only once some event had a
-- value for it: if a column below does not exist yet (say `forced`, `value` or `answer`), write NULL in its place.
-- Replace SCHEMA with the Segment source's schema. Tested by test/node/report/mappings.test.ts on sample rows.
CREATE OR REPLACE VIEW candor_events AS
SELECT v, 'exposure' AS type, CAST(NULL AS TEXT) AS id, visitor_id, ts, decision_id, slot, config_version, hash_version, salt, arm,
  experience, counterfactual, propensity, ARRAY(SELECT json_array_elements_text(eligible::json)) AS eligible, ARRAY(SELECT json_array_elements_text(audiences::json)) AS audiences, tier, gpc,
  CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS value, CAST(NULL AS TEXT) AS kind, CAST(NULL AS TEXT) AS key, CAST(NULL AS TEXT) AS answer, CAST(NULL AS BOOLEAN) AS forced
FROM SCHEMA.candor_exposure
UNION ALL
SELECT v, 'conversion' AS type, CAST(NULL AS TEXT) AS id, visitor_id, ts, CAST(NULL AS TEXT) AS decision_id, CAST(NULL AS TEXT) AS slot, CAST(NULL AS TEXT) AS config_version,
  CAST(NULL AS INTEGER) AS hash_version, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS DOUBLE PRECISION) AS propensity,
  CAST(NULL AS TEXT[]) AS eligible, CAST(NULL AS TEXT[]) AS audiences, CAST(NULL AS TEXT) AS tier, CAST(NULL AS BOOLEAN) AS gpc,
  goal, value, CAST(NULL AS TEXT) AS kind, CAST(NULL AS TEXT) AS key, CAST(NULL AS TEXT) AS answer, CAST(NULL AS BOOLEAN) AS forced
FROM SCHEMA.candor_conversion
UNION ALL
SELECT v, 'trust' AS type, CAST(NULL AS TEXT) AS id, visitor_id, ts, CAST(NULL AS TEXT) AS decision_id, slot, config_version,
  CAST(NULL AS INTEGER) AS hash_version, CAST(NULL AS TEXT) AS salt, CAST(NULL AS TEXT) AS arm, CAST(NULL AS TEXT) AS experience, CAST(NULL AS TEXT) AS counterfactual, CAST(NULL AS DOUBLE PRECISION) AS propensity,
  CAST(NULL AS TEXT[]) AS eligible, CAST(NULL AS TEXT[]) AS audiences, CAST(NULL AS TEXT) AS tier, CAST(NULL AS BOOLEAN) AS gpc,
  CAST(NULL AS TEXT) AS goal, CAST(NULL AS DOUBLE PRECISION) AS value, kind, key, answer, forced
FROM SCHEMA.candor_trust;
