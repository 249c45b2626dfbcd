/**
 * Coverage with known truth (docs/measurement.md §7.2): nominal 95 % intervals must cover the true
 * value in 93–97 % of replications — for the relative lift (delta method) and for IPS and SNIPS
 * off-policy values under Candor's logging design (control / explore / targeted mixture).
 */
import { describe, expect, it } from 'vitest';
import { absoluteDifference, ips, pairedDifference, relativeLift, snips, type OpeEstimate, type OpeRow } from '../../../src/report/stats/index.js';
import { binomial, multinomial, mulberry32 } from './seeded-random.js';

const REPLICATIONS = 2000;

function covers(interval: readonly [number, number], truth: number): boolean {
  return interval[0] <= truth && truth <= interval[1];
}

describe('95 % intervals cover the truth in 93–97 % of replications', () => {
  it('relative lift (delta method, Welch t) and absolute difference', () => {
    const random = mulberry32(20261123);
    const [pC, pT, n] = [0.05, 0.06, 5000];
    let relativeCovered = 0;
    let absoluteCovered = 0;
    for (let rep = 0; rep < REPLICATIONS; rep++) {
      const xC = binomial(random, n, pC);
      const xT = binomial(random, n, pT);
      const control = { n, sum: xC, sumSq: xC };
      const treatment = { n, sum: xT, sumSq: xT };
      if (covers(relativeLift(control, treatment, { binary: true }).ci, pT / pC - 1)) relativeCovered++;
      if (covers(absoluteDifference(control, treatment, { binary: true }).ci, pT - pC)) absoluteCovered++;
    }
    // observed with this seed: 94.45 % and 94.45 %
    expect(relativeCovered / REPLICATIONS).toBeGreaterThanOrEqual(0.93);
    expect(relativeCovered / REPLICATIONS).toBeLessThanOrEqual(0.97);
    expect(absoluteCovered / REPLICATIONS).toBeGreaterThanOrEqual(0.93);
    expect(absoluteCovered / REPLICATIONS).toBeLessThanOrEqual(0.97);
  });

  it('IPS and SNIPS of a different deterministic policy from a control/explore/targeted log', () => {
    // Three audiences, four actions (0 = standard content). Logging design of docs/measurement.md §4.5
    // without holdout: c = 10 % control, ε = 10 % uniform explore over K = 4, 80 % targeted.
    const contextShare = [0.4, 0.35, 0.25];
    const rate = [
      [0.03, 0.045, 0.025, 0.03],
      [0.03, 0.03, 0.035, 0.05],
      [0.02, 0.025, 0.03, 0.04],
    ];
    const deployed = [1, 2, 3]; // π0: the marketer's rules
    const candidate = [1, 3, 3]; // π: the policy evaluated off-policy
    const propensity = (x: number, a: number): number => (a === 0 ? 0.1 : 0) + 0.1 / 4 + (deployed[x] === a ? 0.8 : 0);
    const value = (policy: number[]): number =>
      contextShare.reduce((v, share, x) => v + share * (rate[x]?.[policy[x] ?? 0] ?? 0), 0);
    const truth = value(candidate);
    const truthDifference = truth - value(deployed);
    const cells: { x: number; a: number; probability: number }[] = [];
    contextShare.forEach((share, x) => {
      for (let a = 0; a < 4; a++) cells.push({ x, a, probability: share * propensity(x, a) });
    });

    const random = mulberry32(7);
    const visitors = 200_000; // at 50,000 the weight-40 cells hold ~9 conversions and coverage dips to ~94 %
    const covered = { ips: 0, snips: 0, pairedIps: 0, pairedSnips: 0 };
    const ipsValues: number[] = [];
    let sumMeanWeight = 0;
    for (let rep = 0; rep < REPLICATIONS; rep++) {
      const counts = multinomial(random, visitors, cells.map((cell) => cell.probability));
      const rows: OpeRow[] = [];
      const paired: { w1: number; w2: number; r: number; count: number }[] = [];
      cells.forEach((cell, i) => {
        const shown = counts[i] ?? 0;
        const converted = binomial(random, shown, rate[cell.x]?.[cell.a] ?? 0);
        const p = propensity(cell.x, cell.a);
        const w = candidate[cell.x] === cell.a ? 1 / p : 0;
        const w2 = deployed[cell.x] === cell.a ? 1 / p : 0;
        rows.push({ w, r: 1, count: converted }, { w, r: 0, count: shown - converted });
        paired.push({ w1: w, w2, r: 1, count: converted }, { w1: w, w2, r: 0, count: shown - converted });
      });
      const estimate: OpeEstimate = ips(rows);
      ipsValues.push(estimate.value);
      sumMeanWeight += estimate.meanWeight;
      if (covers(estimate.ci, truth)) covered.ips++;
      if (covers(snips(rows).ci, truth)) covered.snips++;
      if (covers(pairedDifference(paired, 'ips').ci, truthDifference)) covered.pairedIps++;
      if (covers(pairedDifference(paired, 'snips').ci, truthDifference)) covered.pairedSnips++;
    }
    const meanIps = ipsValues.reduce((a, b) => a + b, 0) / REPLICATIONS;
    const sdIps = Math.sqrt(ipsValues.reduce((a, b) => a + (b - meanIps) ** 2, 0) / (REPLICATIONS - 1));
    // observed with this seed: IPS 95.1 %, SNIPS 94.95 %, paired IPS 95.2 %, paired SNIPS 95.35 %; mean IPS 0.045508 (truth 0.0455)
    for (const count of Object.values(covered)) {
      expect(count / REPLICATIONS).toBeGreaterThanOrEqual(0.93);
      expect(count / REPLICATIONS).toBeLessThanOrEqual(0.97);
    }
    // IPS is unbiased: the mean over replications is within 3 standard errors of the truth.
    expect(Math.abs(meanIps - truth)).toBeLessThan((3 * sdIps) / Math.sqrt(REPLICATIONS));
    expect(sumMeanWeight / REPLICATIONS).toBeCloseTo(1, 2);
  });
});
