/**
 * Sample ratio mismatch (docs/measurement.md §3.7, §7.3): with correct assignment the alarm rate is the
 * threshold; a 3 % logging loss in one arm at 100k per arm fires it, a 1 % loss at that size
 * usually does not (hence the report shows the observed shares too).
 */
import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from '../../../src/report/stats/index.js';
import { binomial, mulberry32 } from './seeded-random.js';

/** Visitors randomized 50/50, then each treatment exposure lost with probability `loss`. */
function observedSplit(random: () => number, visitors: number, loss: number): [number, number] {
  const treatment = binomial(random, visitors, 0.5);
  return [visitors - treatment, binomial(random, treatment, 1 - loss)];
}

describe('sample ratio mismatch', () => {
  it('fires on a 3 % logging loss in one arm at 100k per arm', () => {
    const random = mulberry32(3);
    let alarms = 0;
    for (let rep = 0; rep < 100; rep++) {
      if (sampleRatioMismatch(observedSplit(random, 200_000, 0.03), [1, 1]).mismatch) alarms++;
    }
    expect(alarms).toBe(100); // observed: 100 / 100
    const expected = sampleRatioMismatch([100_000, 97_000], [1, 1]);
    expect(expected.chi2).toBeCloseTo(45.69, 2);
    expect(expected.observedShares[1]).toBeCloseTo(0.4924, 4);
  });

  it('does not fire on clean 50/50 runs at 100k per arm (≤ 1 % of 200 runs)', () => {
    const random = mulberry32(4);
    let alarms = 0;
    for (let rep = 0; rep < 200; rep++) {
      if (sampleRatioMismatch(observedSplit(random, 200_000, 0), [1, 1]).mismatch) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(2); // observed: 0 / 200
  });

  it('under correct assignment the alarm rate equals the threshold (p-values are calibrated)', () => {
    const random = mulberry32(5);
    const runs = 4000;
    let alarms = 0;
    for (let rep = 0; rep < runs; rep++) {
      const visitors = 20_000;
      const counts = [0, 0, 0];
      counts[0] = binomial(random, visitors, 0.1);
      counts[1] = binomial(random, visitors - counts[0], 0.1 / 0.9);
      counts[2] = visitors - counts[0] - counts[1];
      if (sampleRatioMismatch(counts, [0.1, 0.1, 0.8], 0.05).mismatch) alarms++;
    }
    expect(alarms / runs).toBeGreaterThan(0.04); // observed: 5.25 % at threshold 0.05
    expect(alarms / runs).toBeLessThan(0.06);
  });

  it('a 1 % loss at 100k per arm mostly goes unnoticed at p < 0.001', () => {
    const random = mulberry32(6);
    let alarms = 0;
    for (let rep = 0; rep < 200; rep++) {
      if (sampleRatioMismatch(observedSplit(random, 200_000, 0.01), [1, 1]).mismatch) alarms++;
    }
    expect(alarms / 200).toBeLessThan(0.5); // observed: 14 %
  });

  it('handles empty and impossible groups without throwing', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ p: 1, mismatch: false });
    expect(sampleRatioMismatch([10, 3], [1, 0])).toMatchObject({ chi2: Infinity, p: 0, mismatch: true });
    expect(sampleRatioMismatch([10, 0], [1, 0])).toMatchObject({ p: 1, mismatch: false, df: 0 });
  });
});
