import { armMoments, type ArmStats } from './two-sample.js';

/**
 * Always-valid interval for an estimate by the asymptotic confidence sequence of Waudby-Smith
 * et al. (arXiv:2103.06476), as GrowthBook implements it (`docs/statistics/sequential.mdx`;
 * docs/measurement.md §3.4a). The point estimate is unchanged; the half-width is
 *
 * `half = σ̂·√N·sqrt( 2(Nρ²+1)/(N²ρ²) · ln(√(Nρ²+1)/α) )`, `ρ = sqrt( (−2 ln α + ln(−2 ln α + 1)) / N* )`
 *
 * where σ̂ is the standard error of the estimate (absolute or relative), N = n_C + n_T and N* the
 * total sample at which a decision is expected (fixed for the whole period; GrowthBook's default
 * 5,000). The interval is narrowest relative to the fixed one near N = N*. A result is significant
 * when the sequence excludes 0; it may be looked at after every visitor.
 * Returns `[−∞, ∞]` when σ̂ or N is not positive and finite.
 */
export function asymptoticConfidenceSequence(
  estimate: number,
  se: number,
  nTotal: number,
  nStar: number,
  alpha = 0.05,
): [number, number] {
  if (!(se > 0) || !Number.isFinite(se) || !(nTotal > 0) || !(nStar > 0) || !Number.isFinite(estimate)) {
    return [-Infinity, Infinity];
  }
  const lnAlpha = Math.log(alpha);
  const rho2 = (-2 * lnAlpha + Math.log(-2 * lnAlpha + 1)) / nStar;
  const nr = nTotal * rho2 + 1;
  const half =
    se * Math.sqrt(nTotal) * Math.sqrt(((2 * nr) / (nTotal * nTotal * rho2)) * Math.log(Math.sqrt(nr) / alpha));
  return [estimate - half, estimate + half];
}

/** Options of {@link msprt}. */
export interface MsprtOptions {
  /** Standard deviation τ of the normal mixing prior on the absolute difference: the effect size you care about. */
  tau: number;
  /** Null value of the difference (default 0). */
  theta0?: number;
  /** Error rate of the confidence sequence (default 0.05). */
  alpha?: number;
  /** The always-valid p-value at the previous look (default 1: first look). */
  previousP?: number;
  /** Binary metric: unit variance `μ̂(1−μ̂)` (default false: sample variance, see {@link armMoments}). */
  binary?: boolean;
}

/**
 * Mixture sequential probability ratio test on the absolute difference θ = μ_T − μ_C with a normal
 * mixing prior θ ~ N(θ₀, τ²) (Johari, Koomen, Pekelis & Walsh, KDD 2017; Johari, Pekelis & Walsh,
 * arXiv:1512.04922; Optimizely Stats Engine; docs/measurement.md §3.4b). With `θ̂ = μ̂_T − μ̂_C` and
 * `V = σ̂²_C/n_C + σ̂²_T/n_T`:
 *
 * `Λ = sqrt(V/(V+τ²)) · exp( τ²(θ̂ − θ₀)² / (2V(V+τ²)) )`, always-valid `p = min(p_prev, 1/Λ)`,
 * confidence-sequence half-width `sqrt( V(V+τ²)/τ² · (ln((V+τ²)/V) − 2 ln α) )`.
 *
 * Pass the previous look's p as `previousP` so the p-value never increases. Without variance yet
 * (V = 0), returns `lambda = 1`, `p = previousP ?? 1`, `halfWidth = Infinity`.
 */
export function msprt(
  control: ArmStats,
  treatment: ArmStats,
  options: MsprtOptions,
): { lambda: number; p: number; halfWidth: number } {
  const { tau, theta0 = 0, alpha = 0.05, previousP = 1 } = options;
  const c = armMoments(control, options.binary ?? false);
  const t = armMoments(treatment, options.binary ?? false);
  const v = c.variance / control.n + t.variance / treatment.n;
  if (!(v > 0) || !Number.isFinite(v) || !(tau > 0)) {
    return { lambda: 1, p: Math.min(1, previousP), halfWidth: Infinity };
  }
  const theta = t.mean - c.mean;
  const tau2 = tau * tau;
  const lambda = Math.sqrt(v / (v + tau2)) * Math.exp((tau2 * (theta - theta0) ** 2) / (2 * v * (v + tau2)));
  const p = Math.min(1, previousP, 1 / lambda);
  const halfWidth = Math.sqrt(((v * (v + tau2)) / tau2) * (Math.log((v + tau2) / v) - 2 * Math.log(alpha)));
  return { lambda, p, halfWidth };
}

