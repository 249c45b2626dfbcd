import { lbeta, normalCdf, normalQuantile } from './distributions.js';

/** Normal prior on the effect: mean and standard deviation (not variance). */
export interface NormalPrior {
  mean: number;
  sd: number;
}

/** Posterior of an effect under a normal likelihood and prior. */
export interface NormalPosterior {
  mean: number;
  sd: number;
  /** Posterior probability that the effect is > 0 ("chance to beat control"). */
  chanceToWin: number;
  /** Central 95 % credible interval. */
  ci: [number, number];
}

/**
 * Normal–normal posterior of an effect (absolute or relative lift) as GrowthBook computes it
 * (`docs/statistics/details.mdx` eqs 5–6; docs/measurement.md §3.5). With prior `N(μ₀, σ₀²)` and
 * likelihood `N(Δ̂, σ̂²)`:
 *
 * `σ²_post = 1/(1/σ₀² + 1/σ̂²)`, `μ_post = σ²_post (μ₀/σ₀² + Δ̂/σ̂²)`,
 * `chanceToWin = 1 − Φ(0; μ_post, σ_post)`, `CI = μ_post ± Φ⁻¹(0.975) σ_post`.
 *
 * Without a prior (default) the prior is flat: the posterior is `N(Δ̂, σ̂²)`. GrowthBook's
 * "N(0.1, 0.1)" prior has variance 0.1, i.e. `{ mean: 0.1, sd: Math.sqrt(0.1) }`.
 * A standard error that is not positive and finite gives chanceToWin 0.5 and `[−∞, ∞]`.
 */
export function normalPosterior(estimate: number, se: number, prior?: NormalPrior): NormalPosterior {
  if (!(se > 0) || !Number.isFinite(se) || !Number.isFinite(estimate)) {
    return { mean: estimate, sd: se, chanceToWin: 0.5, ci: [-Infinity, Infinity] };
  }
  let mean = estimate;
  let variance = se * se;
  if (prior && prior.sd > 0 && Number.isFinite(prior.sd)) {
    const priorPrecision = 1 / (prior.sd * prior.sd);
    const dataPrecision = 1 / variance;
    variance = 1 / (priorPrecision + dataPrecision);
    mean = variance * (prior.mean * priorPrecision + estimate * dataPrecision);
  }
  const sd = Math.sqrt(variance);
  const z = normalQuantile(0.975);
  return { mean, sd, chanceToWin: normalCdf(mean / sd), ci: [mean - z * sd, mean + z * sd] };
}

/**
 * Exact `P(p_B > p_A)` for two binomial arms with uniform Beta(1, 1) priors (Evan Miller,
 * "Formulas for Bayesian A/B testing"; docs/measurement.md §3.5). With `α_k = 1 + x_k`, `β_k = 1 + n_k − x_k`:
 *
 * `P = Σ_{i=0}^{α_B−1} B(α_A+i, β_A+β_B) / ((β_B+i) · B(1+i, β_B) · B(α_A, β_A))`,
 *
 * each term computed in log space. Cost is O(x_B): meant for small arms; use
 * {@link normalPosterior} for large ones. NaN for inconsistent counts.
 */
export function probabilityBBeatsA(xa: number, na: number, xb: number, nb: number): number {
  if (!(xa >= 0 && xb >= 0 && xa <= na && xb <= nb)) return NaN;
  const alphaA = 1 + xa;
  const betaA = 1 + na - xa;
  const alphaB = 1 + xb;
  const betaB = 1 + nb - xb;
  const constant = lbeta(alphaA, betaA);
  let total = 0;
  for (let i = 0; i < alphaB; i++) {
    total += Math.exp(lbeta(alphaA + i, betaA + betaB) - Math.log(betaB + i) - lbeta(1 + i, betaB) - constant);
  }
  return Math.min(1, Math.max(0, total));
}
