import { normalQuantile } from './distributions.js';
import type { ArmStats } from './two-sample.js';

/** Minimum number of days before any verdict (a full weekly cycle). */
export const MIN_DAYS = 7;
/** Minimum conversions per arm before any verdict (Optimizely's rule; docs/measurement.md §3.9). */
export const MIN_CONVERSIONS_PER_ARM = 25;

/**
 * Minimum detectable effect at the current sample (GrowthBook `docs/statistics/power-technical.mdx`;
 * docs/measurement.md §3.9): `MDE = σ̂_Δ (z_{1−α/2} + z_{power})`, two-sided, where σ̂_Δ is the standard
 * error of the effect now (absolute or relative; the MDE is on the same scale). ≈ 2.80 σ̂_Δ by default.
 */
export function minimumDetectableEffect(se: number, alpha = 0.05, power = 0.8): number {
  return se * (normalQuantile(1 - alpha / 2) + normalQuantile(power));
}

/**
 * Visitors needed in each of two equal arms to detect a relative lift `relativeMde` on a base
 * conversion rate `p` (two-sided test, unpooled variances):
 * `n = (z_{1−α/2} + z_{power})² (p₁(1−p₁) + p₂(1−p₂)) / (p₂ − p₁)²`, `p₁ = p`, `p₂ = p(1 + relativeMde)`,
 * rounded up. (Kohavi's rule of thumb `16σ²/δ²` is the pooled version at α = 0.05, 80 % power.)
 * Infinity when the inputs make detection impossible (p ∉ (0, 1), p₂ ∉ (0, 1), mde = 0).
 */
export function visitorsNeededPerArm(p: number, relativeMde: number, alpha = 0.05, power = 0.8): number {
  const p2 = p * (1 + relativeMde);
  if (!(p > 0 && p < 1 && p2 > 0 && p2 < 1) || relativeMde === 0) return Infinity;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * (p * (1 - p) + p2 * (1 - p2))) / (p2 - p) ** 2);
}

/**
 * The minimum-data rule: no verdict before at least {@link MIN_DAYS} days and
 * {@link MIN_CONVERSIONS_PER_ARM} conversions (`sum` of a binary metric) in each arm
 * (docs/measurement.md §3.9). Until then the report says "not enough data".
 */
export function enoughData(c: ArmStats, t: ArmStats, days: number): boolean {
  return days >= MIN_DAYS && c.sum >= MIN_CONVERSIONS_PER_ARM && t.sum >= MIN_CONVERSIONS_PER_ARM;
}
