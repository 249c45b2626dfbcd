-- Candor's flat event table for DuckDB: one row per event (exposure, conversion or trust).
-- Columns and what they mean: docs/events-table.md. Loaded and aggregated by test/node/report/engines.test.ts.
CREATE TABLE candor_events (
  v INTEGER,
  type VARCHAR,                     -- 'exposure' | 'conversion' | 'trust'
  id VARCHAR,                       -- unique event id
  visitor_id VARCHAR,               -- the unit of analysis
  ts BIGINT,                        -- ms since the Unix epoch
  decision_id VARCHAR,              -- exposure
  slot VARCHAR,                     -- exposure; trust (optional)
  config_version VARCHAR,           -- exposure; trust (optional)
  hash_version INTEGER,             -- exposure
  salt VARCHAR,                     -- exposure: the analysis period
  arm VARCHAR,                      -- exposure: 'holdout' | 'control' | 'explore' | 'targeted'
  experience VARCHAR,               -- exposure: shown
  counterfactual VARCHAR,           -- exposure: what targeting would show
  propensity DOUBLE,                -- exposure
  eligible VARCHAR[],               -- exposure
  audiences VARCHAR[],              -- exposure
  tier VARCHAR,                     -- exposure
  gpc BOOLEAN,                      -- exposure
  goal VARCHAR,                     -- conversion
  value DOUBLE,                     -- conversion (NULL: no value)
  kind VARCHAR,                     -- trust
  key VARCHAR,                      -- trust: ask_answered
  answer VARCHAR,                   -- trust: ask_answered
  forced BOOLEAN                    -- trust: ask_answered from a forced prompt
);
