/**
 * Pearson χ² tests for the hash and assignment tests: goodness of fit and 2×2 independence, with p-values from the
 * report's own χ² survival function (checked against SciPy vectors in test/node/stats).
 */
import { chiSquareSf } from '../../../../src/report/stats/distributions.js';


/** Upper-tail p-value of a χ² statistic with `df` degrees of freedom. */
export function chiSquareP(statistic: number, df: number): number {
  return chiSquareSf(statistic, df);
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
