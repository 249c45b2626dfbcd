import { chiSquareSf } from './distributions.js';

/** Result of Cochran's Q homogeneity test. */
export interface CochranQResult {
  /** Inverse-variance weighted mean of the estimates. */
  pooled: number;
  q: number;
  df: number;
  p: number;
  /** Share of the variation due to real heterogeneity, in [0, 1]. */
  i2: number;
}

/**
 * Cochran's Q test of whether per-segment effects differ (does a dimension moderate the effect?),
 * with Higgins' I² (docs/measurement.md §4.3):
 *
 * `w_k = 1/se_k²`, `τ̄ = Σ w_k τ̂_k / Σ w_k`, `Q = Σ w_k (τ̂_k − τ̄)² ~ χ²_{K−1}` under homogeneity,
 * `I² = max(0, (Q − (K−1))/Q)`.
 *
 * Segments whose standard error is not positive and finite are left out. With fewer than two
 * segments left there is nothing to test: q = 0, p = 1.
 */
export function cochranQ(estimates: readonly number[], ses: readonly number[]): CochranQResult {
  const used: { estimate: number; weight: number }[] = [];
  estimates.forEach((estimate, k) => {
    const se = ses[k] ?? NaN;
    if (se > 0 && Number.isFinite(se) && Number.isFinite(estimate)) used.push({ estimate, weight: 1 / (se * se) });
  });
  const weightSum = used.reduce((a, u) => a + u.weight, 0);
  const pooled = used.length > 0 ? used.reduce((a, u) => a + u.weight * u.estimate, 0) / weightSum : NaN;
  const df = used.length - 1;
  if (df < 1) return { pooled, q: 0, df: Math.max(0, df), p: 1, i2: 0 };
  const q = used.reduce((a, u) => a + u.weight * (u.estimate - pooled) ** 2, 0);
  const i2 = q > 0 ? Math.max(0, (q - df) / q) : 0;
  return { pooled, q, df, p: chiSquareSf(q, df), i2 };
}
