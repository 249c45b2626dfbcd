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
 * Inverse propensity scoring (measurement.md §4.5; `st-tech/zr-obp` `obp/ope/estimators.py`):
 * `V̂ = (1/n) Σ w_i r_i`; `se = sd(w_i r_i)/√n`; `CI = V̂ ± z_{0.975} se`. Unbiased when the logged
 * propensities are right and positive.
 */
export function ips(rows: readonly OpeRow[]): OpeEstimate {
  return meanEstimate(rows, (i) => {
    const row = rows[i];
    return row ? row.w * row.r : 0;
  });
}

/**
 * Self-normalized IPS (Swaminathan & Joachims, NeurIPS 2015; measurement.md §4.5):
 * `V̂ = Σ w_i r_i / Σ w_i`, delta-method `se = sqrt(mean(w_i² (r_i − V̂)²)) / (mean(w_i) √n)`.
 * Small bias, much lower variance than IPS; stays within the range of r.
 */
export function snips(rows: readonly OpeRow[]): OpeEstimate {
  const { n, sumW, ess, meanWeight } = weightDiagnostics(rows);
  if (!(n > 0) || !(sumW > 0)) return withInterval(NaN, NaN, n, ess, meanWeight);
  let sumWR = 0;
  for (const row of rows) sumWR += row.count * row.w * row.r;
  const value = sumWR / sumW;
  let s = 0;
  for (const row of rows) s += row.count * row.w * row.w * (row.r - value) ** 2;
  const se = Math.sqrt(s / n) / (meanWeight * Math.sqrt(n));
  return withInterval(value, se, n, ess, meanWeight);
}

/**
 * Doubly robust estimator (Dudík, Langford & Li, ICML 2011, arXiv:1103.4601; measurement.md §4.5):
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
 * standard error (measurement.md §4.5): rows where both policies agree cancel, which makes it much
 * tighter than two separate intervals.
 * - `'ips'`: per-row `Z_i = (w1_i − w2_i) r_i`, `se = sd(Z)/√n`.
 * - `'snips'`: difference of the two SNIPS values, se from the per-row difference of their
 *   delta-method influence terms `w_k,i (r_i − V̂_k)/mean(w_k)`.
 * `ess` is the smaller of the two policies' effective sample sizes; `meanWeight` is π₁'s.
 */
export function pairedDifference(rows: readonly PairedOpeRow[], estimator: 'ips' | 'snips'): OpeEstimate {
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
  for (const row of rows) {
    const d = (row.w1 * (row.r - v1)) / first.meanWeight - (row.w2 * (row.r - v2)) / second.meanWeight;
    s += row.count * d * d;
  }
  return withInterval(v1 - v2, Math.sqrt(s / n) / Math.sqrt(n), n, ess, first.meanWeight);
}
