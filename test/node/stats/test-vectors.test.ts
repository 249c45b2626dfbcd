/**
 * docs/measurement.md §3.11: every published test vector (rows 1–11; row 12, GrowthBook's hash, is not
 * Candor's hash), checked to 4 significant digits or better.
 */
import { describe, expect, it } from 'vitest';
import {
  absoluteDifference,
  asymptoticConfidenceSequence,
  benjaminiHochberg,
  cochranQ,
  holm,
  ips,
  msprt,
  normalPosterior,
  probabilityBBeatsA,
  relativeLift,
  sampleRatioMismatch,
  snips,
  type ArmStats,
  type OpeRow,
} from '../../../src/report/stats/index.js';

/** Relative difference ≤ 5e-5 (4 significant digits, rounding included). */
function expectSig(actual: number, expected: number, digits = 4): void {
  const tolerance = 0.5 * 10 ** (1 - digits) * Math.abs(expected);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const binary = (converters: number, n: number): ArmStats => ({ n, sum: converters, sumSq: converters });

describe('docs/measurement.md §3.11 test vectors', () => {
  it('1: relative lift with delta method and Welch t, 14/28 vs 16/30', () => {
    const r = relativeLift(binary(14, 28), binary(16, 30), { binary: true });
    expectSig(r.estimate, 0.066667);
    expectSig(r.se, 0.271699);
    expectSig(r.df, 55.707);
    expectSig(r.ci[0], -0.47767);
    expectSig(r.ci[1], 0.61101);
    expectSig(r.p, 0.80707);
  });

  it('2: absolute difference of a mean metric, Welch t', () => {
    const r = absoluteDifference(
      { n: 3407, sum: 1396.87, sumSq: 52377.9767 },
      { n: 3461, sum: 2422.7, sumSq: 134698.29 },
    );
    expectSig(r.estimate, 0.29);
    expectSig(r.se, 0.12478);
    expectSig(r.ci[0], 0.04538);
    expectSig(r.ci[1], 0.53462);
    expectSig(r.p, 0.02016);
  });

  it('3: asymptotic confidence sequence on the relative lift, N* = 5000', () => {
    const r = relativeLift(binary(1396, 3000), binary(2422, 3461), { binary: true });
    expectSig(r.estimate, 0.50386);
    expectSig(r.se, 0.03386);
    const [lo, hi] = asymptoticConfidenceSequence(r.estimate, r.se, 3000 + 3461, 5000);
    expectSig(lo, 0.40098);
    expectSig(hi, 0.60675);
  });

  it('4: normal-Bayes chance to win, 49/100 vs 51/100, flat prior', () => {
    const lift = relativeLift(binary(49, 100), binary(51, 100), { binary: true });
    expectSig(lift.estimate, 0.040816);
    expectSig(lift.se, 0.147253);
    const post = normalPosterior(lift.estimate, lift.se);
    expectSig(post.chanceToWin, 0.60918);
    expectSig(post.ci[0], -0.24779);
    expectSig(post.ci[1], 0.32943);
  });

  it('4b: normal-Bayes with GrowthBook prior N(0.1, variance 0.1) on a mean metric', () => {
    const lift = relativeLift({ n: 10, sum: 100, sumSq: 1002.25 }, { n: 10, sum: 105, sumSq: 1111.5 });
    const post = normalPosterior(lift.estimate, lift.se, { mean: 0.1, sd: Math.sqrt(0.1) });
    expectSig(post.mean, 0.05063, 3); // the design note rounds the inputs; 3 digits there
    expectSig(post.sd, 0.03549);
    expectSig(post.chanceToWin, 0.92315);
  });

  it('5: exact Beta(1,1) P(B > A)', () => {
    expectSig(probabilityBBeatsA(49, 100, 51, 100), 0.61077);
    expectSig(probabilityBBeatsA(14, 28, 16, 30), 0.59855);
    // symmetry: P(B > A) + P(A > B) = 1 for continuous posteriors
    expect(probabilityBBeatsA(49, 100, 51, 100) + probabilityBBeatsA(51, 100, 49, 100)).toBeCloseTo(1, 12);
  });

  it('6: mSPRT, 300/10k vs 360/10k, τ = 0.005, and the GrowthBook CS on the same difference', () => {
    const c = binary(300, 10_000);
    const t = binary(360, 10_000);
    const r = msprt(c, t, { tau: 0.005, binary: true });
    expectSig(r.lambda, 4.2676);
    expectSig(r.p, 0.2343);
    expectSig(r.halfWidth, 0.007794);
    expect(msprt(c, t, { tau: 0.005, binary: true, previousP: 0.1 }).p).toBe(0.1);
    // fixed-horizon on the same data: z = 2.375, p = 0.0175, half-width 0.004951
    const fixed = absoluteDifference(c, t, { binary: true });
    expectSig(fixed.estimate / fixed.se, 2.375, 3);
    expectSig(fixed.p, 0.0175, 3);
    expectSig((fixed.ci[1] - fixed.ci[0]) / 2, 0.004951, 3);
    const cs5k = asymptoticConfidenceSequence(fixed.estimate, fixed.se, 20_000, 5_000);
    const cs20k = asymptoticConfidenceSequence(fixed.estimate, fixed.se, 20_000, 20_000);
    expectSig((cs5k[1] - cs5k[0]) / 2, 0.007899);
    expectSig((cs20k[1] - cs20k[0]) / 2, 0.007667);
  });

  it('7: SRM 600/400 at 50/50', () => {
    const r = sampleRatioMismatch([600, 400], [1, 1]);
    expectSig(r.chi2, 40);
    expectSig(r.p, 2.54e-10, 3);
    expect(r.mismatch).toBe(true);
    expect(r.observedShares).toEqual([0.6, 0.4]);
    expect(r.expectedShares).toEqual([0.5, 0.5]);
  });

  it('8: SRM on four equal groups, and the other vectors of §3.7', () => {
    const r = sampleRatioMismatch([1000, 950, 1050, 1000], [1, 1, 1, 1]);
    expectSig(r.chi2, 5);
    expect(r.df).toBe(3);
    expectSig(r.p, 0.171797);
    expect(r.mismatch).toBe(false);
    const big = sampleRatioMismatch([1_001_000, 999_000], [0.5, 0.5]);
    expectSig(big.chi2, 2);
    expectSig(big.p, 0.1573);
    const uneven = sampleRatioMismatch([850, 150], [90, 10]);
    expectSig(uneven.chi2, 27.78);
    expectSig(uneven.p, 1.36e-7, 3);
  });

  it('9: Holm and Benjamini–Hochberg adjusted p-values, in input order', () => {
    const p = [0.01, 0.04, 0.03, 0.005];
    const expectedHolm = [0.03, 0.06, 0.06, 0.02];
    const expectedBh = [0.02, 0.04, 0.04, 0.02];
    holm(p).forEach((value, i) => {
      expectSig(value, expectedHolm[i] ?? NaN);
    });
    benjaminiHochberg(p).forEach((value, i) => {
      expectSig(value, expectedBh[i] ?? NaN);
    });
  });

  it("10: Cochran's Q", () => {
    const r = cochranQ([0.01, -0.002, 0.004], [0.003, 0.003, 0.004]);
    expectSig(r.pooled, 0.004);
    expectSig(r.q, 8);
    expect(r.df).toBe(2);
    expectSig(r.p, 0.0183, 3);
    expectSig(r.i2, 0.75);
  });

  it('11: OPE toy log from the VW wiki, target policy "always action 3", costs as rewards', () => {
    // action:cost:probability
    const log: [number, number, number][] = [
      [1, 2, 0.4],
      [3, 0.5, 0.2],
      [4, 1.2, 0.5],
      [2, 1, 0.3],
      [3, 1.5, 0.7],
    ];
    const rows: OpeRow[] = log.map(([action, cost, probability]) => ({
      w: (action === 3 ? 1 : 0) / probability,
      r: cost,
      count: 1,
    }));
    expectSig(ips(rows).value, 0.928571);
    expectSig(snips(rows).value, 0.722222);
    // the same log with multiplicities gives the same value
    expectSig(ips([...rows, ...rows]).value, ips(rows.map((row) => ({ ...row, count: 2 }))).value, 12);
  });
});
