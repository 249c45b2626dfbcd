-- Candor's flat event table for PostgreSQL: one row per event (exposure, conversion or trust).
-- Columns and what they mean: docs/events-table.md. Loaded and aggregated by test/node/report/engines.test.ts.
CREATE TABLE candor_events (
  v INTEGER,
  type TEXT,                        -- 'exposure' | 'conversion' | 'trust'
  id TEXT,                          -- unique event id
  visitor_id TEXT,                  -- the unit of analysis
  ts BIGINT,                        -- ms since the Unix epoch
  decision_id TEXT,                 -- exposure
  slot TEXT,                        -- exposure; trust (optional)
  config_version TEXT,              -- exposure; trust (optional)
  hash_version INTEGER,             -- exposure
  salt TEXT,                        -- exposure: the analysis period
  arm TEXT,                         -- exposure: 'holdout' | 'control' | 'explore' | 'targeted'
  experience TEXT,                  -- exposure: shown
  counterfactual TEXT,              -- exposure: what targeting would show
  propensity DOUBLE PRECISION,      -- exposure
  eligible TEXT[],                  -- exposure
  audiences TEXT[],                 -- exposure
  tier TEXT,                        -- exposure
  gpc BOOLEAN,                      -- exposure
  goal TEXT,                        -- conversion
  value DOUBLE PRECISION,           -- conversion (NULL: no value)
  kind TEXT,                        -- trust
  key TEXT,                         -- trust: ask_answered
  answer TEXT,                      -- trust: ask_answered
  forced BOOLEAN                    -- trust: ask_answered from a forced prompt
);
