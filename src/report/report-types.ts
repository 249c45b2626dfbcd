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
  /** More visitors needed per arm to detect the minimum effect that matters (0 when enough), equal arms, fixed horizon. */
  visitorsNeededPerArm: number;
  /**
   * More visitors to the whole site (every arm, at the period's current split) before this comparison can tell a
   * ±`minEffect` lift with 80 % power under the always-valid interval, and the days that takes at the period's current
   * traffic (null when the period is shorter than a day). 0 visitors when a verdict is already reached. Infinity when
   * there are no conversions yet to plan from.
   */
  needed: { visitors: number; days: number | null };
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
  /** Slots with exposures that the given config does not name, with their visitors (null without a config). */
  unknownSlots: Record<string, number> | null;
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
  /** Experiences beyond the cap (the config's and the most shown ones are analysed). */
  experiencesOmitted: number;
}

/** Q2 for one slot: targeting vs random assignment (the explore arm). */
export interface Q2Slot {
  slot: string;
  srmBlocked: boolean;
  comparisons: Comparison2[];
}

/**
 * An off-policy value with its interval. Rates (policy values) have logit intervals inside [0, 1]; differences have
 * normal intervals. A value without variation (se 0, e.g. two policies that agree on every row) has `ci` NaN: "no data".
 */
export interface PolicyValue {
  value: number;
  se: number;
  ci: [number, number];
  /** Effective sample size of the importance weights. */
  ess?: number;
}

/** A ratio of two policy values (V(π₁)/V(π₂)) with its interval (log scale, always positive); NaN when undefined. */
export interface RatioValue {
  ratio: number;
  ci: [number, number];
  /** Conversions the less supported of the two values effectively rests on (ESS × value); below 30 the ratio is "not enough data". */
  effectiveConversions: number;
}

/** Q3 for one dimension (a logged audience, shadow or not): in vs out. */
export interface DimensionValue {
  audience: string;
  label: string;
  shadow: boolean;
  /** Value of segmentation: best policy on this dimension minus the best single experience, both learned on one half of the visitors and measured on the other. */
  vos: PolicyValue;
  /** The same estimate with a simultaneous interval over the k dimensions evaluated (Bonferroni, level α/k): what a "best of k" claim may use. */
  vosSimultaneous: [number, number];
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
  /** Ranked by value of segmentation, best first (those the learned rules ignore last). */
  dimensions: DimensionValue[];
  /** Number of dimensions evaluated (the k of "best of k"). */
  k: number;
  /** Logged audiences not evaluated (beyond the cap; the config's audiences and the most frequent ones are evaluated). */
  dimensionsOmitted: number;
  enoughData: boolean;
  /** A sample ratio mismatch (this slot, or the holdout) puts the logged propensities in doubt: no claims. */
  srmCaveat: boolean;
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
  /** Best on signals (learned on one half, measured on the other), on every visitor (tighter than on the answered ones). */
  bestOnSignalsAll: PolicyValue;
  /** The same, learned and evaluated on every visitor (optimistic: the winner's curse). */
  bestOnSignalsAllInSample: PolicyValue;
  currentRulesAll: PolicyValue;
  /** "Your rules reach X % of what the best rule on these signals would": V(current) / V(best on signals), every visitor. */
  reachOfBest: RatioValue;
  /** "… and Y % of a perfect world": V(current) / V(perfect world), on respondents. Null without enough answers. */
  reachOfPerfect: RatioValue | null;
  /**
   * Non-response check on the same estimand: V(current rules) among respondents vs among the other visitors
   * (independent groups, z test). `differ` when p < {@link NONRESPONSE_ALPHA}. Null when either group is empty.
   */
  nonResponse: { respondents: PolicyValue; others: PolicyValue; difference: number; p: number; differ: boolean } | null;
  enoughData: boolean;
  /** Enough conversions on every visitor for the gap to the best rule on these signals. */
  enoughDataSignals: boolean;
  /** A sample ratio mismatch puts the logged propensities in doubt. */
  srmCaveat: boolean;
  note: string;
}

/** The non-response caveat is printed when respondents and other visitors differ at this level (a caveat on clear evidence only). */
export const NONRESPONSE_ALPHA = 0.01;

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
  /** Answers and audiences beyond the caps (their visitors are left out of the rows / columns shown). */
  answersOmitted: number;
  audiencesOmitted: number;
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

/** Names left out of an analysis because there were too many, with the visitors (or conversions) they hold. */
export interface Omitted {
  count: number;
  visitors: number;
}

/** Everything about one analysis period. */
export interface PeriodReport {
  salt: string;
  from: string;
  to: string;
  visitors: number;
  /** Visitors per day of the period (visitors ÷ days; null under a day). */
  perDay: number | null;
  /** Slots beyond the cap, not analysed separately. */
  slotsOmitted: Omitted;
  quality: DataQuality;
  q0: Q0;
  q1: Q1Slot[];
  q2: Q2Slot[];
  q3: Q3Slot[];
  q4: Q4Slot[];
  confusion: Confusion[];
  trust: TrustRow[];
  /** Trust rows beyond the cap (the ones with fewest visitors). */
  trustOmitted: number;
  days: DayRow[];
}

/** The whole report. */
export interface Report {
  v: 1;
  options: { alpha: number; nStar: number; minEffect: number; windowDays: number; goal: string; srmThreshold: number };
  goals: string[];
  input: InputSummary;
  /** Goals compared in Q0–Q2 (the cap keeps the config's and the most converted ones). */
  goalsAnalysed: string[];
  /** Goals left out of the comparisons (`visitors` counts their converted visitors). */
  goalsOmitted: Omitted;
  periods: PeriodReport[];
  /** Periods (salts) beyond the cap, not analysed. */
  periodsOmitted: Omitted;
  /** Problems with the input itself (forged or unexpected names, caps reached), in plain sentences. */
  warnings: string[];
  /** Plain sentences: the answers first. */
  headlines: string[];
}
