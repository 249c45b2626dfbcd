import { describe, expect, it } from 'vitest';
import { absoluteDifference, asymptoticConfidenceSequence, msprt, normalPosterior, probabilityBBeatsA, relativeLift } from '../../../src/report/stats/index.js';

describe('two-sample comparisons on degenerate data never throw and never claim certainty', () => {
  it('no conversions yet in either arm: p = 1, unbounded interval', () => {
    const empty = { n: 500, sum: 0, sumSq: 0 };
    const abs = absoluteDifference(empty, empty, { binary: true });
    expect(abs).toMatchObject({ estimate: 0, p: 1, ci: [-Infinity, Infinity] });
    const rel = relativeLift(empty, { n: 500, sum: 3, sumSq: 3 }, { binary: true });
    expect(rel.estimate).toBeNaN();
    expect(rel).toMatchObject({ p: 1, ci: [-Infinity, Infinity] });
  });

  it('arms of fewer than two visitors', () => {
    expect(absoluteDifference({ n: 1, sum: 1, sumSq: 1 }, { n: 1, sum: 0, sumSq: 0 }).p).toBe(1);
    expect(relativeLift({ n: 0, sum: 0, sumSq: 0 }, { n: 0, sum: 0, sumSq: 0 }).p).toBe(1);
  });

  it('binary and mean formulas agree up to n/(n−1) on 0/1 data', () => {
    const c = { n: 10_000, sum: 300, sumSq: 300 };
    const t = { n: 10_000, sum: 360, sumSq: 360 };
    expect(absoluteDifference(c, t).se / absoluteDifference(c, t, { binary: true }).se).toBeCloseTo(Math.sqrt(10_000 / 9_999), 10);
  });

  it('the interval level follows alpha', () => {
    const c = { n: 2000, sum: 100, sumSq: 100 };
    const t = { n: 2000, sum: 130, sumSq: 130 };
    const w95 = absoluteDifference(c, t, { binary: true });
    const w90 = absoluteDifference(c, t, { alpha: 0.1, binary: true });
    expect(w90.ci[1] - w90.ci[0]).toBeLessThan(w95.ci[1] - w95.ci[0]);
    expect(w90.p).toBe(w95.p);
  });

  it('sequential and Bayesian helpers degrade the same way', () => {
    expect(asymptoticConfidenceSequence(0, 0, 100, 5000)).toEqual([-Infinity, Infinity]);
    const zero = { n: 100, sum: 0, sumSq: 0 };
    expect(msprt(zero, zero, { tau: 0.01, binary: true })).toEqual({ lambda: 1, p: 1, halfWidth: Infinity });
    expect(normalPosterior(0.1, NaN).chanceToWin).toBe(0.5);
    expect(probabilityBBeatsA(0, 0, 0, 0)).toBeCloseTo(0.5, 12);
    expect(probabilityBBeatsA(5, 3, 1, 2)).toBeNaN();
  });

  it('the asymptotic CS is wider than the fixed interval and tightest relative to it near N*', () => {
    const est = 0.01;
    const se = 0.004;
    const ratio = (n: number) => (asymptoticConfidenceSequence(est, se, n, 20_000)[1] - est) / (1.959963984540054 * se);
    expect(ratio(20_000)).toBeGreaterThan(1);
    expect(ratio(20_000)).toBeLessThan(ratio(2_000));
    expect(ratio(20_000)).toBeLessThan(ratio(200_000));
  });
});
