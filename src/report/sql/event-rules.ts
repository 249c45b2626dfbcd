/**
 * Rule 1 of the aggregation query: which rows of the flat event table are events. Each step that reads the table
 * applies the condition of its event type; the others count as invalid.
 */

import type { Dialect } from './dialects.js';
import { keyedInputCounts, readsKeyedEvents } from './keyed-events.js';
import { num, type Cte, type QueryContext } from './query-parts.js';
import { TS_FUTURE_MS, TS_MIN } from '../time-window.js';

const ARMS = "('holdout', 'control', 'explore', 'targeted')";
const TRUST_KINDS = "('explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed')";

/** The conditions, as SQL over the table's columns. */
export interface EventRules {
  /** `ts` in the valid window [2020-01-01, now + 1 day]. */
  saneTs: string;
  validExposure: string;
  validConversion: string;
  validTrust: string;
}

/**
 * The conditions for one engine; `now` (ms since the epoch) is the engine's clock when undefined.
 * @example eventRules(dialect('duckdb'), Date.now()).validExposure
 */
export function eventRules(d: Dialect, now: number | undefined): EventRules {
  // A visitor, and a time in the valid window.
  const saneTs = `ts >= ${num(TS_MIN)} AND ts <= ${now === undefined ? d.nowMs : num(now)} + ${num(TS_FUTURE_MS)}`;
  const common = `visitor_id IS NOT NULL AND visitor_id <> '' AND ts IS NOT NULL AND (${d.finite('ts')}) AND ${saneTs}`;
  return {
    saneTs,
    validExposure: `(type = 'exposure' AND ${common} AND slot IS NOT NULL AND salt IS NOT NULL AND config_version IS NOT NULL
    AND arm IN ${ARMS} AND experience IS NOT NULL AND counterfactual IS NOT NULL AND propensity > 0 AND propensity <= 1
    AND audiences IS NOT NULL AND eligible IS NOT NULL)`,
    validConversion: `(type = 'conversion' AND ${common} AND goal IS NOT NULL AND (value IS NULL OR (${d.finite('value')})))`,
    validTrust: `(type = 'trust' AND ${common}
    AND (kind IN ${TRUST_KINDS} OR (kind = 'ask_answered' AND key IS NOT NULL AND answer IS NOT NULL)))`,
  };
}

/** The step that counts the table's rows by what they are (the `input` section's lines, events and times out of range). */
export function inputCountsStep({ d, table, rules }: QueryContext): Cte {
  if (readsKeyedEvents(d)) return { name: 'input_counts', sql: keyedInputCounts() };
  return {
    name: 'input_counts',
    note: '1. Which rows are events: the type-specific fields are there and make sense. Every other row is invalid.',
    sql: `SELECT COUNT(*) AS lines,
    COALESCE(SUM(CASE WHEN ${rules.validExposure} THEN 1 ELSE 0 END), 0) AS exposures,
    COALESCE(SUM(CASE WHEN ${rules.validConversion} THEN 1 ELSE 0 END), 0) AS conversions,
    COALESCE(SUM(CASE WHEN ${rules.validTrust} THEN 1 ELSE 0 END), 0) AS trust,
    COALESCE(SUM(CASE WHEN ts IS NOT NULL AND (${d.finite('ts')}) AND NOT (${rules.saneTs}) THEN 1 ELSE 0 END), 0) AS time_out_of_range
  FROM ${table}`,
  };
}
