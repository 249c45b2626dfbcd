import type { InputSummary } from './aggregate-types.js';

/** What an aggregation has read and set aside so far: every field of {@link InputSummary}, counted as events come. */
export type InputCounts = Required<InputSummary>;

/** Nothing read yet. */
export const inputCounts = (): InputCounts => ({
  lines: 0,
  events: { exposure: 0, conversion: 0, trust: 0 },
  invalid: 0,
  duplicates: 0,
  laterExposures: 0,
  redecided: 0,
  conversionsCapped: 0,
  visitorsWithoutExposure: 0,
  configVersions: Object.create(null) as Record<string, number>,
  timeOutOfRange: 0,
  goalsOmitted: { goals: 0, conversions: 0 },
});
