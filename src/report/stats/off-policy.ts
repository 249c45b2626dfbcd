import { normalQuantile } from './distributions.js';

/**
 * One logged row (or `count` identical rows, so aggregated cells can be passed) for off-policy
 * evaluation of a target policy π from a log collected under a behaviour policy π_b.
 */
export interface OpeRow {
  /** Importance weight `π(a_i|x_i) / p_i`, p_i the logged propensity of the shown action. */
  w: number;
  /** Reward of the row (e.g. 1 = converted, 0 = not). */
  r: number;
  /** Number of identical rows this one stands for (≥ 0). */
  count: number;
  /** Outcome model at the logged action, `q̂(x_i, a_i)` (doubly robust only; default 0). */
  qLogged?: number;
  /** Outcome model under the target policy, `Σ_a π(a|x_i) q̂(x_i, a)` (doubly robust only; default 0). */
  qTarget?: number;
}

/** An off-policy value estimate with its normal 95 % interval and weight diagnostics. */
export interface OpeEstimate {
  value: number;
  se: number;
  ci: [number, number];
  /** Number of rows (Σ count). */
  n: number;
  /** Effective sample size `(Σ w)² / Σ w²`: how many rows the estimate is really worth. */
  ess: number;
  /** Mean importance weight; ≈ 1 when the logged propensities are right (a sanity check). */
  meanWeight: number;
}

const Z95 = normalQuantile(0.975);

function weightDiagnostics(rows: readonly { w: number; count: number }[]): { n: number; ess: number; meanWeight: number; sumW: number } {
  let n = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (const row of rows) {
    n += row.count;
    sumW += row.count * row.w;
    sumW2 += row.count * row.w * row.w;
  }
  return { n, sumW, ess: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0, meanWeight: n > 0 ? sumW / n : NaN };
}

function withInterval(value: number, se: number, n: number, ess: number, meanWeight: number): OpeEstimate {
  const ok = Number.isFinite(value) && Number.isFinite(se);
  return { value, se, ci: ok ? [value - Z95 * se, value + Z95 * se] : [-Infinity, Infinity], n, ess, meanWeight };
}

/** Mean of per-row terms Z_i and the CLT standard error `sd(Z)/√n` (sample sd, n − 1). */
function meanEstimate(
  rows: readonly { w: number; count: number }[],
  term: (index: number) => number,
): OpeEstimate {
  const { n, ess, meanWeight } = weightDiagnostics(rows);
  if (!(n > 0)) return withInterval(NaN, NaN, 0, 0, NaN);
  let sum = 0;
  rows.forEach((row, i) => (sum += row.count * term(i)));
  const value = sum / n;
  let ss = 0;
  rows.forEach((row, i) => (ss += row.count * (term(i) - value) ** 2));
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN;
  return withInterval(value, se, n, ess, meanWeight);
}

/**
 * Inverse propensity scoring (docs/measurement.md §4.5; `st-tech/zr-obp` `obp/ope/estimators.py`):
 * `V̂ = (1/n) Σ w_i r_i`; `se = sd(w_i r_i)/√n`; `CI = V̂ ± z_{0.975} se`. Unbiased when the logged
 * propensities are right and positive.
 */
export function ips(rows: readonly OpeRow[]): OpeEstimate {
  return meanEstimate(rows, (i) => {
    const row = rows[i];
    return row ? row.w * row.r : 0;
  });
}

/** Options of the SNIPS estimators. */
export interface SnipsOptions {
  /**
   * Floor the delta-method variance at the model-based one, for binary rewards: every row a policy picks converts at
   * that policy's estimated rate, `Var(r_i) = q_i(1 − q_i)`. The plug-in variance uses the observed conversions of
   * each heavily weighted cell, so a cell of the rarely explored actions that happened to convert 0 or 1 times makes
   * the interval far too narrow (in an A/A simulation with 8,000 visitors the plug-in z-scores of value-of-segmentation
   * estimates had a standard deviation of 1.22 instead of 1); the floor puts the variance back on expected counts.
   * Default false (the textbook estimator).
   */
  modelFloor?: boolean;
}

/**
 * Self-normalized IPS (Swaminathan & Joachims, NeurIPS 2015; docs/measurement.md §4.5):
 * `V̂ = Σ w_i r_i / Σ w_i`, delta-method `se = sqrt(mean(w_i² (r_i − V̂)²)) / (mean(w_i) √n)`.
 * Small bias, much lower variance than IPS; stays within the range of r. With `modelFloor` the standard error is at
 * least `sqrt(V̂(1 − V̂)/ESS)`.
 */
