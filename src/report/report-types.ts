/** What `analyze(aggregate, options)` returns: every answer of `candor report`, as plain JSON. */

import type { Arm } from '../core/types.js';
import type { InputSummary } from './aggregate-types.js';

/**
 * A verdict on a comparison.
 * - `better` / `worse`: the always-valid interval (adjusted for multiple comparisons) excludes 0; `worse` on an
 *   experience means "demote it to the standard content".
 * - `no-difference`: the whole interval lies inside ±(minimum effect that matters).
 * - `not-enough-data`: fewer than 7 days or 25 conversions per arm, or the interval is still too wide to tell.
 * - `blocked`: a sample ratio mismatch makes the comparison untrustworthy; fix the logging first.
 */
export type Verdict = 'better' | 'worse' | 'no-difference' | 'not-enough-data' | 'blocked';

/** One arm of a comparison. */
export interface ArmSummary {
  n: number;
  conversions: number;
  rate: number;
}

/** An effect estimate with its always-valid interval. */
export interface Effect {
  estimate: number;
  se: number;
  /** Always-valid (asymptotic confidence sequence) interval at the report's α, before adjustment. */
  ci: [number, number];
  /** Always-valid p-value: the smallest α at which the sequence excludes 0. */
  p: number;
}

/** A two-arm comparison on one goal. */
export interface Comparison2 {
  goal: string;
  control: ArmSummary;
  treatment: ArmSummary;
  absolute: Effect;
  /** Relative lift (treatment / control − 1), delta method. */
  relative: Effect;
  /** Benjamini–Hochberg adjusted always-valid p (within the family named by the analysis). */
  pAdjusted: number;
  /** The relative interval at the adjusted level, so interval and verdict agree. */
  ciAdjusted: [number, number];
  /** Bayesian chance that treatment beats control (normal approximation, flat prior); secondary. */
  chanceToWin: number;
  /** Relative effect detectable now with 80 % power. */
  mdeRelative: number;
  /** More visitors needed per arm to detect the minimum effect that matters (0 when enough). */
  visitorsNeededPerArm: number;
  verdict: Verdict;
}

/** A sample-ratio check. */
export interface SrmCheck {
  /** What is split: `holdout vs rest` or `control / explore / targeted`. */
  split: string;
  groups: string[];
  observed: number[];
  expectedShares: number[];
  observedShares: number[];
  chi2: number;
  p: number;
  mismatch: boolean;
}

/** Data quality of one period. */
export interface DataQuality {
  /** Null when the design is unknown (no `--config`): the sample-ratio checks were skipped. */
  srm: { scope: string; checks: SrmCheck[] }[] | null;
  /** Why the sample-ratio checks were skipped, if they were. */
  srmNote?: string;
  /** Config versions seen that the given config does not name (null without a config). */
  unknownConfigVersions: Record<string, number> | null;
  /** Analysis days: last minus first exposure. */
  days: number;
}

/** Q0: does personalization as a whole pay? */
export interface Q0 {
  comparisons: Comparison2[];
}

/** Q1 for one slot: each experience vs the standard content for the visitors targeting sends to it. */
export interface Q1Slot {
  slot: string;
  srmBlocked: boolean;
  experiences: { experience: string; comparisons: Comparison2[]; demote: boolean }[];
}

/** Q2 for one slot: targeting vs random assignment (the explore arm). */
export interface Q2Slot {
  slot: string;
  srmBlocked: boolean;
  comparisons: Comparison2[];
}

/** An off-policy value with its interval. */
export interface PolicyValue {
  value: number;
  se: number;
  ci: [number, number];
  /** Effective sample size of the importance weights. */
  ess?: number;
}

/** Q3 for one dimension (a logged audience, shadow or not): in vs out. */
export interface DimensionValue {
  audience: string;
  label: string;
  shadow: boolean;
  /** Value of segmentation: best policy on this dimension minus the best single experience, cross-fitted. */
  vos: PolicyValue;
  /** The same, learned and evaluated on the same data (optimistic). */
  vosInSample: PolicyValue;
  /** What the policy does: experience for visitors in / out of the audience (learned on all data). */
  policy: { inside: string; outside: string };
  /** Cochran's Q: does membership moderate the effect of an experience (smallest Bonferroni-adjusted p over experiences, then BH over dimensions)? */
  moderation: { q: number; p: number; pAdjusted: number; experience: string };
}

/** Q3 for one slot: would another segmentation do better? */
export interface Q3Slot {
  slot: string;
  goal: string;
  rows: number;
  currentRules: PolicyValue;
  currentRulesDr: PolicyValue;
  bestSingle: { experience: string; value: PolicyValue };
  /** Current rules minus the best single experience (paired). */
  rulesVsBestSingle: PolicyValue;
  /** Ranked by cross-fitted value of segmentation, best first. */
  dimensions: DimensionValue[];
  enoughData: boolean;
}

/** Q4 for one slot: the bracket V(current rules) ≤ V(best on these signals) ≤ V(perfect world). */
export interface Q4Slot {
  slot: string;
  goal: string;
  /** Visitors who answered the self-identification prompt, and their conversions. */
  answered: number;
  answeredConversions: number;
  /** All on the answered visitors, so the three are comparable. */
  currentRules: PolicyValue | null;
  bestOnSignals: PolicyValue | null;
  bestOnSignalsInSample: PolicyValue | null;
  perfectWorld: PolicyValue | null;
  perfectWorldInSample: PolicyValue | null;
  /** Best on signals, cross-fitted, on every visitor (tighter than on the answered ones). */
  bestOnSignalsAll: PolicyValue;
  /** The same, learned and evaluated on every visitor (optimistic: the winner's curse). */
  bestOnSignalsAllInSample: PolicyValue;
  currentRulesAll: PolicyValue;
  enoughData: boolean;
  note: string;
}

/** Declared answer vs inferred audiences. */
export interface Confusion {
  key: string;
  answers: string[];
  audiences: string[];
  /** counts[i][j]: visitors who declared answers[i] and matched audiences[j]. */
  counts: number[][];
  /** Visitors per answer. */
  totals: number[];
  /** Share of visitors of each answer whose audiences include one the config maps the answer to (null without `ask.segments`). */
  recall: (number | null)[];
}

/** Trust rates of one slot × arm × experience. */
export interface TrustRow {
  slot: string;
  arm: Arm;
  experience: string;
  n: number;
  explanationOpened: number;
  showStandard: number;
  forget: number;
}

/** Rates over time (cumulative by day of first exposure), primary goal. */
export interface DayRow {
  day: string;
  holdout: { n: number; conversions: number };
  rest: { n: number; conversions: number };
}

/** Everything about one analysis period. */
export interface PeriodReport {
  salt: string;
  from: string;
  to: string;
  visitors: number;
  quality: DataQuality;
  q0: Q0;
  q1: Q1Slot[];
  q2: Q2Slot[];
  q3: Q3Slot[];
  q4: Q4Slot[];
  confusion: Confusion[];
  trust: TrustRow[];
  days: DayRow[];
}

/** The whole report. */
export interface Report {
  v: 1;
  options: { alpha: number; nStar: number; minEffect: number; windowDays: number; goal: string; srmThreshold: number };
  goals: string[];
  input: InputSummary;
  periods: PeriodReport[];
  /** Plain sentences: the answers first. */
  headlines: string[];
}
