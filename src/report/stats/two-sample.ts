import { studentTCdf, studentTQuantile } from './distributions.js';

/**
 * Sufficient statistics of one arm: number of units, sum and sum of squares of the metric.
 * For a binary metric (converted or not) `sum = sumSq = converters`.
 */
export interface ArmStats {
  n: number;
  sum: number;
  sumSq: number;
}

/** A two-arm comparison: point estimate, its standard error, Welch degrees of freedom, interval and two-sided p. */
export interface Comparison {
  estimate: number;
  se: number;
  df: number;
  ci: [number, number];
  p: number;
}

/** Options of the two-sample comparisons. */
export interface TwoSampleOptions {
  /** Two-sided error rate of the interval (default 0.05 → 95 % interval). */
  alpha?: number;
  /**
   * The metric is binary (0/1): the unit variance is `μ̂(1 − μ̂)` (GrowthBook's proportion
   * formula). Otherwise the sample variance `(ΣY² − (ΣY)²/n)/(n − 1)` is used. Default false.
   */
  binary?: boolean;
}

/** Mean and unit-level variance of one arm (docs/measurement.md §3.1; GrowthBook `details.mdx` eqs 7–12). */
export function armMoments(arm: ArmStats, binary = false): { mean: number; variance: number } {
  const mean = arm.sum / arm.n;
  if (binary) return { mean, variance: mean * (1 - mean) };
  const variance = (arm.sumSq - (arm.sum * arm.sum) / arm.n) / (arm.n - 1);
  return { mean, variance: Math.max(0, variance) };
}

/** Welch–Satterthwaite degrees of freedom `(s_C + s_T)² / (s_C²/(n_C−1) + s_T²/(n_T−1))`, `s_k = σ̂²_k/n_k`. */
export function welchDf(varianceC: number, nC: number, varianceT: number, nT: number): number {
  const sC = varianceC / nC;
  const sT = varianceT / nT;
  return (sC + sT) ** 2 / ((sC * sC) / (nC - 1) + (sT * sT) / (nT - 1));
}

/**
 * Interval and two-sided p-value from an estimate, its standard error and t degrees of freedom:
 * `CI = est ± t_{1−α/2,ν}·se`, `p = 2(1 − F_t(|est|/se, ν))`. When the standard error is zero or
 * not finite (no variation yet) nothing can be concluded: `ci = [−∞, ∞]`, `p = 1`.
 */
export function tInterval(estimate: number, se: number, df: number, alpha = 0.05): Comparison {
  if (!(se > 0) || !Number.isFinite(se) || !Number.isFinite(estimate) || !(df > 0)) {
    return { estimate, se, df, ci: [-Infinity, Infinity], p: 1 };
  }
  const crit = studentTQuantile(1 - alpha / 2, df);
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(estimate) / se, df));
  return { estimate, se, df, ci: [estimate - crit * se, estimate + crit * se], p };
}

/**
 * Absolute difference of means `Δ̂ = μ̂_T − μ̂_C` with the unpooled (Welch) t interval
 * (docs/measurement.md §3.2; GrowthBook `details.mdx` eqs 3–4):
 * `σ̂²(Δ̂) = σ̂²_C/n_C + σ̂²_T/n_T`, `CI = Δ̂ ± t_{1−α/2,ν} σ̂(Δ̂)`, ν = Welch–Satterthwaite.
 * Arms with fewer than 2 units give `ci = [−∞, ∞]`, `p = 1`.
 */
export function absoluteDifference(control: ArmStats, treatment: ArmStats, options: TwoSampleOptions = {}): Comparison {
  const binary = options.binary ?? false;
  const c = armMoments(control, binary);
  const t = armMoments(treatment, binary);
  const estimate = t.mean - c.mean;
  if (control.n < 2 || treatment.n < 2) return tInterval(estimate, NaN, NaN, options.alpha);
  const se = Math.sqrt(c.variance / control.n + t.variance / treatment.n);
  const df = welchDf(c.variance, control.n, t.variance, treatment.n);
  return tInterval(estimate, se, df, options.alpha);
}

/**
 * Relative lift `Δ̂_r = (μ̂_T − μ̂_C)/μ̂_C` with the delta-method standard error
 * (docs/measurement.md §3.3; GrowthBook `details.mdx` eqs 1–2):
 * `σ̂²(Δ̂_r) = σ̂²_C μ̂_T² / (μ̂_C⁴ n_C) + σ̂²_T / (μ̂_C² n_T)`, `CI = Δ̂_r ± t_{1−α/2,ν} σ̂(Δ̂_r)`,
 * with the same Welch ν as the absolute difference. A control mean of 0 gives `estimate = NaN`,
 * `ci = [−∞, ∞]`, `p = 1`.
 */
export function relativeLift(control: ArmStats, treatment: ArmStats, options: TwoSampleOptions = {}): Comparison {
  const binary = options.binary ?? false;
  const c = armMoments(control, binary);
  const t = armMoments(treatment, binary);
  if (c.mean === 0 || !Number.isFinite(c.mean) || control.n < 2 || treatment.n < 2) {
    const estimate = c.mean === 0 ? NaN : (t.mean - c.mean) / c.mean;
    return tInterval(estimate, NaN, NaN, options.alpha);
  }
  const estimate = (t.mean - c.mean) / c.mean;
  const variance =
    (c.variance * t.mean * t.mean) / (c.mean ** 4 * control.n) + t.variance / (c.mean * c.mean * treatment.n);
  const df = welchDf(c.variance, control.n, t.variance, treatment.n);
  return tInterval(estimate, Math.sqrt(variance), df, options.alpha);
}