export function snips(rows: readonly OpeRow[], options: SnipsOptions = {}): OpeEstimate {
  const { n, sumW, ess, meanWeight } = weightDiagnostics(rows);
  if (!(n > 0) || !(sumW > 0)) return withInterval(NaN, NaN, n, ess, meanWeight);
  let sumWR = 0;
  for (const row of rows) sumWR += row.count * row.w * row.r;
  const value = sumWR / sumW;
  let s = 0;
  for (const row of rows) s += row.count * row.w * row.w * (row.r - value) ** 2;
  let se = Math.sqrt(s / n) / (meanWeight * Math.sqrt(n));
  if (options.modelFloor && ess > 0) se = Math.max(se, Math.sqrt((value * (1 - value)) / ess));
  return withInterval(value, se, n, ess, meanWeight);
}

/**
 * Doubly robust estimator (Dudík, Langford & Li, ICML 2011, arXiv:1103.4601; docs/measurement.md §4.5):
 * `V̂ = (1/n) Σ [ q̂(x_i, π) + w_i (r_i − q̂(x_i, a_i)) ]`, `se = sd(term)/√n`. Unbiased when either the
 * propensities or the outcome model are right; fit q̂ on other data (cross-fitting). Rows without
 * `qLogged`/`qTarget` use 0, where the row's term reduces to IPS.
 */
export function doublyRobust(rows: readonly OpeRow[]): OpeEstimate {
  return meanEstimate(rows, (i) => {
    const row = rows[i];
    return row ? (row.qTarget ?? 0) + row.w * (row.r - (row.qLogged ?? 0)) : 0;
  });
}

/** A logged row seen by two target policies: weights `w1 = π₁(a_i|x_i)/p_i`, `w2 = π₂(a_i|x_i)/p_i`. */
export interface PairedOpeRow {
  w1: number;
  w2: number;
  r: number;
  count: number;
}

/**
 * Difference of the values of two policies on the same log, `V̂(π₁) − V̂(π₂)`, with a paired
 * standard error (docs/measurement.md §4.5): rows where both policies agree cancel, which makes it much
 * tighter than two separate intervals.
 * - `'ips'`: per-row `Z_i = (w1_i − w2_i) r_i`, `se = sd(Z)/√n`.
 * - `'snips'`: difference of the two SNIPS values, se from the per-row difference of their
 *   delta-method influence terms `w_k,i (r_i − V̂_k)/mean(w_k)` (with `modelFloor`, at least the model-based se,
 *   see {@link SnipsOptions}).
 * `ess` is the smaller of the two policies' effective sample sizes; `meanWeight` is π₁'s.
 */
export function pairedDifference(rows: readonly PairedOpeRow[], estimator: 'ips' | 'snips', options: SnipsOptions = {}): OpeEstimate {
  const first = weightDiagnostics(rows.map((row) => ({ w: row.w1, count: row.count })));
  const second = weightDiagnostics(rows.map((row) => ({ w: row.w2, count: row.count })));
  const ess = Math.min(first.ess, second.ess);
  const weighted = rows.map((row) => ({ w: row.w1, count: row.count }));
  if (estimator === 'ips') {
    const estimate = meanEstimate(weighted, (i) => {
      const row = rows[i];
      return row ? (row.w1 - row.w2) * row.r : 0;
    });
    return { ...estimate, ess };
  }
  const n = first.n;
  if (!(n > 0) || !(first.sumW > 0) || !(second.sumW > 0)) return withInterval(NaN, NaN, n, ess, first.meanWeight);
  let sum1 = 0;
  let sum2 = 0;
  for (const row of rows) {
    sum1 += row.count * row.w1 * row.r;
    sum2 += row.count * row.w2 * row.r;
  }
  const v1 = sum1 / first.sumW;
  const v2 = sum2 / second.sumW;
  let s = 0;
  let model = 0;
  for (const row of rows) {
    const d = (row.w1 * (row.r - v1)) / first.meanWeight - (row.w2 * (row.r - v2)) / second.meanWeight;
    s += row.count * d * d;
    if (options.modelFloor) {
      const a = row.w1 / first.meanWeight - row.w2 / second.meanWeight;
      const q = rowRate(row, v1, v2);
      model += row.count * a * a * q * (1 - q);
    }
  }
  return withInterval(v1 - v2, Math.sqrt(Math.max(s, model) / n) / Math.sqrt(n), n, ess, first.meanWeight);
}

