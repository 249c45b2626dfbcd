import { chiSquareSf } from './distributions.js';

/** Result of a sample-ratio-mismatch check. */
export interface SrmResult {
  chi2: number;
  df: number;
  p: number;
  /** True when p < threshold: the split is not what the design says; verdicts that depend on it are blocked. */
  mismatch: boolean;
  observedShares: number[];
  expectedShares: number[];
}

/**
 * Sample ratio mismatch: Pearson χ² goodness of fit of observed unit counts to the design weights
 * (GrowthBook `packages/stats/gbstats/utils.py::check_srm`; docs/measurement.md §3.7):
 *
 * `E_i = N·w_i/Σw`, `χ² = Σ (O_i − E_i)²/E_i`, `df = k − 1`, `p = 1 − F_χ²(χ²; df)`.
 *
 * Default threshold 0.001 (GrowthBook's `DEFAULT_SRM_THRESHOLD`), because the check runs repeatedly.
 * Groups with weight 0 do not count towards df; any unit observed in such a group is a mismatch.
 * With no units (N = 0) or fewer than two weighted groups there is nothing to test: p = 1.
 * Report the observed shares next to p: at large N a harmless 1 % loss can be "significant", and at
 * small N a real loss is not.
 */
export function sampleRatioMismatch(
  observed: readonly number[],
  weights: readonly number[],
  threshold = 0.001,
): SrmResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const weightTotal = weights.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  const expectedShares = observed.map((_, i) => {
    const w = weights[i] ?? 0;
    return weightTotal > 0 && w > 0 ? w / weightTotal : 0;
  });
  const observedShares = observed.map((o) => (total > 0 ? o / total : 0));
  let chi2 = 0;
  let groups = 0;
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i] ?? 0;
    const e = total * (expectedShares[i] ?? 0);
    if (e > 0) {
      groups++;
      chi2 += ((o - e) * (o - e)) / e;
    } else if (o > 0) {
      chi2 = Infinity;
    }
  }
  const df = Math.max(0, groups - 1);
  if (total <= 0 || (df === 0 && chi2 !== Infinity)) {
    return { chi2: 0, df, p: 1, mismatch: false, observedShares, expectedShares };
  }
  const p = chi2 === Infinity ? 0 : chiSquareSf(chi2, df);
  return { chi2, df, p, mismatch: p < threshold, observedShares, expectedShares };
}
