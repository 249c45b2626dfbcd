/**
 * Cochran's Q with known truth (docs/measurement.md §4.3, §7.6): it rejects at about α when segments
 * share the same effect, and far more often when one segment's effect has the opposite sign.
 */
import { describe, expect, it } from 'vitest';
import { absoluteDifference, cochranQ } from '../../../src/report/stats/index.js';
import { binomial, mulberry32 } from './seeded-random.js';

function rejectionRate(effects: readonly number[], seed: number, replications: number): number {
  const random = mulberry32(seed);
  const n = 5000;
  const base = 0.05;
  let rejections = 0;
  for (let rep = 0; rep < replications; rep++) {
    const estimates: number[] = [];
    const ses: number[] = [];
    for (const effect of effects) {
      const xc = binomial(random, n, base);
      const xt = binomial(random, n, base + effect);
      const diff = absoluteDifference({ n, sum: xc, sumSq: xc }, { n, sum: xt, sumSq: xt }, { binary: true });
      estimates.push(diff.estimate);
      ses.push(diff.se);
    }
    if (cochranQ(estimates, ses).p < 0.05) rejections++;
  }
  return rejections / replications;
}

describe("Cochran's Q on four segments of 5,000 visitors per arm", () => {
  it('rejects at ≈ α = 0.05 when every segment has the same +1 pp effect', () => {
    const rate = rejectionRate([0.01, 0.01, 0.01, 0.01], 11, 2000);
    // observed with this seed: 4.95 %
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.07);
  });

  it('rejects most of the time when one segment is hurt (−1 pp) while the others gain +1 pp', () => {
    const rate = rejectionRate([0.01, 0.01, 0.01, -0.01], 12, 500);
    // observed with this seed: 93.6 %
    expect(rate).toBeGreaterThan(0.5);
  });

  it('returns p = 1 with fewer than two usable segments', () => {
    expect(cochranQ([0.01], [0.002])).toMatchObject({ q: 0, p: 1, df: 0 });
    expect(cochranQ([0.01, 0.02], [0.002, 0])).toMatchObject({ q: 0, p: 1 });
  });
});