/** The model rate of a row for the variance floor: the rate of the policy (or both policies) that picks it. */
function rowRate(row: PairedOpeRow, v1: number, v2: number): number {
  if (row.w1 > 0 && row.w2 > 0) return (v1 + v2) / 2;
  return row.w1 > 0 ? v1 : row.w2 > 0 ? v2 : 0;
}

/**
 * A 95 % (or `z`-level) interval for a rate in [0, 1] that never leaves [0, 1]: the normal interval on the logit scale,
 * back-transformed, `expit(logit(V) ± z·se/(V(1−V)))` (delta method). A rate of exactly 0 or 1, or a standard error
 * that is not positive, gives `[NaN, NaN]`: there is no variation to build an interval from, and the report says
 * "no data" rather than printing a zero-width interval.
 * @example rateInterval(0.03, 0.02) // [0.008…, 0.105…] where the plain interval would be [−0.009, 0.069]
 */
export function rateInterval(value: number, se: number, z = Z95): [number, number] {
  if (!(value > 0 && value < 1) || !(se > 0) || !Number.isFinite(se)) return [NaN, NaN];
  const logit = Math.log(value / (1 - value));
  const half = (z * se) / (value * (1 - value));
  const expit = (x: number): number => 1 / (1 + Math.exp(-x));
  return [expit(logit - half), expit(logit + half)];
}

/** A ratio of two policy values with its interval. */
export interface RatioEstimate {
  /** V̂(π₁) / V̂(π₂). */
  ratio: number;
  /** Standard error of log(ratio). */
  seLog: number;
  /** `ratio · exp(∓z·seLog)`: always positive. */
  ci: [number, number];
  /**
   * The smaller of the two values' effective conversions, `ESS_k · V̂_k` (ESS = (Σw)²/Σw²): how many conversions the
   * less supported value really rests on. Below a few dozen the normal interval is not to be trusted.
   */
  effectiveConversions: number;
}

/**
 * The ratio of two SNIPS policy values on the same log, `V̂(π₁)/V̂(π₂)`, with a paired delta-method interval on the log
 * scale. Per row, the influence of log V̂_k is `w_k,i (r_i − V̂_k) / (mean(w_k) V̂_k)`; the standard error of the log
 * ratio is `sqrt(mean(d_i²)/n)` with `d_i` the difference of the two, so rows where both policies agree cancel, as in
 * {@link pairedDifference}. The interval `ratio·exp(±z·se)` stays positive. NaNs when either value is 0 or undefined.
 * `modelFloor` as in {@link SnipsOptions}.
 * @example pairedRatio(rows) // { ratio: 0.86, seLog: 0.04, ci: [0.79, 0.93] }: π₁ reaches 86 % of π₂
 */
export function pairedRatio(rows: readonly PairedOpeRow[], z = Z95, options: SnipsOptions = {}): RatioEstimate {
  const first = weightDiagnostics(rows.map((row) => ({ w: row.w1, count: row.count })));
  const second = weightDiagnostics(rows.map((row) => ({ w: row.w2, count: row.count })));
  const none: RatioEstimate = { ratio: NaN, seLog: NaN, ci: [NaN, NaN], effectiveConversions: 0 };
  const n = first.n;
  if (!(n > 0) || !(first.sumW > 0) || !(second.sumW > 0)) return none;
  let sum1 = 0;
  let sum2 = 0;
  for (const row of rows) {
    sum1 += row.count * row.w1 * row.r;
    sum2 += row.count * row.w2 * row.r;
  }
  const v1 = sum1 / first.sumW;
  const v2 = sum2 / second.sumW;
  if (!(v1 > 0) || !(v2 > 0)) return none;
  let s = 0;
  let model = 0;
  for (const row of rows) {
    const d = (row.w1 * (row.r - v1)) / (first.meanWeight * v1) - (row.w2 * (row.r - v2)) / (second.meanWeight * v2);
    s += row.count * d * d;
    if (options.modelFloor) {
      const a = row.w1 / (first.meanWeight * v1) - row.w2 / (second.meanWeight * v2);
      const q = rowRate(row, v1, v2);
      model += row.count * a * a * q * (1 - q);
    }
  }
  const seLog = Math.sqrt(Math.max(s, model) / n) / Math.sqrt(n);
  const ratio = v1 / v2;
  const effectiveConversions = Math.min(first.ess * v1, second.ess * v2);
  if (!(seLog > 0)) return { ratio, seLog, ci: [NaN, NaN], effectiveConversions };
  return { ratio, seLog, ci: [ratio * Math.exp(-z * seLog), ratio * Math.exp(z * seLog)], effectiveConversions };
}
