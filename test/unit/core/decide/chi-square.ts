/**
 * Pearson χ² tests for the hash and assignment tests: goodness of fit and 2×2 independence, with p-values from the
 * regularized upper incomplete gamma function Q(df/2, χ²/2) (series for x < a + 1, Lentz continued fraction otherwise,
 * as in Numerical Recipes §6.2).
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
function logGamma(x: number): number {
  const g = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = g[0] ?? 0;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (g[i] ?? 0) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // P(a, x) by its series, Q = 1 − P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * lead);
  }
  // Q(a, x) by its continued fraction (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let f = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return lead * f;
}

/** Upper-tail p-value of a χ² statistic with `df` degrees of freedom. */
export function chiSquareP(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}

/** Goodness of fit of observed counts to expected shares (summing to 1). */
export function goodnessOfFit(observed: readonly number[], shares: readonly number[]): { statistic: number; p: number } {
  const n = observed.reduce((s, o) => s + o, 0);
  let statistic = 0;
  observed.forEach((o, i) => {
    const e = n * (shares[i] ?? 0);
    statistic += ((o - e) * (o - e)) / e;
  });
  return { statistic, p: chiSquareP(statistic, observed.length - 1) };
}

/** Independence in a 2×2 table `[[a, b], [c, d]]` (rows: draw 1 below/above its cut, columns: draw 2). */
export function independence2x2(table: readonly [readonly [number, number], readonly [number, number]]): {
  statistic: number;
  p: number;
} {
  const [[a, b], [c, d]] = table;
  const n = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  let statistic = 0;
  table.forEach((row, i) => {
    row.forEach((o, j) => {
      const e = ((rows[i] ?? 0) * (cols[j] ?? 0)) / n;
      statistic += ((o - e) * (o - e)) / e;
    });
  });
  return { statistic, p: chiSquareP(statistic, 1) };
}
