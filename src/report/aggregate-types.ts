/**
 * The sufficient statistics `candor report` computes its answers from.
 *
 * An {@link Aggregate} is plain JSON: counts and sums per cell, nothing per event. The streaming reader
 * (`aggregateEvents`) produces one from an NDJSON file; a warehouse can produce the same object with
 * GROUP BY queries, and `analyze(aggregate, options)` works on either.
 *
 * Unit of analysis: the visitor. Every count `n` below counts visitors (one first exposure per visitor ×
 * slot × period, intention-to-treat), every `conv[g]` counts visitors who converted on goal `g` within the
 * window after their first exposure in the period, and `sum[g]` / `sumSq[g]` add up each visitor's total
 * conversion value on goal `g` in that window (and its square), so means and variances of value metrics follow.
 */

import type { Arm } from '../core/types.js';

/** Per-goal visitor counts and value sums, indexed like {@link Aggregate.goals}. */
export interface GoalSums {
  /** Visitors who converted on goal g within the window. */
  conv: number[];
  /** Sum over visitors of their conversion value on goal g within the window (a conversion without value counts 1). */
  sum: number[];
  /** Sum over visitors of the squared per-visitor value. */
  sumSq: number[];
}

/** A group of visitors with their conversions. */
export interface VisitorCell extends GoalSums {
  /** Visitors. */
  n: number;
}

/** Visitors of one slot by arm, shown experience and counterfactual (the cell Q1 and Q2 compare). */
export interface ArmCell extends VisitorCell {
  arm: Arm;
  experience: string;
  counterfactual: string;
}

/**
 * One off-policy row pattern: visitors with the same context, logged action and propensity.
 * The context is the sorted audience set (and the declared answer, when the visitor gave one).
 */
export interface OpeCell {
  /** Cross-fitting fold (0 or 1): the lowest bit of the MD5 of the visitor id (its last hex digit is odd). */
  fold: 0 | 1;
  /** `key=answer` from an `ask_answered` trust event, or null. */
  answer: string | null;
  /** Matched audience ids, sorted, shadow audiences included. */
  audiences: string[];
  /** Experiences the visitor was eligible for, sorted. */
  eligible: string[];
  arm: Arm;
  /** The shown experience (the logged action). */
  action: string;
  /** What the current rules pick for this context. */
  counterfactual: string;
  /** Logged marginal propensity of `action`. */
  propensity: number;
  n: number;
  /** Converted visitors per goal. */
  conv: number[];
}

/** Trust events among the visitors of one slot × arm × shown experience (visitor counts, not event counts). */
export interface TrustCell {
  arm: Arm;
  experience: string;
  n: number;
  explanationOpened: number;
  showStandard: number;
  personalizeAgain: number;
  forget: number;
}

/** Everything about one slot in one period. */
export interface SlotAggregate {
  slot: string;
  /** Visitors (first exposures) per arm: the counts the sample-ratio check uses. */
  exposures: Record<Arm, number>;
  /** Visitors per config version of their first exposure. */
  configVersions: Record<string, number>;
  /** Visitors by their first exposure (intention to treat): Q2 compares arms here. */
  cells: ArmCell[];
  /**
   * Visitors by their decision record: the first exposure whose counterfactual is an experience (a visitor who came
   * to match an audience is analysed from the moment targeting had something to show them, with conversions in the
   * window after it), else their first exposure. Q1 compares experiences here. Absent in aggregates made before
   * Candor logged decisions made again; `cells` stands in for it then.
   */
  decisions?: ArmCell[];
  /** Off-policy rows, by the decision record (as `decisions`). */
  ope: OpeCell[];
  trust: TrustCell[];
}

/** Visitors by UTC day of their first exposure, split holdout vs the rest. */
export interface DayCell {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  holdout: VisitorCell;
  rest: VisitorCell;
}

/** Self-identified visitors by declared answer and inferred audience set (the Q4 confusion matrix). */
export interface AnswerCell {
  /** `key=answer`. */
  answer: string;
  /** Audiences matched at the visitor's first exposure, sorted. */
  audiences: string[];
  n: number;
  conv: number[];
}

/** One analysis period (one config salt). */
export interface PeriodAggregate {
  salt: string;
  /** First and last exposure time seen in the period (ms since the epoch). */
  firstTs: number;
  lastTs: number;
  /** Exposed visitors. */
  visitors: number;
  /** Visitor-level intention-to-treat groups for Q0: in the global holdout (any slot logged `holdout`) or not. */
  groups: { holdout: VisitorCell; rest: VisitorCell };
  days: DayCell[];
  slots: SlotAggregate[];
  answers: AnswerCell[];
}

/** What was read and what was set aside. */
export interface InputSummary {
  /** Non-empty lines read. */
  lines: number;
  /** Valid events by type. */
  events: { exposure: number; conversion: number; trust: number };
  /** Lines that were not JSON or not a Candor event (missing or wrong fields). */
  invalid: number;
  /** Events dropped as re-sent copies (same exposure for the same visitor × slot × period at the same time, same conversion, same trust action). */
  duplicates: number;
  /** Later exposures of an already exposed visitor × slot × period (new decisions after a config change, a consent change, or when the visitor came to match an audience): intention-to-treat keeps the first. */
  laterExposures: number;
  /** Visitor × slot × period whose first exposure showed the standard content for want of a match and that were decided again when targeting had an experience for them: Q1 and the off-policy answers read them from that decision. */
  redecided?: number;
  /** Conversions beyond the per-visitor × goal cap (only the earliest ones are kept). */
  conversionsCapped: number;
  /** Visitors with conversions or trust events but no exposure: they cannot be analysed. */
  visitorsWithoutExposure: number;
  /** First exposures (visitor × slot × period) per config version. */
  configVersions: Record<string, number>;
}

/** The sufficient statistics of an event log. Plain JSON. */
export interface Aggregate {
  v: 1;
  /** Conversion window after a visitor's first exposure, in days. */
  windowDays: number;
  /** Goal names; every `conv`, `sum` and `sumSq` array is indexed like this. */
  goals: string[];
  input: InputSummary;
  periods: PeriodAggregate[];
}
