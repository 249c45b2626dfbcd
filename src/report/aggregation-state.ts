/**
 * Everything an aggregation in progress holds: counters, interned strings and patterns, the visitor table and the
 * exposure, conversion and trust records. Memory grows with distinct visitors × slots, never with events.
 */

import { conversionRecords, type ConversionRecords } from './conversion-records.js';
import { exposurePatterns, type ExposurePatterns } from './exposure-patterns.js';
import { exposureRecords, type ExposureRecords } from './exposure-records.js';
import { inputCounts, type InputCounts } from './input-counts.js';
import { aggregationStrings, type AggregationStrings } from './interner.js';
import { trustRecords, type TrustRecords } from './trust-records.js';
import { createVisitorTable, type VisitorTable } from './visitor-table.js';

/** An aggregation in progress. */
export interface AggregationState {
  input: InputCounts;
  strings: AggregationStrings;
  patterns: ExposurePatterns;
  visitors: VisitorTable;
  exposures: ExposureRecords;
  conversions: ConversionRecords;
  trust: TrustRecords;
  /** "Now" for the time window of valid events (ms since the epoch). */
  now: number;
}

/** An empty aggregation that keeps at most `maxConversionsPerGoal` conversions per visitor × goal. */
export function aggregationState(maxConversionsPerGoal: number, now: number): AggregationState {
  const input = inputCounts();
  const strings = aggregationStrings();
  const patterns = exposurePatterns(strings);
  const visitors = createVisitorTable();
  return {
    input,
    strings,
    patterns,
    visitors,
    exposures: exposureRecords(patterns, visitors, input),
    conversions: conversionRecords(strings, visitors, input, maxConversionsPerGoal),
    trust: trustRecords(strings, visitors),
    now,
  };
}
