import { normalQuantile } from './distributions.js';

/** Indices of `p` sorted by ascending p-value (stable). */
function ascendingOrder(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => (p[a] ?? 0) - (p[b] ?? 0) || a - b);
}

/**
 * Holm–Bonferroni adjusted p-values (family-wise error rate), returned in input order
 * (docs/measurement.md §3.8): with `p₍₁₎ ≤ … ≤ p₍ₘ₎`, `p̃₍ᵢ₎ = max_{j≤i} min(1, (m−j+1) p₍ⱼ₎)`.
 */
export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = ascendingOrder(p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (p[index] ?? 1)));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate; valid for independent or positively
 * correlated tests), returned in input order (docs/measurement.md §3.8):
 * `p̃₍ᵢ₎ = min_{j≥i} min(1, m p₍ⱼ₎ / j)`.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = ascendingOrder(p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] ?? 0;
    running = Math.min(running, Math.min(1, (m * (p[index] ?? 1)) / (rank + 1)));
    adjusted[index] = running;
  }
  return adjusted;
}

/**
 * Interval consistent with an adjusted p-value, so that the interval and the verdict never
 * disagree (GrowthBook back-solves its "adjusted CI" the same way; docs/measurement.md §3.8). The
 * standard error is inflated to the one that would give `pAdjusted` under a z test,
 * `se* = |estimate| / Φ⁻¹(1 − p̃/2)`, and `CI = estimate ± Φ⁻¹(1 − α/2)·se*`. The interval then
 * excludes 0 exactly when `p̃ < α`. `p̃ ≥ 1` gives `[−∞, ∞]`; a zero estimate with `p̃ < 1`
 * (inconsistent input) falls back to `se`.
 */
export function intervalForP(estimate: number, se: number, pAdjusted: number, alpha = 0.05): [number, number] {
  if (!(pAdjusted < 1) || Number.isNaN(estimate)) return [-Infinity, Infinity];
  const zp = normalQuantile(1 - pAdjusted / 2);
  const adjustedSe = estimate === 0 || !(zp > 0) ? se : Math.abs(estimate) / zp;
  const z = normalQuantile(1 - alpha / 2);
  return [estimate - z * adjustedSe, estimate + z * adjustedSe];
}
